"""Rows, ratios, bytes/s and the crossing-cost interpolation, on numbers checkable by hand."""

import csv
import math

import pytest

import os

from crossbench_compare.present.summary_csv import write_csv
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows.make import make_rows
from crossbench_compare.rows.toll import crossing_cost
from conftest import DATA, finish, row


def test_interpolation_between_measured_sizes():
    curve = [(0, 100.0), (1024, 200.0), (65536, 1000.0)]
    assert crossing_cost(curve, 0) == 100
    assert crossing_cost(curve, 512) == pytest.approx(150)
    assert crossing_cost(curve, 1024) == 200
    # 253 bytes: 100 + 253/1024 * 100
    assert crossing_cost(curve, 253) == pytest.approx(124.70703125)
    # between 1024 and 65536: slope 800/64512 ns per byte
    assert crossing_cost(curve, 4138) == pytest.approx(200 + (4138 - 1024) * 800 / 64512)


def test_extrapolation_above_largest_size_keeps_last_slope():
    curve = [(0, 100.0), (1024, 200.0), (65536, 1000.0)]
    # 262225 bytes: 1000 + (262225 - 65536) * 800/64512
    assert crossing_cost(curve, 262225) == pytest.approx(1000 + 196689 * 800 / 64512)
    assert crossing_cost([(0, 50.0)], 10**6) == 50  # one point: flat


def test_ratio_vs_java_and_net_of_crossing():
    rows = finish([
        row("JsonParse.tree", "java", 1000, params="payload=small", payload="small", op="json", payload_bytes=1024),
        row("JsonParse.tree", "go", 3000, params="payload=small", payload="small", op="json", payload_bytes=1024),
        row("JsonParse.tree", "python", 4000, params="payload=small", payload="small", op="json", payload_bytes=1024),
        row("Jwt.sign", "go", 5000),
        row("Crossing.echo", "go", 100, params="size=0", payload="0", op="crossing"),
        row("Crossing.echo", "go", 200, params="size=1024", payload="1024", op="crossing"),
        row("Crossing.echo", "go", 1000, params="size=65536", payload="65536", op="crossing"),
        row("Crossing.echo", "go", 400, threads=2, params="size=0", payload="0", op="crossing"),
    ])
    by = {(".".join(r.benchmark.split(".")[-2:]), r.lane, r.payload): r for r in rows if r.threads == 1}
    assert by[("JsonParse.tree", "java", "small")].ratio_vs_java == 1
    assert by[("JsonParse.tree", "go", "small")].ratio_vs_java == 3
    assert by[("JsonParse.tree", "python", "small")].ratio_vs_java == 4
    assert by[("Jwt.sign", "go", "")].ratio_vs_java is None        # no java row
    assert by[("JsonParse.tree", "go", "small")].net_of_crossing == 2800  # 3000 - echo(1024)
    assert by[("Jwt.sign", "go", "")].net_of_crossing == 4900             # 5000 - echo(0)
    assert by[("JsonParse.tree", "python", "small")].net_of_crossing is None  # no python echo
    assert by[("Crossing.echo", "go", "0")].net_of_crossing is None       # crossing rows: empty


def test_interpolation_weights_apply_to_resampled_times():
    from crossbench_compare.rows.toll import crossing_weights
    assert crossing_weights([0, 1024, 65536], 0) == [1.0, 0.0, 0.0]
    assert crossing_weights([0, 1024, 65536], 512) == [0.5, 0.5, 0.0]
    w = crossing_weights([0, 1024, 65536], 262225)  # beyond the largest: the last segment carries on
    assert w[0] == 0 and w[1] == pytest.approx(1 - (262225 - 1024) / 64512) and sum(w) == pytest.approx(1)


def test_rows_from_fixture_run():
    run = load_run(os.path.join(DATA, "run-old"))
    rows = make_rows(run.results, run.env)
    assert len(rows) == len(run.results) == 85
    small = [r for r in rows if r.benchmark.endswith("JsonParse.tree") and r.payload == "small" and r.threads == 1]
    assert [r.lane for r in small] == ["java", "go", "python"]
    go = small[1]
    assert (go.op, go.variant, go.params, go.payload_bytes) == ("json", "tree", "payload=small", 253)
    assert go.mb_per_s == pytest.approx(253 / go.median * 1e3)
    assert go.ratio_vs_java == pytest.approx(go.median / small[0].median)
    assert go.ratio.ci_low < go.ratio_vs_java < go.ratio.ci_high
    assert go.estimate.n == 30 and go.estimate.forks == 3
    assert go.median == pytest.approx(3000, rel=0.01) and go.ci[0] < go.median < go.ci[1]
    jni = [r for r in rows if r.variant == "jni"]
    assert {r.lane for r in jni} == {"jni"} and all(r.ratio_vs_java is None for r in jni)
    bcrypt = [r for r in rows if r.op == "bcrypt"]
    assert {r.params for r in bcrypt} == {"cost=10"} and all(r.payload == "" for r in bcrypt)


def test_summary_csv_columns(tmp_path):
    run = load_run(os.path.join(DATA, "run-old"))
    path = tmp_path / "summary.csv"
    write_csv(make_rows(run.results, run.env), path)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for col in ("op", "variant", "payload", "lane", "threads", "score", "error", "unit", "ratio_vs_java",
                "net_of_crossing", "payload_bytes", "mb_per_s", "benchmark", "params",
                "median", "ci_low", "ci_high", "n", "ratio_ci_low", "ratio_ci_high"):
        assert col in rows[0]
    for r in rows:
        assert float(r["ci_low"]) <= float(r["median"]) <= float(r["ci_high"])
        assert r["n"] == "30"
        if r["ratio_vs_java"]:
            assert float(r["ratio_ci_low"]) <= float(r["ratio_vs_java"]) <= float(r["ratio_ci_high"])
    assert {r["unit"] for r in rows} == {"ns/op"}
    json_rows = [r for r in rows if r["op"] == "json"]
    assert all(r["mb_per_s"] and r["payload_bytes"] for r in json_rows)
    assert all(not r["mb_per_s"] for r in rows if r["op"] != "json")
    assert all(r["net_of_crossing"] == "" for r in rows if r["op"] == "crossing")


def test_secondary_metrics_are_kept_as_columns(tmp_path):
    from crossbench_compare.reading.jmh import parse_results
    entry = {"benchmark": "dev.crossbench.bench.Jwt.sign", "mode": "avgt", "threads": 1, "forks": 1,
             "params": {"lane": "go"},
             "primaryMetric": {"score": 100.0, "scoreError": 1.0, "scoreUnit": "ns/op", "rawData": [[100.0, 100.0]]},
             "secondaryMetrics": {"\u00b7gc.alloc.rate.norm": {"score": 512.0, "scoreUnit": "B/op"},
                                  "\u00b7gc.count": {"score": 3.0, "scoreUnit": "counts"}}}
    rows = make_rows(parse_results([entry]), {})
    path = tmp_path / "summary.csv"
    write_csv(rows, path)
    with open(path, newline="") as f:
        [r] = list(csv.DictReader(f))
    assert r["gc.alloc.rate.norm (B/op)"] == "512.000" and r["gc.count (counts)"] == "3.000"


def test_throughput_becomes_time_per_op_per_thread():
    from crossbench_compare.reading.jmh import parse_results
    entry = {"benchmark": "dev.crossbench.bench.Jwt.sign", "mode": "thrpt", "threads": 2, "forks": 2,
             "params": {"lane": "python"},
             "primaryMetric": {"score": 1e6, "scoreError": 1e4, "scoreUnit": "ops/s",
                               "rawData": [[1e6, 5e5], [2e6, 1e6]]}}
    [r] = parse_results([entry])
    # 2 threads sharing a million ops/s: each op takes 2 us of a thread's time
    assert r.unit == "ns/op" and r.forks_raw == [[2000.0, 4000.0], [1000.0, 2000.0]]
    assert r.score == pytest.approx(2000) and r.error == pytest.approx(20)
    entry["primaryMetric"]["scoreUnit"] = "ops/ms"
    assert parse_results([entry])[0].forks_raw[0][0] == pytest.approx(2.0)   # a thousand times the rate


def test_a_mode_the_suite_does_not_measure_is_refused(tmp_path):
    import json
    from crossbench_compare.reading.errors import CompareError
    from crossbench_compare.reading.run import load_run
    entry = {"benchmark": "dev.crossbench.bench.Jwt.sign", "mode": "sample", "threads": 1, "forks": 1,
             "params": {"lane": "go"}, "primaryMetric": {"score": 1.0, "scoreUnit": "ns/op", "rawData": [[1.0]]}}
    (tmp_path / "jmh-result.json").write_text(json.dumps([entry]))
    with pytest.raises(CompareError, match="expected thrpt in ops/s or avgt in ns/op"):
        load_run(str(tmp_path))


def test_nan_error_and_unknown_benchmark_are_tolerated():
    from crossbench_compare.reading.jmh import parse_results
    entry = {"benchmark": "dev.crossbench.bench.Future.thing", "mode": "avgt", "threads": 1, "forks": 1,
             "params": {"lane": "go"},
             "primaryMetric": {"score": 12.5, "scoreError": "NaN", "scoreUnit": "ns/op", "rawData": [[12.5]]}}
    [result] = parse_results([entry])
    assert math.isnan(result.error) and result.forks_raw == [[12.5]]
    [r] = make_rows([result], {})
    assert (r.op, r.variant, r.lane, r.ratio_vs_java, r.net_of_crossing) == ("future", "thing", "go", None, None)
