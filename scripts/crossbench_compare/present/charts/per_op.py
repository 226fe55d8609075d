"""One chart per op family, one question each. Most ops: the time per op of each
lane, on 1 thread (the fewest threads measured; 2 threads are the scaling
chart's question). Ops on JSON documents: their throughput in MB/s of the
document, by lane and library, one panel per variant: MB/s stays comparable
from a 253-byte body to a 256 KB one, where times span four orders of magnitude."""

from ...reading import lanes
from .. import fmt
from .common import figure, grouped_bars, legend_right, save, value_axis


def case_label(row):
    """The x label of a row's case: variant and case (echo sizes in bytes), and its library
    role where the run measured two."""
    case = row.case
    if row.spec.toll and case.isdigit():
        case = f"{int(case):,} B"
    if row.library_tag:
        case = f"{case}\n{row.library_tag}"
    return f"{row.variant}\n{case}" if case else row.variant


def shows_throughput(rows):
    """Whether an op's chart is its throughput (rows on JSON documents of a known size), not its time."""
    return any(r.spec.carries_document and r.mb_per_s for r in rows)


def _fewest_threads(rows):
    threads = min(r.threads for r in rows)
    return [r for r in rows if r.threads == threads and r.estimate and r.median > 0], threads


def time_chart(rows, op, path):
    """Time per op by lane, each case a group of bars; False (no chart) for fewer than two bars."""
    rows, threads = _fewest_threads(rows)
    if len(rows) < 2:
        return False
    unit, scale = fmt.display_unit(op)
    groups = list({(r.benchmark, r.params): case_label(r) for r in rows}.items())
    series = [(lane, lanes.title(lane), lanes.colour(lane), False) for lane in lanes.ordered({r.lane for r in rows})]
    by = {((r.benchmark, r.params), r.lane): r for r in rows}

    def cell(group, lane):
        r = by.get((group, lane))
        return (r.median / scale, r.ci[0] / scale, r.ci[1] / scale) if r else None

    fig, ax = figure(figsize=(max(7.0, 1.3 * len(groups) + 3), 4.2))
    value_axis(ax, grouped_bars(ax, groups, series, cell), f"median {unit}")
    ax.set_title(f"{op}: time per op, {fmt.threads(threads)} (whiskers: 95% interval)")
    legend_right(ax)
    save(fig, path)
    return True


def throughput_chart(rows, op, path, roles):
    """MB/s by lane and library role, a panel per variant, payloads along x; False (no chart)
    for fewer than two bars."""
    rows, threads = _fewest_threads([r for r in rows if r.mb_per_s])
    if len(rows) < 2:
        return False
    variants = list(dict.fromkeys(r.variant for r in rows))
    present = {(r.lane, r.role) for r in rows}
    several_roles = len({role for _, role in present}) > 1
    order = list(roles) + sorted({role for _, role in present} - set(roles))
    series = [((lane, role), f"{lanes.title(lane)} {role}" if several_roles else lanes.title(lane),
               lanes.colour(lane), role != order[0])
              for lane in lanes.ordered({lane for lane, _ in present}) for role in order if (lane, role) in present]
    by = {(r.variant, r.case, r.lane, r.role): r for r in rows}

    def mb_per_s(variant):
        def cell(case, lane_role):
            r = by.get((variant, case) + lane_role)
            if r is None:
                return None
            low, high = r.ci  # MB/s falls as time rises: the interval's ends swap
            return r.mb_per_s, r.payload_bytes / high * 1e3, r.payload_bytes / low * 1e3
        return cell

    cases = {v: list(dict.fromkeys(r.case for r in rows if r.variant == v)) for v in variants}
    fig, axes = figure(1, len(variants), sharey=True, squeeze=False,
                       figsize=(1.7 * sum(len(c) for c in cases.values()) + 3.0, 4.4),
                       gridspec_kw={"width_ratios": [len(cases[v]) for v in variants]})
    drawn = []
    for ax, variant in zip(axes[0], variants):
        drawn += grouped_bars(ax, [(c, c) for c in cases[variant]], series, mb_per_s(variant))
        ax.set_title(variant)
        ax.grid(axis="y", which="major", alpha=0.3)
        ax.set_axisbelow(True)
    value_axis(axes[0][0], drawn, "median MB/s", "higher")
    hatched = "hatched: not the lane's usual library; " if several_roles else ""
    fig.suptitle(f"{op}: throughput in MB/s of the JSON document, {fmt.threads(threads)}, by lane and library "
                 f"({hatched}whiskers: 95% interval)")
    legend_right(axes[0][-1], axes[0])
    save(fig, path)
    return True
