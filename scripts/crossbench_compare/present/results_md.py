"""The report's Results per op and Scaling sections: one table per op family and
thread count (JSON: one per variant), the crossing toll as a lane x call table,
and the 1 vs 2 threads speedups."""

from ..reading import lanes
from ..rows import scaling
from . import fmt
from .charts.per_op import shows_throughput


def _op_table(rows, op):
    label, scale = fmt.display_unit(op)
    # JSON rows give MB/s (their document's bytes) and name their library where env.json does.
    with_mb = any(r.spec.carries_document for r in rows)
    with_library = any(r.library or r.library_tag for r in rows)
    case = "payload" if any(r.payload for r in rows) else "params"
    head = (f"| variant | {case} | lane |" + (" library |" if with_library else "")
            + f" median {label} (95% interval) | ± | vs Java | net of crossing, {label} |")
    rule = "|---|---|---|" + ("---|" if with_library else "") + "---:|---:|---|---:|"
    if with_mb:
        head += " MB/s |"
        rule += "---:|"
    head += " JMH score ± error, ns/op |"
    rule += "---:|"
    lines = [head, rule]
    for r in rows:
        mark = " ⚠" if r.unstable else ""
        net = fmt.num(r.net_of_crossing / scale) if r.net_of_crossing is not None else ""
        library = f" {r.library or r.role} |" if with_library else ""
        line = (f"| {r.variant} | {r.case} | {lanes.title(r.lane)}{mark} |{library} {fmt.median_ci(r, scale)} | "
                f"{fmt.half_width(r)} | {fmt.relative(r.ratio) if r.lane != lanes.BASELINE else '(reference)'} | {net} |")
        if with_mb:
            line += f" {fmt.num(r.mb_per_s) if r.mb_per_s is not None else ''} |"
        line += f" {fmt.score(r.score, r.error)} |"
        lines.append(line)
    return lines


def _toll_table(rows):
    """Lanes down, calls across (noop, echo by size, the reference call); references last."""
    cols = []
    for r in rows:
        label = fmt.call_label(r)
        if (r.benchmark, r.params, label) not in cols:
            cols.append((r.benchmark, r.params, label))
    seen = {r.lane for r in rows}
    references = {lane for lane in seen if lanes.is_reference(lane)}
    shown = lanes.ordered(seen - references) + lanes.ordered_ways(references)  # a bare call is named by its way in
    by = {(r.benchmark, r.params, r.lane): r for r in rows}
    lines = ["| lane | " + " | ".join(c[2] for c in cols) + " |", "|---|" + "---:|" * len(cols)]
    for lane in shown:
        cells = [by.get((c[0], c[1], lane)) for c in cols]
        lines.append(f"| {lanes.title(lane)} | " + " | ".join(
            (fmt.median_ci(c) + (" ⚠" if c.unstable else "")) if c else "" for c in cells) + " |")
    return lines


def results_section(rows, charts, catalogue):
    out = ["## Results per op", "", "Medians with 95% intervals; ⚠ marks a row listed as unstable in "
           "[Stability](#stability)."]
    for op in ops_of(rows, catalogue):
        op_rows = [r for r in rows if r.op == op]
        toll = op in catalogue.toll_ops
        out += ["", f"### {op}"]
        if toll:
            out += ["", "The toll of getting into each runtime and back, with no work: `noop` enters "
                    "and returns; `echo` carries the bytes in and back out; `jni` (a reference "
                    "line, lane \"bare JNI\") is a JNI call into C that touches no runtime, the "
                    "floor under both native lanes. Java's figures are plain method calls. ns/op."]
        for t in sorted({r.threads for r in op_rows}):
            t_rows = [r for r in op_rows if r.threads == t]
            out += ["", f"#### {fmt.threads(t)}"]
            if toll:
                out += [""] + _toll_table(t_rows)
                continue
            # JSON: one table per variant (tree, bind, write), rows payload x lane x library.
            documents = any(r.spec.carries_document for r in t_rows)
            variants = list(dict.fromkeys(r.variant for r in t_rows)) if documents else [None]
            for v in variants:
                v_rows = [r for r in t_rows if v is None or r.variant == v]
                out += ([""] if v is None or len(variants) == 1 else ["", f"##### {v}", ""]) + _op_table(v_rows, op)
        if op in charts:
            what = "throughput by lane and library" if shows_throughput(op_rows) else "time per op by lane"
            out += ["", f"![{op}: {what}]({charts[op]})"]
    if "ratios" in charts:
        out += ["", "### Ratios", "",
                "Each lane's time over Java's, and Python's over Go's, on 1 thread, with 95% intervals "
                "(log scale; left of 1x is faster).", "", f"![Ratios]({charts['ratios']})"]
    return out


def ops_of(rows, catalogue):
    """The op families of these rows, in the catalogue's order, then unknown ones by name."""
    ops = [op for op in catalogue.ops if any(r.op == op for r in rows)]
    return ops + sorted({r.op for r in rows} - set(ops))


def scaling_section(rows, charts, cores):
    out = ["## Scaling: 1 vs 2 threads", "",
           "Aggregate throughput = threads x 10^9 / (ns/op), in ops/s over all threads. Speedup = "
           "throughput on 2 threads / on 1 thread, with its 95% interval. The words follow the "
           f"interval: **scales** if it lies at or above {scaling.SCALES}x, **serialises** if at or "
           f"below {scaling.SERIALISES}x (the threads take turns), **partly scales** if wholly between, "
           "and **inconclusive** if it crosses a line. A speedup whose interval lies wholly above "
           "the number of threads (or cores) cannot be real: the row is **unstable**, and one of its "
           "two figures is off (usually an unfinished warm-up, or load from another process).", "",
           "| op | variant | case | lane | 1 thread ns/op | 2 threads ns/op | 1 thread ops/s | "
           "2 threads ops/s | speedup (95% interval) |",
           "|---|---|---|---|---:|---:|---:|---:|---|"]
    pairs = [(one, many) for one, many in scaling.scaling_pairs(rows) if one.estimate and many.estimate]
    for one, many in pairs:
        s = scaling.speedup(one, many)
        out.append(f"| {one.op} | {one.variant} | {one.case} | {lanes.title(one.lane)} | "
                   f"{fmt.num(one.median)} | {fmt.num(many.median)} | {fmt.num(1e9 / one.median)} | "
                   f"{fmt.num(many.threads * 1e9 / many.median)} | {s.value:.2f}x "
                   f"({s.ci_low:.2f}–{s.ci_high:.2f}): {scaling.word(s, many, cores)} |")
    if not pairs:
        out = out[:1] + ["", "No op was measured on both 1 and 2 threads."]
    if "scaling" in charts:
        out += ["", f"![Scaling: 1 vs 2 threads]({charts['scaling']})"]
    return out
