"""Runs of results format 2 (tests/data/run-format2): the catalogue and lane harnesses
come from env.json, 2 threads run only each class's scaling sample, and what a
format-2 run guarantees is checked."""

import copy
import json
import os

import pytest

from conftest import DATA, P, check_golden
from crossbench_compare.__main__ import main
from crossbench_compare.reading import formats
from crossbench_compare.reading.catalogue import sample_cases
from crossbench_compare.reading.errors import CompareError
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows import agreement
from crossbench_compare.rows.make import make_rows
from crossbench_compare.rows.memory import entries

RUN = os.path.join(DATA, "run-format2")


def report_of(run_dir):
    assert main([run_dir]) == 0
    with open(os.path.join(run_dir, "report.md"), encoding="utf-8") as f:
        return f.read()


def section(report, title):
    return report.split(f"\n## {title}\n")[1].split("\n## ")[0]


def test_format2_run_matches_goldens(run_copy):
    run_dir = run_copy("run-format2")
    report = report_of(run_dir)
    with open(os.path.join(run_dir, "summary.csv"), encoding="utf-8") as f:
        check_golden("format2-summary.csv", f.read())
    with open(os.path.join(run_dir, "claims.json"), encoding="utf-8") as f:
        check_golden("format2-claims.json", f.read())   # claims 3 and 4 judged on its requests
    check_golden("format2-report.md", report)
    assert sorted(os.listdir(os.path.join(run_dir, "charts"))) == [
        "bcrypt.png", "claims.png", "crossing.png", "crossing_ways.png", "json.png", "jwt.png", "memory.png",
        "ratios.png", "request_layers.png", "scaling.png"]
    assert "- results format: 2" in report and "catalogue" not in section(report, "Environment")


def test_the_format_and_catalogue_come_from_env_json():
    run = load_run(RUN)
    run_format = formats.of(run.env)
    assert run_format.number == 2 and run_format.harnesses == {"go": "go-test", "python": "pyperf"}
    jwt = run_format.catalogue.describe(P + "Jwt.sign")
    assert (jwt.op, jwt.variant, jwt.short_name, jwt.scaling_sample) == ("jwt", "sign", "Jwt.sign", "")
    assert run_format.catalogue.describe(P + "Jwt.verify").scaling_sample is None
    assert formats.of({}).number == 1 and formats.of({}).catalogue.describe(P + "Jwt.verify").scaling_sample == ""


def test_rows_are_what_the_catalogue_says_the_benchmarks_measure():
    run = load_run(RUN)
    env = copy.deepcopy(run.env)
    for b in env["catalogue"]["benchmarks"]:
        if b["method"] == "write":
            b["variant"] = "serialise"      # a renamed variant
        if b["toll"]:
            b["toll"] = False               # no toll: nothing is net of it
    rows = make_rows(run.results, env, run.load, run.memory)
    assert {r.variant for r in rows if r.benchmark == P + "JsonWrite.write"} == {"serialise"}
    assert all(r.net_of_crossing is None for r in rows)
    as_written = make_rows(run.results, run.env)
    write = [r for r in as_written if r.variant == "write" and r.lane == "go" and r.payload == "small"]
    assert [(r.role, r.library, r.payload_bytes) for r in write] == [
        ("usual", "encoding/json", 253), ("fast", "github.com/bytedance/sonic", 253)]
    assert all(r.net_of_crossing is not None for r in write)


def test_missing_names_a_scaling_sample_without_its_2_thread_row_and_no_other(run_copy):
    missing = section(report_of(run_copy("run-format2")), "Missing")
    assert "- Jwt.sign: no results on 2 threads" in missing
    for unsampled in ("Jwt.verify", "JsonParse.bind", "JsonWrite.write", "Bcrypt.verify", "JsonFiles.tree"):
        assert unsampled not in missing


def test_a_run_on_one_thread_count_misses_what_lacks_that_count(run_copy):
    # -t 2: the plan ran every benchmark on 2 threads only, so 1 thread is not missing, 2 is.
    run_dir = run_copy("run-format2")
    env_path = os.path.join(run_dir, "env.json")
    with open(env_path, encoding="utf-8") as f:
        env = json.load(f)
    env["jmh"]["threads"] = [2]
    with open(env_path, "w", encoding="utf-8") as f:
        json.dump(env, f)
    missing = section(report_of(run_dir), "Missing")
    assert "no results on 1 thread" not in missing
    assert "- Jwt.verify: no results on 2 threads" in missing


def test_a_sample_with_params_needs_its_row_with_those_params(run_copy):
    run_dir = run_copy("run-format2")
    path = os.path.join(run_dir, "jmh-result.json")
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    with open(path, "w", encoding="utf-8") as f:
        json.dump([r for r in results if not (r["threads"] == 2 and r["params"].get("payload") == "medium")], f)
    missing = section(report_of(run_dir), "Missing")
    assert "- JsonParse.tree: no results on 2 threads (library=usual payload=medium)" in missing


def test_agreement_takes_each_lanes_harness_from_env_json():
    run = load_run(RUN)
    rows = make_rows(run.results, run.env)
    assert {p.row.lane for p in agreement.op_pairs(rows, run.native, "usual")} == {"go", "python"}
    env = copy.deepcopy(run.env)
    env["lanes"]["python"]["harness"] = "pyperf-next"   # native.csv's pyperf rows are no longer its harness's
    rows = make_rows(run.results, env)
    assert {p.row.lane for p in agreement.op_pairs(rows, run.native, "usual")} == {"go"}


def _rewrite(run_dir, name, change):
    path = os.path.join(run_dir, name)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    change(data)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)


def _first_json_result_without_library(results):
    del next(r for r in results if "library" in r["params"])["params"]["library"]


def _first_result_in_avgt(results):
    results[0]["mode"] = "avgt"
    results[0]["primaryMetric"]["scoreUnit"] = "ns/op"


@pytest.mark.parametrize("name, change, says", [
    ("env.json", lambda env: env.update(format=3), "results format 3 is newer than this compare reads (up to 2)"),
    ("env.json", lambda env: env.update(format="2"), "\"format\" should be a whole number"),
    ("env.json", lambda env: env["lanes"]["go"].pop("title"), "lane go has no title, which results format 2 always records"),
    ("env.json", lambda env: env["catalogue"]["benchmarks"][0].pop("op"), "env.json catalogue, benchmark 0: expected 'op'"),
    ("jmh-result.json", _first_json_result_without_library, "no library param, which results format 2 always records"),
    ("jmh-result.json", _first_result_in_avgt, "expected thrpt in ops/s (results format 2), found avgt"),
])
def test_what_format_2_guarantees_is_checked(run_copy, name, change, says):
    run_dir = run_copy("run-format2")
    _rewrite(run_dir, name, change)
    with pytest.raises(CompareError) as e:
        load_run(run_dir)
    assert says in str(e.value)


def test_a_format_1_run_may_lack_what_format_2_guarantees(run_copy):
    run = load_run(os.path.join(DATA, "run-real"))          # avgt, no titles, no library param
    assert formats.of(run.env).number == 1 and {r.mode for r in run.results} == {"avgt"}
    rows = make_rows(run.results, run.env)
    assert {r.role for r in rows if r.op == "json"} == {"usual"}


# --- requests: a variant named by a param, samples listing several values, tiers a lane lacks ---

def test_a_benchmark_that_takes_its_variant_from_a_param_gives_each_row_that_value():
    run = load_run(RUN)
    serve = formats.of(run.env).catalogue.describe(P + "Requests.serve")
    assert (serve.op, serve.variant, serve.variant_param, serve.case_param) == ("request", "", "tier", "endpoint")
    rows = [r for r in make_rows(run.results, run.env, run.load, run.memory) if r.op == "request"]
    assert {r.variant for r in rows if r.lane == "go"} == {"handler", "framework", "server"}
    assert {r.variant for r in rows if r.lane == "python"} == {"handler", "framework", "server", "server-caller"}
    [row] = [r for r in rows if r.lane == "go" and r.threads == 1 and r.params == "endpoint=items tier=framework"]
    assert (row.variant, row.payload, row.name) == ("framework", "items", "request/framework/items/go/1t")
    # Endpoints in OPS.md's order, then tiers in the family's order.
    java = [(r.payload, r.variant) for r in rows if r.lane == "java" and r.threads == 1]
    assert java[:5] == [("json", "handler"), ("json", "framework"), ("json", "server"), ("json", "server-caller"),
                        ("login", "handler")]
    assert [e.variant for e in entries(run.memory, run.env) if e.op == "request" and e.lane == "go"
            and e.case == "json"] == ["handler", "framework", "server"]


def test_catalogues_before_variant_params_read_as_none_and_a_wrong_one_is_refused():
    assert formats.of({}).catalogue.describe(P + "Jwt.sign").variant_param == ""
    env = copy.deepcopy(load_run(RUN).env)
    env["catalogue"]["benchmarks"][0]["variant_param"] = 1
    with pytest.raises(CompareError, match="benchmark 0: expected 'variant_param' as text, found 1"):
        formats.of(env)


def test_a_scaling_sample_may_list_several_values_of_a_param():
    assert sample_cases("endpoint=login,items,login-as-written tier=server") == [
        "endpoint=login tier=server", "endpoint=items tier=server", "endpoint=login-as-written tier=server"]
    assert sample_cases("library=usual payload=medium") == ["library=usual payload=medium"]
    assert sample_cases("") == [""]


def test_missing_expects_a_2_thread_row_of_each_value_a_sample_lists(run_copy):
    run_dir = run_copy("run-format2")
    _rewrite(run_dir, "jmh-result.json", lambda results: results.__setitem__(slice(None), [
        r for r in results if not (r["threads"] == 2 and r["params"].get("endpoint") == "items")]))
    missing = section(report_of(run_dir), "Missing")
    assert "- Requests.serve: no results on 2 threads (endpoint=items tier=server)" in missing
    assert "endpoint=login tier=server" not in missing and "login-as-written" not in missing


def test_a_lane_is_not_missing_a_tier_it_does_not_answer(run_copy):
    run_dir = run_copy("run-format2")
    assert "no result for" not in section(report_of(run_dir), "Missing")   # Go has no server-caller
    _rewrite(run_dir, "env.json", lambda env: env["lanes"]["go"]["http_tiers"].append("server-caller"))
    missing = section(report_of(run_dir), "Missing")
    assert "- request server-caller json on 1 thread: no result for Go" in missing
    assert "request server json" not in missing


def test_a_lane_is_not_missing_an_endpoint_it_times_once_as_its_twin(run_copy):
    run_dir = run_copy("run-format2")
    report = report_of(run_dir)
    # Go and Java list no login-as-written (their login as written is their login): nothing missing.
    assert "no result for" not in section(report, "Missing") and "login-as-written" not in section(report, "Missing")
    _rewrite(run_dir, "env.json", lambda env: env["lanes"]["go"].pop("http_endpoints"))   # as runs before the key
    missing = section(report_of(run_dir), "Missing")
    assert "- request server login-as-written on 1 thread: no result for Go" in missing
    assert "- request server login-as-written on 2 threads: no result for Go" in missing
    assert "Java" not in missing
