"""The report's Memory per op section: the bytes each lane's runtime allocated per
op, from memory.csv, an untimed pass after JMH.

What is counted differs by runtime, so the section says it plainly: the Java
lane the JVM thread's allocations; Go its heap; Python the requests to the
PyMem/PyObject allocators, not Rust or C code that calls malloc itself. None of
it is the resident memory of a service: it is the churn an op leaves for the
garbage collector (or reference counting) to reclaim."""

from ..reading import formats, lanes
from ..rows.memory import columns, entries, groups
from ..rows.requests import is_request

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


def why_no_memory_csv(run_format):
    """Why a run has no memory.csv, as far as its results format tells."""
    if run_format.memory_pass:
        return "the run stopped before its memory pass, or ran nothing on 1 thread"
    return "runs made before the memory pass have none"


def _bytes(value):
    return f"{value:,.0f} B" if value is not None else ""


def _matrix(items, roles, value, with_ratio):
    cols = columns(items, roles)
    java_usual = (lanes.BASELINE, roles[0])
    lines = ["| op | variant | case | " + " | ".join(f"{lanes.title(l)} {r}" for l, r in cols) + " |",
             "|---|---|---|" + "---:|" * len(cols)]
    for (op, variant, case), by in groups(items).items():
        java = by.get(java_usual)
        cells = []
        for col in cols:
            e = by.get(col)
            v = value(e) if e else None
            cell = _bytes(v)
            if with_ratio and v is not None and java is not None and java.bytes_per_op and col != java_usual:
                cell += f" ({v / java.bytes_per_op:.2f}x)"
            cells.append(cell)
        lines.append(f"| {op} | {variant} | {case} | " + " | ".join(cells) + " |")
    return lines


def _libraries(items, roles):
    named = {}  # lane -> role -> names in the entries' order (tree, bind, write)
    for e in items:
        if e.library:
            named.setdefault(e.lane, {}).setdefault(e.role, {})[e.library] = None
    if not named:
        return []
    parts = [f"{lanes.title(lane)} " + ", ".join(f"{role} {' / '.join(named[lane][role])}"
                                                 for role in roles if role in named[lane])
             for lane in lanes.ordered(named)]
    return ["", "JSON libraries (tree / bind / write where they differ): " + "; ".join(parts) + "."]


def section(memory, env, charts):
    out = ["## Memory per op", ""]
    run_format = formats.of(env)
    if memory is None:
        return out + [f"Not measured in this run: it has no `memory.csv` ({why_no_memory_csv(run_format)})."]
    items = [e for e in entries(memory, env) if not is_request(e)]  # bytes per request: the Requests section's
    if not items:
        return out + ["`memory.csv` has no counted rows."]
    roles = run_format.catalogue.roles
    out += [WHAT, "", "Each cell: bytes per op, and in brackets its ratio to the Java lane's usual "
            "library on the same op and input (below 1x: fewer bytes than Java). Other ops than "
            "JSON have one library per lane, shown as usual. The count does not depend on the "
            "thread count."] + _libraries(items, roles) + [""]
    out += _matrix(items, roles, lambda e: e.bytes_per_op, True)
    crossing = [e for e in items if e.lane != lanes.BASELINE and e.jvm_bytes_per_op is not None]
    if crossing:
        out += ["", "### The JVM side of the crossing", "",
                "Bytes the calling Java thread allocated per op while it called into the Go or Python "
                "lane (arguments, results and JNI's own objects): the cost the JVM's collector sees.", ""]
        out += _matrix(crossing, roles, lambda e: e.jvm_bytes_per_op, False)
    if "memory" in charts:
        out += ["", f"![Memory per op: bytes allocated per op by lane and library]({charts['memory']})"]
    return out
