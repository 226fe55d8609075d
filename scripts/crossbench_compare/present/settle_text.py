"""How long each benchmark takes to reach steady state: the evidence behind the
suite's warm-up lengths. Reads a run made with no warm-up and many measured
iterations, for example

    java -jar target/benchmarks.jar --results /tmp/settle -wi 0 -i 20 -r 500ms -f 2

and, per fork, finds when it first reaches its steady level (stats.settle);
what the iterations do after that is noise, which every run's intervals and
its warm-up drift check measure."""

from ..reading.jmh import iteration_seconds
from ..stats.settle import TOLERANCE, settle_index, steady_level


def settle_times(results):
    """[(result, seconds to settle, the worst fork's first iteration and steady level)]."""
    out = []
    for r in results:
        seconds = iteration_seconds(r.measurement_time)
        worst, first, steady = 0, float("nan"), float("nan")
        for fork in r.forks_raw:
            i = settle_index(fork)
            if i >= worst:
                worst = i
                first, steady = fork[0], steady_level(fork)
        out.append((r, worst * seconds, first, steady))
    return out


def settle_report(results, catalogue):
    """Text: per benchmark class the slowest benchmark to settle, then every benchmark."""
    rows = settle_times(results)
    by_class = {}
    for r, seconds, first, steady in rows:
        cls = catalogue.describe(r.benchmark).cls
        if seconds >= by_class.get(cls, (-1,))[0]:
            by_class[cls] = (seconds, r)
    lines = ["Seconds of measured iterations until each benchmark first comes within "
             f"{TOLERANCE:.0%} of its steady level (worst fork):", ""]
    for cls, (seconds, r) in sorted(by_class.items()):
        params = " ".join(f"{k}={v}" for k, v in sorted(r.params.items()))
        lines.append(f"{cls:<10} settles within {seconds:5.1f} s  (slowest: {catalogue.describe(r.benchmark).method} "
                     f"{params}, {r.threads} thread{'s' if r.threads > 1 else ''})")
    lines += ["", f"{'benchmark':<60} {'threads':>7} {'settle s':>8} {'first':>12} {'steady':>12}"]
    for r, seconds, first, steady in rows:
        params = " ".join(f"{k}={v}" for k, v in sorted(r.params.items()))
        name = f"{catalogue.describe(r.benchmark).short_name} {params}"
        lines.append(f"{name:<60} {r.threads:>7} {seconds:>8.1f} {first:>12,.0f} {steady:>12,.0f}")
    return lines
