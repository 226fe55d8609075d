"""The row intervals on a simulated machine with slow stretches (stats/simulation.py),
where the true value of every row is known: interleaved rounds with the chosen estimator
cover it, back-to-back forks do not, and an A/A pair of interleaved runs marks few rows
as changed. Seeded: the figures below are the same on every run.

Binomial margins: with N rows and true coverage p, the observed share has a standard
error of sqrt(p (1 - p) / N); at p = 0.95 that is 0.9% for 630 rows (each coverage figure below), so an
observed 96% or more puts the true coverage above 95% at about 1 standard error."""

import functools

import numpy as np
import pytest

from crossbench_compare.stats import bootstrap, simulation as sim

MACHINE = sim.Machine()
# Simulated runs of each schedule: 30 cases x 3 lanes = 90 rows each (a round of about 12 minutes,
# like the suite's), 630 rows in all. The rows of one run share its slow stretches, so they are not
# quite independent: read the binomial margin as a floor.
RUNS, BLOCKS = 7, 30


@functools.lru_cache(maxsize=None)
def truth_factor():
    """What the estimator's figure (the median of fork medians) converges to on MACHINE, per unit of true time."""
    return sim.limit(MACHINE, lambda forks: np.median(np.median(forks, axis=1)))


def runs(schedule, seed, count=RUNS, **kw):
    """`count` seeded runs of `schedule` ("interleaved" or "back_to_back"), each of its own benchmarks."""
    out = []
    for i in range(count):
        rng = np.random.default_rng([seed, i])
        benches = sim.suite(rng, blocks=BLOCKS)
        out.append(getattr(sim, schedule)(benches, MACHINE, rng, **kw))
    return out


def coverage(simulated):
    """The share of rows whose 95% interval contains the row's true value, and the row count."""
    hits = []
    for run in simulated:
        for row in run.rows:
            est = bootstrap.estimate(row.forks, row.bench.name)
            hits.append(est.ci_low <= row.bench.true_time * truth_factor() <= est.ci_high)
    return float(np.mean(hits)), len(hits)


@functools.lru_cache(maxsize=None)
def adaptive():
    return runs("interleaved", seed=1)


def test_interleaved_rounds_cover_the_true_value_at_3_to_8_forks():
    for forks in (3, 5, 8):
        share, n = coverage(runs("interleaved", seed=10 + forks, min_rounds=forks, cap=forks))
        assert n == 630 and share >= 0.95, (forks, share)
    share, n = coverage(adaptive())      # the suite's rule: 3 rounds, then more for wide rows, up to 8
    assert n == 630 and share >= 0.95, share
    counts = [len(row.forks) for run in adaptive() for row in run.rows]
    assert min(counts) == 3 and max(counts) == 8


def test_back_to_back_forks_do_not_cover():
    # One slow stretch covers all 3 forks: the interval stays narrow around a slow figure.
    share, n = coverage(runs("back_to_back", seed=2, forks=3))
    assert n == 630 and share < 0.90, share


def test_the_former_percentile_bootstrap_undercovers_at_3_forks():
    hits = []
    pooled = sim.limit(MACHINE, np.median)     # its figure, the median of all iterations, converges here
    for run in runs("interleaved", seed=3, count=RUNS // 2, min_rounds=3, cap=3):
        for row in run.rows:
            reps = bootstrap.hierarchical_medians(row.forks, np.random.default_rng(0), 1000)
            low, high = bootstrap.interval(reps)
            hits.append(low <= row.bench.true_time * pooled <= high)
    assert len(hits) == 270 and np.mean(hits) < 0.85, np.mean(hits)


def changed_share(pairs):
    """The share of rows whose change interval (new / old, as the diff takes it) excludes 1."""
    changed = []
    for old, new in pairs:
        for a, b in zip(old.rows, new.rows):
            ratio = bootstrap.row_ratio(bootstrap.estimate(b.forks, b.bench.name),
                                        bootstrap.estimate(a.forks, a.bench.name))
            changed.append(not ratio.within_noise)
    return float(np.mean(changed))


def aa_pairs(schedule, seed, **kw):
    """Two runs of the same benchmarks on one machine model, at different times (fresh stretches)."""
    pairs = []
    for i in range(RUNS):
        rng = np.random.default_rng([seed, i])
        benches = sim.suite(rng, blocks=BLOCKS)
        pairs.append((getattr(sim, schedule)(benches, MACHINE, rng, **kw),
                      getattr(sim, schedule)(benches, MACHINE, rng, **kw)))
    return pairs


def test_an_aa_pair_of_interleaved_runs_marks_few_rows_changed():
    interleaved = changed_share(aa_pairs("interleaved", seed=4))
    back_to_back = changed_share(aa_pairs("back_to_back", seed=5, forks=3))
    assert interleaved <= 0.07, interleaved           # honest 95% intervals: about 5% or fewer
    assert back_to_back >= 0.20 and back_to_back > 4 * interleaved, (interleaved, back_to_back)


def test_paired_lane_ratios_cover_the_true_ratio():
    hits, paired = [], 0
    for run in adaptive():
        java = {row.bench.block: row for row in run.rows if row.bench.lane == "java"}
        for row in run.rows:
            base = java[row.bench.block]
            if row is base:
                continue
            slots = lambda r: {(rnd, r.bench.block): float(np.median(f)) for rnd, f in zip(r.rounds, r.forks)}
            ratio = bootstrap.paired_ratio(slots(row), slots(base), row.bench.name)
            paired += ratio is not None
            hits.append(ratio.ci_low <= row.bench.true_time / base.bench.true_time <= ratio.ci_high)
    assert paired == len(hits) == 420
    assert np.mean(hits) >= 0.95, np.mean(hits)


def test_a_single_fork_gives_no_interval():
    est = bootstrap.estimate([[100.0, 101.0, 99.0]], "one fork")
    assert est.forks == 1 and est.ci_low == est.ci_high == est.median == 100.0 and np.isnan(est.half_width)
    assert np.all(est.replicates == 100.0)
    assert np.isnan(bootstrap.half_width([100.0]))


def test_the_stopping_rule_is_the_intervals_reach():
    medians = [100.0, 102.0, 101.0, 99.0]
    logs = np.log(medians)
    reach = np.expm1(3.182446 * np.sqrt(np.pi / 2) * logs.std(ddof=1) / 2)
    assert bootstrap.half_width(medians) == pytest.approx(reach, rel=1e-5)
    est = bootstrap.estimate([[m] * 5 for m in medians], "rule")
    assert est.ci_high / est.median - 1 == pytest.approx(reach, rel=1e-6)
    assert sim.needs_more([[m] * 5 for m in medians]) == (reach > sim.WIDE)
