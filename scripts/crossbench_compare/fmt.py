"""Number and ratio wording shared by the report, the claims and the diff.
Ratios are always phrased ("3.1x faster"), never left as bare decimals."""

import math

LANE_NAMES = {"java": "Java", "go": "Go", "python": "Python", "jni": "bare JNI"}


def lane_name(lane):
    return LANE_NAMES.get(lane, lane)


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
    if missing(error):
        return num(value)
    return f"{num(value)} ± {num(error)}"


def factor(r):
    """1.234 -> '1.2x'; 23.4 -> '23x'."""
    if r >= 100:
        return f"{r:.0f}x"
    return f"{r:.2f}x" if r < 1.1 else f"{r:.1f}x"  # keep small changes visible


def relative(r):
    """A time ratio (subject / reference) as words: '3.1x slower', '1.4x faster'."""
    if missing(r) or r <= 0:
        return ""
    if round(r, 2) == 1.0:
        return "same"
    return f"{factor(r)} slower" if r > 1 else f"{factor(1 / r)} faster"


def compare_sentence(subject, reference, r):
    """'Go is 3.1x faster than Python' from r = subject's time / reference's time."""
    if missing(r) or r <= 0:
        return f"{subject} vs {reference}: not measured"
    if round(r, 2) == 1.0:
        return f"{subject} and {reference} are equally fast"
    if r > 1:
        return f"{subject} is {factor(r)} slower than {reference}"
    return f"{subject} is {factor(1 / r)} faster than {reference}"
