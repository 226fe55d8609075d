"""The ratios: each lane's time over Java's, and Python's over Go's, on 1 thread, every
case a row on one log axis (a ratio reads the same whatever the op's size)."""

from ...reading import lanes
from ...rows.make import lane_ratio
from .common import figure, legend_right, point_rows, save
from .per_op import case_label


def ratio_chart(rows, path):
    """Each lane's time over Java's, and Python's over Go's, on 1 thread, log axis."""
    one = [r for r in rows if r.threads == 1 and r.estimate and r.spec.work]
    by = {(r.key, r.lane): r for r in one}
    cases = []
    for r in one:
        if (r.key, lanes.BASELINE) in by and r.key not in [c[0] for c in cases]:
            cases.append((r.key, f"{r.op} {case_label(r).replace(chr(10), ' ')}"))
    if not cases:
        return False
    items = []
    for key, label in cases:
        points = []
        java = by[(key, lanes.BASELINE)]
        for lane in lanes.ordered({l for k, l in by if k == key} - {lanes.BASELINE}):
            points.append((f"{lanes.title(lane)} / {lanes.title(lanes.BASELINE)}",
                           lane_ratio(by[(key, lane)], java), lanes.colour(lane), "o"))
        subject, reference = lanes.HEADLINE
        if (key, subject) in by and (key, reference) in by:
            points.append((f"{lanes.title(subject)} / {lanes.title(reference)}",
                           lane_ratio(by[(key, subject)], by[(key, reference)]), "#7b2cbf", "D"))
        items.append((label, points))
    fig, ax = figure(figsize=(9.5, 0.6 * len(items) + 1.8))
    point_rows(ax, items, "Time ratios on 1 thread (whiskers: 95% interval)",
               "time ratio (log scale): right of 1 = slower than the reference")
    legend_right(ax)
    save(fig, path)
    return True
