"""PNG charts (matplotlib, Agg). Bars and points sit at the median; whiskers are
the 95% intervals, drawn as they are (never clipped: on a log axis an interval
cannot reach zero). Per op the lanes side by side; the ratios to Java and of
Python to Go; 1 vs 2 threads; each claim beside what was measured; and the
bytes allocated per op by lane and library."""

import os

import matplotlib
matplotlib.use("Agg")  # files only; never needs a display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

from ..reading import lanes  # noqa: E402
from ..rows import memory, scaling  # noqa: E402
from ..rows.claims import CLAIMED  # noqa: E402
from ..stats import bootstrap  # noqa: E402
from .fmt import display_unit  # noqa: E402

LOG_WHEN = 20  # log scale when the largest bar is over 20x the smallest


def _lanes(rows):
    return lanes.ordered({r.lane for r in rows})


def _group_label(row):
    case = row.case
    if row.spec.toll and case.isdigit():
        case = f"{int(case):,} B"
    if row.library_tag:  # two libraries ran this case: say which bar is which
        case = f"{case}\n{row.library_tag}"
    return f"{row.variant}\n{case}" if case else row.variant


def _groups(rows):
    """Ordered distinct (benchmark, params) cases, labelled for the x axis."""
    out = {}
    for r in rows:
        out.setdefault((r.benchmark, r.params), _group_label(r))
    return out


def _whiskers(values, lows, highs):
    """matplotlib's asymmetric error array from medians and interval ends (NaN: no whisker)."""
    values, lows, highs = (np.asarray(v, dtype=float) for v in (values, lows, highs))
    return np.vstack([values - lows, highs - values])


def _log_ticks(ax, axis="y"):
    """Plain numbers on a log axis, not 10^x, so readers can read values off it."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
    target.set_minor_formatter(NullFormatter())


def _bars(ax, rows, title, unit, scale):
    groups = _groups(rows)
    shown = _lanes(rows)
    by = {(r.benchmark, r.params, r.lane): r for r in rows}
    x = np.arange(len(groups))
    width = 0.8 / max(len(shown), 1)
    # Centre each group's bars on its tick, over the lanes that group has
    # (the jni reference line has one lane, not a gap where the others would be).
    present = {g: [l for l in shown if (g[0], g[1], l) in by] for g in groups}
    values = []
    for lane in shown:
        xs, ys, lows, highs = [], [], [], []
        for j, g in enumerate(groups):
            r = by.get((g[0], g[1], lane))
            if r is not None and r.median > 0:
                k, n = present[g].index(lane), len(present[g])
                xs.append(x[j] + (k - (n - 1) / 2) * width)
                low, high = r.ci
                ys.append(r.median / scale)
                lows.append(low / scale)
                highs.append(high / scale)
        values += ys + [h for h in highs if not np.isnan(h)]
        if xs:
            ax.bar(xs, ys, width, yerr=_whiskers(ys, lows, highs), capsize=3, label=lanes.title(lane),
                   color=lanes.colour(lane), edgecolor="black", linewidth=0.4)
    positive = [v for v in values if v > 0]
    log = positive and max(positive) / min(positive) > LOG_WHEN
    if log:
        ax.set_yscale("log")
        _log_ticks(ax)
    else:  # plain numbers with separators, not matplotlib's "1e7" offset
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if scale == 1 else f"{v:,.1f}"))
    ax.set_xticks(x, list(groups.values()))
    ax.set_ylabel(f"median {unit}" + (" (log scale)" if log else "") + ", lower is better")
    ax.set_title(title)
    ax.grid(axis="y", which="major", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))


def _save(fig, path):
    """Every chart's last step: fit the layout, write the PNG, free the figure."""
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def op_chart(rows, op, path):
    unit, scale = display_unit(op)
    threads = sorted({r.threads for r in rows})
    groups = len(_groups(rows))
    fig, axes = plt.subplots(len(threads), 1, figsize=(max(7.0, 1.3 * groups + 3), 3.6 * len(threads)),
                             squeeze=False)
    for ax, t in zip(axes[:, 0], threads):
        _bars(ax, [r for r in rows if r.threads == t],
              f"{op}: time per op, {t} thread{'s' if t > 1 else ''} (whiskers: 95% interval)", unit, scale)
    _save(fig, path)


def _point_rows(ax, items, title, xlabel):
    """items: [(label, [(series, Ratio, colour, marker)])]; one row per label, log x axis."""
    y = np.arange(len(items))
    seen = set()
    for j, (_, points) in enumerate(items):
        offsets = np.linspace(-0.2, 0.2, len(points)) if len(points) > 1 else [0.0]
        for (series, ratio, colour, marker), dy in zip(points, offsets):
            ax.errorbar([ratio.value], [y[j] + dy],
                        xerr=_whiskers([ratio.value], [ratio.ci_low], [ratio.ci_high]),
                        fmt=marker, color=colour, ecolor="black", elinewidth=1, capsize=3, markersize=6,
                        markeredgecolor="black", markeredgewidth=0.4,
                        label=series if series not in seen else None)
            seen.add(series)
    ax.axvline(1, color="black", linewidth=1)
    ax.set_xscale("log")
    _log_ticks(ax, "x")
    ax.set_yticks(y, [label for label, _ in items])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", which="major", alpha=0.3)
    ax.set_axisbelow(True)


def ratio_chart(rows, path):
    """Each lane's time over Java's, and Python's over Go's, on 1 thread, log axis."""
    one = [r for r in rows if r.threads == 1 and r.estimate and r.spec.work]
    by = {(r.key, r.lane): r for r in one}
    cases = []
    for r in one:
        if (r.key, lanes.BASELINE) in by and r.key not in [c[0] for c in cases]:
            cases.append((r.key, f"{r.op} {_group_label(r).replace(chr(10), ' ')}"))
    if not cases:
        return False
    items = []
    for key, label in cases:
        points = []
        java = by[(key, lanes.BASELINE)]
        for lane in lanes.ordered({l for k, l in by if k == key} - {lanes.BASELINE}):
            points.append((f"{lanes.title(lane)} / {lanes.title(lanes.BASELINE)}",
                           bootstrap.row_ratio(by[(key, lane)].estimate, java.estimate), lanes.colour(lane), "o"))
        subject, reference = lanes.HEADLINE
        if (key, subject) in by and (key, reference) in by:
            points.append((f"{lanes.title(subject)} / {lanes.title(reference)}",
                           bootstrap.row_ratio(by[(key, subject)].estimate, by[(key, reference)].estimate), "#7b2cbf", "D"))
        items.append((label, points))
    fig, ax = plt.subplots(figsize=(9.5, 0.6 * len(items) + 1.8))
    _point_rows(ax, items, "Time ratios on 1 thread (whiskers: 95% interval)",
                "time ratio (log scale): right of 1 = slower than the reference")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    _save(fig, path)
    return True


def scaling_chart(rows, path, cores):
    pairs = [(o, m) for o, m in scaling.scaling_pairs(rows) if o.estimate and m.estimate]
    if not pairs:
        return False
    labels = {}
    for one, _ in pairs:
        labels.setdefault((one.benchmark, one.params), f"{one.op} {_group_label(one).replace(chr(10), ' ')}")
    shown = _lanes([p[0] for p in pairs])
    by = {(o.benchmark, o.params, o.lane): (scaling.speedup(o, m), m) for o, m in pairs}
    y = np.arange(len(labels))
    height = 0.8 / len(shown)
    fig, ax = plt.subplots(figsize=(9.5, 0.55 * len(labels) + 1.6))
    present = {key: [l for l in shown if (key[0], key[1], l) in by] for key in labels}
    top = 2.0
    for lane in shown:
        ys, vs, lows, highs = [], [], [], []
        for j, key in enumerate(labels):
            if (key[0], key[1], lane) in by:
                k, n = present[key].index(lane), len(present[key])
                s, many = by[(key[0], key[1], lane)]
                ys.append(y[j] + (k - (n - 1) / 2) * height)
                vs.append(s.value)
                lows.append(s.ci_low)
                highs.append(s.ci_high)
                if scaling.impossible(s, many, cores):
                    ax.text(s.ci_high + 0.05, ys[-1], "unstable", va="center", fontsize=7, color="red")
        top = max([top] + highs)
        ax.barh(ys, vs, height, xerr=_whiskers(vs, lows, highs), capsize=2, label=lanes.title(lane),
                color=lanes.colour(lane), edgecolor="black", linewidth=0.4)
    ax.axvline(1, color="red", linestyle="--", linewidth=1, label="1x: serialised")
    ax.axvline(2, color="green", linestyle="--", linewidth=1, label="2x: scales")
    ax.set_yticks(y, list(labels.values()))
    ax.invert_yaxis()
    ax.set_xlabel("aggregate throughput on 2 threads / on 1 thread, with 95% interval (higher is better)")
    ax.set_title("Scaling: 1 vs 2 threads per lane")
    ax.set_xlim(0, max(2.6, top + 0.4))
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    _save(fig, path)
    return True


def claims_chart(claims, path):
    """Each claim's factor (or range) as a band, and the ratios it rests on with intervals."""
    shown = [c for c in claims if c.evidence]
    if not shown:
        return False
    items = []
    for c in shown:
        for e in c.evidence:
            items.append((f"{c.number}. {e.what}", [("measured: Python / Go time", e.gross, "#7b2cbf", "o")]
                          + ([("net of crossing", e.net, "#bbbbbb", "s")] if e.net else [])))
        if c.overall:
            items.append((f"{c.number}. {c.overall.what}", [("measured: Python / Go time", c.overall.gross, "#7b2cbf", "o")]))
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(items) + 2.0))
    _point_rows(ax, items, "Claims: the claimed factor (band or line) beside the measured ratio",
                "Python's time / Go's time (log scale; claim 4: Go's throughput / Python's; "
                "claim 5: Python's bytes per op / Go's)")
    start, labelled = 0, set()
    for c in shown:
        n = len(c.evidence) + (1 if c.overall else 0)
        low, high = CLAIMED[c.number]
        span = (start - 0.45, start + n - 0.55)
        label = "claimed range" if high else "claimed factor"
        if high:
            ax.fill_betweenx(span, low, high, color="red", alpha=0.15,
                             label=label if label not in labelled else None)
        else:
            ax.plot([low, low], span, color="red", linewidth=2, label=label if label not in labelled else None)
        labelled.add(label)
        ax.text(low, span[0] + 0.1, f"claim {c.number}: {c.verdict} ", fontsize=7, va="top", ha="right",
                color="darkred")
        start += n
        if start < len(items):
            ax.axhline(start - 0.5, color="grey", linewidth=0.5)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    _save(fig, path)
    return True


FAST_HATCH = "//"  # bars of a library other than the usual one: the lane's colour, hatched


def memory_chart(items, path, roles):
    """Bytes per op from memory.csv (memory.Entries): a bar per lane and library, log scale
    (payloads span three orders of magnitude). Point counts: no whiskers."""
    items = [e for e in items if e.bytes_per_op and e.bytes_per_op > 0]
    if not items:
        return False
    groups = memory.groups(items)
    cols = memory.columns(items, roles)
    x = np.arange(len(groups))
    width = 0.8 / len(cols)
    fig, ax = plt.subplots(figsize=(max(7.0, 1.1 * len(groups) + 3), 4.2))
    present = {g: [c for c in cols if c in by] for g, by in groups.items()}
    for col in cols:
        xs, ys = [], []
        for j, (g, by) in enumerate(groups.items()):
            if col in by:
                k, n = present[g].index(col), len(present[g])
                xs.append(x[j] + (k - (n - 1) / 2) * width)
                ys.append(by[col].bytes_per_op)
        lane, role = col
        ax.bar(xs, ys, width, label=f"{lanes.title(lane)} {role}", color=lanes.colour(lane),
               hatch=FAST_HATCH if role != roles[0] else None, edgecolor="black", linewidth=0.4)
    ax.set_yscale("log")
    _log_ticks(ax)
    ax.set_xticks(x, [f"{op} {variant}\n{case}" if case else f"{op} {variant}" for op, variant, case in groups])
    ax.set_ylabel("bytes allocated per op (log scale), lower is better")
    ax.set_title("Memory: bytes the runtime allocated per op (one counted pass; not resident memory)")
    ax.grid(axis="y", which="major", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    _save(fig, path)
    return True


def make_charts(rows, claims, out_dir, cores=None, memory_items=(), roles=()):
    """Writes the charts; returns {name: relative path} of those written.
    memory_items: memory.Entries from memory.csv, if the run has one; roles: the library roles."""
    os.makedirs(out_dir, exist_ok=True)
    written = {}
    ops = [r.op for r in rows]
    for op in dict.fromkeys(ops):
        path = os.path.join(out_dir, f"{op}.png")
        op_chart([r for r in rows if r.op == op], op, path)
        written[op] = f"charts/{op}.png"
    for name, draw in (("ratios", lambda p: ratio_chart(rows, p)),
                       ("scaling", lambda p: scaling_chart(rows, p, cores)),
                       ("claims", lambda p: claims_chart(claims, p)),
                       ("memory", lambda p: memory_chart(memory_items, p, roles))):
        if draw(os.path.join(out_dir, f"{name}.png")):
            written[name] = f"charts/{name}.png"
    return written
