"""Python's own harness, pyperf, on native-py/bench.py (benchmarks named
op/variant[/payload] as the suite's rows are), in the Python lane's venv: its
worker processes are the forks, its values the values."""

import json
import os
import statistics

from .native_csv import rows_from_forks
from .process import HarnessError, child_env, run, stream

NAME = "pyperf"


def key_of(name):
    """json/tree/small -> (json, tree, small); crossing/noop -> (crossing, noop, "")."""
    parts = name.split("/")
    if len(parts) not in (2, 3):
        raise HarnessError(f"pyperf benchmark {name!r} is not op/variant[/payload]")
    return parts[0], parts[1], parts[2] if len(parts) == 3 else ""


def parse_pyperf(suite):
    """pyperf's JSON (a loaded dict) -> {key: [[ns of each value] per worker process]}.
    Calibration runs have no values and are left out."""
    if str(suite.get("version")) != "1.0":
        raise HarnessError(f"pyperf JSON version {suite.get('version')!r}: this reader knows 1.0")
    forks = {}
    for bench in suite.get("benchmarks", []):
        name = bench.get("metadata", {}).get("name") or suite.get("metadata", {}).get("name")
        runs = [[v * 1e9 for v in run["values"]] for run in bench.get("runs", []) if run.get("values")]
        if runs:
            forks[key_of(name)] = runs
    return forks


def _python(root):
    python = os.path.join(root, "target", "venv", "bin", "python")
    if not os.path.exists(python):
        raise HarnessError(f"no {python}: build the Python lane first (mvn package)")
    return python


def _bench(root, out, options):
    if os.path.exists(out):
        os.remove(out)
    return [_python(root), os.path.join(root, "native-py", "bench.py")] + options + ["--warmups", "1", "--quiet",
                                                                                      "-o", out]


def _read(out):
    with open(out, encoding="utf-8") as f:
        return parse_pyperf(json.load(f))


def run_suite(root, raw, settings, lane, say):
    """Every benchmark, settings' processes x values: native.csv rows for `lane`."""
    out = os.path.join(raw, "pyperf.json")
    say(f"pyperf: {settings['py_processes']} processes x {settings['py_values']} values per benchmark")
    cmd = _bench(root, out, ["--processes", str(settings["py_processes"]), "--values", str(settings["py_values"]),
                             "--min-time", settings["py_min_time"]])
    stream(cmd, root, child_env(), os.path.join(raw, "pyperf.txt"), "pyperf")
    return rows_from_forks(lane, NAME, _read(out))


class OneOp:
    """One op at a time, for agreement-recheck (bench.py --only)."""
    PROCESSES, VALUES = 4, 5

    def __init__(self, root, raw):
        self.root, self.raw = root, raw

    def time(self, op, variant, payload, log):
        """The median of every value of PROCESSES workers, ns/op."""
        name = "/".join(p for p in (op, variant, payload) if p)
        out = log[:-len(".txt")] + ".json"
        run(_bench(self.root, out, ["--only", name, "--processes", str(self.PROCESSES), "--values",
                                    str(self.VALUES)]), self.root, child_env(), log)
        values = [v for fork in _read(out).get((op, variant, payload), []) for v in fork]
        if not values:
            raise HarnessError(f"pyperf printed no figure for {name} (output in {log})")
        return statistics.median(values)

    def close(self):
        pass
