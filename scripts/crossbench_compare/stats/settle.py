"""When a fork of iterations reaches its steady level: the first iteration
from which a window of WINDOW iterations has a median within TOLERANCE of the
fork's steady level (the median of its last half). Warm-up (class loading, JIT
compilation, a heap or allocator growing to size) only ever makes iterations
slower, and it ends once: what the iterations do after first reaching the
steady level is noise."""

import numpy as np

TOLERANCE = 0.05
WINDOW = 3


def steady_level(values):
    """The median of a fork's last half."""
    x = np.asarray(values, dtype=float)
    return float(np.median(x[x.size // 2:]))


def settle_index(values):
    """Iterations before a fork first reaches its steady level (0: steady from the first one)."""
    x = np.asarray(values, dtype=float)
    if x.size < 2 * WINDOW:
        return 0
    steady = np.median(x[x.size // 2:])
    for i in range(x.size - WINDOW + 1):
        if np.median(x[i:i + WINDOW]) <= steady * (1 + TOLERANCE):
            return i
    return x.size
