"""JMH's results (jmh-result.json) as Results: every score in ns per op per thread."""

import math
import os
import re
from dataclasses import dataclass, field

from .errors import CompareError
from .files import read_json

PROFILER_MARK = "\u00b7"  # JMH writes profiler metrics as "\u00b7gc.alloc.rate.norm"

# JMH's throughput units, as ops per ns.
THROUGHPUT_UNITS = {"ops/s": 1e-9, "ops/ms": 1e-6, "ops/us": 1e-3, "ops/ns": 1.0}


def time_per_op(mode, unit, threads):
    """How to turn JMH's values into ns per op per thread, or None for modes this does not read.

    avgt is that already. Throughput (thrpt) counts the ops of all threads together,
    so n threads sharing it evenly each take n / throughput per op. Unlike avgt,
    which averages each thread's own time per op, this stays meaningful when a lock
    (Python's GIL) lets one thread starve the other for a whole iteration."""
    if mode == "avgt" and unit == "ns/op":
        return lambda v: v
    if mode == "thrpt" and unit in THROUGHPUT_UNITS:
        per_ns = THROUGHPUT_UNITS[unit]
        return lambda v: threads / (v * per_ns) if v > 0 else math.nan
    return None


@dataclass
class Result:
    """One JMH result entry; scores in ns/op per thread (see time_per_op)."""
    benchmark: str
    mode: str
    threads: int
    forks: int
    params: dict
    score: float
    error: float
    unit: str
    forks_raw: list   # per fork, its measured iterations (ns/op)
    secondary: dict = field(default_factory=dict)  # "name (unit)" -> score, e.g. -prof gc's metrics
    settings: str = ""  # how JMH ran it: forks, warm-up and measurement iterations
    measurement_time: str = ""  # one measured iteration, as JMH writes it ("500 ms")


def _number(value):
    # JMH writes "NaN" as a string when it cannot compute an error (one iteration).
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def parse_results(entries, source="jmh-result.json"):
    if not isinstance(entries, list):
        raise CompareError(f"{source}: expected a JSON list of JMH results")
    results = []
    for i, e in enumerate(entries):
        try:
            metric = e["primaryMetric"]
            mode, unit, threads = e.get("mode", ""), metric.get("scoreUnit", ""), int(e.get("threads", 1))
            convert = time_per_op(mode, unit, threads) or (lambda v: v)  # load_run refuses the unknown
            forks = [[convert(_number(v)) for v in fork] for fork in metric.get("rawData", [])]
            score, error = _number(metric["score"]), _number(metric.get("scoreError"))
            time_score = convert(score)
            # The error as the same share of the score (the delta method: exact to first order).
            time_error = time_score * error / score if score else math.nan
            results.append(Result(
                benchmark=e["benchmark"],
                mode=mode,
                threads=threads,
                forks=int(e.get("forks", 1)),
                params={str(k): str(v) for k, v in (e.get("params") or {}).items()},
                score=time_score,
                error=time_error,
                unit="ns/op" if time_per_op(mode, unit, threads) else unit,
                forks_raw=[kept for kept in ([v for v in fork if not math.isnan(v)] for fork in forks) if kept],
                secondary=_secondary(e.get("secondaryMetrics") or {}),
                settings=_settings(e),
                measurement_time=str(e.get("measurementTime", "")),
            ))
        except (KeyError, TypeError, ValueError) as err:
            raise CompareError(f"{source}: entry {i} is not a JMH result ({err!r} missing or wrong)") from None
    return results


def _settings(entry):
    """'3 forks x (warm-up 3 x 1 s, measurement 10 x 500 ms)', from the result entry itself."""
    forks = entry.get("forks", "?")
    fork_text = "no forks (in the runner's JVM)" if forks == 0 else f"{forks} fork{'s' if forks != 1 else ''}"
    return (f"{fork_text} x (warm-up {entry.get('warmupIterations', '?')} x {entry.get('warmupTime', '?')}, "
            f"measurement {entry.get('measurementIterations', '?')} x {entry.get('measurementTime', '?')})")


def _secondary(metrics):
    """JMH's secondary metrics by "name (unit)"; JMH prefixes profiler metrics with a middle dot."""
    out = {}
    for name, metric in metrics.items():
        if isinstance(metric, dict) and "score" in metric:
            out[f"{name.lstrip(PROFILER_MARK)} ({metric.get('scoreUnit', '')})"] = _number(metric["score"])
    return out


def load_results(run_dir):
    path = os.path.join(run_dir, "jmh-result.json")
    if not os.path.isdir(run_dir):
        raise CompareError(f"no such run directory: {run_dir}")
    if not os.path.isfile(path):
        raise CompareError(f"missing {path}: not a crossbench run directory, or the run wrote no results")
    return parse_results(read_json(path), path)


def iteration_seconds(text):
    """JMH's iteration time ('500 ms', '1 s') in seconds; NaN if it is not one."""
    m = re.fullmatch(r"\s*([\d.]+)\s*(ns|us|µs|ms|s|min)\s*", str(text))
    if not m:
        return float("nan")
    scale = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0}[m.group(2)]
    return float(m.group(1)) * scale
