"""What every chart shares: matplotlib set up for files, grouped bars with their
95% whiskers, a value axis that goes logarithmic only when the bars span more
than LOG_WHEN, rows of points on a log ratio axis, and the last step of every
chart. Whiskers are drawn as they are, never clipped (on a log axis an interval
cannot reach zero)."""

import math

import matplotlib
matplotlib.use("Agg")  # files only; never needs a display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

LOG_WHEN = 20  # log scale when the largest bar is over 20x the smallest
HATCH = "//"   # bars of a library other than a lane's usual one: the lane's colour, hatched


def whiskers(values, lows, highs):
    """matplotlib's asymmetric error array from values and interval ends (NaN: no whisker)."""
    values, lows, highs = (np.asarray(v, dtype=float) for v in (values, lows, highs))
    # Rounding can leave a figure a hair outside an interval of no width (one fork, or a
    # geometric mean of such): no whisker there, where matplotlib refuses a negative one.
    return np.maximum(np.vstack([values - lows, highs - values]), 0)


def log_ticks(ax, axis="y"):
    """Plain numbers on a log axis, not 10^x, so readers can read values off it."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
    target.set_minor_formatter(NullFormatter())


def grouped_bars(ax, groups, series, cell):
    """Bars by group along x, one per series present in the group, centred on the group's tick.
    groups: [(key, x label)]; series: [(key, legend label, colour, hatched)];
    cell(group key, series key) -> (value, low, high) (low, high NaN: no whisker) or None.
    Returns every value and interval end drawn, for the value axis."""
    present = {g: [s for s, *_ in series if cell(g, s) is not None] for g, _ in groups}
    width = 0.8 / max([len(p) for p in present.values()] + [1])
    x = np.arange(len(groups))
    drawn = []
    for s, label, colour, hatched in series:
        xs, ys, lows, highs = [], [], [], []
        for j, (g, _) in enumerate(groups):
            if s in present[g]:
                value, low, high = cell(g, s)
                k, n = present[g].index(s), len(present[g])
                xs.append(x[j] + (k - (n - 1) / 2) * width)
                ys.append(value)
                lows.append(low)
                highs.append(high)
        if not xs:
            continue
        spread = whiskers(ys, lows, highs) if not all(math.isnan(h) for h in highs) else None
        ax.bar(xs, ys, width, yerr=spread, capsize=3, label=label, color=colour, hatch=HATCH if hatched else None,
               edgecolor="black", linewidth=0.4)
        drawn += ys + [h for h in highs if not math.isnan(h)]
    ax.set_xticks(x, [label for _, label in groups])
    return drawn


def value_axis(ax, values, what, better="lower"):
    """The y axis of bars: log when they span more than LOG_WHEN, else plain numbers (no "1e7" offset)."""
    positive = [v for v in values if v > 0]
    log = bool(positive) and max(positive) / min(positive) > LOG_WHEN
    if log:
        ax.set_yscale("log")
        log_ticks(ax)
    else:
        small = bool(positive) and max(positive) < 10
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.1f}" if small else f"{v:,.0f}"))
    ax.set_ylabel(f"{what}" + (" (log scale)" if log else "") + f", {better} is better")
    ax.grid(axis="y", which="major", alpha=0.3)
    ax.set_axisbelow(True)


def point_rows(ax, items, title, xlabel):
    """items: [(label, [(series, Ratio, colour, marker)])]; one row per label, log x axis."""
    y = np.arange(len(items))
    seen = set()
    for j, (_, points) in enumerate(items):
        offsets = np.linspace(-0.2, 0.2, len(points)) if len(points) > 1 else [0.0]
        for (series, ratio, colour, marker), dy in zip(points, offsets):
            ax.errorbar([ratio.value], [y[j] + dy],
                        xerr=whiskers([ratio.value], [ratio.ci_low], [ratio.ci_high]),
                        fmt=marker, color=colour, ecolor="black", elinewidth=1, capsize=3, markersize=6,
                        markeredgecolor="black", markeredgewidth=0.4,
                        label=series if series not in seen else None)
            seen.add(series)
    ax.axvline(1, color="black", linewidth=1)
    ax.set_xscale("log")
    log_ticks(ax, "x")
    ax.set_yticks(y, [label for label, _ in items])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", which="major", alpha=0.3)
    ax.set_axisbelow(True)


def legend_right(ax, axes=()):
    """The legend right of ax, of what ax and the other axes of its figure draw (each label once)."""
    entries = {}
    for each in list(axes) or [ax]:
        for handle, label in zip(*each.get_legend_handles_labels()):
            entries.setdefault(label, handle)
    ax.legend(list(entries.values()), list(entries), fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))


def figure(*args, **kwargs):
    return plt.subplots(*args, **kwargs)


def save(fig, path, rect=None):
    """Every chart's last step: fit the layout (into rect: left, bottom, right, top as shares of
    the figure, leaving the rest to a figure legend), write the PNG, free the figure."""
    fig.tight_layout(rect=rect)
    fig.savefig(path, dpi=100)
    plt.close(fig)
