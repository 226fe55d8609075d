"""forks.csv: where each fork of each benchmark ran in the suite's interleaved rounds.

The suite runs one fork of every benchmark per round, in a seeded random order
(docs/statistics.md, "Rounds"), and merges each benchmark's forks into one JMH
result. forks.csv keeps, per fork, the round it ran in, its block (one case:
a benchmark method, its params other than lane and library, and a thread
count, whose lanes and libraries run adjacent in a round), its position in the
round, when it started, how long it took and why it ran. Column `fork` is the
fork's index in that benchmark's rawData in jmh-result.json. Runs made before
rounds have no forks.csv: their forks ran back to back.
"""

import csv
import json
import os
from dataclasses import dataclass

from .errors import CompareError
from .machine_load import load_key

COLUMNS = ["benchmark", "params", "threads", "fork", "round", "block", "order", "started", "seconds", "reason"]
MINIMUM = "minimum"  # the reason of a fork of the first rounds, which every benchmark gets; the others are extra


@dataclass(frozen=True)
class Fork:
    """One fork of one benchmark: its round, block and order (each from 1) and why it ran."""
    fork: int
    round: int
    block: int
    order: int
    started: str
    seconds: float
    reason: str


def read_forks(run_dir):
    """{load_key: [Fork, ordered by its index in rawData]}; empty if the run has no forks.csv."""
    path = os.path.join(run_dir, "forks.csv")
    if not os.path.isfile(path):
        return {}
    forks = {}
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise CompareError(f"{path}: missing columns {', '.join(missing)}")
            for line, r in enumerate(reader, start=2):
                try:
                    key = load_key(r["benchmark"], json.loads(r["params"]), int(r["threads"]))
                    forks.setdefault(key, []).append(Fork(int(r["fork"]), int(r["round"]), int(r["block"]),
                                                          int(r["order"]), r["started"], float(r["seconds"]),
                                                          r["reason"]))
                except (ValueError, TypeError, json.JSONDecodeError) as e:
                    raise CompareError(f"{path}, line {line}: {e}") from None
    except OSError as e:
        raise CompareError(f"cannot read {path}: {e.strerror}") from None
    for key, entries in forks.items():
        entries.sort(key=lambda fork: fork.fork)
        if [fork.fork for fork in entries] != list(range(len(entries))):
            raise CompareError(f"{path}: the forks of {key[0]} {dict(key[1])} are not numbered 0..{len(entries) - 1}")
    return forks
