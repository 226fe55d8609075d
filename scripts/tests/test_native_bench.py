"""native-bench's parsers and native.csv writer (no timings are asserted)."""

import csv
import json
import os
import stat

import pytest

from crossbench_measure import native_bench as native

GO_OUTPUT = """goos: linux
goarch: amd64
pkg: crossbench/native-go/ops
BenchmarkBcrypt/hash-2         	       5	  64936526 ns/op	   11600 B/op	      24 allocs/op
BenchmarkCrossing/noop-2       	15486597	         1.565 ns/op	       0 B/op	       0 allocs/op
BenchmarkCrossing/echo/65536-2 	    1071	     41128 ns/op	   65536 B/op	       1 allocs/op
BenchmarkJSON/tree/small-2     	    5606	      4913 ns/op	  51.50 MB/s	    1120 B/op	      39 allocs/op
BenchmarkJSON/tree/small-2     	    5606	      4900 ns/op	  51.50 MB/s	    1120 B/op	      39 allocs/op
BenchmarkJSONDigest/tree/small-2	    5000	      9000 ns/op
BenchmarkJWT/sign              	    2503	      9621 ns/op	    4376 B/op	      77 allocs/op
PASS
"""

FAKE_FLOOR = """#!/bin/sh
# A stand-in for target/native/crossing_floor: --home REPO --rounds R
[ "$1" = --home ] && [ "$3" = --rounds ] || { echo "usage: $0 --home REPO --rounds R" >&2; exit 2; }
echo lane,variant,payload,thread,round,ns_per_op
r=1
while [ $r -le "$4" ]; do
  for lane in go python; do
    for thread in main pthread; do
      echo "$lane,noop,,$thread,$r,$((50 + r))"
      echo "$lane,echo,1024,$thread,$r,$((300 + r)).5"
    done
  done
  r=$((r + 1))
done
"""


def test_go_test_output_maps_to_the_suites_names():
    got = native.parse_go_test(GO_OUTPUT)
    assert got == {
        ("bcrypt", "hash", ""): [64936526.0],
        ("crossing", "noop", ""): [1.565],
        ("crossing", "echo", "65536"): [41128.0],
        ("json", "tree", "small"): [4913.0, 4900.0],
        ("jwt", "sign", ""): [9621.0],
    }


def test_pyperf_json_gives_one_fork_per_worker_in_ns():
    suite = {"version": "1.0", "metadata": {}, "benchmarks": [
        {"metadata": {"name": "json/bind/medium"}, "runs": [
            {"metadata": {}, "warmups": [[1, 3e-5], [2, 2e-5]]},  # calibration: no values
            {"metadata": {}, "warmups": [[2, 2e-5]], "values": [1.5e-5, 1.6e-5]},
            {"metadata": {}, "warmups": [[2, 2e-5]], "values": [1.7e-5, 1.4e-5]},
        ]},
        {"metadata": {"name": "crossing/noop"}, "runs": [{"metadata": {}, "values": [3.5e-8]}]},
    ]}
    got = native.parse_pyperf(suite)
    assert list(got) == [("json", "bind", "medium"), ("crossing", "noop", "")]
    medium = got[("json", "bind", "medium")]
    assert len(medium) == 2
    assert medium[0] == pytest.approx([15000.0, 16000.0]) and medium[1] == pytest.approx([17000.0, 14000.0])
    assert got[("crossing", "noop", "")][0] == pytest.approx([35.0])
    with pytest.raises(native.NativeError):
        native.parse_pyperf({"version": "2.0"})
    with pytest.raises(native.NativeError):
        native.pyperf_key("json")


def test_floor_csv_splits_pthread_and_main_rows():
    text = "lane,variant,payload,thread,round,ns_per_op\ngo,noop,,pthread,1,60.5\ngo,noop,,main,1,58\n" \
           "python,echo,65536,pthread,1,900\ngo,noop,,pthread,2,61.5\n"
    assert native.parse_floor(text) == {
        ("go", "c", ("crossing", "noop", "")): [60.5, 61.5],
        ("go", "c-main", ("crossing", "noop", "")): [58.0],
        ("python", "c", ("crossing", "echo", "65536")): [900.0],
    }
    with pytest.raises(native.NativeError, match="header"):
        native.parse_floor("lane,variant\n")
    with pytest.raises(native.NativeError, match="thread"):
        native.parse_floor("lane,variant,payload,thread,round,ns_per_op\ngo,noop,,green,1,5\n")


def test_native_csv_has_the_columns_and_order_of_the_brief(tmp_path):
    forks = {("jwt", "verify", ""): [[9.0, 10.0], [11.0]], ("jwt", "sign", ""): [[8.0]],
             ("json", "tree", "large"): [[3.0]], ("json", "tree", "small"): [[1.0, 2.0]],
             ("crossing", "echo", "65536"): [[5.0]], ("crossing", "echo", "1024"): [[4.0]],
             ("crossing", "noop", ""): [[1.0]]}
    rows = native.rows_from_forks("python", "pyperf", forks) + native.rows_from_forks("go", "go-test", forks)
    path = tmp_path / "native.csv"
    native.write_csv(rows, path)
    with open(path, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    assert table[0] == ["op", "variant", "payload", "lane", "harness", "median", "ci_low", "ci_high", "unit"]
    keys = [tuple(r[:5]) for r in table[1:]]
    assert keys == [
        ("json", "tree", "small", "go", "go-test"), ("json", "tree", "small", "python", "pyperf"),
        ("json", "tree", "large", "go", "go-test"), ("json", "tree", "large", "python", "pyperf"),
        ("jwt", "sign", "", "go", "go-test"), ("jwt", "sign", "", "python", "pyperf"),
        ("jwt", "verify", "", "go", "go-test"), ("jwt", "verify", "", "python", "pyperf"),
        ("crossing", "noop", "", "go", "go-test"), ("crossing", "noop", "", "python", "pyperf"),
        ("crossing", "echo", "1024", "go", "go-test"), ("crossing", "echo", "1024", "python", "pyperf"),
        ("crossing", "echo", "65536", "go", "go-test"), ("crossing", "echo", "65536", "python", "pyperf"),
    ]
    for r in table[1:]:
        assert r[8] == "ns/op"
        assert float(r[6]) <= float(r[5]) <= float(r[7])
    verify = next(r for r in table[1:] if r[:3] == ["jwt", "verify", ""])
    assert float(verify[5]) == 10.0  # the median of every value of every fork


def _fake_root(tmp_path):
    binary = tmp_path / "repo" / "target" / "native" / "crossing_floor"
    binary.parent.mkdir(parents=True)
    binary.write_text(FAKE_FLOOR)
    binary.chmod(binary.stat().st_mode | stat.S_IEXEC)
    return str(tmp_path / "repo")


def test_the_floor_is_run_per_process_and_written_as_c_and_c_main(tmp_path):
    root = _fake_root(tmp_path)
    run_dir = tmp_path / "run"
    rows = native.run(root, str(run_dir), dict(native.QUICK, floor_processes=3, floor_rounds=4), only=["c"])
    got = {(r["lane"], r["harness"], r["variant"], r["payload"]): r for r in rows}
    assert set(got) == {(lane, harness, variant, payload) for lane in ("go", "python") for harness in ("c", "c-main")
                        for variant, payload in (("noop", ""), ("echo", "1024"))}
    assert got[("go", "c", "noop", "")]["median"] == pytest.approx(52.5)  # rounds 1..4 in each of 3 processes
    assert sorted(os.listdir(run_dir / "native")) == ["crossing-floor-1.csv", "crossing-floor-2.csv", "crossing-floor-3.csv"]
    with open(run_dir / "native.csv", encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[1].startswith("crossing,noop,,go,c,")
    assert len(lines) == 9


def test_a_missing_floor_is_skipped_with_a_line(tmp_path, capsys):
    rows = native.run(str(tmp_path), str(tmp_path / "run"), native.QUICK, only=["c"])
    assert rows == []
    assert "C floor: skipped" in capsys.readouterr().out
    with open(tmp_path / "run" / "native.csv", encoding="utf-8") as f:
        assert f.read() == ",".join(native.COLUMNS) + "\n"


def test_a_failing_harness_is_reported_and_the_others_kept(tmp_path):
    root = _fake_root(tmp_path)
    with pytest.raises(native.NativeError, match="failed: python"):
        native.run(root, str(tmp_path / "run"), native.QUICK, only=["python", "c"])
    with open(tmp_path / "run" / "native.csv", encoding="utf-8") as f:
        assert len(f.read().splitlines()) == 9
