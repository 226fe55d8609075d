"""What the harnesses print, read into native.csv's rows: go test's lines, pyperf's
JSON, the C floor's CSV, and native.csv's columns and order (no timings asserted)."""

import csv

import pytest

from crossbench_measure import floor, go_test, native_csv, pyperf
from crossbench_measure.process import HarnessError

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


def test_go_test_output_maps_to_the_suites_names():
    got = go_test.parse_go_test(GO_OUTPUT)
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
    got = pyperf.parse_pyperf(suite)
    assert list(got) == [("json", "bind", "medium"), ("crossing", "noop", "")]
    medium = got[("json", "bind", "medium")]
    assert len(medium) == 2
    assert medium[0] == pytest.approx([15000.0, 16000.0]) and medium[1] == pytest.approx([17000.0, 14000.0])
    assert got[("crossing", "noop", "")][0] == pytest.approx([35.0])
    with pytest.raises(HarnessError):
        pyperf.parse_pyperf({"version": "2.0"})
    with pytest.raises(HarnessError):
        pyperf.key_of("json")


def test_floor_csv_splits_pthread_and_main_rows():
    text = "lane,variant,payload,thread,round,ns_per_op\ngo,noop,,pthread,1,60.5\ngo,noop,,main,1,58\n" \
           "python,echo,65536,pthread,1,900\ngo,noop,,pthread,2,61.5\n"
    assert floor.parse_floor(text) == {
        ("go", "c", ("crossing", "noop", "")): [60.5, 61.5],
        ("go", "c-main", ("crossing", "noop", "")): [58.0],
        ("python", "c", ("crossing", "echo", "65536")): [900.0],
    }
    with pytest.raises(HarnessError, match="header"):
        floor.parse_floor("lane,variant\n")
    with pytest.raises(HarnessError, match="thread"):
        floor.parse_floor("lane,variant,payload,thread,round,ns_per_op\ngo,noop,,green,1,5\n")


def test_native_csv_has_the_columns_and_order_of_the_brief(tmp_path):
    forks = {("jwt", "verify", ""): [[9.0, 10.0], [11.0]], ("jwt", "sign", ""): [[8.0]],
             ("json", "tree", "large"): [[3.0]], ("json", "tree", "small"): [[1.0, 2.0]],
             ("crossing", "echo", "65536"): [[5.0]], ("crossing", "echo", "1024"): [[4.0]],
             ("crossing", "noop", ""): [[1.0]]}
    rows = native_csv.rows_from_forks("python", "pyperf", forks) + native_csv.rows_from_forks("go", "go-test", forks)
    path = tmp_path / "native.csv"
    native_csv.write_csv(rows, path)
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
    assert float(verify[5]) == pytest.approx((9.5 * 11) ** 0.5, abs=1e-3)  # the median of the fork medians (on logs)


WEB_OUTPUT = """pkg: crossbench/native-go/web
BenchmarkRequest/handler/json-2              	 1000000	      1012 ns/op	     512 B/op	       7 allocs/op
BenchmarkRequest/server/login-as-written-2   	      22	  50123456 ns/op
BenchmarkRequest/server/items                	   30000	     33000 ns/op
BenchmarkRequestHelper/x-2                   	      10	        99 ns/op
"""


def test_go_test_request_benchmarks_are_request_tier_endpoint():
    assert go_test.parse_go_test(WEB_OUTPUT) == {
        ("request", "handler", "json"): [1012.0],
        ("request", "server", "login-as-written"): [50123456.0],
        ("request", "server", "items"): [33000.0],
    }
    assert go_test.GO_OPS["Request"] == "request" and go_test.PACKAGE_OF_OP == {"request": go_test.WEB_PACKAGE}


def test_pyperf_request_benchmarks_are_request_tier_endpoint():
    assert pyperf.key_of("request/server-caller/login-as-written") == ("request", "server-caller", "login-as-written")


def test_native_csv_orders_requests_by_tier_then_endpoint_before_the_crossing(tmp_path):
    forks = {("request", tier, endpoint): [[1.0]] for tier in ("server", "handler")
             for endpoint in ("login-as-written", "items", "json")}
    forks[("crossing", "noop", "")] = [[1.0]]
    rows = native_csv.rows_from_forks("go", "go-test", forks)
    assert [(r["op"], r["variant"], r["payload"]) for r in native_csv.sort_rows(rows)] == [
        ("request", "handler", "json"), ("request", "handler", "items"), ("request", "handler", "login-as-written"),
        ("request", "server", "json"), ("request", "server", "items"), ("request", "server", "login-as-written"),
        ("crossing", "noop", "")]
