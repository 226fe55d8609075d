"""How long each benchmark takes to reach steady state: the evidence behind the
suite's warm-up lengths. Reads a run made with no warm-up and many measured
iterations, for example

    java -jar target/benchmarks.jar --results /tmp/settle -wi 0 -i 20 -r 500ms -f 2

and, per fork, finds the first iteration from which a window of three
iterations has a median within TOLERANCE of the fork's steady level (the
median of its last half). Warm-up (class loading, JIT compilation, a heap or
allocator growing to size) only ever makes iterations slower, and it ends once:
what the iterations do after first reaching the steady level is noise, which
every run's intervals and its warm-up drift check measure."""

import re

import numpy as np

TOLERANCE = 0.05
WINDOW = 3


def _seconds(text):
    """JMH's iteration time ('500 ms', '1 s') in seconds."""
    m = re.fullmatch(r"\s*([\d.]+)\s*(ns|us|µs|ms|s|min)\s*", str(text))
    if not m:
        return float("nan")
    scale = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0}[m.group(2)]
    return float(m.group(1)) * scale


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


def settle_times(results):
    """[(result, seconds to settle, the worst fork's first iteration and steady level)]."""
    out = []
    for r in results:
        seconds = _seconds(r.measurement_time)
        worst, first, steady = 0, float("nan"), float("nan")
        for fork in r.forks_raw:
            i = settle_index(fork)
            if i >= worst:
                worst = i
                first, steady = fork[0], float(np.median(fork[len(fork) // 2:]))
        out.append((r, worst * seconds, first, steady))
    return out


def settle_report(results):
    """Text: per benchmark class the slowest benchmark to settle, then every benchmark."""
    rows = settle_times(results)
    by_class = {}
    for r, seconds, first, steady in rows:
        cls = r.benchmark.rsplit(".", 2)[-2]
        if seconds >= by_class.get(cls, (-1,))[0]:
            by_class[cls] = (seconds, r)
    lines = ["Seconds of measured iterations until each benchmark first comes within "
             f"{TOLERANCE:.0%} of its steady level (worst fork):", ""]
    for cls, (seconds, r) in sorted(by_class.items()):
        params = " ".join(f"{k}={v}" for k, v in sorted(r.params.items()))
        lines.append(f"{cls:<10} settles within {seconds:5.1f} s  (slowest: {r.benchmark.rsplit('.', 1)[-1]} "
                     f"{params}, {r.threads} thread{'s' if r.threads > 1 else ''})")
    lines += ["", f"{'benchmark':<60} {'threads':>7} {'settle s':>8} {'first':>12} {'steady':>12}"]
    for r, seconds, first, steady in rows:
        params = " ".join(f"{k}={v}" for k, v in sorted(r.params.items()))
        name = f"{r.benchmark.rsplit('.', 2)[-2]}.{r.benchmark.rsplit('.', 1)[-1]} {params}"
        lines.append(f"{name:<60} {r.threads:>7} {seconds:>8.1f} {first:>12,.0f} {steady:>12,.0f}")
    return lines
