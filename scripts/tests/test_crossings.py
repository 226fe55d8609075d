"""Ways into a lane (the crossing param): a way other than the usual one is a lane of its own
("go-ffm"), with its own toll, its base lane's harness, and a column in the crossing table."""

import copy
import json
import os

import pytest

from conftest import DATA, P, finish, row
from crossbench_compare.__main__ import main
from crossbench_compare.present import agreement_md, missing
from crossbench_compare.present.charts import crossing_ways
from crossbench_compare.present.report import make_report
from crossbench_compare.reading import crossings, formats, lanes
from crossbench_compare.reading.errors import CompareError
from crossbench_compare.reading.jmh import Result
from crossbench_compare.reading.memory_csv import read_memory
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows import agreement
from crossbench_compare.rows.make import make_rows
from crossbench_compare.rows.toll import crossing_weights

RUN = os.path.join(DATA, "run-crossings")
FFM_ON_JDK_17 = "FFM needs JDK 22 or later, and this is JDK 17: the FFM API is final from JDK 22"


def crossing_run(drop_way=None, unavailable=None):
    """run-crossings, its rows and catalogue; drop_way: a way in left out of the run (its results
    and its bare call), as a JVM that cannot use it leaves it, env.json saying why (`unavailable`)."""
    run = load_run(RUN)
    if drop_way:
        run.results = [r for r in run.results
                       if r.params.get("crossing") != drop_way and r.benchmark != f"{P}BareCall.{drop_way}"]
        run.env = copy.deepcopy(run.env)
        run.env["crossings"][drop_way]["unavailable"] = unavailable
    rows = make_rows(run.results, run.env, run.load, run.memory, run.forks)
    return run, rows, formats.of(run.env).catalogue


def by_name(rows):
    return {r.name: r for r in rows}


def result(params):
    return Result(P + "Jwt.sign", "avgt", 1, 3, params, 1000.0, 0.0, "ns/op", [[1000.0] * 3] * 3)


def test_the_usual_ways_keep_the_lane_and_another_way_is_a_lane_of_its_own():
    assert [crossings.lane_of("go", w) for w in (None, "", "none", "jni", "ffm", "jna")] == \
        ["go", "go", "go", "go", "go-ffm", "go-jna"]
    assert crossings.split_params("python", {"lane": "python", "crossing": "ffm", "size": "0"}) == \
        ("python-ffm", {"lane": "python", "size": "0"})


def test_jni_rows_of_new_runs_key_like_rows_of_runs_before_the_param():
    old, new = make_rows([result({"lane": "go"})], {}), make_rows([result({"lane": "go", "crossing": "jni"})], {})
    assert (new[0].lane, new[0].key, new[0].name) == (old[0].lane, old[0].key, old[0].name) == \
        ("go", (P + "Jwt.sign", "", 1), "jwt/sign/go/1t")


def test_rows_of_other_ways_are_lanes_of_their_own_keyed_like_the_java_row():
    _, rows, _ = crossing_run()
    assert lanes.ordered({r.lane for r in rows}) == ["java", "go", "python", "go-ffm", "python-ffm", "go-jna",
                                                     "python-jna", "ffm", "jna", "jni"]   # the references by name
    assert not [r for r in rows if "crossing" in r.params]
    rows = by_name(rows)
    ffm, java = rows["jwt/sign/go-ffm/1t"], rows["jwt/sign/java/1t"]
    assert ffm.key == java.key
    assert ffm.ratio_vs_java == pytest.approx(2.0, rel=0.03)       # 4000 / 2000 ns
    assert rows["json/tree/small/usual/go-ffm/1t"].library == "encoding/json"   # its base lane's library


def test_derived_lanes_follow_the_registry_grouped_by_way_with_titles_shades_and_the_base_lanes_answers():
    env = {"lanes": {"java": {"title": "Java", "colour": "#e76f00"},
                     "go": {"title": "Go", "colour": "#00add8", "http_tiers": ["handler"]},
                     "python": {"title": "Python", "colour": "#f2c12e"}},
           "crossings": {"none": {}, "jni": {}, "ffm": {"every_op": True}, "jna": {"every_op": False}}}
    run = lanes.of(env, {("python", "jna"), ("go", "jna"), ("python", "ffm"), ("go", "ffm")})
    assert run.names == ("java", "go", "python", "go-ffm", "python-ffm", "go-jna", "python-jna")
    assert [run.title(n) for n in ("go-ffm", "python-jna")] == ["Go (FFM)", "Python (JNA)"]
    # #00add8 blended toward white: 35% for the first other way in, 60% for the next.
    assert (run.colour("go-ffm"), run.colour("go-jna")) == ("#59cae6", "#99deef")
    assert run.harnesses["python-ffm"] == run.harnesses["python"] == "pyperf"
    assert run.answers("go-ffm", "tier=handler") and not run.answers("go-ffm", "tier=server")
    assert (run.base("go-jna"), run.way("go-jna"), run.way("go"), run.way("java")) == ("go", "jna", "jni", "none")
    assert run.reaches_every_op("go-ffm") and not run.reaches_every_op("go-jna")


def test_reference_titles_name_the_bare_call_of_each_way():
    run = lanes.of({"format": 2, **json.load(open(os.path.join(RUN, "env.json"), encoding="utf-8"))})
    assert [run.title(n) for n in ("jni", "ffm", "jna")] == ["bare JNI", "bare FFM (critical)", "bare JNA"]


def test_an_op_is_net_of_the_toll_of_the_way_it_ran_through():
    rows = finish([row("Jwt.sign", lane, 4000) for lane in ("go", "go-ffm")]
                  + [row("Crossing.echo", lane, echo, params="size=0", payload="0")
                     for lane, echo in (("go", 100), ("go-ffm", 60))])
    nets = {r.lane: r.net_of_crossing for r in rows if r.op == "jwt"}
    assert nets == {"go": pytest.approx(3900), "go-ffm": pytest.approx(3940)}   # not go's echo: 3900
    _, rows, _ = crossing_run()
    rows = by_name(rows)
    ffm = rows["jwt/sign/go-ffm/1t"]
    assert ffm.net_of_crossing == pytest.approx(ffm.median - rows["crossing/echo/0/go-ffm/1t"].median)


def test_two_echo_rows_of_one_curve_sharing_a_size_fail_with_a_message():
    with pytest.raises(CompareError, match=r"two echo rows of one toll curve share a size \(1024 bytes"):
        crossing_weights([0, 1024, 1024, 65536], 2000)
    with pytest.raises(CompareError, match="share a size"):
        finish([row("Jwt.sign", "go", 4000)] + [row("Crossing.echo", "go", echo, params=f"size=0 x={echo}",
                                                    payload="0") for echo in (60, 100)])


def test_other_ways_agree_with_their_base_lanes_own_harness_net_of_their_own_toll():
    run, rows, catalogue = crossing_run()
    pairs = {(p.row.op, p.row.lane): p for p in agreement.op_pairs(rows, run.native, catalogue.roles[0])}
    ffm = pairs[("jwt", "go-ffm")]
    assert (ffm.native.lane, ffm.native.harness, ffm.native.median) == ("go", "go-test", 3800)
    assert ffm.measured == pytest.approx(ffm.row.net_of_crossing)
    assert pairs[("jwt", "python-ffm")].native.harness == "pyperf"
    assert ("jwt", "go-jna") not in pairs   # JNA reaches the crossing only


def cells(line):
    return [c.strip() for c in line.strip("|").split("|")]


def test_the_crossing_table_has_the_floor_each_way_and_the_bare_calls():
    run, rows, catalogue = crossing_run()
    text = agreement_md.section(rows, run.native, "run-crossings", catalogue)
    head = text.index("| lane | call | C floor | JNI | JNI / floor | FFM | FFM / floor | JNA | JNA / floor |")
    lines = [cells(l) for l in text[head + 2:] if l.startswith("|")]
    assert [l[:2] for l in lines] == [["Go", "noop"], ["Go", "echo 0 B"], ["Go", "echo 1,024 B"],
                                      ["Go", "echo 65,536 B"], ["Python", "noop"], ["Python", "echo 0 B"],
                                      ["Python", "echo 1,024 B"], ["Python", "echo 65,536 B"],
                                      ["bare JNI", "empty C function"], ["bare FFM (critical)", "empty C function"],
                                      ["bare JNA", "empty C function"]]
    go_noop = lines[0]
    assert go_noop[2] == "40.0 (39.2–40.8)"                    # the C floor: half of JNI's 80 ns
    assert go_noop[3].startswith("80.") and go_noop[4].startswith("2.0")   # JNI 80 ns, 2x the floor
    assert go_noop[5].startswith("50.") and go_noop[6].startswith("1.2")   # FFM 50 ns
    assert go_noop[7].startswith("300 ") and go_noop[8].startswith("7.4")  # JNA 300 ns
    # Each bare call under its own way's column, and nothing else on its line.
    bare = {l[0]: [i for i, c in enumerate(l) if c and i > 1] for l in lines[-3:]}
    assert bare == {"bare JNI": [3], "bare FFM (critical)": [5], "bare JNA": [7]}
    assert not [l for l in text if "not in this run" in l]


def test_a_way_the_jvm_could_not_use_gets_a_line_saying_why():
    run, rows, catalogue = crossing_run("ffm", FFM_ON_JDK_17)
    text = agreement_md.section(rows, run.native, "run", catalogue)
    assert "| lane | call | C floor | JNI | JNI / floor | JNA | JNA / floor |" in text
    assert f"FFM: not in this run: {FFM_ON_JDK_17}" in text
    assert "bare FFM (critical)" not in "\n".join(text)


def test_without_native_csv_several_ways_still_compare_and_one_way_shows_no_table():
    run, rows, catalogue = crossing_run()
    text = "\n".join(agreement_md.section(rows, [], "run", catalogue))
    assert "no native.csv, so no floor" in text and "| Go | noop | n/a | 80." in text
    _, jni_only, _ = crossing_run("ffm", FFM_ON_JDK_17)
    jni_only = [r for r in jni_only if lanes.way(r.lane) != "jna"]
    assert "### The crossing" not in "\n".join(agreement_md.section(jni_only, [], "run", catalogue))


def test_a_way_that_reaches_only_the_crossing_is_not_missing_from_the_ops():
    run, rows, catalogue = crossing_run()
    assert missing.missing_items(run, rows, catalogue) == []
    rows = [r for r in rows if r.name != "jwt/sign/go-ffm/1t"]
    assert missing.missing_items(run, rows, catalogue) == ["jwt sign on 1 thread: no result for Go (FFM)"]


def test_the_summary_compares_lanes_that_do_work_with_java():
    run, rows, _ = crossing_run()
    summary = make_report(run, rows, [], {}).split("## Summary")[1].split("\n## ")[0]
    assert "Go (FFM) vs Java" in summary and "Python (FFM) vs Java" in summary
    assert "(JNA) vs Java" not in summary


def test_a_memory_count_through_another_way_is_that_ways_lanes(tmp_path):
    path = tmp_path / "memory.csv"
    path.write_text("benchmark,params,lane,bytes_per_op,jvm_bytes_per_op,calls\n"
                    f"{P}Crossing.echo,size=0 crossing=ffm,go,0.0,16.0,100\n"
                    f"{P}Crossing.echo,crossing=jni size=0,go,0.0,24.0,100\n")
    assert sorted(read_memory(str(path))) == [(P + "Crossing.echo", "size=0", "go"),
                                              (P + "Crossing.echo", "size=0", "go-ffm")]


@pytest.fixture
def figures(monkeypatch):
    saved = {}
    monkeypatch.setattr(crossing_ways, "save", lambda fig, path, rect=None: saved.setdefault("fig", fig))
    return saved


def test_the_chart_has_a_bar_per_way_and_the_floor_and_the_large_echo_apart(figures, tmp_path):
    run, rows, _ = crossing_run()
    assert crossing_ways.crossing_ways_chart(rows, run.native, str(tmp_path / "c.png"))
    axes = figures["fig"].axes
    assert [ax.get_title() for ax in axes] == ["Go: calls, ns/op", "Go: large echoes, µs/op",
                                               "Python: calls, ns/op", "Python: large echoes, µs/op"]
    assert len(axes[0].patches) == 3 * 4 and len(axes[1].patches) == 4   # noop, 0 B, 1 KiB x floor and 3 ways
    labels = [t.get_text() for t in axes[1].get_legend().get_texts()]
    assert labels == ["C floor (no JVM)", "Go (JNI)", "Go (FFM)", "Go (JNA)"]
    assert axes[1].patches[1].get_height() == pytest.approx(1.0, rel=0.03)   # JNI's 64 KiB echo: 1 µs


def test_no_chart_with_one_bar_a_call():
    _, rows, _ = crossing_run()
    jni_only = [r for r in rows if lanes.way(r.lane) == "jni"]
    assert crossing_ways.crossing_ways_chart(jni_only, [], "unused.png") is False


def test_compare_makes_the_report_of_a_run_with_several_ways_in(run_copy):
    run_dir = run_copy("run-crossings")
    assert main([run_dir]) == 0
    report = open(os.path.join(run_dir, "report.md"), encoding="utf-8").read()
    assert "![The crossing by way in, against its C floor](charts/crossing_ways.png)" in report
    assert os.path.getsize(os.path.join(run_dir, "charts", "crossing_ways.png")) > 10_000
    assert "| Go (FFM) |" in report and "`jna`: JNA, the crossing only" in report
