"""The report's Memory per op section: the bytes each lane's runtime allocated per
op, from memory.csv (load.read_memory), an untimed pass after JMH.

What is counted differs by runtime, so the section says it plainly: the Java
lane the JVM thread's allocations; Go its heap; Python the requests to the
PyMem/PyObject allocators, not Rust or C code that calls malloc itself. None of
it is the resident memory of a service: it is the churn an op leaves for the
garbage collector (or reference counting) to reclaim."""

from dataclasses import dataclass

from . import lanes
from .summary import (ROLE_ORDER, USUAL, bench_rank, describe, library_name, library_role, op_rank,
                      params_dict, payload_rank, role_rank, without_library)

WHAT = (
    "Bytes allocated per op by the runtime that does the work, counted in an untimed pass after "
    "JMH (`memory.csv`): for the Java lane the JVM thread's allocations; for Go the Go heap; for "
    "Python the bytes requested from the PyMem and PyObject allocators, which leaves out Rust or C "
    "internals that call malloc themselves (so Python's figure can undercount libraries written "
    "in Rust or C: pydantic-core and orjson keep their buffers there), and includes the bytes "
    "object the lane makes of the input document (its size plus 33 B). A grown buffer counts in "
    "full each time it grows (msgspec's output). See lane-abi/OPS.md, Counting allocations. One "
    "counted pass gives a point count, not a median with an interval. This is "
    "the garbage an op leaves to reclaim; nothing here is the resident memory of a whole service "
    "(its runtime, interpreter, heap at rest and what it keeps live)."
)


@dataclass
class Entry:
    """One memory.csv row, labelled like a summary row."""
    op: str
    variant: str
    case: str
    lane: str
    role: str        # library role for JSON ops; USUAL for other ops (each lane has one library)
    library: str     # the library's real name where env.json gives it
    bytes_per_op: float
    jvm_bytes_per_op: float
    benchmark: str

    @property
    def group(self):
        return (self.op, self.variant, self.case)


def entries(memory, env):
    """memory.csv's rows as Entries in the summary's order (op, benchmark, payload, lane, role)."""
    out = []
    for m in (memory or {}).values():
        if m.bytes_per_op is None:
            continue
        params = params_dict(m.params)
        op, variant, payload = describe(m.benchmark, params)
        role = library_role(op, m.params) or USUAL
        case = payload or without_library(m.params)
        out.append(Entry(op, variant, case, m.lane, role,
                         library_name(env, m.lane, role, variant) if op == "json" else "",
                         m.bytes_per_op, m.jvm_bytes_per_op, m.benchmark))
    def order(e):
        return (op_rank(e.op), e.op, bench_rank(e.benchmark), e.benchmark, payload_rank(e.case),
                lanes.rank(e.lane), e.lane, role_rank(e.role))
    return sorted(out, key=order)


def columns(items):
    """(lane, role) pairs present, lanes in the run's order, usual before fast."""
    pairs = {(e.lane, e.role) for e in items}
    return [(lane, role) for lane in lanes.ordered({l for l, _ in pairs})
            for role in ROLE_ORDER + sorted({r for _, r in pairs} - set(ROLE_ORDER)) if (lane, role) in pairs]


def groups(items):
    """{(op, variant, case): {(lane, role): Entry}} in order."""
    out = {}
    for e in items:
        out.setdefault(e.group, {})[(e.lane, e.role)] = e
    return out


def _bytes(value):
    return f"{value:,.0f} B" if value is not None else ""


def _matrix(items, value, with_ratio):
    cols = columns(items)
    lines = ["| op | variant | case | " + " | ".join(f"{lanes.title(l)} {r}" for l, r in cols) + " |",
             "|---|---|---|" + "---:|" * len(cols)]
    for (op, variant, case), by in groups(items).items():
        java = by.get((lanes.BASELINE, USUAL))
        cells = []
        for col in cols:
            e = by.get(col)
            v = value(e) if e else None
            cell = _bytes(v)
            if with_ratio and v is not None and java is not None and java.bytes_per_op and col != (lanes.BASELINE, USUAL):
                cell += f" ({v / java.bytes_per_op:.2f}x)"
            cells.append(cell)
        lines.append(f"| {op} | {variant} | {case} | " + " | ".join(cells) + " |")
    return lines


def _libraries(items):
    named = {}  # lane -> role -> names in the entries' order (tree, bind, write)
    for e in items:
        if e.library:
            named.setdefault(e.lane, {}).setdefault(e.role, {})[e.library] = None
    if not named:
        return []
    parts = [f"{lanes.title(lane)} " + ", ".join(f"{role} {' / '.join(named[lane][role])}"
                                                 for role in ROLE_ORDER if role in named[lane])
             for lane in lanes.ordered(named)]
    return ["", "JSON libraries (tree / bind / write where they differ): " + "; ".join(parts) + "."]


def section(memory, env, charts):
    out = ["## Memory per op", ""]
    if memory is None:
        return out + ["Not measured in this run: it has no `memory.csv` (runs made before the memory "
                      "pass have none)."]
    items = entries(memory, env)
    if not items:
        return out + ["`memory.csv` has no counted rows."]
    out += [WHAT, "", "Each cell: bytes per op, and in brackets its ratio to the Java lane's usual "
            "library on the same op and input (below 1x: fewer bytes than Java). Other ops than "
            "JSON have one library per lane, shown as usual. The count does not depend on the "
            "thread count."] + _libraries(items) + [""]
    out += _matrix(items, lambda e: e.bytes_per_op, True)
    crossing = [e for e in items if e.lane != lanes.BASELINE and e.jvm_bytes_per_op is not None]
    if crossing:
        out += ["", "### The JVM side of the crossing", "",
                "Bytes the calling Java thread allocated per op while it called into the Go or Python "
                "lane (arguments, results and JNI's own objects): the cost the JVM's collector sees.", ""]
        out += _matrix(crossing, lambda e: e.jvm_bytes_per_op, False)
    if "memory" in charts:
        out += ["", f"![Memory per op: bytes allocated per op by lane and library]({charts['memory']})"]
    return out
