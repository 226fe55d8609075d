"""The command line end to end: outputs, goldens, partial runs and exit codes."""

import json
import shutil
import os
import subprocess
import sys

from crossbench_compare.__main__ import main
from conftest import DATA, HERE, check_golden

SCRIPTS = os.path.dirname(HERE)
PNG = b"\x89PNG\r\n\x1a\n"


def test_summary_report_and_charts_match_goldens(run_copy):
    run = run_copy("run-old")
    assert main([run]) == 0
    with open(os.path.join(run, "summary.csv"), encoding="utf-8") as f:
        check_golden("summary.csv", f.read())
    with open(os.path.join(run, "report.md"), encoding="utf-8") as f:
        report = f.read()
    check_golden("report.md", report)
    for name in ("json", "bcrypt", "jwt", "crossing", "scaling", "ratios", "claims"):
        path = os.path.join(run, "charts", f"{name}.png")
        with open(path, "rb") as f:
            assert f.read(8) == PNG, path
        assert os.path.getsize(path) > 10_000, path
        assert f"(charts/{name}.png)" in report


def test_report_opens_with_the_answer_and_has_claims_json_and_stability(run_copy):
    run = run_copy("run-old")
    assert main([run]) == 0
    report = open(os.path.join(run, "report.md"), encoding="utf-8").read()
    assert report.split("\n## ")[1].startswith("Summary")
    summary = report.split("## Summary")[1].split("\n## ")[0]
    assert "| json | " in summary and "Claims: " in summary and "[Stability](#stability)" in summary
    stability = report.split("\n## Stability")[1].split("\n## ")[0]
    assert "jwt/verify/java/1t: interval" in stability and "forks differ by" in stability   # the odd fork
    assert "json/tree/medium/java/2t" in stability and "warm-up drift" in stability       # the drifting row
    assert "jwt/sign/python/1t: machine busy" in stability                                  # the busy row
    assert "Load average at the start of the run: 0.12" in stability
    with open(os.path.join(run, "claims.json"), encoding="utf-8") as f:
        data = json.load(f)
    assert [c["number"] for c in data["claims"]] == [1, 2, 3, 4, 5]
    assert all(c["verdict"] and c["quote"] and "source" in c for c in data["claims"])


def test_report_is_deterministic(run_copy):
    run = run_copy("run-old")
    main([run])
    first = open(os.path.join(run, "report.md"), encoding="utf-8").read()
    main([run])
    assert open(os.path.join(run, "report.md"), encoding="utf-8").read() == first


def test_missing_chunks_and_lanes_are_reported(run_copy):
    run = run_copy("run-old")
    main([run])
    report = open(os.path.join(run, "report.md"), encoding="utf-8").read()
    missing = report.split("## Missing")[1].split("## Environment")[0]
    assert "Chunk **JsonFiles on 1 thread** failed: dev.crossbench.lane.LaneException" in missing
    assert "Chunk **JsonFiles on 2 threads** not run: interrupted" in missing
    assert "jwt verify on 2 threads: no result for Python" in missing
    assert "Jwt on 1 thread" not in missing


def test_partial_run_without_progress_or_env(run_copy):
    run = run_copy("run-old")
    with open(os.path.join(run, "jmh-result.json")) as f:
        results = json.load(f)
    with open(os.path.join(run, "jmh-result.json"), "w") as f:
        json.dump([r for r in results if "Bcrypt" not in r["benchmark"]], f)
    os.remove(os.path.join(run, "progress.json"))
    os.remove(os.path.join(run, "env.json"))
    assert main([run]) == 0
    report = open(os.path.join(run, "report.md"), encoding="utf-8").read()
    assert "No progress.json" in report and "No env.json" in report
    assert "Bcrypt.hash: no results on 1 thread or 2 threads" in report
    claim = report.split("### 3. Auth API 15x faster in Go")[1].split("###")[0]
    assert "> An auth API (bcrypt, JWT, JSON): Go is 15x faster." in claim
    assert "Verdict: **not measurable here**." in claim


def cli(*args):
    env = dict(os.environ, PYTHONPATH=SCRIPTS, MPLBACKEND="Agg")
    return subprocess.run([sys.executable, "-m", "crossbench_compare", *args], capture_output=True,
                          text=True, env=env)


def test_usage_errors_exit_2():
    assert cli().returncode == 2
    p = cli("a", "b", "c")
    assert p.returncode == 2 and "one run directory, or two" in p.stderr


def test_missing_file_is_one_line_naming_it_exit_1(tmp_path):
    p = cli(str(tmp_path))
    assert p.returncode == 1
    assert p.stderr.count("\n") == 1 and "jmh-result.json" in p.stderr and str(tmp_path) in p.stderr
    p = cli(str(tmp_path / "nope"))
    assert p.returncode == 1 and "no such run directory" in p.stderr
    p = cli(os.path.join(DATA, "run-old"), str(tmp_path))
    assert p.returncode == 1 and "jmh-result.json" in p.stderr


def test_bad_json_is_one_line_exit_1(tmp_path):
    (tmp_path / "jmh-result.json").write_text("[{")
    p = cli(str(tmp_path))
    assert p.returncode == 1 and p.stderr.count("\n") == 1 and "not valid JSON" in p.stderr


def test_two_runs_print_to_stdout():
    p = cli(os.path.join(DATA, "run-old"), os.path.join(DATA, "run-new"))
    assert p.returncode == 0 and p.stdout.splitlines()[0].startswith("name")
    assert "geomean" in p.stdout


def test_real_quick_run_matches_goldens(run_copy):
    # A real JMH 1.37 run (quick mode: NaN errors, 2 samples, Crossing.jni without
    # params, a JVM warning in front of the git commit).
    run = run_copy("run-real")
    assert main([run]) == 0
    with open(os.path.join(run, "summary.csv"), encoding="utf-8") as f:
        check_golden("real-summary.csv", f.read())
    with open(os.path.join(run, "report.md"), encoding="utf-8") as f:
        report = f.read()
    check_golden("real-report.md", report)
    assert "commit `da929791ced6`" in report and "**Quick mode**" in report


def _progress(run, chunks):
    with open(os.path.join(run, "progress.json"), "w") as f:
        json.dump({"chunks": [{"name": n, "benchmarks": b, "status": s, "message": m} for n, b, s, m in chunks]}, f)


def test_interrupted_run_before_any_result_still_gets_a_report(run_copy, tmp_path):
    # SIGINT before the first benchmark ended: env.json and progress.json only.
    run = str(tmp_path / "2026-01-02-030405-interrupted")
    shutil.copytree(run_copy("run-old"), run)
    for name in ("jmh-result.json", "machine-load.json"):
        os.remove(os.path.join(run, name))
    _progress(run, [("Bcrypt on 1 thread", 6, "interrupted", "0 of 6 benchmarks finished before the run was stopped"),
                    ("Bcrypt on 2 threads", 6, "not run", "")])
    p = cli(run)
    assert p.returncode == 0, p.stderr
    assert "the run is missing" in p.stdout and "interrupted" in p.stdout
    report = open(os.path.join(run, "report.md"), encoding="utf-8").read()
    missing = report.split("## Missing")[1].split("## Environment")[0]
    assert "The run was interrupted (stopped by a signal)" in missing
    assert "No jmh-result.json: no benchmark of this run finished" in missing
    assert "Chunk **Bcrypt on 1 thread** interrupted: 0 of 6 benchmarks finished before the run was stopped" in missing
    assert "Chunk **Bcrypt on 2 threads** not run" in missing


def test_killed_run_keeps_its_finished_results_and_says_where_it_stopped(run_copy, tmp_path):
    # SIGKILL mid-chunk: the folder keeps its -incomplete name and a chunk stays "running".
    run = str(tmp_path / "2026-01-02-030405-incomplete")
    shutil.copytree(run_copy("run-old"), run)
    with open(os.path.join(run, "jmh-result.json")) as f:
        results = json.load(f)
    with open(os.path.join(run, "jmh-result.json"), "w") as f:
        json.dump([r for r in results if "Jwt" not in r["benchmark"]], f)
    _progress(run, [("Jwt on 1 thread", 6, "running", "2 of 6 benchmarks finished")])
    assert main([run]) == 0
    report = open(os.path.join(run, "report.md"), encoding="utf-8").read()
    missing = report.split("## Missing")[1].split("## Environment")[0]
    assert "it is still running, or it was killed" in missing
    assert "Chunk **Jwt on 1 thread** was running when the run stopped or was read: 2 of 6 benchmarks finished" in missing
    assert "Jwt.sign: no results on 1 thread or 2 threads" in missing
    assert "| json | " in report  # what finished is reported
