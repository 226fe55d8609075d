"""JMH results -> summary rows: what op each benchmark measures, its ratio to
the Java lane, and its time net of the lane's crossing cost. Writes summary.csv."""

import csv
import math
from dataclasses import dataclass, field

import numpy as np

PREFIX = "dev.crossbench.bench."
LANES = ["java", "go", "python"]   # the lanes every op should have, in table order
REFERENCE_LANE = "jni"             # Crossing.jni: bare JNI into C, no runtime
ECHO = PREFIX + "Crossing.echo"

# Benchmark -> (op, variant, the JMH param that names the payload or "").
KNOWN = {
    PREFIX + "JsonParse.tree": ("json", "tree", "payload"),
    PREFIX + "JsonParse.bind": ("json", "bind", "payload"),
    PREFIX + "JsonFiles.tree": ("json", "tree", "file"),
    PREFIX + "Bcrypt.hash": ("bcrypt", "hash", ""),
    PREFIX + "Bcrypt.verify": ("bcrypt", "verify", ""),
    PREFIX + "Jwt.sign": ("jwt", "sign", ""),
    PREFIX + "Jwt.verify": ("jwt", "verify", ""),
    PREFIX + "Crossing.noop": ("crossing", "noop", ""),
    PREFIX + "Crossing.echo": ("crossing", "echo", "size"),
    PREFIX + "Crossing.jni": ("crossing", "jni", ""),
}
OP_ORDER = ["json", "bcrypt", "jwt", "crossing"]
CPU_OPS = ["json", "bcrypt", "jwt"]

COLUMNS = ["op", "variant", "payload", "params", "lane", "threads", "score", "error", "unit",
           "ratio_vs_java", "net_of_crossing", "payload_bytes", "mb_per_s", "benchmark"]


@dataclass
class Row:
    benchmark: str
    op: str
    variant: str
    payload: str
    params: str      # JMH params other than lane, "k=v k=v", sorted: part of the row's identity
    lane: str
    threads: int
    score: float     # ns/op, per op per thread (avgt)
    error: float     # JMH's 99.9% confidence half-width, ns/op
    unit: str = "ns/op"
    raw: list = field(default_factory=list, repr=False)
    payload_bytes: int = None
    mb_per_s: float = None
    ratio_vs_java: float = None
    net_of_crossing: float = None

    @property
    def case(self):
        """What distinguishes rows of one variant: the payload, else the other params."""
        return self.payload or self.params

    @property
    def key(self):
        """Identity across lanes: same benchmark, same non-lane params, same threads."""
        return (self.benchmark, self.params, self.threads)

    @property
    def name(self):
        """A short benchstat-style name: op/variant/case/lane/threads."""
        parts = [self.op, self.variant, self.case, self.lane, f"{self.threads}t"]
        return "/".join(p for p in parts if p)


def _describe(benchmark, params):
    """(op, variant, payload) for a benchmark; unknown ones keep their JMH names."""
    if benchmark in KNOWN:
        op, variant, payload_param = KNOWN[benchmark]
        return op, variant, params.get(payload_param, "") if payload_param else ""
    cls, _, method = benchmark.rpartition(".")
    return cls.rpartition(".")[2].lower(), method, ""


def _lane(benchmark, params):
    if "lane" in params:
        return params["lane"]
    return REFERENCE_LANE if benchmark == PREFIX + "Crossing.jni" else "-"


def make_rows(results, env):
    payload_sizes = (env or {}).get("payload_bytes") or {}
    rows = []
    for r in results:
        op, variant, payload = _describe(r.benchmark, r.params)
        others = " ".join(f"{k}={v}" for k, v in sorted(r.params.items()) if k != "lane")
        row = Row(benchmark=r.benchmark, op=op, variant=variant, payload=payload, params=others,
                  lane=_lane(r.benchmark, r.params), threads=r.threads, score=r.score,
                  error=r.error, unit=r.unit, raw=r.raw)
        if op == "json" and isinstance(payload_sizes.get(payload), (int, float)):
            row.payload_bytes = int(payload_sizes[payload])
            # bytes per ns * 1e9 = bytes/s; / 1e6 = MB/s (decimal megabytes).
            row.mb_per_s = row.payload_bytes / row.score * 1e3 if row.score > 0 else None
        rows.append(row)
    add_ratios(rows)
    add_net_of_crossing(rows)
    return sort_rows(rows)


PAYLOAD_ORDER = ["small", "medium", "large"]  # then the user's files, by name


def sort_rows(rows):
    """Op by op, thread count, benchmark as listed in KNOWN, payload by size, lanes in LANES order."""
    benches = list(KNOWN)

    def order(row):
        op = OP_ORDER.index(row.op) if row.op in OP_ORDER else len(OP_ORDER)
        bench = benches.index(row.benchmark) if row.benchmark in benches else len(benches)
        if row.payload.isdigit():
            payload = (0, int(row.payload), "")
        elif row.payload in PAYLOAD_ORDER:
            payload = (0, PAYLOAD_ORDER.index(row.payload), "")
        else:
            payload = (1, 0, row.payload)
        lane = LANES.index(row.lane) if row.lane in LANES else len(LANES)
        return (op, row.op, row.threads, bench, row.benchmark, payload, row.params, lane, row.lane)
    return sorted(rows, key=order)


def add_ratios(rows):
    """ratio_vs_java = score / Java's score for the same benchmark, params and threads."""
    java = {row.key: row.score for row in rows if row.lane == "java"}
    for row in rows:
        base = java.get(row.key)
        if base and base > 0:
            row.ratio_vs_java = row.score / base


def echo_curves(rows):
    """(lane, threads) -> [(size, ns/op), ...] from Crossing.echo, sorted by size."""
    curves = {}
    for row in rows:
        if row.benchmark == ECHO and row.payload.isdigit():
            curves.setdefault((row.lane, row.threads), []).append((int(row.payload), row.score))
    return {k: sorted(v) for k, v in curves.items()}


def crossing_cost(curve, size):
    """The echo time at `size` bytes: linear between measured sizes; beyond the
    largest size, the last segment's slope carries on (copying grows with bytes);
    below the smallest, the smallest size's time."""
    sizes = [s for s, _ in curve]
    times = [t for _, t in curve]
    if not curve:
        return None
    if len(curve) == 1 or size <= sizes[-1]:
        return float(np.interp(size, sizes, times))
    slope = (times[-1] - times[-2]) / (sizes[-1] - sizes[-2])
    return times[-1] + slope * (size - sizes[-1])


def input_size(row):
    """Bytes an op carries across the boundary, for the crossing-cost estimate."""
    if row.op == "json":
        return row.payload_bytes
    if row.op in ("bcrypt", "jwt"):
        return 0
    return None  # crossing rows are the toll itself; unknown ops: no estimate


def add_net_of_crossing(rows):
    curves = echo_curves(rows)
    for row in rows:
        size = input_size(row)
        curve = curves.get((row.lane, row.threads))
        if size is None or not curve:
            continue
        row.net_of_crossing = row.score - crossing_cost(curve, size)


def _cell(value, digits=3):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in rows:
            w.writerow([
                row.op, row.variant, row.payload, row.params, row.lane, row.threads,
                _cell(row.score), _cell(row.error), row.unit,
                _cell(row.ratio_vs_java, 4), _cell(row.net_of_crossing),
                _cell(row.payload_bytes), _cell(row.mb_per_s), row.benchmark,
            ])
