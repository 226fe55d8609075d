"""The runtimes' own harnesses on the corpus, into RUN_DIR/native.csv:

    scripts/native-bench [--quick] RUN_DIR

go test -bench (native-go/ops: BenchmarkJSON, BenchmarkBcrypt, BenchmarkJWT,
BenchmarkCrossing), pyperf (native-py/bench.py) and, if built, the C floor of
the crossing (target/native/crossing_floor). Each row is one benchmark of one
harness: the median of every value of every process, with the hierarchical
bootstrap's 95% interval (stats.estimate), processes as the forks:

- go test: the test binary is built once, then run GO_PROCESSES times (separate
  processes = forks), each with -count GO_COUNT: each -count run of a benchmark
  is one value (its ns/op over -benchtime).
- pyperf: its worker processes are the forks, its values the values.
- crossing_floor: run FLOOR_PROCESSES times with --rounds FLOOR_ROUNDS; its
  pthread rows are harness c, its main-thread rows c-main.

The raw output of each harness is kept in RUN_DIR/native/.
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time

from crossbench_compare.reading.native_csv import NATIVE_COLUMNS as COLUMNS
from crossbench_compare.stats.bootstrap import estimate

OP_ORDER = ["json", "bcrypt", "jwt", "crossing"]
VARIANT_ORDER = {"json": ["tree", "bind"], "bcrypt": ["hash", "verify"], "jwt": ["sign", "verify"],
                 "crossing": ["noop", "echo"]}
PAYLOAD_ORDER = ["", "small", "medium", "large", "0", "1024", "65536"]
HARNESS_ORDER = ["go-test", "pyperf", "c", "c-main"]
GO_OPS = {"JSON": "json", "Bcrypt": "bcrypt", "JWT": "jwt", "Crossing": "crossing"}
GO_BENCH = "^Benchmark(" + "|".join(GO_OPS) + ")$"

# Default and quick settings. Defaults: about 4 minutes on 2 cores (go ~1.5, pyperf ~2.5).
# pyperf's own default is 20 processes x 3 values; 6 x 5 takes a third of the time and
# still gives the bootstrap six forks to resample, the level that varies most.
DEFAULT = {"go_processes": 5, "go_count": 3, "go_benchtime": "300ms",
           "py_processes": 6, "py_values": 5, "py_min_time": "0.1",
           "floor_processes": 5, "floor_rounds": 10}
QUICK = {"go_processes": 2, "go_count": 2, "go_benchtime": "30ms",
         "py_processes": 2, "py_values": 2, "py_min_time": "0.01",
         "floor_processes": 2, "floor_rounds": 3}

_GO_LINE = re.compile(r"^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+([0-9.eE+-]+) ns/op")


class NativeError(Exception):
    """A harness failed or printed what cannot be read."""


def key_of(op, variant, payload):
    return op, variant, payload


def go_key(name):
    """BenchmarkJSON/tree/small -> (json, tree, small); None for a benchmark the suite does not have."""
    parts = name[len("Benchmark"):].split("/")
    if parts[0] not in GO_OPS or len(parts) not in (2, 3):
        return None
    return key_of(GO_OPS[parts[0]], parts[1], parts[2] if len(parts) == 3 else "")


def parse_go_test(text):
    """One go test process's output -> {key: [ns/op of each -count run]}."""
    values = {}
    for line in text.splitlines():
        match = _GO_LINE.match(line)
        if not match:
            continue
        key = go_key(match.group(1))
        if key is not None:
            values.setdefault(key, []).append(float(match.group(3)))
    return values


def pyperf_key(name):
    """json/tree/small -> (json, tree, small); crossing/noop -> (crossing, noop, "")."""
    parts = name.split("/")
    if len(parts) not in (2, 3):
        raise NativeError(f"pyperf benchmark {name!r} is not op/variant[/payload]")
    return key_of(parts[0], parts[1], parts[2] if len(parts) == 3 else "")


def parse_pyperf(suite):
    """pyperf's JSON (a loaded dict) -> {key: [[ns of each value] per worker process]}.
    Calibration runs have no values and are left out."""
    if str(suite.get("version")) != "1.0":
        raise NativeError(f"pyperf JSON version {suite.get('version')!r}: this reader knows 1.0")
    forks = {}
    for bench in suite.get("benchmarks", []):
        name = bench.get("metadata", {}).get("name") or suite.get("metadata", {}).get("name")
        runs = [[v * 1e9 for v in run["values"]] for run in bench.get("runs", []) if run.get("values")]
        if runs:
            forks[pyperf_key(name)] = runs
    return forks


def parse_floor(text):
    """crossing_floor's CSV -> {(lane, harness, key): [ns_per_op by round]} (one process)."""
    reader = csv.DictReader(text.splitlines())
    want = ["lane", "variant", "payload", "thread", "round", "ns_per_op"]
    if reader.fieldnames != want:
        raise NativeError(f"crossing_floor printed header {reader.fieldnames}, not {want}")
    values = {}
    for row in reader:
        harness = {"pthread": "c", "main": "c-main"}.get(row["thread"])
        if harness is None:
            raise NativeError(f"crossing_floor: unknown thread {row['thread']!r}")
        key = key_of("crossing", row["variant"], row["payload"])
        values.setdefault((row["lane"], harness, key), []).append(float(row["ns_per_op"]))
    return values


def rows_from_forks(lane, harness, forks_by_key):
    """{key: [values per fork]} -> native.csv rows, each with its median and 95% interval."""
    rows = []
    for (op, variant, payload), forks in forks_by_key.items():
        est = estimate(forks, f"native/{harness}/{lane}/{op}/{variant}/{payload}")
        if est is None:
            continue
        rows.append({"op": op, "variant": variant, "payload": payload, "lane": lane, "harness": harness,
                     "median": est.median, "ci_low": est.ci_low, "ci_high": est.ci_high, "unit": "ns/op"})
    return rows


def _order(value, order):
    return (order.index(value), "") if value in order else (len(order), value)


def sort_rows(rows):
    return sorted(rows, key=lambda r: (_order(r["op"], OP_ORDER), _order(r["variant"], VARIANT_ORDER.get(r["op"], [])),
                                       _order(r["payload"], PAYLOAD_ORDER), r["lane"],
                                       _order(r["harness"], HARNESS_ORDER)))


def _cell(value):
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in sort_rows(rows):
            w.writerow([_cell(row[c]) for c in COLUMNS])


def merge(into, forks):
    """Adds one process's {key: [values]} to {key: [[values] per process]}."""
    for key, values in forks.items():
        into.setdefault(key, []).append(values)


# --- running the harnesses ---------------------------------------------------------


def say(message):
    print(f"native-bench: {message}", flush=True)


def _stream(cmd, cwd, env, log_path, prefix):
    """Runs cmd, echoing its output lines with a prefix (the progress) and keeping them in log_path."""
    lines = []
    with subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, bufsize=1) as proc:
        for line in proc.stdout:
            lines.append(line)
            print(f"  {prefix} {line.rstrip()}", flush=True)
        code = proc.wait()
    text = "".join(lines)
    with open(log_path, "w", encoding="utf-8") as f:
        f.write(text)
    if code != 0:
        raise NativeError(f"{' '.join(cmd)} exited {code} (output in {log_path})")
    return text


def _env():
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)  # libjsig is for JVMs
    return env


def run_go(root, raw, s):
    go = shutil.which("go")
    if go is None:
        raise NativeError("go not found on PATH: install Go >= 1.21")
    pkg = os.path.join(root, "native-go", "ops")
    env = _env()
    env.update(GOFLAGS="-mod=readonly", CGO_ENABLED="1")
    binary = os.path.join(raw, "ops.test")
    say("go test: building the benchmark binary of native-go/ops")
    subprocess.run([go, "test", "-c", "-o", binary, "."], cwd=pkg, env=env, check=True)
    forks = {}
    for i in range(s["go_processes"]):
        say(f"go test: process {i + 1} of {s['go_processes']} (-count {s['go_count']}, -benchtime {s['go_benchtime']})")
        cmd = [binary, "-test.run", "^$", "-test.bench", GO_BENCH, "-test.benchmem",
               "-test.count", str(s["go_count"]), "-test.benchtime", s["go_benchtime"]]
        # cwd is the package: the benchmarks read ../../corpus, as under go test
        merge(forks, parse_go_test(_stream(cmd, pkg, env, os.path.join(raw, f"go-test-{i + 1}.txt"), "go")))
    os.remove(binary)
    return rows_from_forks("go", "go-test", forks)


def run_pyperf(root, raw, s):
    python = os.path.join(root, "target", "venv", "bin", "python")
    if not os.path.exists(python):
        raise NativeError(f"no {python}: build the Python lane first (mvn package)")
    out = os.path.join(raw, "pyperf.json")
    if os.path.exists(out):
        os.remove(out)
    say(f"pyperf: {s['py_processes']} processes x {s['py_values']} values per benchmark")
    cmd = [python, os.path.join(root, "native-py", "bench.py"), "--processes", str(s["py_processes"]),
           "--values", str(s["py_values"]), "--min-time", s["py_min_time"], "--warmups", "1", "--quiet", "-o", out]
    _stream(cmd, root, _env(), os.path.join(raw, "pyperf.txt"), "pyperf")
    with open(out, encoding="utf-8") as f:
        forks = parse_pyperf(json.load(f))
    return rows_from_forks("python", "pyperf", forks)


def run_floor(root, raw, s, binary=None):
    binary = binary or os.path.join(root, "target", "native", "crossing_floor")
    if not os.path.exists(binary):
        say(f"C floor: skipped ({binary} is not built)")
        return []
    forks = {}
    for i in range(s["floor_processes"]):
        say(f"C floor: process {i + 1} of {s['floor_processes']} ({s['floor_rounds']} rounds)")
        proc = subprocess.run([binary, "--home", root, "--rounds", str(s["floor_rounds"])], env=_env(),
                              capture_output=True, text=True)
        with open(os.path.join(raw, f"crossing-floor-{i + 1}.csv"), "w", encoding="utf-8") as f:
            f.write(proc.stdout)
        if proc.returncode != 0:
            raise NativeError(f"{binary} exited {proc.returncode}: {proc.stderr.strip()}")
        merge(forks, parse_floor(proc.stdout))
    rows = []
    for lane, harness in sorted({(lane, harness) for lane, harness, _ in forks}):
        rows += rows_from_forks(lane, harness, {k: v for (l, h, k), v in forks.items() if (l, h) == (lane, harness)})
    return rows


HARNESSES = {"go": run_go, "python": run_pyperf, "c": run_floor}


def run(root, run_dir, settings, only=None):
    """Runs every harness (or those named in `only`), writes native.csv; returns the rows.
    A harness that fails is reported and left out; NativeError if any failed."""
    raw = os.path.join(run_dir, "native")
    os.makedirs(raw, exist_ok=True)
    rows, failed = [], []
    start = time.monotonic()
    for name, harness in HARNESSES.items():
        if only and name not in only:
            continue
        began = time.monotonic()
        try:
            rows += harness(root, raw, settings)
            say(f"{name}: done in {time.monotonic() - began:.0f} s")
        except (NativeError, subprocess.CalledProcessError, OSError) as e:
            failed.append(name)
            say(f"{name}: FAILED: {e}")
    path = os.path.join(run_dir, "native.csv")
    write_csv(rows, path)
    say(f"{len(rows)} rows in {path} after {time.monotonic() - start:.0f} s")
    if failed:
        raise NativeError("failed: " + ", ".join(failed))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="native-bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds per harness: rough numbers")
    parser.add_argument("--only", action="append", choices=sorted(HARNESSES), help="run only this harness (repeatable)")
    parser.add_argument("run_dir", metavar="RUN_DIR")
    args = parser.parse_args(argv)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.makedirs(args.run_dir, exist_ok=True)
    try:
        run(root, os.path.abspath(args.run_dir), QUICK if args.quick else DEFAULT, args.only)
    except NativeError as e:
        print(f"native-bench: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
