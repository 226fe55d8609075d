"""Reads a run directory: JMH's JSON results, env.json and progress.json.

Only jmh-result.json is required; a run that stopped early may lack the others,
and the report says what could not be known rather than refusing to be made.
"""

import json
import math
import os
from dataclasses import dataclass, field


class CompareError(Exception):
    """A problem with the inputs, shown to the user as one line (exit 1)."""


@dataclass
class Result:
    """One JMH result entry, as JMH wrote it (scores in ns/op)."""
    benchmark: str
    mode: str
    threads: int
    forks: int
    params: dict
    score: float
    error: float
    unit: str
    raw: list  # per-iteration values, flattened across forks


@dataclass
class Run:
    path: str
    results: list
    env: dict = field(default_factory=dict)
    chunks: list = field(default_factory=list)  # from progress.json; [] if absent
    notes: list = field(default_factory=list)   # what was missing or odd in the inputs


def _number(value):
    # JMH writes "NaN" as a string when it cannot compute an error (one iteration).
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise CompareError(f"{path} is not valid JSON: {e}") from None
    except OSError as e:
        raise CompareError(f"cannot read {path}: {e.strerror}") from None


def parse_results(entries, source="jmh-result.json"):
    if not isinstance(entries, list):
        raise CompareError(f"{source}: expected a JSON list of JMH results")
    results = []
    for i, e in enumerate(entries):
        try:
            metric = e["primaryMetric"]
            raw = [_number(v) for fork in metric.get("rawData", []) for v in fork]
            results.append(Result(
                benchmark=e["benchmark"],
                mode=e.get("mode", ""),
                threads=int(e.get("threads", 1)),
                forks=int(e.get("forks", 1)),
                params={str(k): str(v) for k, v in (e.get("params") or {}).items()},
                score=_number(metric["score"]),
                error=_number(metric.get("scoreError")),
                unit=metric.get("scoreUnit", ""),
                raw=[v for v in raw if not math.isnan(v)],
            ))
        except (KeyError, TypeError, ValueError) as err:
            raise CompareError(f"{source}: entry {i} is not a JMH result ({err!r} missing or wrong)") from None
    return results


def load_results(run_dir):
    path = os.path.join(run_dir, "jmh-result.json")
    if not os.path.isdir(run_dir):
        raise CompareError(f"no such run directory: {run_dir}")
    if not os.path.isfile(path):
        raise CompareError(f"missing {path}: not a crossbench run directory, or the run wrote no results")
    return parse_results(_read_json(path), path)


def load_run(run_dir):
    run = Run(path=run_dir, results=load_results(run_dir))
    for r in run.results:
        if r.unit != "ns/op" or r.mode != "avgt":
            # The suite always measures avgt in ns/op; anything else would mix units.
            raise CompareError(f"{r.benchmark}: expected avgt in ns/op, found {r.mode} in {r.unit}")

    env_path = os.path.join(run_dir, "env.json")
    if os.path.isfile(env_path):
        env = _read_json(env_path)
        run.env = env if isinstance(env, dict) else {}
    else:
        run.notes.append("no env.json: machine unknown, and JSON rows have no bytes/s or net-of-crossing figures")

    progress_path = os.path.join(run_dir, "progress.json")
    if os.path.isfile(progress_path):
        progress = _read_json(progress_path)
        chunks = progress.get("chunks", []) if isinstance(progress, dict) else []
        run.chunks = [c for c in chunks if isinstance(c, dict)]
    else:
        run.notes.append("no progress.json: cannot tell which parts of the run did not finish")
    return run
