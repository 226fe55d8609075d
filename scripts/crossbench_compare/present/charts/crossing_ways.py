"""The crossing by way in: per native lane, its calls with no work on 1 thread
(noop, the echoes) with one bar per way in the run took (JNI, FFM, JNA, in the
lane's colour and its lighter shades) beside the C floor (the same call from a
C program with no JVM, grey), whiskers the 95% intervals. The large echoes go on
a panel of their own, in µs: copying the bytes dwarfs the call there, and on one
axis with the noop either would hide the other."""

from ...reading import crossings, lanes
from ...rows.agreement import crossing_calls
from .. import fmt
from .common import figure, grouped_bars, legend_right, save, value_axis

LARGE_BYTES = 16 * 1024   # echoes from this size on: the large panel
FLOOR, FLOOR_COLOUR = "floor", "#d0d0d0"


def _large(call):
    return call.payload.isdigit() and int(call.payload) >= LARGE_BYTES


def crossing_ways_chart(rows, native, path):
    """The chart; False (none) unless some call has two bars to compare (two ways in, or one and its floor)."""
    calls = crossing_calls(rows, native)
    if not any(len(call.rows) + (call.floor is not None) > 1 for call in calls):
        return False
    bases = list(dict.fromkeys(call.lane for call in calls))
    panels = [("ns/op", 1.0, False)] + ([("µs/op", 1e3, True)] if any(_large(c) for c in calls) else [])
    widths = [max(1, max(sum(_large(c) == large for c in calls if c.lane == b) for b in bases))
              for _, _, large in panels]
    fig, axes = figure(len(bases), len(panels), squeeze=False, gridspec_kw={"width_ratios": widths},
                       figsize=(1.6 * sum(widths) + 4.5, 3.6 * len(bases)))
    for lane, row_axes in zip(bases, axes):
        mine = [c for c in calls if c.lane == lane]
        ways = lanes.ordered_ways({w for c in mine for w in c.rows})
        series = [(FLOOR, "C floor (no JVM)", FLOOR_COLOUR, False)] * any(c.floor for c in mine) + [
            (w, f"{lanes.title(lane)} ({lanes.way_title(w)})", lanes.colour(crossings.lane_of(lane, w)), False) for w in ways]
        for ax, (unit, scale, large) in zip(row_axes, panels):
            shown = [c for c in mine if _large(c) == large]
            if not shown:
                ax.set_axis_off()
                continue
            groups = [(i, fmt.call_label(next(iter(c.rows.values())))) for i, c in enumerate(shown)]
            drawn = grouped_bars(ax, groups, series, _cell(shown, scale))
            value_axis(ax, drawn, f"median {unit}")
            ax.set_title(f"{lanes.title(lane)}: " + ("large echoes" if large else "calls") + f", {unit}")
        legend_right(row_axes[-1], row_axes)
    fig.suptitle("The crossing on 1 thread by way in, against the C floor (whiskers: 95% interval)")
    save(fig, path)
    return True


def _cell(calls, scale):
    def cell(index, series):
        call = calls[index]
        if series == FLOOR:
            n = call.floor
            return (n.median / scale, n.ci_low / scale, n.ci_high / scale) if n else None
        r = call.rows.get(series)
        return (r.median / scale, r.ci[0] / scale, r.ci[1] / scale) if r else None
    return cell
