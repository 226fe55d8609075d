"""PNG charts (matplotlib, Agg): per op, the lanes side by side per case with
JMH's error bars; and one scaling chart, 1 vs 2 threads per lane."""

import os

import matplotlib
matplotlib.use("Agg")  # files only; never needs a display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from . import fmt  # noqa: E402
from .summary import LANES, OP_ORDER, REFERENCE_LANE  # noqa: E402

COLORS = {"java": "#e76f00", "go": "#00add8", "python": "#f2c12e", REFERENCE_LANE: "#888888"}
LOG_WHEN = 20  # log scale when the largest bar is over 20x the smallest
XMAX = 3.0     # the scaling chart's axis: 2 threads give at most 2x, the rest is noise


def _lanes(rows):
    seen = {r.lane for r in rows}
    return [l for l in LANES if l in seen] + sorted(seen - set(LANES))


def _group_label(row):
    case = row.case
    if row.variant == "echo" and case.isdigit():
        case = f"{int(case):,} B"
    return f"{row.variant}\n{case}" if case else row.variant


def _groups(rows):
    """Ordered distinct (benchmark, params) cases, labelled for the x axis."""
    out = {}
    for r in rows:
        out.setdefault((r.benchmark, r.params), _group_label(r))
    return out


def _bars(ax, rows, title):
    groups = _groups(rows)
    lanes = _lanes(rows)
    by = {(r.benchmark, r.params, r.lane): r for r in rows}
    x = np.arange(len(groups))
    width = 0.8 / max(len(lanes), 1)
    # Centre each group's bars on its tick, over the lanes that group has
    # (the jni reference line has one lane, not a gap where the others would be).
    present = {g: [l for l in lanes if (g[0], g[1], l) in by] for g in groups}
    values = []
    for lane in lanes:
        ys, errs, xs = [], [], []
        for j, g in enumerate(groups):
            r = by.get((g[0], g[1], lane))
            if r is not None and r.score > 0:
                k, n = present[g].index(lane), len(present[g])
                xs.append(x[j] + (k - (n - 1) / 2) * width)
                ys.append(r.score)
                errs.append(np.nan if fmt.missing(r.error) else min(r.error, r.score * 0.999))  # no bar when JMH gave no error
        values += ys
        if xs:
            ax.bar(xs, ys, width, yerr=errs, capsize=3, label=fmt.lane_name(lane),
                   color=COLORS.get(lane, None), edgecolor="black", linewidth=0.4)
    log = values and max(values) / min(values) > LOG_WHEN
    if log:
        ax.set_yscale("log")
    else:  # plain ns with separators, not matplotlib's "1e7" offset
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xticks(x, list(groups.values()))
    ax.set_ylabel("ns/op" + (" (log scale)" if log else "") + ", lower is better")
    ax.set_title(title)
    ax.grid(axis="y", which="major", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))


def op_chart(rows, op, path):
    threads = sorted({r.threads for r in rows})
    groups = len(_groups(rows))
    fig, axes = plt.subplots(len(threads), 1, figsize=(max(7.0, 1.3 * groups + 3), 3.6 * len(threads)),
                             squeeze=False)
    for ax, t in zip(axes[:, 0], threads):
        _bars(ax, [r for r in rows if r.threads == t],
              f"{op}: time per op, {t} thread{'s' if t > 1 else ''}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def scaling_pairs(rows):
    """(1-thread row, 2-thread row) for every case and lane measured at both."""
    two = {(r.benchmark, r.params, r.lane): r for r in rows if r.threads == 2}
    return [(r, two[(r.benchmark, r.params, r.lane)]) for r in rows
            if r.threads == 1 and (r.benchmark, r.params, r.lane) in two]


def speedup(one, two):
    """Aggregate throughput on 2 threads over 1 thread: 2 * 1e9/t2 over 1e9/t1."""
    return (two.threads / two.score) / (one.threads / one.score)


def scaling_chart(rows, path):
    pairs = scaling_pairs(rows)
    if not pairs:
        return False
    labels = {}
    for one, _ in pairs:
        labels.setdefault((one.benchmark, one.params), f"{one.op} {_group_label(one).replace(chr(10), ' ')}")
    lanes = _lanes([p[0] for p in pairs])
    by = {(o.benchmark, o.params, o.lane): speedup(o, t) for o, t in pairs}
    y = np.arange(len(labels))
    height = 0.8 / len(lanes)
    fig, ax = plt.subplots(figsize=(9.5, 0.55 * len(labels) + 1.6))
    present = {key: [l for l in lanes if (key[0], key[1], l) in by] for key in labels}
    for lane in lanes:
        ys, vs = [], []
        for j, key in enumerate(labels):
            if (key[0], key[1], lane) in by:
                k, n = present[key].index(lane), len(present[key])
                ys.append(y[j] + (k - (n - 1) / 2) * height)
                vs.append(by[(key[0], key[1], lane)])
        # Speedups past XMAX are noise (2 threads cannot do more than 2x): clip the
        # bar at the edge and print its value, so one outlier cannot squash the rest.
        ax.barh(ys, [min(v, XMAX) for v in vs], height, label=fmt.lane_name(lane),
                color=COLORS.get(lane), edgecolor="black", linewidth=0.4)
        for yy, v in zip(ys, vs):
            if v > XMAX:
                ax.text(XMAX - 0.03, yy, f"{v:.1f}x (noise)", ha="right", va="center", fontsize=7)
    ax.axvline(1, color="red", linestyle="--", linewidth=1, label="1x: serialised")
    ax.axvline(2, color="green", linestyle="--", linewidth=1, label="2x: scales")
    ax.set_yticks(y, list(labels.values()))
    ax.invert_yaxis()
    ax.set_xlabel("aggregate throughput on 2 threads / on 1 thread (higher is better)")
    ax.set_title("Scaling: 1 vs 2 threads per lane")
    ax.set_xlim(0, XMAX)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def make_charts(rows, out_dir):
    """Writes the charts; returns {name: relative path} of those written."""
    os.makedirs(out_dir, exist_ok=True)
    written = {}
    ops = [op for op in OP_ORDER if any(r.op == op for r in rows)]
    ops += sorted({r.op for r in rows} - set(ops))
    for op in ops:
        path = os.path.join(out_dir, f"{op}.png")
        op_chart([r for r in rows if r.op == op], op, path)
        written[op] = f"charts/{op}.png"
    if scaling_chart(rows, os.path.join(out_dir, "scaling.png")):
        written["scaling"] = "charts/scaling.png"
    return written
