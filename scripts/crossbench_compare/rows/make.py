"""JMH results -> summary rows: what each benchmark measures (the run's
catalogue), its median and 95% interval (stats.bootstrap), its ratio to the
Java lane with an interval, its time net of the lane's crossing toll, and
whether it is stable. A result reached another way than the usual one is a lane
of its own (reading/crossings.py)."""

from ..reading import crossings, formats, lanes
from ..reading.lanes import library_name
from ..reading.machine_load import load_key
from ..stats import bootstrap, spread
from .requests import stand_in_key
from .row import Row, case_value, document_bytes, library_role, variant_of
from .stability import assess
from .toll import add_net_of_crossing

LANE_PARAM = "lane"  # the JMH param every laned benchmark takes


def make_rows(results, env, load=None, memory=None, forks=None):
    """Summary rows from JMH results; env.json gives the catalogue (by its results
    format), payload sizes, cores and library names, machine-load.json (`load`, keyed
    by machine_load.load_key) the other processes' load, memory.csv (`memory`, keyed by
    (benchmark, params, lane)) bytes per op, forks.csv (`forks`, keyed by load_key)
    each fork's round, block and why it ran."""
    run_format = formats.of(env)
    catalogue = run_format.catalogue
    payload_sizes = (env or {}).get("payload_bytes") or {}
    run_lanes = lanes.use(env, {(r.params[LANE_PARAM], r.params[crossings.PARAM]) for r in results
                                if LANE_PARAM in r.params and not crossings.usual(r.params.get(crossings.PARAM))})
    rows = []
    for r in results:
        spec = catalogue.describe(r.benchmark)
        # Another way in than the usual one is a lane of its own, and its param no part of the case.
        lane, params = crossings.split_params(r.params.get(LANE_PARAM), r.params)
        others = " ".join(f"{k}={v}" for k, v in sorted(params.items()) if k != LANE_PARAM)
        payload = case_value(spec, params)
        row = Row(benchmark=r.benchmark, op=spec.op, variant=variant_of(spec, params), payload=payload, params=others,
                  lane=lane or spec.reference or "-", threads=r.threads, score=r.score,
                  error=r.error, unit=r.unit, forks_raw=r.forks_raw, secondary=r.secondary, spec=spec,
                  role=library_role(spec, params, run_format.param_defaults))
        if load:
            row.other_load = load.get(load_key(r.benchmark, r.params, r.threads))
        row.fork_log = (forks or {}).get(load_key(r.benchmark, r.params, r.threads))
        row.payload_bytes = document_bytes(spec, payload, payload_sizes)
        if spec.library_param:
            row.library = library_name(env, run_lanes.base(row.lane), row.role, spec.variant)
        # Bytes per op do not depend on the thread count: one untimed pass serves every row.
        counted = (memory or {}).get((row.benchmark, row.params, row.lane))
        if counted is not None:
            row.bytes_per_op = counted.bytes_per_op
        rows.append(row)
    return complete(rows, (env or {}).get("cores"), catalogue)


def complete(rows, cores, catalogue):
    """Each row's estimate and stability, then what rows derive from each other:
    ratios to Java, net of crossing, bytes/s and the unstable marks. Returns the rows sorted."""
    for row in rows:
        row.estimate = bootstrap.estimate(row.forks_raw, f"{row.benchmark} {row.name}")
        row.stability = spread.stability(row.forks_raw) if row.estimate else None
        if row.payload_bytes and row.median > 0:
            # bytes per ns * 1e9 = bytes/s; / 1e6 = MB/s (decimal megabytes).
            row.mb_per_s = row.payload_bytes / row.median * 1e3
    add_ratios(rows)
    add_net_of_crossing(rows)
    assess(rows, cores)
    return sort_rows(rows, catalogue)


# Named cases in order: the JSON payloads by size, then the request endpoints as OPS.md lists
# them, the login as the articles wrote it last; then the user's files, by name.
PAYLOAD_ORDER = ["small", "medium", "large", "json", "login", "items", "login-as-written"]


def payload_rank(payload):
    """Sizes in bytes by number, then the named cases in order, then the user's files by name."""
    if payload.isdigit():
        return (0, int(payload), "")
    if payload in PAYLOAD_ORDER:
        return (0, PAYLOAD_ORDER.index(payload), "")
    return (1, 0, payload)


def sort_rows(rows, catalogue):
    """Op by op, thread count, benchmark in the catalogue's order, payload by size, variant (where
    a param names it: a request's tier) in its family's order, library role (usual first), lanes
    in the run's order."""
    def order(row):
        return (catalogue.op_rank(row.op), row.op, row.threads, catalogue.bench_rank(row.benchmark), row.benchmark,
                payload_rank(row.payload), catalogue.variant_rank(row.op, row.variant), catalogue.role_rank(row.role),
                row.params, lanes.rank(row.lane), row.lane)
    return sorted(rows, key=order)


def lane_ratio(subject, reference):
    """subject's time / reference's (rows of the same run): paired round by round where their
    forks share at least 3 rounds of one block (forks.csv), else from the two rows' replicates."""
    paired = bootstrap.paired_ratio(subject.slot_medians(), reference.slot_medians(),
                                    f"{subject.benchmark} {subject.name} / {reference.name}")
    return paired or bootstrap.row_ratio(subject.estimate, reference.estimate)


def add_ratios(rows):
    """ratio = median / Java's median for the same benchmark, params and threads, with its interval
    (where Java times an as-written endpoint once, as its twin: the twin's, requests.stand_in_key)."""
    java = {row.key: row for row in rows if row.lane == lanes.BASELINE}
    for row in rows:
        base = java.get(stand_in_key(row, lanes.BASELINE))
        if base is not None and base.median > 0 and row.estimate and base.estimate:
            row.ratio = lane_ratio(row, base)
