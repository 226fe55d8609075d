"""Scaling: each lane's throughput on 2 threads over 1 thread, with the lines a
serialised (1x) and a scaling (2x) op would sit on."""

import numpy as np

from ...reading import lanes
from ...rows import scaling
from .common import figure, legend_right, save, whiskers
from .per_op import case_label


def scaling_chart(rows, path, cores):
    pairs = [(o, m) for o, m in scaling.scaling_pairs(rows) if o.estimate and m.estimate]
    if not pairs:
        return False
    labels = {}
    for one, _ in pairs:
        labels.setdefault((one.benchmark, one.params), f"{one.op} {case_label(one).replace(chr(10), ' ')}")
    shown = lanes.ordered({p[0].lane for p in pairs})
    by = {(o.benchmark, o.params, o.lane): (scaling.speedup(o, m), m) for o, m in pairs}
    y = np.arange(len(labels))
    height = 0.8 / len(shown)
    fig, ax = figure(figsize=(9.5, 0.55 * len(labels) + 1.6))
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
        ax.barh(ys, vs, height, xerr=whiskers(vs, lows, highs), capsize=2, label=lanes.title(lane),
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
    legend_right(ax)
    save(fig, path)
    return True
