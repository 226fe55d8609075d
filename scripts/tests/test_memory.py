"""The library column, the bytes_per_op join with memory.csv, and the Memory per op section."""

import csv
import json
import os

import pytest

from crossbench_compare.__main__ import main
from crossbench_compare.present.summary_csv import write_csv
from crossbench_compare.reading import lanes
from crossbench_compare.reading.errors import CompareError
from crossbench_compare.reading.memory_csv import read_memory
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows import memory
from crossbench_compare.rows.make import make_rows
from conftest import DATA, P, check_golden


def lib_rows():
    run = load_run(os.path.join(DATA, "run-lib"))
    return run, make_rows(run.results, run.env, run.load, run.memory)


def find(rows, bench, lane, params, threads=1):
    [r] = [r for r in rows if r.benchmark == P + bench and r.lane == lane and r.params == params
           and r.threads == threads]
    return r


def test_library_column_names_each_lane_role_and_op_kind():
    _, rows = lib_rows()
    assert find(rows, "JsonParse.tree", "java", "library=fast payload=small").library == "fastjson2"
    assert find(rows, "JsonParse.tree", "python", "library=usual payload=small").library == "json"
    assert find(rows, "JsonParse.bind", "python", "library=usual payload=medium").library == "pydantic"
    assert find(rows, "JsonWrite.write", "python", "library=fast payload=large").library == "msgspec"
    assert find(rows, "JsonWrite.write", "go", "library=fast payload=small").library == "github.com/bytedance/sonic"
    assert all(r.library == "" for r in rows if r.op != "json")
    # On 2 threads the run has the usual library only.
    assert {r.role for r in rows if r.op == "json" and r.threads == 2} == {"usual"}


def test_ratio_vs_java_stays_within_a_library_role():
    _, rows = lib_rows()
    fast = find(rows, "JsonParse.bind", "python", "library=fast payload=small")
    java_fast = find(rows, "JsonParse.bind", "java", "library=fast payload=small")
    assert fast.ratio_vs_java == pytest.approx(fast.median / java_fast.median)


def test_rows_without_the_library_param_get_the_usual_name_if_env_has_it():
    run = load_run(os.path.join(DATA, "run-old"))
    assert all(r.library == "" for r in make_rows(run.results, run.env))   # no json_libraries: empty
    lib_env = load_run(os.path.join(DATA, "run-lib")).env
    rows = make_rows(run.results, dict(run.env, lanes=lib_env["lanes"]))
    assert find(rows, "JsonParse.tree", "python", "payload=small").library == "json"
    assert find(rows, "JsonParse.bind", "go", "payload=small").library == "encoding/json"
    # A lane with json_libraries but without this role: tolerated, empty.
    lanes_env = {k: dict(v, json_libraries={"fast": {}}) for k, v in lib_env["lanes"].items()}
    assert find(make_rows(run.results, dict(run.env, lanes=lanes_env)), "JsonParse.tree", "go",
                "payload=small").library == ""


def test_bytes_per_op_joins_on_benchmark_params_and_lane_for_every_thread_count(tmp_path):
    _, rows = lib_rows()
    assert find(rows, "JsonParse.tree", "go", "library=usual payload=small").bytes_per_op == 3000
    assert find(rows, "JsonParse.tree", "go", "library=usual payload=small", threads=2).bytes_per_op == 3000
    assert find(rows, "JsonParse.bind", "python", "library=fast payload=large").bytes_per_op == 1_200_000
    assert find(rows, "Jwt.sign", "python", "").bytes_per_op == 4100
    # Rows the memory pass did not count: empty.
    assert find(rows, "JsonWrite.write", "java", "library=fast payload=large").bytes_per_op is None
    assert find(rows, "Jwt.verify", "go", "").bytes_per_op is None
    path = tmp_path / "summary.csv"
    write_csv(rows, path)
    with open(path, newline="") as f:
        out = list(csv.DictReader(f))
    header = list(out[0])
    assert header[header.index("lane") + 1] == "library"
    by = {(r["benchmark"], r["params"], r["lane"], r["threads"]): r for r in out}
    assert by[(P + "JsonParse.tree", "library=usual payload=small", "go", "2")]["bytes_per_op"] == "3000.0"
    assert by[(P + "JsonWrite.write", "library=fast payload=large", "java", "1")]["bytes_per_op"] == ""
    assert by[(P + "JsonWrite.write", "library=fast payload=large", "java", "1")]["library"] == "fastjson2"
    assert by[(P + "Bcrypt.hash", "cost=10", "go", "1")]["library"] == ""


def test_run_without_memory_csv_has_empty_bytes_and_says_so(run_copy):
    run = load_run(os.path.join(DATA, "run-old"))
    assert run.memory is None
    assert all(r.bytes_per_op is None for r in make_rows(run.results, run.env, run.load, run.memory))
    path = run_copy("run-old")
    assert main([path]) == 0
    report = open(os.path.join(path, "report.md"), encoding="utf-8").read()
    section = report.split("## Memory per op")[1].split("\n## ")[0]
    assert "no `memory.csv`" in section
    assert not os.path.exists(os.path.join(path, "charts", "memory.png"))
    with open(os.path.join(path, "summary.csv"), newline="") as f:
        assert all(r["bytes_per_op"] == "" for r in csv.DictReader(f))


def test_memory_csv_with_other_columns_is_one_line_error(tmp_path):
    path = tmp_path / "memory.csv"
    path.write_text("benchmark,params,lane,bytes\n")
    with pytest.raises(CompareError, match="expected the columns benchmark,params,lane"):
        read_memory(str(path))


def test_memory_csv_params_are_sorted_like_summary_rows(tmp_path):
    path = tmp_path / "memory.csv"
    path.write_text("benchmark,params,lane,bytes_per_op,jvm_bytes_per_op,calls\n"
                    f"{P}JsonParse.tree,payload=small library=fast,go,10,5,100\n")
    [(key, row)] = read_memory(str(path)).items()
    assert key == (P + "JsonParse.tree", "library=fast payload=small", "go") and row.calls == 100


def test_memory_section_and_chart(run_copy):
    path = run_copy("run-lib")
    assert main([path]) == 0
    report = open(os.path.join(path, "report.md"), encoding="utf-8").read()
    section = report.split("## Memory per op")[1].split("\n## ")[0]
    assert "PyMem and PyObject" in section and "Rust or C internals" in section
    assert "nothing here is the resident memory of a whole service" in section
    assert "| json | bind | small | 1,500 B | 1,050 B (0.70x) | 2,000 B (1.33x) | 1,600 B (1.07x) | " \
           "12,000 B (8.00x) | 1,200 B (0.80x) |" in section
    assert "| json | write | large | 800,000 B |  |" in section                  # uncounted: empty cell
    assert "Python usual json / pydantic, fast orjson / msgspec" in section
    assert "(charts/memory.png)" in section
    with open(os.path.join(path, "charts", "memory.png"), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with open(os.path.join(path, "summary.csv"), encoding="utf-8") as f:
        check_golden("lib-summary.csv", f.read())
    check_golden("lib-report.md", report)
    with open(os.path.join(path, "claims.json"), encoding="utf-8") as f:
        claims = {c["number"]: c for c in json.load(f)["claims"]}
    assert claims[1]["verdict"] == "partly" and claims[1]["verdict_fastest_library"] == "does not hold"
    assert claims[3]["verdict_fastest_library"] is None     # bcrypt dominates: the library changes nothing
    assert claims[5]["verdict"] == "partly" and claims[5]["verdict_fastest_library"] == "does not hold"
    assert claims[5]["ratios"][0]["python_over_go"] == {"value": 3.0, "ci_low": 3.0, "ci_high": 3.0}


def test_entries_label_like_summary_rows():
    run = load_run(os.path.join(DATA, "run-lib"))
    lanes.use(run.env)  # as make_rows does: the run's lane order
    items = memory.entries(run.memory, run.env)
    first = items[0]
    assert (first.op, first.variant, first.case, first.lane, first.role, first.library) == \
        ("json", "tree", "small", "java", "usual", "jackson-databind")
    jwt = [e for e in items if e.op == "jwt"]
    assert {(e.role, e.library) for e in jwt} == {("usual", "")}
