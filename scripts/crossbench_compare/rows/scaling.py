"""1 vs 2 threads: the speedup of aggregate throughput, with its interval, in words."""

from ..stats import bootstrap

SCALES, SERIALISES = 1.7, 1.2   # speedup thresholds for the words


def scaling_pairs(rows):
    """(1-thread row, more-threads row) for every case and lane measured at both."""
    more = {(r.benchmark, r.params, r.lane): r for r in rows if r.threads > 1}
    return [(r, more[(r.benchmark, r.params, r.lane)]) for r in rows
            if r.threads == 1 and (r.benchmark, r.params, r.lane) in more]


def speedup(one, many):
    """Aggregate throughput on `many.threads` threads over 1 thread: (n / t_n) / (1 / t_1)."""
    return bootstrap.ratio_of(many.threads * one.replicates, many.replicates,
                              many.threads * one.median, many.median)


def ceiling(many, cores):
    """The largest real speedup: no more than the threads, nor the cores they share."""
    return min(many.threads, cores) if cores else many.threads


def impossible(s, many, cores):
    """A speedup whose whole interval lies above what the threads and cores allow."""
    return s.ci_low > ceiling(many, cores)


def word(s, many, cores):
    """What the speedup says, only as far as its interval carries it."""
    if impossible(s, many, cores):
        return (f"unstable: over {ceiling(many, cores)}x cannot be real "
                f"({many.threads} threads on {cores or '?'} cores); one of the two figures is off")
    if s.ci_low >= SCALES:
        return "scales"
    if s.ci_high <= SERIALISES:
        return "serialises" + (" and slows down" if s.ci_high < 1 else "")
    if SERIALISES < s.ci_low and s.ci_high < SCALES:
        return "partly scales"
    return "inconclusive"
