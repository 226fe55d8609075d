"""native-bench: the lanes from `crossbench lanes --config`, the harness each names,
--only, the C floor's command, the children's environment and how failures show.
Harnesses are stand-ins here (shell scripts); no timing is asserted."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HERE
from crossbench_measure import floor, go_test, lanes_config, native_bench
from crossbench_measure.process import HarnessError, child_env

SCRIPTS = os.path.dirname(HERE)

# What `scripts/crossbench lanes --config` prints (the Python lane's config has an escaped newline).
LANES = ("go\t/repo/target/native/libcrossbench_go.so\tgo-test\t\n"
         "python\t/repo/target/native/libcrossbench_py.so\tpyperf\tpython=/repo/target/venv/bin/python\\npath=/repo/py\n")

# A stand-in for target/native/crossing_floor: --lanes FILE --rounds R; it prints a row for
# every lane FILE names, and fails if FILE is not exactly what lanes --config printed.
FAKE_FLOOR = """#!/bin/sh
[ "$1" = --lanes ] && [ "$3" = --rounds ] || { echo "usage: $0 --lanes FILE --rounds R" >&2; exit 2; }
[ "$(cat "$2")" = "$(printf '%s' "$EXPECTED_LANES")" ] || { echo "lanes file differs" >&2; exit 3; }
echo lane,variant,payload,thread,round,ns_per_op
r=1
while [ $r -le "$4" ]; do
  for lane in $(cut -f1 "$2"); do
    for thread in main pthread; do
      echo "$lane,noop,,$thread,$r,$((50 + r))"
      echo "$lane,echo,1024,$thread,$r,$((300 + r)).5"
    done
  done
  r=$((r + 1))
done
"""


def test_lanes_config_lines_become_lanes_with_their_harness_and_config():
    go, python = lanes_config.parse(LANES)
    assert (go.name, go.library, go.harness, go.config) == ("go", "/repo/target/native/libcrossbench_go.so",
                                                           "go-test", "")
    assert python.harness == "pyperf" and python.config == "python=/repo/target/venv/bin/python\npath=/repo/py"
    assert lanes_config.unescape(r"a\\n\tb\nc") == "a\\n\tb\nc"


@pytest.mark.parametrize("text, says", [("go\tlib\tgo-test\n", "line 1: expected name, library, harness"),
                                        ("go\t\tgo-test\t\n", "line 1"),
                                        ("go\tlib\tgo-test\ta\\qb\n", "\\q is not an escape"),
                                        ("\n", "lists no native lane")])
def test_lines_that_are_not_a_lane_are_an_error_naming_the_line(text, says):
    with pytest.raises(HarnessError, match=None) as e:
        lanes_config.parse(text)
    assert says in str(e.value)


def test_without_the_jar_the_lanes_cannot_be_read_and_it_says_run_mvn_package(tmp_path):
    with pytest.raises(HarnessError, match="benchmarks.jar is not built, and the lanes come from it: run mvn package"):
        lanes_config.read(str(tmp_path))


def test_each_lane_runs_the_harness_it_names_then_the_floor(tmp_path, monkeypatch):
    ran = []
    monkeypatch.setitem(native_bench.HARNESSES, "go-test", lambda root, raw, s, lane, say: ran.append(("go-test", lane)) or [])
    monkeypatch.setitem(native_bench.HARNESSES, "pyperf", lambda root, raw, s, lane, say: ran.append(("pyperf", lane)) or [])
    jobs = native_bench.jobs("/repo", str(tmp_path), native_bench.QUICK, LANES)
    assert [(harness, what) for harness, what, _ in jobs] == [("go-test", "lane go"), ("pyperf", "lane python"),
                                                              ("c", "every lane")]
    for _, _, job in jobs[:2]:
        job()
    assert ran == [("go-test", "go"), ("pyperf", "python")]
    only = native_bench.jobs("/repo", str(tmp_path), native_bench.QUICK, LANES, only=["pyperf"])
    assert [harness for harness, _, _ in only] == ["pyperf"]


def test_a_lane_naming_a_harness_native_bench_does_not_know_is_an_error_naming_both(tmp_path):
    lanes = LANES + "rust\t/repo/librust.so\tcargo-bench\t\n"
    with pytest.raises(HarnessError, match="lane rust names harness 'cargo-bench', which native-bench does not run"):
        native_bench.jobs("/repo", str(tmp_path), native_bench.QUICK, lanes, only=["c"])


def test_only_chooses_among_the_lanes_harnesses_and_the_floor():
    assert native_bench.choices(lanes_config.parse(LANES)) == ["go-test", "pyperf", "c"]


def test_the_floor_command_takes_the_lanes_file_and_rounds():
    assert floor.command("/r/crossing_floor", "/run/native/lanes.tsv", 3) == \
        ["/r/crossing_floor", "--lanes", "/run/native/lanes.tsv", "--rounds", "3"]


def test_children_get_gomaxprocs_unless_set_and_no_libjsig(monkeypatch):
    monkeypatch.setenv("LD_PRELOAD", "/jdk/lib/libjsig.so")
    monkeypatch.delenv("GOMAXPROCS", raising=False)
    env = child_env()
    assert "LD_PRELOAD" not in env and env["GOMAXPROCS"] == str(len(os.sched_getaffinity(0)))
    monkeypatch.setenv("GOMAXPROCS", "7")
    assert child_env()["GOMAXPROCS"] == "7"


def _fake_root(tmp_path, monkeypatch):
    binary = tmp_path / "repo" / "target" / "native" / "crossing_floor"
    binary.parent.mkdir(parents=True)
    binary.write_text(FAKE_FLOOR)
    binary.chmod(binary.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EXPECTED_LANES", LANES)
    return str(tmp_path / "repo")


def test_the_floor_runs_per_process_on_the_lanes_file_and_writes_c_and_c_main(tmp_path, monkeypatch):
    root = _fake_root(tmp_path, monkeypatch)
    run_dir = tmp_path / "run"
    rows = native_bench.run(root, str(run_dir), dict(native_bench.QUICK, floor_processes=3, floor_rounds=4), LANES,
                            only=["c"])
    got = {(r["lane"], r["harness"], r["variant"], r["payload"]): r for r in rows}
    assert set(got) == {(lane, harness, variant, payload) for lane in ("go", "python") for harness in ("c", "c-main")
                        for variant, payload in (("noop", ""), ("echo", "1024"))}
    assert got[("go", "c", "noop", "")]["median"] == pytest.approx(52.5)  # rounds 1..4 in each of 3 processes
    assert sorted(os.listdir(run_dir / "native")) == ["crossing-floor-1.csv", "crossing-floor-2.csv",
                                                      "crossing-floor-3.csv", "lanes.tsv"]
    assert (run_dir / "native" / "lanes.tsv").read_text() == LANES
    with open(run_dir / "native.csv", encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[1].startswith("crossing,noop,,go,c,")
    assert len(lines) == 9


def test_a_missing_floor_is_skipped_with_a_line(tmp_path, capsys):
    rows = native_bench.run(str(tmp_path), str(tmp_path / "run"), native_bench.QUICK, LANES, only=["c"])
    assert rows == []
    assert "C floor: skipped" in capsys.readouterr().out
    with open(tmp_path / "run" / "native.csv", encoding="utf-8") as f:
        assert f.read() == "op,variant,payload,lane,harness,median,ci_low,ci_high,unit\n"


def test_a_failing_harness_is_reported_and_the_others_kept(tmp_path, monkeypatch):
    root = _fake_root(tmp_path, monkeypatch)   # no Python venv in it: pyperf fails
    with pytest.raises(HarnessError, match=r"failed: pyperf \(lane python\)"):
        native_bench.run(root, str(tmp_path / "run"), native_bench.QUICK, LANES, only=["pyperf", "c"])
    with open(tmp_path / "run" / "native.csv", encoding="utf-8") as f:
        assert len(f.read().splitlines()) == 9


def native_bench_cli(*args):
    env = dict(os.environ, PYTHONPATH=SCRIPTS)
    return subprocess.run([sys.executable, "-m", "crossbench_measure.native_bench", *args], capture_output=True,
                          env=env)


def test_a_wrong_only_is_wrong_usage_listing_the_choices(tmp_path):
    lanes = tmp_path / "lanes.tsv"
    lanes.write_text(LANES)
    p = native_bench_cli("--only", "go", "--lanes", str(lanes), str(tmp_path / "run"))
    assert p.returncode == 2 and b"--only go: choose from go-test, pyperf, c" in p.stderr


def test_an_error_naming_a_path_prints_as_one_escaped_line(tmp_path):
    lanes = os.fsencode(tmp_path) + b"/no\nsuch\xff.tsv"
    p = native_bench_cli("--lanes", os.fsdecode(lanes), str(tmp_path / "run"))
    assert p.returncode == 1
    assert p.stderr.count(b"\n") == 1 and b"no\\x0asuch\\xff.tsv" in p.stderr


# --- go test on the Go lane's packages: the ops, and the web stack's request benchmarks ---

def _fake_go_binary(path, lines):
    path.write_text("#!/bin/sh\n" + "".join(f"echo '{line}'\n" for line in lines))
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def _go_tree(tmp_path, packages):
    root = tmp_path / "repo"
    for package in packages:
        (root / "native-go" / package).mkdir(parents=True)
    return root


def _fake_builds(monkeypatch, outputs):
    """go_test.build writes a stand-in binary printing outputs[package]; returns the packages built."""
    built = []

    def build(root, raw, package=go_test.OPS_PACKAGE):
        built.append(package)
        binary = os.path.join(raw, f"{package}.test")
        _fake_go_binary(Path(binary), outputs[package])
        return binary
    monkeypatch.setattr(go_test, "build", build)
    return built


def test_go_test_runs_the_ops_and_the_web_package_each_process(tmp_path, monkeypatch):
    root = _go_tree(tmp_path, ("ops", go_test.WEB_PACKAGE))
    raw = tmp_path / "raw"
    raw.mkdir()
    built = _fake_builds(monkeypatch, {
        "ops": ["BenchmarkJWT/sign-2   1000   4000 ns/op"],
        go_test.WEB_PACKAGE: ["BenchmarkRequest/server/json-2   1000   7000 ns/op",
                              "BenchmarkRequest/framework/login-as-written-2   10   50000000 ns/op"]})
    said = []
    rows = go_test.run_suite(str(root), str(raw), dict(native_bench.QUICK, go_processes=2), "go", said.append)
    assert built == ["ops", go_test.WEB_PACKAGE]
    assert {(r["op"], r["variant"], r["payload"], r["median"]) for r in rows} == {
        ("jwt", "sign", "", 4000.0), ("request", "server", "json", 7000.0),
        ("request", "framework", "login-as-written", 50000000.0)}
    assert sorted(os.listdir(raw)) == ["go-test-1.txt", "go-test-2.txt", f"go-test-{go_test.WEB_PACKAGE}-1.txt",
                                       f"go-test-{go_test.WEB_PACKAGE}-2.txt"]   # binaries removed


def test_go_test_without_the_web_package_says_so_and_runs_the_ops(tmp_path, monkeypatch):
    root = _go_tree(tmp_path, ("ops",))
    raw = tmp_path / "raw"
    raw.mkdir()
    built = _fake_builds(monkeypatch, {"ops": ["BenchmarkJWT/sign-2   1000   4000 ns/op"]})
    said = []
    rows = go_test.run_suite(str(root), str(raw), native_bench.QUICK, "go", said.append)
    assert built == ["ops"] and [r["op"] for r in rows] == ["jwt"]
    assert f"go test: no native-go/{go_test.WEB_PACKAGE}: its benchmarks are not run" in said


def test_one_op_at_a_time_builds_the_package_of_its_op(tmp_path, monkeypatch):
    root = _go_tree(tmp_path, ("ops", go_test.WEB_PACKAGE))
    built = _fake_builds(monkeypatch, {"ops": ["BenchmarkJWT/sign-2   1000   4000 ns/op"],
                                       go_test.WEB_PACKAGE: ["BenchmarkRequest/server/items-2   1000   33000 ns/op"]})
    one = go_test.OneOp(str(root), str(tmp_path))
    assert one.time("request", "server", "items", str(tmp_path / "a.txt")) == 33000.0
    assert one.time("request", "server", "items", str(tmp_path / "b.txt")) == 33000.0
    assert built == [go_test.WEB_PACKAGE]                      # built once, for its op's package
    assert one.time("jwt", "sign", "", str(tmp_path / "c.txt")) == 4000.0 and built[-1] == "ops"
    one.close()
    assert not any(name.endswith(".test") for name in os.listdir(tmp_path))
