"""Where a request's time goes, per endpoint a column of two panels. Above: per lane
a bar stacked from its layers (rows/requests.py), bottom first: the crossing, the
handler's work (split into its per-op rows and the rest: an estimate from other
benchmarks), the framework, the server; a layer below 0 cannot be stacked, so it
is left out of the bar (and, inside the handler, named under the chart). Below:
the layers above the handler on their own scale, each with its 95% interval, since
beside a login's bcrypt they are too thin to see. A layer within noise is hatched.
A lane that times an as-written endpoint once, as its twin, keeps its place in
that endpoint's panels, marked "= twin"."""

from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ...reading import lanes
from ...rows.requests import FRAMEWORK_LAYER, HAND_OFF, HTTP, REST, SERVER_LAYER, TOLL, UNSPLIT, equalised, timed_once
from ..requests_md import SCALE, UNIT, layer_cell, layer_name
from .common import figure, save, whiskers

# By layer kind, or a work layer's op family, in the stack's order.
COLOURS = {TOLL: "#7f7f7f", "json": "#1f77b4", "bcrypt": "#d62728", "jwt": "#2ca02c", REST: "#dbdb8d",
           UNSPLIT: "#dbdb8d", FRAMEWORK_LAYER: "#9467bd", HTTP: "#ff7f0e", HAND_OFF: "#8c564b",
           SERVER_LAYER: "#ffbb78"}
ABOVE_HANDLER = (FRAMEWORK_LAYER, HTTP, HAND_OFF, SERVER_LAYER)
NOISE_HATCH = "xxx"


def _style(layer):
    noisy = layer.within_noise
    return dict(color=COLOURS.get(layer.group, "#cccccc"), edgecolor="black", linewidth=0.4,
                hatch=NOISE_HATCH if noisy else None, alpha=0.45 if noisy else 1.0)


def _remember(legend, layer):
    """Adds the layer's kind to the legend: name -> (its place in the stack, a patch)."""
    rank = list(COLOURS).index(layer.group) if layer.group in COLOURS else len(COLOURS)
    legend.setdefault(layer_name(layer), (rank, Patch(facecolor=COLOURS.get(layer.group, "#cccccc"),
                                                      edgecolor="black", linewidth=0.4)))


def _stacked(ax, mine, shown, legend):
    """A stacked bar per lane at its place in `shown`; returns the handler's layers below 0, which it
    leaves out, in words."""
    left_out = []
    for stack in mine:
        x, bottom = shown.index(stack.lane), 0.0
        for layer in stack.layers:
            if layer.value <= 0:
                if layer.kind not in ABOVE_HANDLER:   # those are drawn below, interval and all
                    left_out.append(f"{stack.endpoint} {lanes.title(stack.lane)}: {layer_name(layer)} "
                                    f"{layer_cell(layer)}")
                continue
            ax.bar(x, layer.value / SCALE, 0.6, bottom=bottom, **_style(layer))
            _remember(legend, layer)
            bottom += layer.value / SCALE
        ax.text(x, bottom, f"{stack.top.median / SCALE:,.1f}", ha="center", va="bottom", fontsize=8)
    _lanes_axis(ax, shown)
    ax.set_ylabel(f"median {UNIT}")
    ax.margins(y=0.12)
    return left_out


def _above_handler(ax, mine, shown, legend):
    """The layers above the handler side by side per lane, each with its 95% whisker."""
    for stack in mine:
        x = shown.index(stack.lane)
        layers = [l for l in stack.layers if l.kind in ABOVE_HANDLER]
        width = 0.8 / max(len(layers), 1)
        for k, layer in enumerate(layers):
            at = x + (k - (len(layers) - 1) / 2) * width
            ax.bar(at, layer.value / SCALE, width,
                   yerr=whiskers([layer.value / SCALE], [layer.ci_low / SCALE], [layer.ci_high / SCALE]),
                   capsize=2, error_kw={"linewidth": 0.8}, **_style(layer))
            _remember(legend, layer)
    ax.axhline(0, color="black", linewidth=0.6)
    _lanes_axis(ax, shown)
    ax.set_ylabel(f"{UNIT}, 95% interval")


def _lanes_axis(ax, shown):
    ax.set_xticks(range(len(shown)), [lanes.title(lane) for lane in shown])
    ax.set_xlim(-0.5, len(shown) - 0.5)


def _same_as_twin(ax, shown, twins, endpoint):
    """"= twin" at the place of each lane that times this as-written endpoint once, as its twin."""
    for lane in twins:
        ax.text(shown.index(lane), 0.5, f"= {equalised(endpoint)}", transform=ax.get_xaxis_transform(),
                ha="center", va="center", fontsize=9, color="#555555")


def layers_chart(stacks, path):
    """Two panels per endpoint (the whole request; the layers above its handler); False without stacks."""
    if not stacks:
        return False
    endpoints = list(dict.fromkeys(s.endpoint for s in stacks))
    once = timed_once([s.top for s in stacks])
    fig, axes = figure(2, len(endpoints), squeeze=False, figsize=(3.4 * len(endpoints) + 3.2, 8.8),
                       gridspec_kw={"height_ratios": [3, 2]})
    legend, left_out = {}, []
    for j, endpoint in enumerate(endpoints):
        mine = [s for s in stacks if s.endpoint == endpoint]
        twins = once.get(endpoint, [])
        shown = lanes.ordered({s.lane for s in mine} | set(twins))
        left_out += _stacked(axes[0][j], mine, shown, legend)
        axes[0][j].set_title(endpoint + ("" if all(s.split for s in mine) else " (handler not split)"))
        _above_handler(axes[1][j], mine, shown, legend)
        axes[1][j].set_title(f"{endpoint}: framework and server layers", fontsize=9)
        for ax in (axes[0][j], axes[1][j]):
            _same_as_twin(ax, shown, twins, endpoint)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if abs(v) >= 10 or v == 0 else f"{v:,.1f}"))
            ax.grid(axis="y", alpha=0.3)
            ax.set_axisbelow(True)
    # Top layer first, as the bars read from the top down; then what the hatching means.
    names = sorted(legend, key=lambda n: -legend[n][0])
    patches = [legend[n][1] for n in names]
    names.append("hatched: within noise\n(its interval contains 0)")
    patches.append(Patch(facecolor="white", edgecolor="black", hatch=NOISE_HATCH, linewidth=0.4))
    axes[0][-1].legend(patches, names, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.suptitle("Where a request's time goes, 1 thread: server | framework | handler, each layer a difference "
                 "of medians; on top, the server tier's median.\nThe handler's split into its ops is an estimate "
                 "from the per-op benchmarks.", fontsize=10)
    footer = 0.0
    if left_out:
        text = "Below 0, so not stacked: " + "; ".join(left_out) + f" ({UNIT})."
        fig.text(0.01, 0.01, text, fontsize=7, wrap=True)
        footer = 0.05
    save(fig, path, rect=(0, footer, 1, 1))
    return True
