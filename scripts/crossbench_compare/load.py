"""Reads a run directory: JMH's JSON results, env.json, progress.json,
machine-load.json, native.csv and memory.csv.

A run that stopped early may lack any of them, even jmh-result.json (stopped
before its first benchmark ended): as long as the folder is a run's (it has
jmh-result.json or progress.json), the report is made from what there is and
says what is missing, rather than refusing to be made.
"""

import csv
import json
import math
import os
from dataclasses import dataclass, field


PROFILER_MARK = "\u00b7"  # JMH writes profiler metrics as "\u00b7gc.alloc.rate.norm"


class CompareError(Exception):
    """A problem with the inputs, shown to the user as one line (exit 1)."""


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


@dataclass
class Run:
    path: str
    results: list
    env: dict = field(default_factory=dict)
    chunks: list = field(default_factory=list)  # from progress.json; [] if absent
    load: dict = field(default_factory=dict)    # from machine-load.json: (benchmark, params, threads) -> other cores
    load_info: dict = field(default_factory=dict)  # machine-load.json as written
    notes: list = field(default_factory=list)   # what was missing or odd in the inputs
    native: list = field(default_factory=list)  # NativeRow from native.csv; [] if absent
    findings: str = ""  # findings.md: measurements added by hand after the run, explaining its report
    memory: dict = None  # memory.csv: (benchmark, params, lane) -> MemoryRow; None if the run has none


# Written by hand after a run: what was measured to explain its report (a
# disagreement, an odd figure), with the commands to repeat it. The report
# shows it as is.
FINDINGS = "findings.md"

NATIVE_COLUMNS = ["op", "variant", "payload", "lane", "harness", "median", "ci_low", "ci_high", "unit"]


@dataclass
class NativeRow:
    """One op timed by a runtime's own harness (go test, pyperf) or the C floor, in ns/op."""
    op: str
    variant: str
    payload: str
    lane: str
    harness: str
    median: float
    ci_low: float
    ci_high: float
    unit: str = "ns/op"


def read_native(path):
    """native.csv (scripts/native-bench) as NativeRows."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != NATIVE_COLUMNS:
            raise CompareError(f"{path}: expected the columns {','.join(NATIVE_COLUMNS)}, found {reader.fieldnames}")
        rows = []
        for line in reader:
            if line["unit"] != "ns/op":
                raise CompareError(f"{path}: expected ns/op, found {line['unit']!r} for {line['op']} {line['variant']}")
            try:
                numbers = [float(line[k]) for k in ("median", "ci_low", "ci_high")]
            except ValueError:
                raise CompareError(f"{path}: not a number in {dict(line)}") from None
            rows.append(NativeRow(line["op"], line["variant"], line["payload"], line["lane"], line["harness"], *numbers))
        return rows


MEMORY_COLUMNS = ["benchmark", "params", "lane", "bytes_per_op", "jvm_bytes_per_op", "calls"]


@dataclass
class MemoryRow:
    """Bytes allocated per op, counted in an untimed pass after JMH (memory.csv)."""
    benchmark: str
    params: str               # non-lane JMH params as summary rows write them: "k=v k=v", sorted
    lane: str
    bytes_per_op: float       # by the lane's runtime (Java: the JVM thread; Go: its heap; Python: PyMem/PyObject)
    jvm_bytes_per_op: float   # by the calling JVM thread, for the crossing (Java: the same as bytes_per_op)
    calls: int                # ops the pass counted over


def _optional_number(text, path, line):
    if text is None or text.strip() == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise CompareError(f"{path}: not a number in {dict(line)}") from None


def read_memory(path):
    """memory.csv as {(benchmark, params, lane): MemoryRow}."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != MEMORY_COLUMNS:
            raise CompareError(f"{path}: expected the columns {','.join(MEMORY_COLUMNS)}, found {reader.fieldnames}")
        out = {}
        for line in reader:
            calls = _optional_number(line["calls"], path, line)
            row = MemoryRow(line["benchmark"], " ".join(sorted(line["params"].split())), line["lane"],
                            _optional_number(line["bytes_per_op"], path, line),
                            _optional_number(line["jvm_bytes_per_op"], path, line),
                            int(calls) if calls is not None else None)
            out[(row.benchmark, row.params, row.lane)] = row
        return out


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


def load_key(benchmark, params, threads):
    """How machine-load.json entries meet JMH results: benchmark, all params, threads."""
    return (benchmark, tuple(sorted((str(k), str(v)) for k, v in (params or {}).items())), int(threads))


def read_load(run_dir):
    """machine-load.json: {load_key: cores used by other processes}, and the file itself; empty if absent."""
    path = os.path.join(run_dir, "machine-load.json")
    if not os.path.isfile(path):
        return {}, {}
    info = _read_json(path)
    if not isinstance(info, dict):
        return {}, {}
    load = {}
    for b in info.get("benchmarks", []):
        if isinstance(b, dict) and isinstance(b.get("other_cores"), (int, float)):
            load[load_key(b.get("benchmark"), b.get("params"), b.get("threads", 1))] = float(b["other_cores"])
    return load, info


def load_results(run_dir):
    path = os.path.join(run_dir, "jmh-result.json")
    if not os.path.isdir(run_dir):
        raise CompareError(f"no such run directory: {run_dir}")
    if not os.path.isfile(path):
        raise CompareError(f"missing {path}: not a crossbench run directory, or the run wrote no results")
    return parse_results(_read_json(path), path)


def load_run(run_dir):
    progress_path = os.path.join(run_dir, "progress.json")
    if os.path.isdir(run_dir) and not os.path.isfile(os.path.join(run_dir, "jmh-result.json")) \
            and os.path.isfile(progress_path):
        # A run stopped before any benchmark finished: a report of what is missing.
        run = Run(path=run_dir, results=[])
        run.notes.append("no jmh-result.json: no benchmark of this run finished")
    else:
        run = Run(path=run_dir, results=load_results(run_dir))
    for r in run.results:
        if r.unit != "ns/op" or r.mode not in ("avgt", "thrpt"):
            # The suite measures throughput (avgt before 2026-11-24); anything else would mix units.
            raise CompareError(f"{r.benchmark}: expected thrpt in ops/s or avgt in ns/op, found {r.mode} in {r.unit}")

    env_path = os.path.join(run_dir, "env.json")
    if os.path.isfile(env_path):
        env = _read_json(env_path)
        run.env = env if isinstance(env, dict) else {}
    else:
        run.notes.append("no env.json: machine unknown, and JSON rows have no bytes/s or net-of-crossing figures")

    run.load, run.load_info = read_load(run_dir)
    if not run.load_info:
        run.notes.append("no machine-load.json: whether other processes used the CPU during the run is unknown")

    native_path = os.path.join(run_dir, "native.csv")
    if os.path.isfile(native_path):
        run.native = read_native(native_path)

    memory_path = os.path.join(run_dir, "memory.csv")
    if os.path.isfile(memory_path):  # runs before the memory pass have none
        run.memory = read_memory(memory_path)

    findings_path = os.path.join(run_dir, FINDINGS)
    if os.path.isfile(findings_path):
        with open(findings_path, encoding="utf-8") as f:
            run.findings = f.read().strip()

    if os.path.isfile(progress_path):
        progress = _read_json(progress_path)
        chunks = progress.get("chunks", []) if isinstance(progress, dict) else []
        run.chunks = [c for c in chunks if isinstance(c, dict)]
    else:
        run.notes.append("no progress.json: cannot tell which parts of the run did not finish")
    state = run_state(run_dir, run.env)
    if state:
        run.notes.insert(0, state)
    return run


INCOMPLETE, INTERRUPTED = "-incomplete", "-interrupted"


def run_state(run_dir, env):
    """A note when the run did not run to its end, from its folder's name (the suite names
    it <start>-incomplete while it runs and <start>-interrupted when stopped), or None."""
    name = os.path.basename(os.path.normpath(run_dir))
    if name.endswith(INTERRUPTED):
        return "the run was interrupted (stopped by a signal) before its end: what finished is here"
    if name.endswith(INCOMPLETE):
        return ("the run had not ended when this folder was read: it is still running, or it was "
                "killed (a chunk still marked running is where it stopped)")
    return None
