"""The report's Agreement section (rows/agreement.py pairs the figures): JNI
figures net of the toll against the runtimes' own harnesses, and the crossing
toll against its C floor."""

from ..reading import lanes
from ..reading.run import FINDINGS
from ..rows.agreement import FROM_NS, WITHIN, floor_pairs, op_pairs
from . import fmt


def summary_line(rows, native, catalogue):
    """One sentence for the report's Summary."""
    if not native:
        return "Agreement: not measured (no native.csv); see [Agreement](#agreement)."
    big = [p for p in op_pairs(rows, native, catalogue.roles[0]) if p.native.median >= FROM_NS]
    agree = sum(p.verdict == WITHIN for p in big)
    return (f"Agreement: {agree} of {len(big)} ops of 1 µs or more, net of the crossing toll, are within ±10% "
            "of the runtime's own harness; see [Agreement](#agreement).")


def _range(p):
    return f"{p.ratio:.2f}x ({p.low:.2f}–{p.high:.2f}x)"


def _value(median, low, high, scale=1.0):
    return f"{fmt.num(median / scale)} ({fmt.interval(low / scale, high / scale)})"


def section(rows, native, run_name, catalogue, has_findings=False):
    out = ["## Agreement", ""]
    if not native:
        return out + ["No native.csv in this run: nothing was timed by the runtimes' own harnesses. "
                      f"Make it with `scripts/native-bench results/{run_name}` on a quiet machine, then "
                      f"`scripts/compare results/{run_name}`."]
    ops = op_pairs(rows, native, catalogue.roles[0])
    out += ["Each op on 1 thread through JNI, net of the crossing toll (the echo of its input size), "
            "against the same op on the same bytes timed by the runtime's own harness (Go: `go test -bench`; "
            f"Python: pyperf). Times in {fmt.units_text({p.row.op for p in ops})}, medians with 95% intervals; the "
            "ratio's range runs from one interval's low end over the other's high end. The goal: within ±10% for "
            "every op of 1 µs or more.",
            "", "| op | variant | case | lane | through JNI | net of toll | own harness | net / own | |",
            "|---|---|---|---|---:|---:|---:|---|---|"]
    for p in ops:
        r, n = p.row, p.native
        scale = fmt.display_unit(r.op)[1]
        out.append(f"| {r.op} | {r.variant} | {r.case} | {lanes.title(r.lane)} | {fmt.median_ci(r, scale)} | "
                   f"{_value(p.measured, *p.measured_ci, scale)} | {_value(n.median, n.ci_low, n.ci_high, scale)} "
                   f"{n.harness} | {_range(p)} | {p.verdict} |")
    if not ops:
        out.append("| (no op has both a JNI and a native figure) | | | | | | | | |")
    big = [p for p in ops if p.native.median >= FROM_NS]
    apart = [p for p in big if p.verdict != WITHIN]
    out += ["", summary_line(rows, native, catalogue).replace("; see [Agreement](#agreement)", "")]
    if apart:
        why = ("see [Findings](#findings) for what was measured" if has_findings
               else f"the reason belongs in the run's {FINDINGS}, with a measurement")
        out.append(f"Not shown to agree ({why}): "
                   + "; ".join(f"{p.row.op} {p.row.variant} {p.row.case} {lanes.title(p.row.lane)}: "
                               f"{p.verdict}, {_range(p)}" for p in apart) + ".")
    floors = floor_pairs(rows, native)
    toll_classes = " and ".join(sorted({b.cls for b in catalogue.benchmarks if not b.work}))
    out += ["", "### The crossing against its floor", "",
            f"JMH's `{toll_classes}` figures on 1 thread against the same calls made by a C program with no JVM "
            "(`cb_noop`, and `echo` through `cb_call`), from a thread the runtime did not create: the price of "
            "entering the runtime without JNI. The ratio is what JNI and the bridge add.", "",
            "| variant | bytes | lane | through JNI | C floor | JNI / floor |", "|---|---:|---|---:|---:|---|"]
    for p in floors:
        r, n = p.row, p.native
        out.append(f"| {r.variant} | {r.payload} | {lanes.title(r.lane)} | {fmt.median_ci(r)} | "
                   f"{_value(n.median, n.ci_low, n.ci_high)} | {_range(p)} |")
    if not floors:
        out.append("| (no C floor in native.csv) | | | | | |")
    return out
