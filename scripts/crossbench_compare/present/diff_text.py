"""Two runs side by side, benchstat-style: per row old and new median with their
interval, the change new/old with its 95% interval (the same hierarchical
bootstrap as the report, so a fork that ran differently counts), `~` where the
interval contains 1, then a geometric mean. Warns when the runs differ in
machine, versions or mode, which would explain a change as well as the code."""

from ..reading import lanes
from ..stats import bootstrap
from . import fmt


def change(old, new):
    """new / old as a Ratio, or None when either side has no samples."""
    if old.estimate is None or new.estimate is None or old.median <= 0:
        return None
    return bootstrap.row_ratio(new.estimate, old.estimate)


def _noise(row):
    return fmt.half_width(row)


def _change_text(ratio, old, new):
    n = f"n={old.estimate.n if old.estimate else 0}+{new.estimate.n if new.estimate else 0}"
    if ratio is None:
        return f"? (no samples, {n})"
    interval = f"{100 * (ratio.ci_low - 1):+.2f}% to {100 * (ratio.ci_high - 1):+.2f}%"
    if ratio.within_noise:
        return f"~ ({interval}, {n})"
    return f"{100 * (ratio.value - 1):+.2f}% ({fmt.direction(ratio)}; {interval}, {n})"


def compare(old_rows, new_rows, old_name="old", new_name="new"):
    """The comparison as text lines."""
    old = {r_key(r): r for r in old_rows}
    new = {r_key(r): r for r in new_rows}
    both = [(old[k], new[k]) for k in (r_key(r) for r in old_rows) if k in new]
    removed = [old[k] for k in (r_key(r) for r in old_rows) if k not in new]
    added = [new[k] for k in (r_key(r) for r in new_rows) if k not in old]

    table = [("name", f"{old_name} median ns/op", f"{new_name} median ns/op", "delta (new/old, 95% interval)")]
    ratios = []
    for o, n in both:
        ratio = change(o, n)
        if ratio is not None:
            ratios.append(ratio)
        table.append((o.name, f"{fmt.num(o.median)} {_noise(o)}".strip(),
                      f"{fmt.num(n.median)} {_noise(n)}".strip(), _change_text(ratio, o, n)))
    if ratios:
        g = bootstrap.geometric_mean(ratios)
        table.append(("geomean", "", "", f"{100 * (g.value - 1):+.2f}% ({fmt.relative(g)})"))

    widths = [max(len(r[i]) for r in table) for i in range(3)]
    lines = ["  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(r)).rstrip()
             for r in table]
    lines.append("")
    lines.append("Medians per op per thread, lower is better; ± is the larger side of the 95% interval "
                 "(hierarchical bootstrap over forks and iterations) as a % of the median; the delta's "
                 "range is its 95% interval; ~ means that interval contains no change (not significant).")
    for label, rows in (("removed (only in old)", removed), ("added (only in new)", added)):
        if rows:
            lines.append("")
            lines.append(f"{label}:")
            lines.extend(f"  {r.name}  {fmt.num(r.median)} ns/op" for r in rows)
    return lines


def r_key(row):
    # By library role, not the library param: a format-1 run without the param (its results
    # format says they ran the usual library) meets a newer run's usual rows.
    return (row.benchmark, row.case_params, row.role, row.threads, row.lane)


# What must match for two runs to be comparable: (label, path into env.json).
COMPARABLE = [
    ("CPU", ("cpu",)), ("cores", ("cores",)), ("memory", ("memory_bytes",)), ("OS", ("os",)),
    ("kernel", ("kernel",)), ("JDK", ("jdk", "version")), ("JVM", ("jdk", "vm")),
    ("GOMAXPROCS", ("gomaxprocs",)), ("quick mode", ("jmh", "quick")), ("JMH mode", ("jmh", "mode")),
    ("JMH settings", ("jmh", "defaults")), ("JMH command line", ("jmh", "command_line")),
    ("thread counts", ("jmh", "threads")),
]


def _get(env, path):
    for key in path:
        if not isinstance(env, dict):
            return None
        env = env.get(key)
    return env


def differences(old_env, new_env):
    """What differs between two runs' env.json, in words (machine, versions, mode)."""
    out = []
    if not old_env or not new_env:
        missing = "old" if not old_env else "new"
        return [f"the {missing} run has no env.json: cannot tell whether the runs are comparable"]
    for label, path in COMPARABLE:
        a, b = _get(old_env, path), _get(new_env, path)
        if path == ("memory_bytes",) and isinstance(a, (int, float)) and isinstance(b, (int, float)):
            a, b = f"{a / 2**30:.1f} GiB", f"{b / 2**30:.1f} GiB"  # the kernel's total moves by a few MB
        if a != b:
            out.append(f"not the same {label}: {a!r} vs {b!r}")
    old_lanes, new_lanes = old_env.get("lanes") or {}, new_env.get("lanes") or {}
    for lane in sorted(set(old_lanes) | set(new_lanes)):
        a, b = old_lanes.get(lane) or {}, new_lanes.get(lane) or {}
        if a.get("runtime") != b.get("runtime"):
            out.append(f"not the same {lanes.title(lane)} runtime: {a.get('runtime')!r} vs {b.get('runtime')!r}")
        libs_a, libs_b = a.get("libraries") or {}, b.get("libraries") or {}
        for lib in sorted(set(libs_a) | set(libs_b)):
            if libs_a.get(lib) != libs_b.get(lib):
                out.append(f"not the same {lanes.title(lane)} library {lib}: {libs_a.get(lib)!r} vs {libs_b.get(lib)!r}")
    return out
