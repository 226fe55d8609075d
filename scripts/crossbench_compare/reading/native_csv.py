"""native.csv (written by scripts/native-bench): ops timed by the runtimes' own
harnesses (go test, pyperf) and the C floor of the crossing, in ns/op."""

import csv
import io
from dataclasses import dataclass

from .errors import CompareError
from .files import read_text

NATIVE_COLUMNS = ["op", "variant", "payload", "lane", "harness", "median", "ci_low", "ci_high", "unit"]
# The harness column of the C floor's rows: the calls made from a thread the runtime
# did not create (as a Java thread is), and from the program's main thread.
FLOOR_HARNESS, FLOOR_MAIN_HARNESS = "c", "c-main"


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
    reader = csv.DictReader(io.StringIO(read_text(path)))
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
