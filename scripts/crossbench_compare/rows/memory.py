"""memory.csv's counts as Entries labelled like summary rows (op, variant, case,
lane, library role and name), in the summary's order, and grouped by case."""

from dataclasses import dataclass

from ..reading import formats, lanes
from ..reading.lanes import library_name
from .make import payload_rank
from .row import case_value, document_bytes, library_role, params_dict, variant_of, without_param


@dataclass
class Entry:
    """One memory.csv row, labelled like a summary row."""
    op: str
    variant: str
    case: str
    lane: str
    role: str        # library role for JSON ops; the usual role for other ops (each lane has one library)
    library: str     # the library's real name where env.json gives it
    bytes_per_op: float
    jvm_bytes_per_op: float
    benchmark: str
    case_params: str = ""  # its params without the library role, as a summary row's case_params
    payload_bytes: int = None  # the size of the JSON document it carried, where env.json gives it

    @property
    def group(self):
        return (self.op, self.variant, self.case)


def entries(memory, env):
    """memory.csv's rows as Entries in the summary's order (op, benchmark, payload, variant, lane, role)."""
    run_format = formats.of(env)
    catalogue = run_format.catalogue
    sizes = (env or {}).get("payload_bytes") or {}
    out = []
    for m in (memory or {}).values():
        if m.bytes_per_op is None:
            continue
        spec = catalogue.describe(m.benchmark)
        params = params_dict(m.params)
        role = library_role(spec, params, run_format.param_defaults) or catalogue.roles[0]
        case_params = without_param(m.params, spec.library_param)
        payload = case_value(spec, params)
        out.append(Entry(spec.op, variant_of(spec, params), payload or case_params, m.lane, role,
                         library_name(env, lanes.base(m.lane), role, spec.variant) if spec.library_param else "",
                         m.bytes_per_op, m.jvm_bytes_per_op, m.benchmark, case_params,
                         document_bytes(spec, payload, sizes)))

    def order(e):
        return (catalogue.op_rank(e.op), e.op, catalogue.bench_rank(e.benchmark), e.benchmark, payload_rank(e.case),
                catalogue.variant_rank(e.op, e.variant), lanes.rank(e.lane), e.lane, catalogue.role_rank(e.role))
    return sorted(out, key=order)


def columns(items, roles):
    """(lane, role) pairs present, lanes in the run's order, roles in the catalogue's (usual first)."""
    pairs = {(e.lane, e.role) for e in items}
    order = list(roles) + sorted({r for _, r in pairs} - set(roles))
    return [(lane, role) for lane in lanes.ordered({l for l, _ in pairs}) for role in order if (lane, role) in pairs]


def groups(items):
    """{(op, variant, case): {(lane, role): Entry}} in order."""
    out = {}
    for e in items:
        out.setdefault(e.group, {})[(e.lane, e.role)] = e
    return out
