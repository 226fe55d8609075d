"""A simulated machine, to check that the row intervals cover what re-runs find.

The benchmarks have known true times per op. The machine runs them at its
normal speed except in **slow stretches**: they start at random (a Poisson
process), last tens of seconds to minutes and make everything 1.5-1.9x slower,
as the 2-core cloud VM the suite runs on does (issue 18). On top of that each
fork has its own noise (JIT decisions, memory layout: a few %) and each
iteration a little more.

Two schedules run the same benchmarks on such a machine:

- `back_to_back`: what JMH does alone, every fork of one benchmark in a row;
  one slow stretch can cover all of them.
- `interleaved`: the suite's rounds (docs/statistics.md, "Rounds"): each round
  runs one fork of every benchmark still needing forks, blocks (the lanes of
  one case) in a fresh seeded random order and the members of a block adjacent,
  also shuffled; after `min_rounds`, only rows whose interval is still wide or
  whose forks disagree (`needs_more`) get further rounds, up to `cap` forks.

The default machine is calibrated to the published A/A pair: slow stretches
starting every 600 s on average cover about 15% of the time, and back-to-back
runs of 3 forks then mark about 35% of rows changed under the former
hierarchical bootstrap, as that pair did (30 of 86).

Each simulated row has what compare reads: its forks' iterations (ns/op) and
the round each fork ran in.

**The true value** of a row is what re-runs centre on: the value an estimator
converges to over many forks at random times on this machine. Slow stretches
are part of the machine, so that value is not the bare true time: it is the
true time times `limit(machine, centre)`, computed by running many forks at
random times (the model is multiplicative, so one factor serves every row). It
depends on the estimator's point: a median of forks is barely moved by the rare
slow fork, a mean of forks is moved by its share of them.
"""

from dataclasses import dataclass, field

import numpy as np

from . import bootstrap

WIDE = 0.03        # the suite's stopping rule: more rounds while the interval reaches over +3%
APART = 0.10       # ... or while the fork medians are more than 10% apart


@dataclass(frozen=True)
class Machine:
    slow_gap: float = 600.0                   # mean seconds between slow stretches' starts (15% of the time slow)
    slow_seconds: tuple = (20.0, 180.0)       # a stretch's length, uniform between
    slow_factor: tuple = (1.5, 1.9)           # how much slower a stretch runs, uniform between
    fork_noise: float = 0.02                  # sd of log time per fork (JIT, layout)
    iteration_noise: float = 0.01             # sd of log time per iteration
    warmup_seconds: float = 3.0               # before the first measured iteration of a fork
    iteration_seconds: float = 1.0
    iterations: int = 5                       # measured iterations per fork

    @property
    def fork_seconds(self):
        return self.warmup_seconds + self.iterations * self.iteration_seconds

    def stretches(self, rng, horizon):
        """(starts, ends, factors) of the slow stretches over [-longest stretch, horizon] seconds."""
        lead = self.slow_seconds[1]
        count = rng.poisson((horizon + lead) / self.slow_gap)
        starts = rng.uniform(-lead, horizon, count)
        ends = starts + rng.uniform(*self.slow_seconds, count)
        return starts, ends, rng.uniform(*self.slow_factor, count)

    def slowdown(self, stretches, times):
        """The machine's slowdown (1 = normal) at each of `times`; overlapping stretches: the slowest."""
        starts, ends, factors = stretches
        times = np.asarray(times, dtype=float)
        inside = (starts <= times[..., None]) & (times[..., None] < ends)
        return np.where(inside, factors, 1.0).max(axis=-1, initial=1.0)

    def fork(self, true_time, start, stretches, rng):
        """One fork started at `start` (seconds): its measured iterations, ns/op."""
        mid = start + self.warmup_seconds + (np.arange(self.iterations) + 0.5) * self.iteration_seconds
        noise = rng.normal(0, self.fork_noise) + rng.normal(0, self.iteration_noise, self.iterations)
        return true_time * self.slowdown(stretches, mid) * np.exp(noise)


@dataclass(frozen=True)
class Bench:
    """One row: a case (its block) measured in one lane."""
    name: str
    block: int
    lane: str
    true_time: float   # ns/op on the machine at normal speed, before fork noise


@dataclass
class SimRow:
    bench: Bench
    forks: list = field(default_factory=list)    # arrays of measured iterations, ns/op
    rounds: list = field(default_factory=list)   # the round each fork ran in (back to back: 1, 2, 3, ...)


@dataclass
class SimRun:
    rows: list
    seconds: float     # how long the schedule took


def needs_more(forks):
    """The suite's stopping rule, after the minimum of rounds: a row gets another fork while its
    interval's reach (bootstrap.half_width) is over WIDE or its fork medians are over APART apart."""
    medians = np.array(bootstrap.fork_medians(forks))
    if medians.size < 2:
        return True
    return bootstrap.half_width(medians) > WIDE or np.ptp(medians) / np.median(medians) > APART


LANES = {"java": 1.0, "go": 1.6, "python": 3.5}   # rough lane factors; the simulation only needs them to differ


def suite(rng, blocks=20, lanes=LANES):
    """Benchmarks in `blocks` cases, one row per lane, true times log-uniform from 100 ns to 100 µs."""
    benches = []
    for b in range(blocks):
        base = 10 ** rng.uniform(2, 5)
        for lane, factor in lanes.items():
            benches.append(Bench(f"case{b}/{lane}", b, lane, base * factor * rng.uniform(0.8, 1.25)))
    return benches


def back_to_back(benches, machine, rng, forks=3):
    """Each benchmark's forks one after the other, benchmarks in their order (as JMH runs them)."""
    horizon = len(benches) * forks * machine.fork_seconds
    stretches = machine.stretches(rng, horizon)
    clock, rows = 0.0, []
    for bench in benches:
        row = SimRow(bench)
        for f in range(forks):
            row.forks.append(machine.fork(bench.true_time, clock, stretches, rng))
            row.rounds.append(f + 1)
            clock += machine.fork_seconds
        rows.append(row)
    return SimRun(rows, clock)


def interleaved(benches, machine, rng, needs_more=needs_more, min_rounds=3, cap=8, budget=None):
    """Rounds of one fork per benchmark, blocks and their members shuffled (seeded); after
    `min_rounds`, only rows for which `needs_more(forks)` holds, until `cap` forks each or
    until the next round would pass `budget` seconds (None: no limit)."""
    horizon = len(benches) * cap * machine.fork_seconds
    stretches = machine.stretches(rng, horizon)
    rows = [SimRow(b) for b in benches]
    by_block = {}
    for row in rows:
        by_block.setdefault(row.bench.block, []).append(row)
    clock, r = 0.0, 0
    while True:
        r += 1
        active = [row for row in rows if len(row.forks) < cap and (r <= min_rounds or needs_more(row.forks))]
        if not active or (budget is not None and r > min_rounds
                          and clock + len(active) * machine.fork_seconds > budget):
            break
        blocks = [[row for row in by_block[b] if row in active] for b in by_block]
        blocks = [block for block in blocks if block]
        for i in rng.permutation(len(blocks)):
            block = blocks[i]
            for j in rng.permutation(len(block)):
                row = block[j]
                row.forks.append(machine.fork(row.bench.true_time, clock, stretches, rng))
                row.rounds.append(r)
                clock += machine.fork_seconds
    return SimRun(rows, clock)


def random_forks(machine, rng, forks=50_000, horizon=200_000.0):
    """`forks` forks (rows) of a benchmark of true time 1, each started at a random time."""
    stretches = machine.stretches(rng, horizon)
    starts = rng.uniform(0, horizon - machine.fork_seconds, forks)
    mid = starts[:, None] + machine.warmup_seconds + (np.arange(machine.iterations) + 0.5) * machine.iteration_seconds
    noise = rng.normal(0, machine.fork_noise, (forks, 1)) + rng.normal(0, machine.iteration_noise, mid.shape)
    values = np.empty(mid.shape)
    for i in range(0, forks, 10_000):   # in chunks: slowdown compares every time with every stretch
        values[i:i + 10_000] = machine.slowdown(stretches, mid[i:i + 10_000])
    return values * np.exp(noise)


def limit(machine, centre, seed=0, forks=50_000):
    """What an estimator whose point is `centre(forks)` converges to over many forks at random
    times, for a benchmark of true time 1: multiply by a row's true time for its true value."""
    return float(centre(random_forks(machine, np.random.default_rng(seed), forks)))
