"""How steady one benchmark's raw data is: the spread of its iterations, how
far its forks differ, and whether its first measured iterations drift from the
rest (an unfinished warm-up)."""

from dataclasses import dataclass

import numpy as np
from scipy.stats import mannwhitneyu

DRIFT_SHARE = 0.2      # the first 20% of each fork's iterations are compared with the rest
DRIFT_MIN = 0.02       # a drift under 2% is not worth a flag, significant or not
DRIFT_ALPHA = 0.01     # Mann-Whitney U, first iterations vs the rest


@dataclass
class Stability:
    cv: float            # standard deviation / mean over all iterations
    fork_spread: float   # (slowest fork median - fastest) / overall median; nan with one fork
    drift: float         # median of the first iterations / median of the rest - 1
    drift_p: float       # Mann-Whitney U p-value of that difference
    fork_medians: list

    @property
    def drifting(self):
        return (not np.isnan(self.drift_p)) and self.drift_p < DRIFT_ALPHA and abs(self.drift) >= DRIFT_MIN


def stability(forks):
    """Coefficient of variation, spread between forks, and warm-up drift of one benchmark."""
    forks = [np.asarray(f, dtype=float) for f in forks if len(f)]
    values = np.concatenate(forks)
    mean = values.mean()
    cv = float(values.std(ddof=1) / mean) if values.size > 1 and mean > 0 else float("nan")
    medians = [float(np.median(f)) for f in forks]
    median = float(np.median(values))
    spread = (max(medians) - min(medians)) / median if len(forks) > 1 and median > 0 else float("nan")
    first, rest = [], []
    for f in forks:
        k = max(1, int(round(len(f) * DRIFT_SHARE)))
        if len(f) > k:
            first.append(f[:k])
            rest.append(f[k:])
    drift, p = float("nan"), float("nan")
    if first:
        first, rest = np.concatenate(first), np.concatenate(rest)
        drift = float(np.median(first) / np.median(rest) - 1) if np.median(rest) > 0 else float("nan")
        if len(set(first) | set(rest)) > 1:
            p = float(mannwhitneyu(first, rest, alternative="two-sided").pvalue)
        else:
            p = 1.0
    return Stability(cv, spread, drift, p, medians)
