"""The claims: every measured ratio a claim rests on (or shows beside its verdict),
once, labelled with the claims it serves (claims 1 and 2 share the JSON rows, and
claim 4 the parse of a small body where it is judged on requests), beside each claim's
factor (a band for a range, a line for a single factor); each claim's verdict
in the legend."""

import math

from ...rows.claims import CLAIMED
from ..claim_texts import TITLES
from .common import figure, point_rows, save

MEASURED, NET = "#7b2cbf", "#bbbbbb"


def shared_rows(claims):
    """[(evidence, [claim numbers])]: each distinct measured ratio once, in the claims' order,
    with every claim that rests on it (the same `what` in two claims is the same rows)."""
    rows = {}
    for c in claims:
        for e in c.evidence + ([c.overall] if c.overall else []) + c.context:
            rows.setdefault(e.what, (e, []))[1].append(c.number)
    return list(rows.values())


def _label(evidence, numbers):
    return f"{evidence.what}  ({'claims' if len(numbers) > 1 else 'claim'} {', '.join(map(str, numbers))})"


def _factor(number):
    low, high = CLAIMED[number]
    return f"{low:g}-{high:g}x" if high else f"{low:g}x"


def claims_chart(claims, path):
    shared = shared_rows(claims)
    if not shared:
        return False
    items = [(_label(e, numbers), [("measured: Python / Go time", e.gross, MEASURED, "o")]
              + ([("net of crossing", e.net, NET, "s")] if e.net else [])) for e, numbers in shared]
    below = 1.2  # inches under the plot for the legend: the markers, the factors and every claim's verdict
    height = 0.4 * len(items) + 2.0 + below
    fig, ax = figure(figsize=(11, height))
    point_rows(ax, items, "Claims: each claimed factor (band or line) beside the measured ratios",
               "Python's time / Go's time (log scale)\n"
               "claim 4: Go's throughput / Python's; claim 5: Python's bytes per op / Go's")
    labelled = set()
    for y, (_, numbers) in enumerate(shared):
        # The factor of each claim the row serves, over the row's height.
        for low, high in dict.fromkeys(CLAIMED[n] for n in numbers):
            label = "claimed range" if high else "claimed factor"
            if high:
                ax.fill_betweenx((y - 0.5, y + 0.5), low, high, color="red", alpha=0.15, linewidth=0,
                                 label=label if label not in labelled else None)
            else:
                ax.plot([low, low], (y - 0.45, y + 0.45), color="red", linewidth=2,
                        label=label if label not in labelled else None)
            labelled.add(label)
        if y and numbers != shared[y - 1][1]:
            ax.axhline(y - 0.5, color="grey", linewidth=0.5)
    for c in claims:  # each claim's verdict, in the legend
        ax.plot([], [], " ", label=f"{c.number}. {TITLES[c.number]} ({_factor(c.number)}): {c.verdict}")
    handles, labels = ax.get_legend_handles_labels()
    # The markers, then the claimed factors, then the verdicts, claim by claim.
    entries = sorted(zip(handles, labels), key=lambda e: (e[1][0].isdigit(), e[1].startswith("claimed")))
    fig.legend(*zip(*entries), loc="lower center", ncol=2, fontsize="small")
    ax.set_ylim(len(items) - 0.5, -0.5)
    # Room for every point, whisker and claimed factor.
    ends = [v for _, points in items for _, r, _, _ in points for v in (r.value, r.ci_low, r.ci_high) if not math.isnan(v)]
    ends += [v for c in claims for v in CLAIMED[c.number] if v]
    ax.set_xlim(min(ends) / 1.3, max(ends) * 1.3)
    save(fig, path, rect=(0, below / height, 1, 1))
    return True
