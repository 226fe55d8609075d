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
import sys
import time

from crossbench_compare.reading import formats
from crossbench_compare.reading.errors import CompareError, one_line
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows import agreement
from crossbench_compare.rows.make import make_rows

from . import go_test, pyperf
from .process import HarnessError, os_error, run

# A lane's own harness (native.csv's harness column), by name: what times one op with it.
ONE_OP = {go_test.NAME: go_test.OneOp, pyperf.NAME: pyperf.OneOp}


def say(message):
    print(f"agreement-recheck: {one_line(message)}", flush=True)


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


def through_jni(root, row, out, log):
    """One JMH fork of the row's benchmark on 1 thread: the median of its iterations, ns/op."""
    cmd = ["java", f"-Dcrossbench.home={root}", "-jar", os.path.join(root, "target", "benchmarks.jar"),
           f"^{row.benchmark}$", "-p", f"lane={row.lane}", "-t", "1", "-f", "1", "-rf", "json", "-rff", out]
    for param in row.params.split():
        cmd += ["-p", param]
    run(cmd, root, dict(os.environ), log)
    with open(out, encoding="utf-8") as f:
        results = json.load(f)
    if len(results) != 1:
        raise HarnessError(f"JMH ran {len(results)} benchmarks for {op_name(row)}, not 1 (output in {log})")
    metric = results[0]["primaryMetric"]
    iterations = [v for fork in metric["rawData"] for v in fork]
    if metric["scoreUnit"] == "ops/s":
        return statistics.median(1e9 / v for v in iterations)
    if metric["scoreUnit"] == "ns/op":
        return statistics.median(iterations)
    raise HarnessError(f"JMH reported {metric['scoreUnit']}, expected ops/s or ns/op")


def own_harnesses(root, raw, pairs):
    """{harness: its OneOp} for the harnesses of these pairs; HarnessError for one it does not know."""
    unknown = sorted({f"lane {p.row.lane} names harness {p.native.harness!r}" for p in pairs
                      if p.native.harness not in ONE_OP})
    if unknown:
        raise HarnessError("; ".join(unknown) + f", which agreement-recheck does not run (it knows "
                           f"{', '.join(ONE_OP)})")
    return {h: ONE_OP[h](root, raw) for h in dict.fromkeys(p.native.harness for p in pairs)}


def recheck(root, run_dir, pairs, rounds):
    """{op name: [(jni net ns, own ns) per round]}."""
    raw = os.path.join(run_dir, "recheck")
    os.makedirs(raw, exist_ok=True)
    harnesses = own_harnesses(root, raw, pairs)
    found = {op_name(p.row): [] for p in pairs}
    try:
        for r in range(1, rounds + 1):
            for i, p in enumerate(pairs):
                name = op_name(p.row)
                toll = p.row.median - p.row.net_of_crossing
                tag = f"{name.replace('/', '-')}-{r}"

                def jni():
                    return through_jni(root, p.row, os.path.join(raw, f"jmh-{tag}.json"),
                                       os.path.join(raw, f"jmh-{tag}.log"))

                def own():
                    log = os.path.join(raw, f"{p.native.harness}-{tag}.txt")
                    return harnesses[p.native.harness].time(p.row.op, p.row.variant, p.row.payload, log)

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
    finally:
        for harness in harnesses.values():
            harness.close()
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
    except (CompareError, HarnessError) as e:
        print(f"agreement-recheck: {one_line(e)}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"agreement-recheck: {one_line(os_error(e))}", file=sys.stderr)
        return 1
    text = table(pairs, found)
    with open(os.path.join(args.run_dir, "recheck", "recheck.md"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
