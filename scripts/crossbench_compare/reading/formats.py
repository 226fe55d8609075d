"""Results format versions: env.json's "format" says what a run folder holds,
so compare branches on a number, never on a run's date.

Format 1 (no "format" in env.json: every run in results/ up to 2026-11-24) has
no catalogue and no lane harnesses: results/format-1.json holds both for it.
Its catalogue has no scaling samples: those runs ran every benchmark on 1 and
2 threads, so each benchmark's sample is "" (any params). A format-1 run may
also lack, as the suite grew during format 1:
- the lanes' title and colour (shown as the capitalised name, a stock palette);
- the lanes' json_libraries (rows then name no library) and the library param
  (a JSON result without it measured the usual library);
- JMH's thrpt mode (the first runs measured avgt, ns/op);
- memory.csv (the memory pass came last) and machine-load.json.

Format 2 guarantees: "format": 2 and the catalogue in env.json (with each
benchmark's scaling sample); every lane's title, colour and json_libraries, and
each native lane's harness; every result in thrpt mode, with every param its
catalogue entry lists (so every JSON result names its library role). of()
checks this. What any format may lack, because a run can stop early or skip a
step, is checked as data where it is read: jmh-result.json, progress.json,
machine-load.json, memory.csv (a run stopped before its memory pass),
native.csv (made by scripts/native-bench), findings.md (written by hand). A run
without env.json is read as format 1.
"""

import functools
import os
from dataclasses import dataclass, field

from .catalogue import Catalogue, parse as parse_catalogue
from .errors import CompareError
from .files import read_json

NEWEST = 2  # the newest results format this code reads

# scripts/crossbench_compare/reading/ -> the repository's results/format-1.json
FORMAT_1_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))), "results", "format-1.json")


@dataclass(frozen=True)
class Format:
    number: int
    catalogue: Catalogue
    harnesses: dict                 # native lane -> its runtime's own harness (go-test, pyperf)
    modes: tuple                    # JMH modes its results may have
    memory_pass: bool               # every run that got past JMH counted bytes per op (memory.csv)
    param_defaults: dict = field(default_factory=dict)  # param -> the value a result without it ran with


def number_of(env):
    """The results format of a run's env.json (1 when it names none, or when there is no env.json)."""
    number = (env or {}).get("format", 1)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise CompareError(f"env.json: \"format\" should be a whole number from 1, found {number!r}")
    if number > NEWEST:
        raise CompareError(f"env.json: results format {number} is newer than this compare reads "
                           f"(up to {NEWEST}): use the crossbench that made the run")
    return number


@functools.lru_cache(maxsize=1)
def _format_1():
    data = read_json(FORMAT_1_FILE)
    data = data if isinstance(data, dict) else {}
    # Format-1 runs ran every benchmark on 1 and 2 threads: each one's scaling sample is "any params".
    catalogue = parse_catalogue(data.get("catalogue"), FORMAT_1_FILE, scaling_default="")
    harnesses = _harnesses(data.get("lanes"), FORMAT_1_FILE)
    return Format(1, catalogue, harnesses, modes=("thrpt", "avgt"), memory_pass=False,
                  param_defaults={catalogue.library_param: catalogue.roles[0]})


def _harnesses(lanes, source):
    if not isinstance(lanes, dict):
        raise CompareError(f"{source}: expected \"lanes\" as an object")
    return {name: lane["harness"] for name, lane in lanes.items()
            if isinstance(lane, dict) and isinstance(lane.get("harness"), str)}


def of(env):
    """The Format of a run from its env.json (a dict; {} or None when the run has none)."""
    number = number_of(env)
    if number == 1:
        return _format_1()
    catalogue = parse_catalogue(env.get("catalogue"), "env.json")
    lanes = env.get("lanes")
    for name, lane in (lanes if isinstance(lanes, dict) else {}).items():
        for key, kind in (("title", str), ("colour", str), ("json_libraries", dict)):
            if not isinstance(lane, dict) or not isinstance(lane.get(key), kind):
                raise CompareError(f"env.json: lane {name} has no {key}, which results format {number} always records")
    return Format(number, catalogue, _harnesses(lanes, "env.json"), modes=("thrpt",), memory_pass=True)
