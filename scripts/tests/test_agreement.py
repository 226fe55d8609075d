"""The Agreement section: JNI figures net of the toll against the runtimes' own harnesses."""

import os

import pytest

from conftest import CATALOGUE, DATA, finish, row
from crossbench_compare.present import agreement_md
from crossbench_compare.present.report import make_report
from crossbench_compare.reading.errors import CompareError
from crossbench_compare.reading.native_csv import NativeRow, read_native
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows import agreement
from crossbench_compare.rows.make import make_rows


def native(op, variant, payload, lane, harness, median, spread=0.02):
    return NativeRow(op, variant, payload, lane, harness, median, median * (1 - spread), median * (1 + spread))


def rows_with_echo(op_ns):
    """Go jwt sign at op_ns through JNI, and Go's echo of 0 B at 100 ns: net = op_ns - 100."""
    return finish([row("Jwt.sign", "go", op_ns, op="jwt", variant="sign"),
                   row("Crossing.echo", "go", 100, params="size=0", payload="0", op="crossing", variant="echo")])


@pytest.mark.parametrize("own, verdict", [(4900, agreement.WITHIN), (3000, agreement.APART),
                                          (4400, agreement.UNSURE)])
def test_net_of_toll_against_the_own_harness(own, verdict):
    pairs = agreement.op_pairs(rows_with_echo(5000), [native("jwt", "sign", "", "go", "go-test", own)], "usual")
    assert len(pairs) == 1
    p = pairs[0]
    assert p.measured == pytest.approx(4900)                     # 5000 - the echo of 0 B
    assert p.ratio == pytest.approx(4900 / own)
    assert p.low == pytest.approx(4900 / (own * 1.02)) and p.high == pytest.approx(4900 / (own * 0.98))
    assert p.verdict == verdict


def test_only_the_lanes_own_harness_counts_and_crossing_rows_go_to_the_floor():
    rows = rows_with_echo(5000)
    wrong = [native("jwt", "sign", "", "go", "pyperf", 4900)]
    assert agreement.op_pairs(rows, wrong, "usual") == []
    floor = agreement.floor_pairs(rows, [native("crossing", "echo", "0", "go", "c", 50),
                                         native("crossing", "echo", "0", "go", "c-main", 40)])
    assert [(p.native.harness, p.ratio) for p in floor] == [("c", pytest.approx(2.0))]


def test_fixture_run_flags_the_op_that_disagrees():
    run = load_run(os.path.join(DATA, "run-new"))
    rows = make_rows(run.results, run.env, run.load)
    text = "\n".join(agreement_md.section(rows, run.native, "run-new", CATALOGUE))
    assert "json bind small Python: more than 10% apart" in text
    assert "| Go | echo 65,536 B | 700 (686–714) | 1,002 (999–1,006) | 1.43x (1.40–1.47x) |" in text


def test_a_run_without_native_csv_says_how_to_make_it():
    text = "\n".join(agreement_md.section([], [], "2026-01-01-000000", CATALOGUE))
    assert "scripts/native-bench results/2026-01-01-000000" in text


def test_native_csv_must_have_its_columns_and_unit(tmp_path):
    bad = tmp_path / "native.csv"
    bad.write_text("op,variant,median\njson,tree,1\n")
    with pytest.raises(CompareError, match="expected the columns"):
        read_native(str(bad))
    bad.write_text("op,variant,payload,lane,harness,median,ci_low,ci_high,unit\njson,tree,small,go,go-test,1,1,1,us/op\n")
    with pytest.raises(CompareError, match="ns/op"):
        read_native(str(bad))


def test_findings_written_after_the_run_appear_in_its_report(run_copy):
    run_dir = run_copy("run-new")
    with open(os.path.join(run_dir, "findings.md"), "w", encoding="utf-8") as f:
        f.write("Re-measured json bind small in alternation: 1.02x (0.99-1.05x).\n")
    run = load_run(run_dir)
    rows = make_rows(run.results, run.env, run.load)
    text = "\n".join(agreement_md.section(rows, run.native, "run-new", CATALOGUE, bool(run.findings)))
    assert "see [Findings](#findings)" in text
    report = make_report(run, rows, [], {})
    assert "## Findings" in report and "Re-measured json bind small in alternation" in report


def test_fast_library_rows_have_no_native_partner():
    # native.csv names no library; its harnesses time the usual one.
    rows = finish([row("JsonParse.bind", "go", lib_ns, op="json", variant="bind", payload="small",
                       params=f"library={role} payload=small", payload_bytes=0)
                   for role, lib_ns in (("usual", 5000), ("fast", 2500))]
                  + [row("Crossing.echo", "go", 100, params="size=0", payload="0", op="crossing", variant="echo")])
    pairs = agreement.op_pairs(rows, [native("json", "bind", "small", "go", "go-test", 4900)], "usual")
    assert [p.row.params for p in pairs] == ["library=usual payload=small"]


def test_request_rows_pair_with_their_tier_and_endpoint_as_written_included():
    run = load_run(os.path.join(DATA, "run-format2"))
    rows = make_rows(run.results, run.env, run.load)
    pairs = {(p.row.variant, p.row.payload, p.row.lane): p for p in agreement.op_pairs(rows, run.native, "usual")
             if p.row.op == "request"}
    # Every tier and endpoint each lane's own harness timed, the as-written login as an endpoint of its
    # own where the lane answers it (Go times its login once, as login).
    assert {(t, e) for t, e, lane in pairs if lane == "go"} == {
        (t, e) for t in ("handler", "framework", "server") for e in ("json", "login", "items")}
    assert ("server-caller", "login-as-written", "python") in pairs
    as_written = pairs[("server", "login-as-written", "python")]
    assert as_written.native.payload == "login-as-written" and as_written.verdict == agreement.WITHIN
    assert as_written.ratio == pytest.approx(1 / 0.95, rel=0.01)   # the fixture's harness: 0.95 of JNI's time
    assert pairs[("server", "json", "python")].verdict == agreement.APART    # pyperf timed it 30% faster
    text = "\n".join(agreement_md.section(rows, run.native, "run-format2", CATALOGUE))
    assert "Times in ns/op (bcrypt in ms/op, request in µs/request)" in text
    assert "| request | server | login-as-written | Python | 208,790 (207,835–209,750) |" in text
    assert "request server json Python: more than 10% apart" in text
