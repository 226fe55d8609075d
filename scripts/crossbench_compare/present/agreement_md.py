"""The report's Agreement section (rows/agreement.py pairs the figures): JNI
figures net of the toll against the runtimes' own harnesses, and the crossing
toll against its C floor, each way in (JNI, FFM, JNA) beside the others."""

from ..reading import crossings, lanes
from ..reading.run import FINDINGS
from ..rows.agreement import FROM_NS, WITHIN, bare_calls, crossing_calls, op_pairs
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


def _ways_text(lanes_shown):
    """'JNI', or 'JNI/FFM': the ways in that these lanes were reached by, in the run's order."""
    return "/".join(lanes.way_title(w) for w in lanes.ordered_ways({lanes.way(lane) for lane in lanes_shown}))


def section(rows, native, run_name, catalogue, has_findings=False, charts=None):
    out = ["## Agreement", ""]
    if not native:
        out += ["No native.csv in this run: nothing was timed by the runtimes' own harnesses. "
                f"Make it with `scripts/native-bench results/{run_name}` on a quiet machine, then "
                f"`scripts/compare results/{run_name}`."]
        # Without floors the ways in still compare with each other, where the run took more than one.
        several = len({w for call in crossing_calls(rows, native) for w in call.rows}) > 1
        return out + (crossing_section(rows, native, catalogue, charts) if several else [])
    ops = op_pairs(rows, native, catalogue.roles[0])
    through = _ways_text({p.row.lane for p in ops}) or "JNI"
    out += [f"Each op on 1 thread through {through}, net of the crossing toll (the echo of its input size), "
            "against the same op on the same bytes timed by the runtime's own harness (Go: `go test -bench`; "
            f"Python: pyperf). Times in {fmt.units_text({p.row.op for p in ops})}, medians with 95% intervals; the "
            "ratio's range runs from one interval's low end over the other's high end. The goal: within ±10% for "
            "every op of 1 µs or more.",
            "", f"| op | variant | case | lane | through {through} | net of toll | own harness | net / own | |",
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
    return out + crossing_section(rows, native, catalogue, charts)


def crossing_section(rows, native, catalogue, charts=None):
    """The crossing against its floor: per native lane and call on 1 thread, the C floor, then each
    way in the run took with its ratio to the floor; the bare calls as lines of their own; a line
    for each way in env.json lists that the run lacks, with why."""
    calls, bare = crossing_calls(rows, native), bare_calls(rows)
    known = {crossings.NATIVE} | set(lanes.ways())   # a bare call's reference name is its way in
    ways = lanes.ordered_ways({w for call in calls for w in call.rows} | {r.lane for r in bare if r.lane in known})
    toll_classes = " and ".join(sorted({b.cls for b in catalogue.benchmarks if not b.work}))
    floor_note = "" if native else " This run has no native.csv, so no floor: the ways in compare with each other."
    out = ["", "### The crossing against its floor", "",
           f"JMH's `{toll_classes}` figures on 1 thread against the same calls made by a C program with no JVM "
           "(`cb_noop`, and `echo` through `cb_call`), from a thread the runtime did not create: the price of "
           "entering the runtime without Java. Each way in is a column, with its ratio to the floor: what that way "
           "in and the bridge add. The bare calls (an empty C function through each way in, no runtime) follow as "
           f"lines of their own.{floor_note}", "",
           "| lane | call | C floor | " + " | ".join(f"{lanes.way_title(w)} | {lanes.way_title(w)} / floor" for w in ways) + " |",
           "|---|---|---:|" + "---:|---|" * len(ways)]
    for call in calls:
        n = call.floor
        floor = _value(n.median, n.ci_low, n.ci_high) if n else "n/a"
        cells = [(_figure(call.rows[w]) if w in call.rows else "", _range(call.pairs[w]) if w in call.pairs else "")
                 for w in ways]
        out.append(_line(lanes.title(call.lane), fmt.call_label(next(iter(call.rows.values()))), floor, cells))
    for r in bare:
        out.append(_line(lanes.title(r.lane), "empty C function", "",
                         [(_figure(r) if w == r.lane else "", "") for w in ways]))
    if not calls and not bare:
        out.append(_line("(no crossing rows on 1 thread)", "", "", [("", "")] * len(ways)))
    for way, described in lanes.ways().items():
        if way != crossings.PLAIN and way not in ways:
            why = described.get("unavailable")
            out += ["", f"{lanes.way_title(way)}: not in this run" + (f": {why}" if why else ".")]
    if charts and "crossing_ways" in charts:
        out += ["", f"![The crossing by way in, against its C floor]({charts['crossing_ways']})"]
    return out


def _figure(row):
    return fmt.median_ci(row) + (" ⚠" if row.unstable else "")


def _line(lane, call, floor, cells):
    """A table line: lane, call, floor, then each way's (figure, ratio to the floor)."""
    return "| " + " | ".join([lane, call, floor] + [c for pair in cells for c in pair]) + " |"
