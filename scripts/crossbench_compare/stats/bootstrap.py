"""Medians and 95% intervals from JMH's raw data, respecting forks.

JMH's own error treats every iteration of every fork as an independent sample.
They are not: a fork's JIT decisions, memory layout and the machine's load while
it ran shift all of its iterations together, so the forks, not the iterations,
are the independent units. The interval here is a hierarchical bootstrap
(Saravanan et al., "Application of the hierarchical bootstrap to multi-level
data in neuroscience", 2020): each resample draws the forks with replacement,
then iterations with replacement within each drawn fork, and takes the median
of what it drew. A fork that differs from the others therefore widens the
interval; with 3 forks the interval spans roughly the range of the fork medians.

scipy.stats.bootstrap resamples independent observations only, so the two-level
draw is done here with numpy's generator; everything derived from a benchmark
(ratios, sums, speedups, geometric means) is computed on the resampled medians
themselves, so its interval carries the uncertainty of every row it uses.
"""

import zlib
from dataclasses import dataclass

import numpy as np

RESAMPLES = 10_000
CONFIDENCE = 0.95


@dataclass
class Estimate:
    """A benchmark's centre and spread, and the resampled medians behind its interval."""
    median: float
    ci_low: float
    ci_high: float
    n: int                 # iterations x forks
    forks: int
    replicates: np.ndarray  # RESAMPLES bootstrap medians; all equal when there is one value

    @property
    def half_width(self):
        """The interval's larger side as a share of the median (0.03 = ±3%)."""
        if self.median <= 0:
            return float("nan")
        return max(self.median - self.ci_low, self.ci_high - self.median) / self.median


def seed_for(name):
    """A stable seed per benchmark, so a row's interval does not depend on which other rows exist."""
    return zlib.crc32(name.encode("utf-8"))


def hierarchical_medians(forks, rng, resamples=RESAMPLES):
    """Bootstrap medians: draw forks with replacement, then iterations within each drawn fork."""
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


def estimate(forks, name):
    """Median of all iterations and its hierarchical-bootstrap 95% interval; None without data."""
    forks = [list(f) for f in forks if len(f)]
    values = np.concatenate([np.asarray(f, dtype=float) for f in forks]) if forks else np.array([])
    if values.size == 0:
        return None
    median = float(np.median(values))
    replicates = hierarchical_medians(forks, np.random.default_rng(seed_for(name)))
    low, high = interval(replicates)
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

    @property
    def within_noise(self):
        """True when the interval contains 1: the two sides are not distinguishable."""
        return self.ci_low <= 1 <= self.ci_high


def ratio_of(numerator, denominator, point_num=None, point_den=None):
    """numerator / denominator, from resampled medians (arrays) and point values.

    The two sides come from different forks, so their resamples are independent
    and dividing them pairwise is a two-sample bootstrap of the ratio."""
    point_num = float(np.median(numerator)) if point_num is None else point_num
    point_den = float(np.median(denominator)) if point_den is None else point_den
    replicates = np.asarray(numerator) / np.asarray(denominator)
    low, high = interval(replicates)
    return Ratio(point_num / point_den, low, high, replicates)


def row_ratio(subject, reference):
    """subject's time / reference's time (Estimates)."""
    return ratio_of(subject.replicates, reference.replicates, subject.median, reference.median)


def geometric_mean(ratios):
    """The geometric mean of Ratios, with its interval from their replicates."""
    logs = np.log(np.vstack([r.replicates for r in ratios]))
    replicates = np.exp(logs.mean(axis=0))
    value = float(np.exp(np.mean(np.log([r.value for r in ratios]))))
    low, high = interval(replicates)
    return Ratio(value, low, high, replicates)
