"""The two-run comparison: changes with intervals, wording, added/removed rows,
warnings when the runs are not comparable, golden text."""

import os

from crossbench_compare.__main__ import diff_text
from crossbench_compare.present.diff_text import compare, differences
from conftest import DATA, check_golden, finish, row


def jwt(score, forks, bench="Jwt.sign"):
    return finish([row(bench, "go", score, forks=forks)])


def test_overlapping_samples_are_not_significant():
    old = [[100, 102, 98, 101, 99]] * 3
    new = [[101, 99, 100, 103, 98]] * 3
    lines = compare(jwt(100, old), jwt(100.2, new))
    assert "~ (" in lines[1] and "n=15+15" in lines[1]


def test_clearly_different_samples_get_a_change_with_its_interval():
    old = [[100, 101, 102, 103, 104]] * 3
    new = [[50, 51, 52, 53, 54]] * 3
    lines = compare(jwt(102, old), jwt(52, new))
    assert "-49.02% (1.96x faster; -49.02% to -49.02%, n=15+15)" in lines[1]   # forks that agree exactly: no width
    lines = compare(jwt(52, new), jwt(102, old))
    assert "+96.15% (1.96x slower;" in lines[1]


def test_a_fork_that_moved_makes_a_change_not_significant():
    # Two forks agree on a 5% improvement, the third does not: over forks, that is not clear.
    old = [[100.0] * 10] * 3
    new = [[95.0] * 10, [95.0] * 10, [101.0] * 10]
    assert "~ (" in compare(jwt(100, old), jwt(97, new))[1]


def test_geomean_and_added_removed():
    old = finish([row("Jwt.sign", "go", 100), row("Jwt.verify", "go", 100)])
    new = finish([row("Jwt.sign", "go", 50), row("Bcrypt.hash", "go", 9, params="cost=10")])
    text = "\n".join(compare(old, new))
    assert "geomean" in text and "-50.00% (2.00x faster (2.00–2.00x))" in text
    assert "removed (only in old):\n  jwt/verify/go/1t" in text
    assert "added (only in new):\n  bcrypt/hash/cost=10/go/1t" in text


def test_runs_from_different_machines_versions_or_modes_are_named():
    env = {"cpu": "A", "cores": 2, "jdk": {"version": "17.0.1"}, "jmh": {"quick": False},
           "lanes": {"go": {"runtime": "go1.26.0", "libraries": {"x": "1"}}}}
    other = {"cpu": "B", "cores": 2, "jdk": {"version": "17.0.2"}, "jmh": {"quick": True},
             "lanes": {"go": {"runtime": "go1.26.1", "libraries": {"x": "2"}}}}
    found = differences(env, other)
    assert "not the same CPU: 'A' vs 'B'" in found
    assert "not the same JDK: '17.0.1' vs '17.0.2'" in found
    assert "not the same quick mode: False vs True" in found
    assert "not the same Go runtime: 'go1.26.0' vs 'go1.26.1'" in found
    assert "not the same Go library x: '1' vs '2'" in found
    assert differences({"memory_bytes": 25274793984}, {"memory_bytes": 25276063744}) == []
    assert differences(env, dict(env)) == []
    assert differences(env, {}) == ["the new run has no env.json: cannot tell whether the runs are comparable"]


def test_diff_golden():
    text = diff_text(os.path.join(DATA, "run-old"), os.path.join(DATA, "run-new"))
    assert "json/tree/small/go/1t" in text and "(1.50x faster;" in text
    assert not text.startswith("warning")   # the fixture runs differ only in their dates
    check_golden("compare-old-new.txt", text)


def test_a_run_before_the_library_param_meets_the_newer_runs_usual_rows():
    text = diff_text(os.path.join(DATA, "run-old"), os.path.join(DATA, "run-lib"))
    table, _, rest = text.partition("removed (only in old)")
    assert "json/tree/small/go/1t " in table                       # matched: usual = no param
    added = text.split("added (only in new):")[1]
    assert "json/tree/small/fast/go/1t" in added and "json/write/small/usual/go/1t" in added
    assert "json/tree/small/usual/go/1t" not in added
