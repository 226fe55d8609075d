"""Is a figure measured through JNI what the runtime costs on its own, plus a
known toll? Pairs each op on 1 thread, net of the crossing toll (toll.py), with
the same op on the same bytes timed by its lane's own harness (native.csv: go
test, pyperf; the lane's harness from env.json or results/format-1.json), and
the crossing rows with the C floor (the same calls from a C program with no
JVM). A lane reached another way in ("go-ffm") pairs with its base lane's
figures, net of its own toll. native.csv gives each figure as a median and 95%
interval but no resamples, so a ratio's range here runs from the low end of one
interval over the high end of the other: wider than a bootstrap interval, never
narrower."""

from dataclasses import dataclass, field

import numpy as np

from ..reading import lanes
from ..reading.native_csv import FLOOR_HARNESS
from ..stats import bootstrap

TOLERANCE = 0.10          # the goal: within ±10% of the runtime's own harness ...
FROM_NS = 1000.0          # ... for ops of 1 µs or more
WITHIN, APART, UNSURE = "within ±10%", "more than 10% apart", "inconclusive"


@dataclass
class Pair:
    row: object           # the summary row measured through JNI
    native: object        # the NativeRow it is held against
    measured: float       # the JNI figure compared: net of the toll for ops, gross for crossing rows
    measured_ci: tuple
    ratio: float
    low: float
    high: float

    @property
    def verdict(self):
        if self.low >= 1 - TOLERANCE and self.high <= 1 + TOLERANCE:
            return WITHIN
        if self.low > 1 + TOLERANCE or self.high < 1 - TOLERANCE:
            return APART
        return UNSURE


def _pair(row, native, measured, measured_ci):
    if not native.median > 0 or not measured > 0:
        return None
    low = measured_ci[0] / native.ci_high if native.ci_high > 0 else float("nan")
    high = measured_ci[1] / native.ci_low if native.ci_low > 0 else float("nan")
    return Pair(row, native, measured, measured_ci, measured / native.median, low, high)


def _native_index(native, harness_of):
    return {(n.op, n.variant, n.payload, n.lane): n for n in native if n.harness == harness_of(n.lane)}


def op_pairs(rows, native, usual_role):
    """Each op row on 1 thread with a native figure from its lane's own harness, net of the toll.
    native.csv names no library: its harnesses time the usual one (usual_role)."""
    index = _native_index(native, lanes.harness)
    pairs = []
    for r in rows:
        n = index.get((r.op, r.variant, r.payload, lanes.base(r.lane)))
        if r.role not in ("", usual_role):
            continue
        if r.threads == 1 and r.spec.work and n is not None and r.net is not None:
            net_low, net_high = bootstrap.interval(np.asarray(r.net))
            pair = _pair(r, n, r.net_of_crossing, (net_low, net_high))
            if pair:
                pairs.append(pair)
    return pairs


@dataclass
class CrossingCall:
    """One call with no work (noop, an echo size) into one lane's runtime on 1 thread: its C
    floor, and its row and ratio to the floor through each way in the run took."""
    lane: str                # the base lane ("go"), whichever way in
    variant: str
    payload: str
    floor: object = None     # the NativeRow of the C floor, or None
    rows: dict = field(default_factory=dict)   # way ("jni", "ffm") -> its row
    pairs: dict = field(default_factory=dict)  # way -> Pair against the floor, where there is one


def crossing_calls(rows, native):
    """The crossing's calls into each native lane on 1 thread (lanes other than Java's and the
    references), base lane by base lane in the run's order, then the calls in the rows' order."""
    floors = _native_index(native, lambda lane: FLOOR_HARNESS)
    calls = {}
    for r in rows:
        if r.threads != 1 or r.spec.work or not r.estimate or r.spec.reference \
                or lanes.base(r.lane) in (lanes.BASELINE, "-"):
            continue
        base = lanes.base(r.lane)
        call = calls.setdefault((base, r.benchmark, r.params), CrossingCall(
            base, r.variant, r.payload, floors.get((r.op, r.variant, r.payload, base))))
        call.rows[lanes.way(r.lane)] = r
        pair = _pair(r, call.floor, r.median, r.ci) if call.floor else None
        if pair:
            call.pairs[lanes.way(r.lane)] = pair
    return sorted(calls.values(), key=lambda c: lanes.rank(c.lane))


def floor_pairs(rows, native):
    """The crossing toll's rows on 1 thread against the C floor of the same call, every way in."""
    return [p for call in crossing_calls(rows, native) for p in call.pairs.values()]


def bare_calls(rows):
    """The reference rows of the crossing on 1 thread: the bare calls into C, with no runtime."""
    return [r for r in rows if r.threads == 1 and not r.spec.work and r.spec.reference and r.estimate]
