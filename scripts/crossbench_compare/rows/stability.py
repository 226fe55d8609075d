"""Which rows are unsafe to draw conclusions from, and why, in the spirit of
pyperf's warnings. Each rule names a symptom a reader can check in the raw data."""

import math

from . import scaling

WIDE = 0.05          # 95% interval wider than ±5% of the median
CV_LIMIT = 0.10      # iterations vary by over 10% of the mean (pyperf's threshold)
FORK_LIMIT = 0.10    # fork medians differ by over 10% of the median
BUSY = 0.10          # other processes used over a tenth of a core while the benchmark ran

RULES = [
    f"its 95% interval is wider than ±{WIDE:.0%} of the median",
    "it has a single fork, which gives no interval (one fork shows nothing of how the next would differ)",
    f"its iterations vary by more than {CV_LIMIT:.0%} of their mean (coefficient of variation)",
    f"its forks' medians differ by more than {FORK_LIMIT:.0%}",
    "its first measured iterations differ from the rest (warm-up drift: Mann-Whitney U, "
    "p < 0.01, and at least 2%): the warm-up was too short for it",
    f"other processes used more than {BUSY} of a core while it ran (from /proc/stat, "
    "machine-load.json)",
    "its speedup on more threads has an interval wholly above the number of threads or cores, "
    "which no program can do: one of its two figures is off",
]


def _reasons(row):
    est, st = row.estimate, row.stability
    out = []
    if est is None:
        return out
    if est.forks == 1:
        out.append("one fork: no interval")
    elif est.half_width > WIDE:
        out.append(f"interval ±{est.half_width:.1%}")
    if st is not None:
        if st.cv > CV_LIMIT:
            out.append(f"CV {st.cv:.1%}")
        if not math.isnan(st.fork_spread) and st.fork_spread > FORK_LIMIT:
            out.append(f"forks differ by {st.fork_spread:.1%}")
        if st.drifting:
            direction = "slower" if st.drift > 0 else "faster"
            out.append(f"warm-up drift: first iterations {abs(st.drift):.1%} {direction}")
    if row.other_load is not None and row.other_load > BUSY:
        out.append(f"machine busy: other processes used {row.other_load:.2f} cores")
    return out


def assess(rows, cores):
    """Sets row.unstable to the reasons each row is unsafe (empty when none)."""
    for row in rows:
        row.unstable = _reasons(row)
    for one, many in scaling.scaling_pairs(rows):
        if one.estimate is None or many.estimate is None:
            continue
        s = scaling.speedup(one, many)
        if scaling.impossible(s, many, cores):
            reason = (f"impossible speedup {s.value:.2f}x ({s.ci_low:.2f}–{s.ci_high:.2f}) "
                      f"from 1 to {many.threads} threads")
            one.unstable.append(reason)
            many.unstable.append(reason)
