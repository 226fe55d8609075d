"""Two runs side by side, benchstat-style: per row old and new median with their
interval, the change new/old with its 95% interval (from the same fork-level
t intervals as the report, so a fork that ran differently counts), `~` where the
interval contains 1, then a geometric mean; then each lane's ratio to Java in
both runs and its change. Ends with the A/A check: the share of rows (and of
ratios) marked as changed, against the 5% that chance alone marks on two runs
of one commit. Warns when the runs differ in machine, versions or mode, which
would explain a change as well as the code."""

from scipy.stats import binom

from ..reading import lanes
from ..stats import bootstrap
from . import fmt
from .environment_md import commit

CHANCE = 0.05  # a 95% interval misses the truth 5% of the time: the share of rows chance marks as changed


def change(old, new):
    """new / old as a Ratio, or None when either side has no samples."""
    if old.estimate is None or new.estimate is None or old.median <= 0:
        return None
    return bootstrap.row_ratio(new.estimate, old.estimate)


def _noise(row):
    return fmt.half_width(row)


def ratio_change(old, new):
    """new's ratio to Java over old's, as a Ratio (from the two ratios' replicates), or None
    when either run lacks the ratio; None for the Java rows themselves."""
    if old.lane == lanes.BASELINE or old.ratio is None or new.ratio is None or old.ratio.value <= 0:
        return None
    return bootstrap.ratio_of(new.ratio.replicates, old.ratio.replicates, new.ratio.value, old.ratio.value)


def _change_text(ratio, old, new):
    n = f"n={old.estimate.n if old.estimate else 0}+{new.estimate.n if new.estimate else 0}"
    if ratio is None:
        return f"? (no samples, {n})"
    return _delta(ratio, n)


def _delta(ratio, note):
    interval = f"{100 * (ratio.ci_low - 1):+.2f}% to {100 * (ratio.ci_high - 1):+.2f}%"
    if ratio.within_noise:
        return f"~ ({interval}, {note})"
    return f"{100 * (ratio.value - 1):+.2f}% ({fmt.direction(ratio)}; {interval}, {note})"


def _ratio_delta(ratio):
    """A ratio's change: signed, with its interval ("1.05x slower" would not say than what)."""
    interval = f"{100 * (ratio.ci_low - 1):+.2f}% to {100 * (ratio.ci_high - 1):+.2f}%"
    if ratio.within_noise:
        return f"~ ({interval})"
    return f"{100 * (ratio.value - 1):+.2f}% ({interval})"


def _lines(table):
    widths = [max(len(r[i]) for r in table) for i in range(3)]
    return ["  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(r)).rstrip()
            for r in table]


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

    lines = _lines(table)
    lines.append("")
    lines.append("Medians per op per thread, lower is better; ± is the larger side of the 95% interval "
                 "(a t interval over the forks' medians) as a % of the median; the delta's "
                 "range is its 95% interval; ~ means that interval contains no change (not significant).")
    for label, rows in (("removed (only in old)", removed), ("added (only in new)", added)):
        if rows:
            lines.append("")
            lines.append(f"{label}:")
            lines.extend(f"  {r.name}  {fmt.num(r.median)} ns/op" for r in rows)

    to_java = [(o, n, ratio_change(o, n)) for o, n in both]
    to_java = [(o, n, r) for o, n, r in to_java if r is not None]
    if to_java:
        java = lanes.title(lanes.BASELINE)
        table = [("name", f"{old_name} vs {java}", f"{new_name} vs {java}",
                  "delta of the ratio (new/old, 95% interval)")]
        table += [(o.name, fmt.factor(o.ratio.value), fmt.factor(n.ratio.value), _ratio_delta(r))
                  for o, n, r in to_java]
        lines += ["", f"Each lane's time over {java}'s for the same case, in both runs:", ""]
        lines += _lines(table)
        lines += ["", "The delta is the new ratio over the old; its range is its 95% interval, from the two ratios' "
                  "resampled values; ~ means that interval contains 1 (no change)."]
    return lines


def chance_bound(m, share=CHANCE, confidence=0.95):
    """K: on m rows of two runs of one commit, chance alone marks more than K of them as changed
    less than 5% of the time (the binomial 95% upper bound for a share of 5%, binom.ppf)."""
    return int(binom.ppf(confidence, m, share)) if m > 0 else 0


def _share_line(what, changed, m, same_commit):
    k = chance_bound(m)
    line = (f"{changed} of {m} {what} ({100 * changed / m:.0f}%) marked as changed; on two runs of one commit, "
            f"chance alone marks about {CHANCE:.0%}, and more than {k} of {m} (the binomial 95% upper bound "
            f"for {CHANCE:.0%}) says the intervals are too narrow.")
    verdict = f"more than {k}, so the intervals are too narrow for a re-run" if changed > k else \
        "within what chance gives"
    return f"{line} {'Here' if same_commit else 'If the runs are an A/A pair'}: {verdict}."


def commit_sentence(old_env, new_env, old_name="old", new_name="new"):
    """Whether the two runs are of one commit (env.json's git) on the same machine and settings,
    in words, and whether they are."""
    gits = [(e or {}).get("git") if isinstance((e or {}).get("git"), dict) else {} for e in (old_env, new_env)]
    ids = [commit(g) for g in gits]
    dirty = [name for name, g in zip((old_name, new_name), gits) if g.get("dirty")]
    if not all(ids):
        unknown = " and ".join(name for name, i in zip((old_name, new_name), ids) if not i)
        return (f"The commit of {unknown} is not recorded (env.json): this is an A/A check only if both "
                "runs ran the same code."), False
    if ids[0] != ids[1]:
        return (f"The runs are of different commits ({ids[0][:12]} and {ids[1][:12]}): this is an A/A check "
                "only if the code that ran is the same in both; otherwise a change may be real."), False
    if dirty:
        return (f"Both runs are of commit {ids[0][:12]}, but {' and '.join(dirty)} had uncommitted changes "
                "(dirty): this is an A/A check only if those did not touch the code that ran."), False
    if differences(old_env, new_env):
        return (f"Both runs are of commit {ids[0][:12]}, but not on the same machine, versions or settings "
                "(the warnings above): a change may come from those."), False
    return (f"Both runs are of commit {ids[0][:12]}, on the same machine and settings: an A/A pair, where "
            "any change marked above is noise its interval did not cover."), True


def aa_check(old_rows, new_rows, old_env, new_env, old_name="old", new_name="new"):
    """The A/A check as text lines: the share of rows, and of lane-vs-Java ratios, marked as
    changed, against the 5% chance alone marks, and whether the runs are of one commit."""
    old = {r_key(r): r for r in old_rows}
    both = [(old[r_key(n)], n) for n in new_rows if r_key(n) in old]
    rows = [c for c in (change(o, n) for o, n in both) if c is not None]
    to_java = [c for c in (ratio_change(o, n) for o, n in both) if c is not None]
    sentence, same = commit_sentence(old_env, new_env, old_name, new_name)
    lines = ["A/A check: do the intervals cover a re-run? (it reads right on two runs of one commit)", sentence]
    for what, changes in (("rows", rows), (f"ratios to {lanes.title(lanes.BASELINE)}", to_java)):
        if changes:
            lines.append(_share_line(what, sum(not c.within_noise for c in changes), len(changes), same))
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
