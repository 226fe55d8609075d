"""The report's Agreement section: is a figure measured through JNI what the
runtime costs on its own, plus a known toll?

Each op on 1 thread, net of the crossing toll (summary.add_net_of_crossing),
is held against the same op on the same bytes timed by the runtime's own
harness (native.csv: go test, pyperf), and JMH's Crossing figures against the
C floor (the same calls from a C program with no JVM). native.csv gives each
figure as a median and 95% interval but no resamples, so a ratio's range here
runs from the low end of one interval over the high end of the other: wider
than a bootstrap interval, never narrower."""

from dataclasses import dataclass

import numpy as np

from . import fmt, lanes, stats
from .load import FINDINGS
from .summary import FAST, display_unit

TOLERANCE = 0.10          # the goal: within ±10% of the runtime's own harness ...
FROM_NS = 1000.0          # ... for ops of 1 µs or more
OWN_HARNESS = {"go": "go-test", "python": "pyperf"}
FLOOR_HARNESS = "c"       # the C floor called from a thread the runtime did not create, as a Java thread is
WITHIN, APART, UNSURE = "within ±10%", "more than 10% apart", "inconclusive"


@dataclass
class Pair:
    row: object           # the summary row measured through JNI
    native: object        # the load.NativeRow it is held against
    measured: float       # the JNI figure compared: net of the toll for ops, gross for crossing rows
    measured_ci: tuple
    ratio: float
    low: float
    high: float

    @property
    def verdict(self):
        if self.low >= 1 - TOLERANCE and self.high <= 1 + TOLERANCE:
            return WITHIN
        if self.low > 1 + TOLERANCE or self.high < 1 - TOLERANCE:
            return APART
        return UNSURE


def _pair(row, native, measured, measured_ci):
    if not native.median > 0 or not measured > 0:
        return None
    low = measured_ci[0] / native.ci_high if native.ci_high > 0 else float("nan")
    high = measured_ci[1] / native.ci_low if native.ci_low > 0 else float("nan")
    return Pair(row, native, measured, measured_ci, measured / native.median, low, high)


def _native_index(native, harness_of):
    return {(n.op, n.variant, n.payload, n.lane): n for n in native if n.harness == harness_of(n.lane)}


def op_pairs(rows, native):
    """Each op row on 1 thread with a native figure from its lane's own harness, net of the toll."""
    index = _native_index(native, OWN_HARNESS.get)
    pairs = []
    for r in rows:
        n = index.get((r.op, r.variant, r.payload, r.lane))
        # native.csv names no library: its harnesses time the usual one, so fast rows have no partner.
        if r.role == FAST:
            continue
        if r.threads == 1 and r.op != "crossing" and n is not None and r.net is not None:
            net_low, net_high = stats.interval(np.asarray(r.net))
            pair = _pair(r, n, r.net_of_crossing, (net_low, net_high))
            if pair:
                pairs.append(pair)
    return pairs


def floor_pairs(rows, native):
    """JMH's Crossing.noop and echo on 1 thread against the C floor of the same call."""
    index = _native_index(native, lambda lane: FLOOR_HARNESS)
    pairs = []
    for r in rows:
        n = index.get((r.op, r.variant, r.payload, r.lane))
        if r.threads == 1 and r.op == "crossing" and n is not None and r.estimate:
            pair = _pair(r, n, r.median, r.ci)
            if pair:
                pairs.append(pair)
    return pairs


def summary_line(rows, native):
    """One sentence for the report's Summary."""
    if not native:
        return "Agreement: not measured (no native.csv); see [Agreement](#agreement)."
    big = [p for p in op_pairs(rows, native) if p.native.median >= FROM_NS]
    agree = sum(p.verdict == WITHIN for p in big)
    return (f"Agreement: {agree} of {len(big)} ops of 1 µs or more, net of the crossing toll, are within ±10% "
            "of the runtime's own harness; see [Agreement](#agreement).")


def _range(p):
    return f"{p.ratio:.2f}x ({p.low:.2f}–{p.high:.2f}x)"


def _value(median, low, high, scale=1.0):
    return f"{fmt.num(median / scale)} ({fmt.interval(low / scale, high / scale)})"


def section(rows, native, run_name, has_findings=False):
    out = ["## Agreement", ""]
    if not native:
        return out + ["No native.csv in this run: nothing was timed by the runtimes' own harnesses. "
                      f"Make it with `scripts/native-bench results/{run_name}` on a quiet machine, then "
                      f"`scripts/compare results/{run_name}`."]
    ops = op_pairs(rows, native)
    out += ["Each op on 1 thread through JNI, net of the crossing toll (the echo of its input size), "
            "against the same op on the same bytes timed by the runtime's own harness (Go: `go test -bench`; "
            "Python: pyperf). Times in ns/op (bcrypt in ms/op), medians with 95% intervals; the ratio's range runs from one "
            "interval's low end over the other's high end. The goal: within ±10% for every op of 1 µs or more.",
            "", "| op | variant | case | lane | through JNI | net of toll | own harness | net / own | |",
            "|---|---|---|---|---:|---:|---:|---|---|"]
    for p in ops:
        r, n = p.row, p.native
        scale = display_unit(r.op)[1]
        out.append(f"| {r.op} | {r.variant} | {r.case} | {lanes.title(r.lane)} | {fmt.median_ci(r, scale)} | "
                   f"{_value(p.measured, *p.measured_ci, scale)} | {_value(n.median, n.ci_low, n.ci_high, scale)} "
                   f"{n.harness} | {_range(p)} | {p.verdict} |")
    if not ops:
        out.append("| (no op has both a JNI and a native figure) | | | | | | | | |")
    big = [p for p in ops if p.native.median >= FROM_NS]
    apart = [p for p in big if p.verdict != WITHIN]
    out += ["", summary_line(rows, native).replace("; see [Agreement](#agreement)", "")]
    if apart:
        why = ("see [Findings](#findings) for what was measured" if has_findings
               else f"the reason belongs in the run's {FINDINGS}, with a measurement")
        out.append(f"Not shown to agree ({why}): "
                   + "; ".join(f"{p.row.op} {p.row.variant} {p.row.case} {lanes.title(p.row.lane)}: "
                               f"{p.verdict}, {_range(p)}" for p in apart) + ".")
    floors = floor_pairs(rows, native)
    out += ["", "### The crossing against its floor", "",
            "JMH's `Crossing` figures on 1 thread against the same calls made by a C program with no JVM "
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
