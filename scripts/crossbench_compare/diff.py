"""Two runs side by side, benchstat-style: per row old and new time with their
noise, the change, and whether it is significant (Mann-Whitney U on JMH's
per-iteration samples, as benchstat does), then a geometric mean of new/old."""

import math

from scipy.stats import gmean, mannwhitneyu

from . import fmt

ALPHA = 0.05


def significance(old_raw, new_raw):
    """Two-sided Mann-Whitney U p-value, or None when it cannot be computed."""
    if len(old_raw) < 1 or len(new_raw) < 1:
        return None
    if len(set(old_raw) | set(new_raw)) == 1:
        return 1.0  # every sample equal: no difference to find
    p = mannwhitneyu(old_raw, new_raw, alternative="two-sided").pvalue
    return None if math.isnan(p) else float(p)


def _noise(row):
    if fmt.missing(row.error) or row.score <= 0:
        return ""
    return f"± {100 * row.error / row.score:.0f}%"


def _change(old, new, p):
    n = f"n={len(old.raw)}+{len(new.raw)}"
    if p is None:
        return f"? (no samples, {n})"
    stats = f"(p={p:.3f} {n})"
    if p >= ALPHA:
        return f"~ {stats}"
    pct = 100 * (new.score - old.score) / old.score
    return f"{pct:+.2f}% ({fmt.relative(new.score / old.score)}) {stats}"


def compare(old_rows, new_rows, old_name="old", new_name="new"):
    """The comparison as text lines."""
    old = {(r.key, r.lane): r for r in old_rows}
    new = {(r.key, r.lane): r for r in new_rows}
    both = [(old[k], new[k]) for k in (r_key(r) for r in old_rows) if k in new]
    removed = [old[k] for k in (r_key(r) for r in old_rows) if k not in new]
    added = [new[k] for k in (r_key(r) for r in new_rows) if k not in old]

    table = [("name", f"{old_name} ns/op", f"{new_name} ns/op", "delta")]
    for o, n in both:
        table.append((o.name, f"{fmt.num(o.score)} {_noise(o)}".strip(),
                      f"{fmt.num(n.score)} {_noise(n)}".strip(), _change(o, n, significance(o.raw, n.raw))))
    ratios = [n.score / o.score for o, n in both if o.score > 0 and n.score > 0]
    if ratios:
        g_old = gmean([o.score for o, n in both if o.score > 0 and n.score > 0])
        g_new = gmean([n.score for o, n in both if o.score > 0 and n.score > 0])
        g = float(gmean(ratios))
        table.append(("geomean", fmt.num(float(g_old)), fmt.num(float(g_new)),
                      f"{100 * (g - 1):+.2f}% ({fmt.relative(g)})"))

    widths = [max(len(r[i]) for r in table) for i in range(3)]
    lines = ["  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(r)).rstrip()
             for r in table]
    lines.append("")
    lines.append(f"ns/op per op per thread, lower is better; ± is JMH's 99.9% error as a % of the score; "
                 f"~ means not significant (Mann-Whitney U, alpha={ALPHA}).")
    for label, rows in (("removed (only in old)", removed), ("added (only in new)", added)):
        if rows:
            lines.append("")
            lines.append(f"{label}:")
            lines.extend(f"  {r.name}  {fmt.num(r.score)} ns/op" for r in rows)
    return lines


def r_key(row):
    return (row.key, row.lane)
