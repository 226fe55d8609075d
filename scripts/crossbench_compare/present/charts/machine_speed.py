"""The machine's speed over a run made in rounds: each fork's median over its row's
figure, by when the fork started (forks.csv), with the median of each 2-minute bin.
Forks of every row share the machine, so a stretch where most points rise above 1 is
the machine running slow, not one benchmark: the rows whose forks ran then are wider."""

from ...reading import lanes
from ...rows.machine_speed import BIN_MINUTES, bin_medians, fork_points
from .common import figure, legend_right, log_ticks, save


def machine_speed_chart(rows, path):
    """The chart; False when the run has no forks.csv (its forks ran back to back)."""
    points = fork_points(rows)
    if not points:
        return False
    fig, ax = figure(figsize=(9.5, 4.2))
    for lane in lanes.ordered({p.lane for p in points}):
        mine = [p for p in points if p.lane == lane]
        ax.scatter([p.minutes for p in mine], [p.relative for p in mine], s=9, alpha=0.55, color=lanes.colour(lane),
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
