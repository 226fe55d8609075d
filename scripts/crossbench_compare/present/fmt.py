"""Number and ratio wording shared by the report, the claims and the diff.
Ratios are always phrased ("3.1x faster"), never left as bare decimals, and
carry their 95% interval; a ratio whose interval contains 1 is "same within
noise", never "1.02x slower"."""

import math

from ..rows.requests import OP as REQUEST

SAME = "same within noise"
# Ops shown in another unit than ns/op: (label, ns per unit). A request spans 5 µs (GET /json)
# to 200 ms (a login at bcrypt cost 12): µs reads both.
DISPLAY_UNITS = {"bcrypt": ("ms/op", 1e6), REQUEST: ("µs/request", 1e3)}


def units_text(ops):
    """'ns/op (bcrypt in ms/op, request in µs/request)': the units of a report's times. bcrypt's
    is always said, as every report has said it; another op's where `ops` has it."""
    shown = [op for op in DISPLAY_UNITS if op == "bcrypt" or op in ops]
    return "ns/op (" + ", ".join(f"{op} in {DISPLAY_UNITS[op][0]}" for op in shown) + ")"


def display_unit(op):
    """(label, ns per unit) in which the report and charts show an op's times."""
    return DISPLAY_UNITS.get(op, ("ns/op", 1.0))


def threads(n):
    """'1 thread', '2 threads'."""
    return f"{n} thread" + ("s" if n != 1 else "")


def missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def num(value):
    """A time or rate with sensible precision and thousands separators."""
    if missing(value):
        return "n/a"
    a = abs(value)
    if a >= 100:
        return f"{value:,.0f}"
    if a >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def score(value, error):
    """JMH's score ± its 99.9% error."""
    if missing(error):
        return num(value)
    return f"{num(value)} ± {num(error)}"


def interval(low, high):
    return "n/a" if missing(low) or missing(high) else f"{num(low)}–{num(high)}"


def median_ci(row, scale=1.0):
    """'4,298 (4,250–4,340)': the median and its 95% interval, optionally rescaled (ns -> ms)."""
    low, high = row.ci
    if missing(low):
        return num(row.median / scale)
    return f"{num(row.median / scale)} ({interval(low / scale, high / scale)})"


def call_label(row):
    """A crossing row's call: its variant, and an echo's size ('echo 1,024 B')."""
    return f"{row.variant} {int(row.payload):,} B" if row.spec.toll and row.payload.isdigit() else row.variant


def half_width(row):
    """The interval's larger side as '±1.2%'."""
    if row.estimate is None or missing(row.estimate.half_width):
        return ""
    return f"±{100 * row.estimate.half_width:.1f}%"


def factor(r):
    """1.234 -> '1.23x'; 23.45 -> '23.5x'; 234.5 -> '234x': enough digits to show an interval."""
    if r >= 100:
        return f"{r:.0f}x"
    return f"{r:.2f}x" if r < 10 else f"{r:.1f}x"


def _factor_range(low, high):
    return f"{factor(low)[:-1]}–{factor(high)}"


def _valid(ratio):
    return ratio is not None and not missing(ratio.value) and ratio.value > 0


def _direction(ratio):
    """('3.1x', 'slower', '(3.0–3.2x)') for a time ratio whose interval excludes 1."""
    if ratio.value > 1:
        return factor(ratio.value), "slower", f"({_factor_range(ratio.ci_low, ratio.ci_high)})"
    return factor(1 / ratio.value), "faster", f"({_factor_range(1 / ratio.ci_high, 1 / ratio.ci_low)})"


def direction(ratio):
    """'1.12x slower' or '1.4x faster': the point estimate alone, for a ratio known to differ from 1."""
    return " ".join(_direction(ratio)[:2])


def relative(ratio):
    """A time Ratio (subject / reference) in words: '3.1x slower (3.0–3.2x)', '1.4x faster
    (1.3–1.5x)', or 'same within noise (0.98–1.03x)' when the interval contains 1."""
    if not _valid(ratio):
        return ""
    if ratio.within_noise:
        return f"{SAME} ({_factor_range(ratio.ci_low, ratio.ci_high)})"
    return " ".join(_direction(ratio))


def compare_sentence(subject, reference, ratio):
    """'Go is 3.1x faster than Python (2.9–3.3x)' from ratio = subject's time / reference's time."""
    if not _valid(ratio):
        return f"{subject} vs {reference}: not measured"
    if ratio.within_noise:
        return (f"{subject} and {reference} are the same within noise "
                f"({subject} / {reference}: {_factor_range(ratio.ci_low, ratio.ci_high)})")
    amount, direction, interval_text = _direction(ratio)
    return f"{subject} is {amount} {direction} than {reference} {interval_text}"
