"""Each row's figure and 95% interval from JMH's raw data, respecting forks.

JMH's own error treats every iteration of every fork as an independent sample.
They are not: a fork's JIT decisions, memory layout and the machine's load while
it ran shift all of its iterations together, so the forks, not the iterations,
are the independent units. A row's figure is therefore built from its **fork
medians**: the figure is their median, and its interval a Student-t interval on
their logs: exp(centre ± t_{0.975,n-1} * sqrt(pi/2) * s / sqrt(n)), centre the
median of the log fork medians and s their standard deviation (Kalibera & Jones,
ISMM 2013, use t at the level of forks; sqrt(pi/2) is how much less a median of
normal values pins down than their mean).

Why this and not the hierarchical percentile bootstrap used before: with 3 to 5
forks a percentile bootstrap spans about the range of the fork medians, which
misses the centre of the fork distribution 2 * (1/2)^n of the time (25% at 3
forks); the t quantile widens small samples as much as they need. The median,
not the mean, of the forks is the figure because the machine has slow stretches
(1.5-1.9x for tens of seconds to minutes): one slow fork among the others moves a
mean by its share but not a median, and widens the interval through s. The
simulated machine (stats/simulation.py, tests/test_simulation.py) checks that
these intervals cover what re-runs centre on in at least 95% of interleaved runs
of 3 to 8 forks, and that the mean of the forks' logs (their geometric mean)
does not.

Everything derived from rows (ratios, sums, speedups, geometric means, a diff
between runs) is computed on each row's **replicates**: RESAMPLES draws of
exp(centre + sqrt(pi/2) * s / sqrt(n) * T_{n-1}), seeded per row, whose percentiles give back
the row's interval. A single fork gives no interval: its replicates all equal the
figure, and the row is marked unstable for it.

Two rows whose forks ran in the same rounds and block (forks.csv) are paired
round by round: `paired_ratio` takes the t interval of the per-round log ratios,
so a slow stretch that slowed both halves of a pair cancels out of the ratio.
"""

import zlib
from dataclasses import dataclass

import numpy as np
from scipy.stats import t as student_t

RESAMPLES = 10_000
CONFIDENCE = 0.95
PAIRED_ROUNDS = 3      # common rounds needed before a ratio is taken round by round
# The standard error of a median of n normal values is sqrt(pi/2) times the mean's,
# sigma / sqrt(n); without it the t interval around the median undercovers (94% at 5
# forks on the simulated machine).
MEDIAN_SE = float(np.sqrt(np.pi / 2))


@dataclass
class Estimate:
    """A benchmark's centre and spread, and the resampled medians behind its interval."""
    median: float
    ci_low: float
    ci_high: float
    n: int                 # iterations x forks
    forks: int
    replicates: np.ndarray  # RESAMPLES draws of the figure (t on the log fork medians); all equal for one fork

    @property
    def half_width(self):
        """The interval's larger side as a share of the median (0.03 = ±3%); nan for one fork,
        which has no interval."""
        if self.median <= 0 or self.forks < 2:
            return float("nan")
        return max(self.median - self.ci_low, self.ci_high - self.median) / self.median


def seed_for(name):
    """A stable seed per benchmark, so a row's interval does not depend on which other rows exist."""
    return zlib.crc32(name.encode("utf-8"))


def hierarchical_medians(forks, rng, resamples=RESAMPLES):
    """The former estimator's bootstrap medians: draw forks with replacement, then iterations
    within each drawn fork (Saravanan et al., 2020). Kept for the simulation, which shows its
    percentile interval undercovering at 3 to 5 forks."""
    forks = [np.asarray(f, dtype=float) for f in forks if len(f)]
    lengths = np.array([len(f) for f in forks])
    longest = lengths.max()
    padded = np.full((len(forks), longest), np.nan)
    for i, f in enumerate(forks):
        padded[i, :len(f)] = f
    fork_pick = rng.integers(0, len(forks), size=(resamples, len(forks)))
    picked_lengths = lengths[fork_pick][..., None]
    # Each drawn fork contributes as many draws as it has iterations; positions past
    # its length stay NaN and drop out of the median.
    position = (rng.random((resamples, len(forks), longest)) * picked_lengths).astype(int)
    values = padded[fork_pick[..., None], position]
    values[np.arange(longest)[None, None, :] >= picked_lengths] = np.nan
    return np.nanmedian(values.reshape(resamples, -1), axis=1)


def t_quantile(n):
    """t_{0.975, n-1}: how many standard errors the 95% interval of n forks reaches."""
    return float(student_t.ppf(1 - (1 - CONFIDENCE) / 2, n - 1))


def log_t(values, seed):
    """(point, low, high, replicates) of positive `values` (one per fork, or per round):
    centre = the median of their logs, se = MEDIAN_SE * s / sqrt(n) (s their logs' standard
    deviation), the interval exp(centre ± t_{0.975,n-1} * se) and draws of
    exp(centre + se * T_{n-1}). One value: no width, every draw equal to it."""
    values = np.asarray(values, dtype=float)
    logs = np.log(values)
    centre = float(np.median(logs))
    # The median without a detour through logs: an odd count's middle value, an even count's
    # two middle ones' geometric mean (exp of the mean of their logs).
    middle = np.sort(values)[(values.size - 1) // 2:values.size // 2 + 1]
    point = float(np.sqrt(middle[0] * middle[-1]))
    if logs.size < 2:
        return point, point, point, np.full(RESAMPLES, point)
    spread = float(logs.std(ddof=1)) if np.ptp(values) > 0 else 0.0   # equal values: exactly no width
    se = MEDIAN_SE * spread / np.sqrt(logs.size)
    reach = t_quantile(logs.size) * se
    # Seeded by the row and its data: a report is reproducible, and two runs of one row (a diff)
    # draw independently, as their forks did; the same seed on both sides would cancel their noise.
    draws = np.random.default_rng([seed, zlib.crc32(logs.tobytes())]).standard_t(logs.size - 1, RESAMPLES)
    # T with 1 or 2 degrees of freedom has tails that overflow exp: a factor of e^20 is far enough.
    return point, point * float(np.exp(-reach)), point * float(np.exp(reach)), point * np.exp(np.clip(se * draws, -20, 20))


def half_width(fork_medians):
    """The interval's upper reach as a share of the figure, exp(t_{0.975,n-1} * MEDIAN_SE * s /
    sqrt(n)) - 1 on the log fork medians (0.03 = +3%): the suite's stopping rule runs more
    rounds for a row above 3% (docs/statistics.md, "Rounds"). nan for fewer than 2 forks."""
    logs = np.log(np.asarray(fork_medians, dtype=float))
    if logs.size < 2:
        return float("nan")
    return float(np.expm1(t_quantile(logs.size) * MEDIAN_SE * logs.std(ddof=1) / np.sqrt(logs.size)))


def fork_medians(forks):
    """The median of each fork with iterations."""
    return [float(np.median(np.asarray(f, dtype=float))) for f in forks if len(f)]


def estimate(forks, name):
    """The median of the fork medians and its 95% t interval on their logs; None without data.
    Falls back to the median of all iterations, without width, if a fork's median is not positive."""
    forks = [list(f) for f in forks if len(f)]
    values = np.concatenate([np.asarray(f, dtype=float) for f in forks]) if forks else np.array([])
    if values.size == 0:
        return None
    medians = fork_medians(forks)
    if min(medians) <= 0:
        median = float(np.median(values))
        return Estimate(median, median, median, int(values.size), len(forks), np.full(RESAMPLES, median))
    median, low, high, replicates = log_t(medians, seed_for(name))
    return Estimate(median, low, high, int(values.size), len(forks), replicates)


def interval(replicates):
    """The percentile interval of resampled values (95%)."""
    tail = 100 * (1 - CONFIDENCE) / 2
    low, high = np.percentile(replicates, [tail, 100 - tail])
    return float(low), float(high)


@dataclass
class Ratio:
    """A quotient of two estimates (or of sums of them), with its interval."""
    value: float
    ci_low: float
    ci_high: float
    replicates: np.ndarray
    interval: str = "independent"   # "paired": from per-round pairs of forks (paired_ratio)

    @property
    def within_noise(self):
        """True when the interval contains 1: the two sides are not distinguishable."""
        return self.ci_low <= 1 <= self.ci_high


def ratio_of(numerator, denominator, point_num=None, point_den=None):
    """numerator / denominator, from replicates (arrays) and point values.

    The two sides come from different forks, so their replicates are independent
    and dividing them pairwise gives the ratio's distribution (two-sample)."""
    point_num = float(np.median(numerator)) if point_num is None else point_num
    point_den = float(np.median(denominator)) if point_den is None else point_den
    replicates = np.asarray(numerator) / np.asarray(denominator)
    low, high = interval(replicates)
    return Ratio(point_num / point_den, low, high, replicates)


def row_ratio(subject, reference):
    """subject's time / reference's time (Estimates)."""
    return ratio_of(subject.replicates, reference.replicates, subject.median, reference.median)


def paired_ratio(subject, reference, name):
    """subject / reference taken round by round, or None with fewer than PAIRED_ROUNDS in common.

    `subject` and `reference` map a fork's slot (its round and block, from forks.csv) to its
    median. Forks of one slot ran adjacent, so what slowed the machine then slowed both: the
    ratio is the median of the per-slot ratios with the t interval of their logs."""
    common = sorted(set(subject) & set(reference))
    if len(common) < PAIRED_ROUNDS or min(subject[c] for c in common) <= 0 \
            or min(reference[c] for c in common) <= 0:
        return None
    value, low, high, replicates = log_t([subject[c] / reference[c] for c in common], seed_for(name))
    return Ratio(value, low, high, replicates, "paired")


def geometric_mean(ratios):
    """The geometric mean of Ratios, with its interval from their replicates."""
    logs = np.log(np.vstack([r.replicates for r in ratios]))
    replicates = np.exp(logs.mean(axis=0))
    value = float(np.exp(np.mean(np.log([r.value for r in ratios]))))
    low, high = interval(replicates)
    return Ratio(value, low, high, replicates)
