"""Re-measures the ops a run's Agreement section could not show to agree, with
JMH and the runtime's own harness taking turns:

    scripts/agreement-recheck [--rounds N] [--op NAME ...] RUN_DIR

A run times all of JMH first and the native harnesses (scripts/native-bench)
minutes later, so a slow phase of the machine that covers one and not the
other looks like a disagreement. Here each round times every chosen op once
through JNI (one JMH fork, the class's own warm-up and iterations) and once
with its own harness (go test -bench, or pyperf through native-py/bench.py),
the order flipping every round, so both sides see the same phases. The JNI
figure is net of the run's own toll (its echo at the op's input size), as in
the Agreement section.

Prints a markdown table (per op: each round's ratio, their median and range)
for the run's findings.md, and keeps the raw output in RUN_DIR/recheck/.
By default it takes every op of 1 µs or more whose verdict in the run was not
"within ±10%"; --op json/tree/small/go picks one (repeatable).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from crossbench_compare.reading import formats
from crossbench_compare.reading.errors import CompareError
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows import agreement
from crossbench_compare.rows.make import make_rows

from .native_bench import GO_OPS, NativeError, _env, parse_go_test, parse_pyperf

GO_NAMES = {op: name for name, op in GO_OPS.items()}  # json -> JSON, as the Go benchmarks are named
GO_COUNT, GO_BENCHTIME = 5, "300ms"
PY_PROCESSES, PY_VALUES = 4, 5


def say(message):
    print(f"agreement-recheck: {message}", flush=True)


def op_name(row):
    """json/tree/small/go: how --op names a row."""
    return "/".join(p for p in (row.op, row.variant, row.payload, row.lane) if p)


def chosen_pairs(run_dir, names):
    """The Agreement pairs to re-measure: those named, or every op of 1 µs or more not shown to agree."""
    run = load_run(run_dir)
    if not run.native:
        raise CompareError(f"{run_dir} has no native.csv: run scripts/native-bench {run_dir} first")
    rows = make_rows(run.results, run.env, run.load)
    pairs = agreement.op_pairs(rows, run.native, formats.of(run.env).catalogue.roles[0])
    if names:
        by_name = {op_name(p.row): p for p in pairs}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise CompareError(f"no op {', '.join(unknown)} in the Agreement section; it has: {', '.join(sorted(by_name))}")
        return [by_name[n] for n in names]
    return [p for p in pairs if p.native.median >= agreement.FROM_NS and p.verdict != agreement.WITHIN]


def _run(cmd, cwd, env, log):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    with open(log, "w", encoding="utf-8") as f:
        f.write(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        raise NativeError(f"{' '.join(cmd)} exited {proc.returncode} (output in {log})")
    return proc.stdout


def through_jni(root, row, out, log):
    """One JMH fork of the row's benchmark on 1 thread: the median of its iterations, ns/op."""
    cmd = ["java", f"-Dcrossbench.home={root}", "-jar", os.path.join(root, "target", "benchmarks.jar"),
           f"^{row.benchmark}$", "-p", f"lane={row.lane}", "-t", "1", "-f", "1", "-rf", "json", "-rff", out]
    for param in row.params.split():
        cmd += ["-p", param]
    _run(cmd, root, dict(os.environ), log)
    with open(out, encoding="utf-8") as f:
        results = json.load(f)
    if len(results) != 1:
        raise NativeError(f"JMH ran {len(results)} benchmarks for {op_name(row)}, not 1 (output in {log})")
    metric = results[0]["primaryMetric"]
    iterations = [v for fork in metric["rawData"] for v in fork]
    if metric["scoreUnit"] == "ops/s":
        return statistics.median(1e9 / v for v in iterations)
    if metric["scoreUnit"] == "ns/op":
        return statistics.median(iterations)
    raise NativeError(f"JMH reported {metric['scoreUnit']}, expected ops/s or ns/op")


def go_binary(root, raw):
    binary = os.path.join(raw, "ops.test")
    env = _env()
    env.update(GOFLAGS="-mod=readonly", CGO_ENABLED="1")
    subprocess.run(["go", "test", "-c", "-o", binary, "."], cwd=os.path.join(root, "native-go", "ops"), env=env,
                   check=True)
    return binary


def with_go(root, binary, row, log):
    """go test -bench of the row's op, -count GO_COUNT: the median ns/op."""
    parts = [f"^Benchmark{GO_NAMES[row.op]}$", f"^{row.variant}$"] + ([f"^{row.payload}$"] if row.payload else [])
    cmd = [binary, "-test.run", "^$", "-test.bench", "/".join(parts), "-test.count", str(GO_COUNT),
           "-test.benchtime", GO_BENCHTIME]
    values = parse_go_test(_run(cmd, os.path.join(root, "native-go", "ops"), _env(), log))
    got = values.get((row.op, row.variant, row.payload))
    if not got:
        raise NativeError(f"go test printed no figure for {op_name(row)} (output in {log})")
    return statistics.median(got)


def with_pyperf(root, row, out, log):
    """pyperf of the row's op alone (bench.py --only): the median of every value, ns/op."""
    name = "/".join(p for p in (row.op, row.variant, row.payload) if p)
    if os.path.exists(out):
        os.remove(out)
    cmd = [os.path.join(root, "target", "venv", "bin", "python"), os.path.join(root, "native-py", "bench.py"),
           "--only", name, "--processes", str(PY_PROCESSES), "--values", str(PY_VALUES), "--warmups", "1",
           "--quiet", "-o", out]
    _run(cmd, root, _env(), log)
    with open(out, encoding="utf-8") as f:
        forks = parse_pyperf(json.load(f))
    values = [v for fork in forks.get((row.op, row.variant, row.payload), []) for v in fork]
    if not values:
        raise NativeError(f"pyperf printed no figure for {name} (output in {log})")
    return statistics.median(values)


def recheck(root, run_dir, pairs, rounds):
    """{op name: [(jni net ns, own ns) per round]}."""
    raw = os.path.join(run_dir, "recheck")
    os.makedirs(raw, exist_ok=True)
    binary = go_binary(root, raw) if any(p.row.lane == "go" for p in pairs) else None
    found = {op_name(p.row): [] for p in pairs}
    for r in range(1, rounds + 1):
        for i, p in enumerate(pairs):
            name = op_name(p.row)
            toll = p.row.median - p.row.net_of_crossing
            tag = f"{name.replace('/', '-')}-{r}"

            def jni():
                return through_jni(root, p.row, os.path.join(raw, f"jmh-{tag}.json"), os.path.join(raw, f"jmh-{tag}.log"))

            def own():
                if p.row.lane == "go":
                    return with_go(root, binary, p.row, os.path.join(raw, f"go-{tag}.txt"))
                return with_pyperf(root, p.row, os.path.join(raw, f"pyperf-{tag}.json"),
                                   os.path.join(raw, f"pyperf-{tag}.txt"))

            began = time.monotonic()
            if (r + i) % 2:  # each op alternates which side goes first
                measured = jni()
                native = own()
            else:
                native = own()
                measured = jni()
            found[name].append((measured - toll, native))
            say(f"round {r} of {rounds}, {name}: JNI net {measured - toll:,.0f} ns, own {native:,.0f} ns, "
                f"ratio {(measured - toll) / native:.3f} ({time.monotonic() - began:.0f} s)")
    if binary:
        os.remove(binary)  # 6.7 MB of test binary does not belong in a results folder
    return found


def verdict(ratios):
    if all(abs(x - 1) <= agreement.TOLERANCE for x in ratios):
        return "every round within ±10%"
    if all(x > 1 + agreement.TOLERANCE for x in ratios) or all(x < 1 - agreement.TOLERANCE for x in ratios):
        return "every round more than 10% apart"
    return "rounds differ: inconclusive"


def table(pairs, found):
    lines = ["| op | in the run | rounds: JNI net / own harness | median (range) | |", "|---|---|---|---|---|"]
    for p in pairs:
        name = op_name(p.row)
        ratios = [m / n for m, n in found[name]]
        lines.append(f"| {name} | {p.ratio:.2f}x | {', '.join(f'{x:.2f}' for x in ratios)} | "
                     f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}–{max(ratios):.2f}x) | {verdict(ratios)} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="agreement-recheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of JMH and own harness in turn (default 5)")
    parser.add_argument("--op", action="append", help="an op as op/variant[/payload]/lane (repeatable)")
    parser.add_argument("run_dir", metavar="RUN_DIR")
    args = parser.parse_args(argv)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    try:
        pairs = chosen_pairs(args.run_dir, args.op)
        if not pairs:
            say("every op of 1 µs or more agrees within ±10%: nothing to re-measure")
            return 0
        say(f"{len(pairs)} ops, {args.rounds} rounds: {', '.join(op_name(p.row) for p in pairs)}")
        found = recheck(root, os.path.abspath(args.run_dir), pairs, args.rounds)
    except (CompareError, NativeError, subprocess.CalledProcessError, OSError) as e:
        print(f"agreement-recheck: {e}", file=sys.stderr)
        return 1
    text = table(pairs, found)
    with open(os.path.join(args.run_dir, "recheck", "recheck.md"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
