"""JMH results -> summary rows: what op each benchmark measures, its median and
95% interval (stats.py), its ratio to the Java lane with an interval, its time
net of the lane's crossing cost, and whether it is stable. Writes summary.csv."""

import csv
import math
from dataclasses import dataclass, field

import numpy as np

from . import lanes, stats
from .load import load_key
from .stability import assess

PREFIX = "dev.crossbench.bench."
REFERENCE_LANE = lanes.REFERENCE
ECHO = PREFIX + "Crossing.echo"

# Benchmark -> (op, variant, the JMH param that names the payload or "").
KNOWN = {
    PREFIX + "JsonParse.tree": ("json", "tree", "payload"),
    PREFIX + "JsonParse.bind": ("json", "bind", "payload"),
    PREFIX + "JsonFiles.tree": ("json", "tree", "file"),
    PREFIX + "JsonWrite.write": ("json", "write", "payload"),
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
DISPLAY_UNITS = {"bcrypt": ("ms/op", 1e6)}  # ops shown in another unit than ns/op: (label, ns per unit)
LIBRARY_PARAM = "library"          # the JMH param naming a JSON op's library role
USUAL, FAST = "usual", "fast"      # roles; runs before the param measured the usual library only
ROLE_ORDER = [USUAL, FAST]


def display_unit(op):
    """(label, ns per unit) in which the report and charts show an op's times."""
    return DISPLAY_UNITS.get(op, ("ns/op", 1.0))

COLUMNS = ["op", "variant", "payload", "params", "lane", "library", "threads", "score", "error", "unit",
           "median", "ci_low", "ci_high", "n", "forks",
           "ratio_vs_java", "ratio_ci_low", "ratio_ci_high", "net_of_crossing",
           "payload_bytes", "mb_per_s", "bytes_per_op", "cv", "fork_spread", "warmup_drift", "other_load",
           "unstable", "benchmark"]


@dataclass
class Row:
    benchmark: str
    op: str
    variant: str
    payload: str
    params: str      # JMH params other than lane, "k=v k=v", sorted: part of the row's identity
    lane: str
    threads: int
    score: float     # JMH's score as ns per op per thread (the mean throughput, or avgt's mean)
    error: float     # JMH's 99.9% confidence half-width, ns/op
    unit: str = "ns/op"
    forks_raw: list = field(default_factory=list, repr=False)  # iterations of each fork, ns/op
    secondary: dict = field(default_factory=dict)              # "name (unit)" -> JMH score
    estimate: stats.Estimate = field(default=None, repr=False)
    stability: stats.Stability = field(default=None, repr=False)
    ratio: stats.Ratio = field(default=None, repr=False)       # vs the Java lane, same case
    net: np.ndarray = field(default=None, repr=False)          # resampled net-of-crossing times
    payload_bytes: int = None
    mb_per_s: float = None
    net_of_crossing: float = None
    other_load: float = None  # cores other processes used while this benchmark ran
    unstable: list = field(default_factory=list)               # reasons, in words
    library: str = ""         # the library's real name (env.json json_libraries); JSON rows only
    bytes_per_op: float = None  # from memory.csv: what the lane's runtime allocated per op

    @property
    def role(self):
        """The library role (usual, fast) of a JSON row; "" for other ops."""
        return library_role(self.op, self.params)

    @property
    def library_tag(self):
        """The role, where the run measured this case with more than one library; else ""."""
        return self.role if f"{LIBRARY_PARAM}=" in self.params else ""

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
        """A short benchstat-style name: op/variant/case/library role/lane/threads."""
        parts = [self.op, self.variant, self.case, self.library_tag, self.lane, f"{self.threads}t"]
        return "/".join(p for p in parts if p)

    @property
    def median(self):
        return self.estimate.median if self.estimate else self.score

    @property
    def ci(self):
        return (self.estimate.ci_low, self.estimate.ci_high) if self.estimate else (math.nan, math.nan)

    @property
    def replicates(self):
        return self.estimate.replicates if self.estimate else np.full(stats.RESAMPLES, self.score)

    @property
    def ratio_vs_java(self):
        return self.ratio.value if self.ratio else None


def describe(benchmark, params):
    """(op, variant, payload) for a benchmark; unknown ones keep their JMH names."""
    if benchmark in KNOWN:
        op, variant, payload_param = KNOWN[benchmark]
        return op, variant, params.get(payload_param, "") if payload_param else ""
    cls, _, method = benchmark.rpartition(".")
    return cls.rpartition(".")[2].lower(), method, ""


def params_dict(params):
    return dict(p.split("=", 1) for p in params.split() if "=" in p)


def library_role(op, params):
    """A JSON op's library role from its params ("k=v k=v"); usual when the run predates the param."""
    if op != "json":
        return ""
    return params_dict(params).get(LIBRARY_PARAM, USUAL)


def without_library(params):
    """The params without the library role: what a case is, whichever library ran it."""
    return " ".join(p for p in params.split() if not p.startswith(LIBRARY_PARAM + "="))


def library_name(env, lane, role, variant):
    """The library env.json names for this lane, role and op kind (tree, bind, write), or ""."""
    listed = ((env or {}).get("lanes") or {}).get(lane)
    roles = listed.get("json_libraries") if isinstance(listed, dict) else None
    kinds = roles.get(role) if isinstance(roles, dict) else None
    name = kinds.get(variant) if isinstance(kinds, dict) else None
    return name if isinstance(name, str) else ""


def _lane(benchmark, params):
    if "lane" in params:
        return params["lane"]
    return REFERENCE_LANE if benchmark == PREFIX + "Crossing.jni" else "-"


def make_rows(results, env, load=None, memory=None):
    """Summary rows from JMH results; env.json gives payload sizes, cores and library
    names, machine-load.json (`load`, keyed by load.load_key) the other processes'
    load, memory.csv (`memory`, keyed by (benchmark, params, lane)) bytes per op."""
    payload_sizes = (env or {}).get("payload_bytes") or {}
    rows = []
    for r in results:
        op, variant, payload = describe(r.benchmark, r.params)
        others = " ".join(f"{k}={v}" for k, v in sorted(r.params.items()) if k != "lane")
        row = Row(benchmark=r.benchmark, op=op, variant=variant, payload=payload, params=others,
                  lane=_lane(r.benchmark, r.params), threads=r.threads, score=r.score,
                  error=r.error, unit=r.unit, forks_raw=r.forks_raw, secondary=r.secondary)
        if load:
            row.other_load = load.get(load_key(r.benchmark, r.params, r.threads))
        if op == "json" and isinstance(payload_sizes.get(payload), (int, float)):
            row.payload_bytes = int(payload_sizes[payload])
        if op == "json":
            row.library = library_name(env, row.lane, row.role, variant)
        # Bytes per op do not depend on the thread count: one untimed pass serves every row.
        counted = (memory or {}).get((row.benchmark, row.params, row.lane))
        if counted is not None:
            row.bytes_per_op = counted.bytes_per_op
        rows.append(row)
    lanes.use(env)
    return complete(rows, (env or {}).get("cores"))


def complete(rows, cores):
    """Each row's estimate and stability, then what rows derive from each other:
    ratios to Java, net of crossing, bytes/s and the unstable marks. Returns the rows sorted."""
    for row in rows:
        row.estimate = stats.estimate(row.forks_raw, f"{row.benchmark} {row.name}")
        row.stability = stats.stability(row.forks_raw) if row.estimate else None
        if row.payload_bytes and row.median > 0:
            # bytes per ns * 1e9 = bytes/s; / 1e6 = MB/s (decimal megabytes).
            row.mb_per_s = row.payload_bytes / row.median * 1e3
    add_ratios(rows)
    add_net_of_crossing(rows)
    assess(rows, cores)
    return sort_rows(rows)


PAYLOAD_ORDER = ["small", "medium", "large"]  # then the user's files, by name


def op_rank(op):
    return OP_ORDER.index(op) if op in OP_ORDER else len(OP_ORDER)


def bench_rank(benchmark):
    """As listed in KNOWN, unknown ones last."""
    benches = list(KNOWN)
    return benches.index(benchmark) if benchmark in benches else len(benches)


def payload_rank(payload):
    """Sizes in bytes by number, then small, medium, large, then the user's files by name."""
    if payload.isdigit():
        return (0, int(payload), "")
    if payload in PAYLOAD_ORDER:
        return (0, PAYLOAD_ORDER.index(payload), "")
    return (1, 0, payload)


def role_rank(role):
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def sort_rows(rows):
    """Op by op, thread count, benchmark as listed in KNOWN, payload by size, library role
    (usual first), lanes in the run's order."""
    def order(row):
        return (op_rank(row.op), row.op, row.threads, bench_rank(row.benchmark), row.benchmark,
                payload_rank(row.payload), role_rank(row.role), row.params, lanes.rank(row.lane), row.lane)
    return sorted(rows, key=order)


def add_ratios(rows):
    """ratio = median / Java's median for the same benchmark, params and threads, with its interval."""
    java = {row.key: row for row in rows if row.lane == lanes.BASELINE}
    for row in rows:
        base = java.get(row.key)
        if base is not None and base.median > 0 and row.estimate and base.estimate:
            row.ratio = stats.row_ratio(row.estimate, base.estimate)


def echo_curves(rows):
    """(lane, threads) -> [(size, row), ...] from Crossing.echo, sorted by size."""
    curves = {}
    for row in rows:
        if row.benchmark == ECHO and row.payload.isdigit():
            curves.setdefault((row.lane, row.threads), []).append((int(row.payload), row))
    return {k: sorted(v, key=lambda sr: sr[0]) for k, v in curves.items()}


def crossing_weights(sizes, size):
    """Weights over the measured sizes whose sum with the echo times is the toll at
    `size` bytes: linear between measured sizes; beyond the largest, the last
    segment's slope carries on (copying grows with bytes); below the smallest, the
    smallest size's time. Linear in the times, so it applies to resampled times too."""
    weights = [0.0] * len(sizes)
    if len(sizes) == 1 or size <= sizes[0]:
        weights[0] = 1.0
        return weights
    for i in range(1, len(sizes)):
        if size <= sizes[i] or i == len(sizes) - 1:
            t = (size - sizes[i - 1]) / (sizes[i] - sizes[i - 1])
            weights[i - 1], weights[i] = 1 - t, t
            return weights
    return weights


def crossing_cost(curve, size):
    """The echo time at `size` bytes from [(size, ns/op), ...] sorted by size (see crossing_weights)."""
    if not curve:
        return None
    weights = crossing_weights([s for s, _ in curve], size)
    return float(sum(w * t for w, (_, t) in zip(weights, curve)))


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
        weights = crossing_weights([s for s, _ in curve], size)
        row.net_of_crossing = row.median - sum(w * echo.median for w, (_, echo) in zip(weights, curve))
        row.net = row.replicates - sum(w * echo.replicates for w, (_, echo) in zip(weights, curve))


def _cell(value, digits=3):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def secondary_columns(rows):
    """JMH's secondary metrics (such as -prof gc's), one column each, in name order."""
    return sorted({name for row in rows for name in row.secondary})


def write_csv(rows, path):
    extra = secondary_columns(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS + extra)
        for row in rows:
            low, high = row.ci
            st = row.stability
            ratio = row.ratio
            w.writerow([
                row.op, row.variant, row.payload, row.params, row.lane, row.library, row.threads,
                _cell(row.score), _cell(row.error), row.unit,
                _cell(row.median), _cell(low), _cell(high),
                _cell(row.estimate.n if row.estimate else None), _cell(row.estimate.forks if row.estimate else None),
                _cell(ratio.value if ratio else None, 4), _cell(ratio.ci_low if ratio else None, 4),
                _cell(ratio.ci_high if ratio else None, 4), _cell(row.net_of_crossing),
                _cell(row.payload_bytes), _cell(row.mb_per_s), _cell(row.bytes_per_op, 1),
                _cell(st.cv if st else None, 4), _cell(st.fork_spread if st else None, 4),
                _cell(st.drift if st else None, 4), _cell(row.other_load, 3),
                "; ".join(row.unstable), row.benchmark,
            ] + [_cell(row.secondary.get(name)) for name in extra])
