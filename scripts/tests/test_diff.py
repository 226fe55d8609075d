"""The two-run comparison: significance, wording, added/removed rows, golden text."""

import os

from crossbench_compare.__main__ import diff_text
from crossbench_compare.diff import compare, significance
from conftest import DATA, check_golden, row


def test_overlapping_samples_are_not_significant():
    old = [100, 102, 98, 101, 99]
    new = [101, 99, 100, 103, 98]
    assert significance(old, new) > 0.05
    lines = compare([row("Jwt.sign", "go", 100, raw=old)], [row("Jwt.sign", "go", 100.2, raw=new)])
    assert "~ (p=" in lines[1] and "n=5+5" in lines[1]


def test_clearly_different_samples_get_a_verdict():
    old = [100, 101, 102, 103, 104]
    new = [50, 51, 52, 53, 54]
    p = significance(old, new)
    assert p < 0.05
    lines = compare([row("Jwt.sign", "go", 102, raw=old)], [row("Jwt.sign", "go", 52, raw=new)])
    assert "-49.02% (2.0x faster) (p=0.008 n=5+5)" in lines[1]
    lines = compare([row("Jwt.sign", "go", 52, raw=new)], [row("Jwt.sign", "go", 102, raw=old)])
    assert "+96.15% (2.0x slower)" in lines[1]


def test_too_few_samples_are_never_significant():
    # 2+2 samples cannot reach p < 0.05 with Mann-Whitney U, however far apart.
    assert significance([1, 2], [100, 200]) >= 0.05
    assert significance([5, 5, 5], [5, 5, 5]) == 1.0


def test_geomean_and_added_removed():
    old = [row("Jwt.sign", "go", 100, raw=[100] * 5), row("Jwt.verify", "go", 100, raw=[100] * 5)]
    new = [row("Jwt.sign", "go", 50, raw=[50] * 5), row("Bcrypt.hash", "go", 9, params="cost=10")]
    text = "\n".join(compare(old, new))
    assert "geomean" in text and "(2.0x faster)" in text
    assert "removed (only in old):\n  jwt/verify/go/1t" in text
    assert "added (only in new):\n  bcrypt/hash/cost=10/go/1t" in text


def test_diff_golden():
    text = diff_text(os.path.join(DATA, "run-old"), os.path.join(DATA, "run-new"))
    assert "json/tree/small/go/1t" in text and "(1.5x faster) (p=0.008 n=5+5)" in text
    check_golden("compare-old-new.txt", text)
