"""The machine's speed over a run made in rounds: each fork's median over its row's
figure, by when the fork started (forks.csv), with the median of each 2-minute bin.
Forks of every row share the machine, so a stretch where most points rise above 1 is
the machine running slow, not one benchmark: the rows whose forks ran then are wider."""

from datetime import datetime

import numpy as np

from ...reading import lanes
from .common import figure, legend_right, log_ticks, save

BIN_MINUTES = 2


def fork_points(rows):
    """[(minutes since the first fork started, fork median / row figure, lane)] of every logged fork."""
    points = []
    for r in rows:
        if not r.fork_log or not r.estimate or r.median <= 0 or len(r.fork_log) != len(r.forks_raw):
            continue
        for fork, values in zip(r.fork_log, r.forks_raw):
            if len(values):
                started = datetime.fromisoformat(fork.started.replace("Z", "+00:00"))
                points.append((started, float(np.median(values)) / r.median, r.lane))
    if not points:
        return []
    first = min(p[0] for p in points)
    return [((t - first).total_seconds() / 60, rel, lane) for t, rel, lane in points]


def bin_medians(points):
    """[(bin start in minutes, median of its forks' relative times, forks in it)], in time order."""
    bins = {}
    for minutes, rel, _ in points:
        bins.setdefault(int(minutes // BIN_MINUTES) * BIN_MINUTES, []).append(rel)
    return [(b, float(np.median(v)), len(v)) for b, v in sorted(bins.items())]


def machine_speed_chart(rows, path):
    """The chart; False when the run has no forks.csv (its forks ran back to back)."""
    points = fork_points(rows)
    if not points:
        return False
    fig, ax = figure(figsize=(9.5, 4.2))
    for lane in lanes.ordered({p[2] for p in points}):
        mine = [p for p in points if p[2] == lane]
        ax.scatter([p[0] for p in mine], [p[1] for p in mine], s=9, alpha=0.55, color=lanes.colour(lane),
                   label=lanes.title(lane))
    medians = bin_medians(points)
    ax.plot([b + BIN_MINUTES / 2 for b, _, _ in medians], [m for _, m, _ in medians], color="black", linewidth=1.6,
            label=f"median of each {BIN_MINUTES} minutes")
    ax.axhline(1, color="grey", linewidth=0.8, linestyle="--")
    ax.set_yscale("log")
    log_ticks(ax)
    ax.set_xlabel("minutes since the first fork started")
    ax.set_ylabel("fork's time / its row's figure (log)")
    ax.set_title("The machine over the run: above 1, a fork ran slower than its row's figure")
    legend_right(ax)
    save(fig, path)
    return True
