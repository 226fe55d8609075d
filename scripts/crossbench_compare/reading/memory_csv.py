"""memory.csv: bytes allocated per op, counted in an untimed pass after JMH."""

import csv
import io
from dataclasses import dataclass

from . import crossings
from .errors import CompareError
from .files import read_text

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
    reader = csv.DictReader(io.StringIO(read_text(path)))
    if reader.fieldnames != MEMORY_COLUMNS:
        raise CompareError(f"{path}: expected the columns {','.join(MEMORY_COLUMNS)}, found {reader.fieldnames}")
    out = {}
    for line in reader:
        calls = _optional_number(line["calls"], path, line)
        # Keyed like summary rows: a count made through another way in is that way's lane's (crossings.py).
        lane, params = crossings.split_params(line["lane"], dict(p.partition("=")[::2] for p in line["params"].split()))
        row = MemoryRow(line["benchmark"], " ".join(sorted(f"{k}={v}" for k, v in params.items())), lane,
                        _optional_number(line["bytes_per_op"], path, line),
                        _optional_number(line["jvm_bytes_per_op"], path, line),
                        int(calls) if calls is not None else None)
        out[(row.benchmark, row.params, row.lane)] = row
    return out
