"""Bytes allocated per op (memory.csv's Entries), two questions, two panels: for
ops on JSON documents, the bytes allocated per byte of the document (so a 253-byte
body and a 256 KB one read alike); for the other ops, bytes per op. By lane and
library (hatched: not the lane's usual one). Point counts: no whiskers."""

import math

from ...reading import lanes
from ...rows import memory
from .common import figure, grouped_bars, legend_right, save, value_axis


def _panel(ax, items, roles, value, what, title):
    by = memory.groups(items)
    groups = [(group, "\n".join(x for x in group if x)) for group in by]  # op, variant, case: a line each
    series = [(col, f"{lanes.title(col[0])} {col[1]}", lanes.colour(col[0]), col[1] != roles[0])
              for col in memory.columns(items, roles)]

    def cell(group, col):
        e = by[group].get(col)
        return (value(e), math.nan, math.nan) if e is not None else None

    value_axis(ax, grouped_bars(ax, groups, series, cell), what)
    ax.set_title(title)


def memory_chart(items, path, roles):
    items = [e for e in items if e.bytes_per_op and e.bytes_per_op > 0]
    documents = [e for e in items if e.payload_bytes]
    others = [e for e in items if not e.payload_bytes]
    panels = [p for p in (
        (documents, lambda e: e.bytes_per_op / e.payload_bytes, "bytes per document byte",
         "JSON: bytes allocated per byte of the document"),
        (others, lambda e: e.bytes_per_op, "bytes per op", "Other ops: bytes allocated per op")) if p[0]]
    if not panels or len(items) < 2:
        return False
    widths = [len(memory.groups(p[0])) for p in panels]
    fig, axes = figure(1, len(panels), squeeze=False, figsize=(0.9 * sum(widths) + 4.5, 4.6),
                       gridspec_kw={"width_ratios": widths})
    for ax, (panel_items, value, what, title) in zip(axes[0], panels):
        _panel(ax, panel_items, roles, value, what, title)
    fig.suptitle("Memory: bytes the runtime allocated per op (one counted pass; not resident memory)")
    legend_right(axes[0][-1], axes[0])
    save(fig, path)
    return True
