"""Reads a run directory: JMH's JSON results, env.json, progress.json,
machine-load.json, forks.csv, native.csv, memory.csv and findings.md.

A run that stopped early may lack any of them, even jmh-result.json (stopped
before its first benchmark ended): as long as the folder is a run's (it has
jmh-result.json or progress.json), the report is made from what there is and
says what is missing, rather than refusing to be made.
"""

import os
from dataclasses import dataclass, field

from . import formats
from .errors import CompareError
from .jmh import load_results
from .files import read_json, read_text
from .forks_csv import read_forks
from .machine_load import read_load
from .memory_csv import read_memory
from .native_csv import read_native


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
    forks: dict = field(default_factory=dict)  # forks.csv: load_key -> [Fork]; {} if its forks ran back to back

    @property
    def name(self):
        """The run folder's name, as results/ lists it."""
        return os.path.basename(os.path.normpath(self.path))


# Written by hand after a run: what was measured to explain its report (a
# disagreement, an odd figure), with the commands to repeat it. The report
# shows it as is.
FINDINGS = "findings.md"


def load_run(run_dir):
    progress_path = os.path.join(run_dir, "progress.json")
    if os.path.isdir(run_dir) and not os.path.isfile(os.path.join(run_dir, "jmh-result.json")) \
            and os.path.isfile(progress_path):
        # A run stopped before any benchmark finished: a report of what is missing.
        run = Run(path=run_dir, results=[])
        run.notes.append("no jmh-result.json: no benchmark of this run finished")
    else:
        run = Run(path=run_dir, results=load_results(run_dir))

    env_path = os.path.join(run_dir, "env.json")
    if os.path.isfile(env_path):
        env = read_json(env_path)
        run.env = env if isinstance(env, dict) else {}
    else:
        run.notes.append("no env.json: machine unknown, and JSON rows have no bytes/s or net-of-crossing figures")
    check_results(run.results, formats.of(run.env))

    run.load, run.load_info = read_load(run_dir)
    run.forks = read_forks(run_dir)
    if not run.load_info:
        run.notes.append("no machine-load.json: whether other processes used the CPU during the run is unknown")

    run.forks = read_forks(run_dir)  # a run made before interleaved rounds has none

    native_path = os.path.join(run_dir, "native.csv")
    if os.path.isfile(native_path):
        run.native = read_native(native_path)

    memory_path = os.path.join(run_dir, "memory.csv")
    if os.path.isfile(memory_path):  # a run stopped before its memory pass has none (formats.py)
        run.memory = read_memory(memory_path)

    findings_path = os.path.join(run_dir, FINDINGS)
    if os.path.isfile(findings_path):
        run.findings = read_text(findings_path).strip()

    if os.path.isfile(progress_path):
        progress = read_json(progress_path)
        chunks = progress.get("chunks", []) if isinstance(progress, dict) else []
        run.chunks = [c for c in chunks if isinstance(c, dict)]
    else:
        run.notes.append("no progress.json: cannot tell which parts of the run did not finish")
    state = run_state(run_dir, run.env)
    if state:
        run.notes.insert(0, state)
    return run


def check_results(results, run_format):
    """Refuses results the run's format cannot have: another JMH mode (which would mix
    units), or a result without a param its catalogue entry lists and the format does
    not say a default for."""
    modes = " or ".join({"thrpt": "thrpt in ops/s", "avgt": "avgt in ns/op"}[m] for m in run_format.modes)
    for r in results:
        if r.unit != "ns/op" or r.mode not in run_format.modes:
            raise CompareError(f"{r.benchmark}: expected {modes} (results format {run_format.number}), "
                               f"found {r.mode} in {r.unit}")
        spec = run_format.catalogue.describe(r.benchmark)
        lacking = sorted(set(spec.params) - set(r.params) - set(run_format.param_defaults))
        if spec.known and lacking:
            raise CompareError(f"{r.benchmark}: no {', '.join(lacking)} param, which results format "
                               f"{run_format.number} always records")


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
