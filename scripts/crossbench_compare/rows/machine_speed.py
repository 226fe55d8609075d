"""The machine's speed over a run made in rounds, and how much of a row's width it explains.

Every fork of every row shares the machine. A fork's median over its row's figure, by
when the fork started (forks.csv), says how fast the machine ran that fork; the median
of the other rows' forks in the same 2-minute bin is the machine's speed then. Where a
row is wide because the machine slowed and sped up, its forks follow those bins:
divided by the machine's speed at their minute, they agree. What width is left is the
row's own (two states of the benchmark, an unfinished warm-up), or the machine's at a
scale finer than a bin."""

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from ..stats.bootstrap import half_width

BIN_MINUTES = 2
WIDE = 0.10   # rows wider than ±10% are set against the machine (issue 18: each one explained)


@dataclass(frozen=True)
class ForkPoint:
    row: int          # the row's index in the list given to fork_points
    minutes: float    # since the run's first fork started
    relative: float   # the fork's median over its row's figure
    lane: str


def fork_points(rows):
    """A ForkPoint for every fork that forks.csv places in time, in no particular order."""
    points = []
    for index, r in enumerate(rows):
        if not r.estimate or r.median <= 0:
            continue
        for fork, median in r.placed_forks():
            started = datetime.fromisoformat(fork.started.replace("Z", "+00:00"))
            points.append((index, started, median / r.median, r.lane))
    if not points:
        return []
    first = min(p[1] for p in points)
    return [ForkPoint(i, (t - first).total_seconds() / 60, rel, lane) for i, t, rel, lane in points]


def _bin(minutes):
    return int(minutes // BIN_MINUTES) * BIN_MINUTES


def bin_medians(points):
    """[(bin start in minutes, median of its forks' relative times, forks in it)], in time order."""
    bins = {}
    for p in points:
        bins.setdefault(_bin(p.minutes), []).append(p.relative)
    return [(b, float(np.median(v)), len(v)) for b, v in sorted(bins.items())]


def machine_speed(points, minutes, row):
    """The median relative time of the forks of rows other than `row` in the bin of `minutes`;
    None when no other row's fork started in it."""
    others = [p.relative for p in points if p.row != row and _bin(p.minutes) == _bin(minutes)]
    return float(np.median(others)) if others else None


@dataclass(frozen=True)
class AgainstMachine:
    """One row's forks beside the machine's speed when each ran."""
    forks: list        # [(minutes, relative time, the machine's speed then or None)], in time order
    net_width: float   # the row's interval (bootstrap.half_width) of its forks, each divided by the machine's speed then

    @property
    def explained(self):
        """Whether the row is within ±10% once the machine's speed is taken out."""
        return self.net_width <= WIDE


def against_machine(points, row):
    """AgainstMachine for the row at index `row`, or None if fewer than 2 of its forks are placed."""
    mine = sorted((p for p in points if p.row == row), key=lambda p: p.minutes)
    if len(mine) < 2:
        return None
    forks = [(p.minutes, p.relative, machine_speed(points, p.minutes, row)) for p in mine]
    net = [rel / speed if speed else rel for _, rel, speed in forks]
    return AgainstMachine(forks, half_width(net))
