"""The two-run comparison: changes with intervals, wording, added/removed rows,
warnings when the runs are not comparable, golden text."""

import os

from crossbench_compare.__main__ import diff_text
from crossbench_compare.present.diff_text import aa_check, chance_bound, commit_sentence, compare, differences
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


# --- the A/A check -------------------------------------------------------------

def _old_rows(shift=None):
    """run-old's rows, with the forks of the (bench, lane, threads) in `shift` scaled by its factor."""
    import copy
    from crossbench_compare.reading.run import load_run
    from crossbench_compare.rows.make import make_rows
    run = load_run(os.path.join(DATA, "run-old"))
    results = copy.deepcopy(run.results)
    for r in results:
        factor = (shift or {}).get((r.benchmark.rsplit(".", 2)[-2] + "." + r.benchmark.rsplit(".", 1)[-1],
                                    r.params.get("lane"), r.threads))
        if factor:
            r.forks_raw = [[v * factor for v in fork] for fork in r.forks_raw]
    return make_rows(results, run.env), run.env


def _counts(lines):
    rows = next(line for line in lines if " rows (" in line)
    ratios = next(line for line in lines if " ratios to Java (" in line)
    return rows.split(" marked")[0], ratios.split(" marked")[0]


def test_an_identical_pair_marks_no_row_and_no_ratio_as_changed():
    old, env = _old_rows()
    new, _ = _old_rows()
    lines = aa_check(old, new, env, env)
    assert _counts(lines) == ("0 of 85 rows (0%)", "0 of 55 ratios to Java (0%)")
    assert "Both runs are of commit 0123456789ab, on the same machine and settings: an A/A pair" in lines[1]
    assert lines[2].endswith("Here: within what chance gives.")


def test_shifted_rows_are_counted_and_so_are_the_ratios_they_move():
    old, env = _old_rows()
    # Three lane rows 20% slower: three rows, three ratios to Java. Java's json tree 20% slower on
    # its three payloads: three rows, and the ratios of both lanes against each.
    new, _ = _old_rows({("Jwt.sign", "go", 1): 1.2, ("Jwt.sign", "python", 2): 1.2,
                        ("Bcrypt.hash", "python", 1): 1.2, ("JsonParse.tree", "java", 1): 1.2})
    lines = aa_check(old, new, env, env)
    assert _counts(lines) == ("6 of 85 rows (7%)", "9 of 55 ratios to Java (16%)")
    moved = [line for line in compare(old, new) if line.startswith(("json/tree/", "jwt/sign/", "bcrypt/hash/"))
             and "~ (" not in line]
    assert {m.split()[0] for m in moved} == {"jwt/sign/go/1t", "jwt/sign/python/2t", "bcrypt/hash/cost=10/python/1t",
                                            "json/tree/small/java/1t", "json/tree/medium/java/1t",
                                            "json/tree/large/java/1t", "json/tree/small/go/1t",
                                            "json/tree/small/python/1t", "json/tree/medium/go/1t",
                                            "json/tree/medium/python/1t", "json/tree/large/go/1t",
                                            "json/tree/large/python/1t"}


def test_more_changed_rows_than_chance_gives_says_the_intervals_are_too_narrow():
    old, env = _old_rows()
    new, _ = _old_rows({(b, lane, t): 1.2 for b in ("Jwt.sign", "Jwt.verify", "Bcrypt.hash", "Bcrypt.verify")
                        for lane in ("go", "python") for t in (1, 2)})
    lines = aa_check(old, new, env, env)
    assert lines[2].startswith("15 of 85 rows (18%) marked as changed")      # python Jwt.verify 2t is not in run-old
    assert "more than 8 of 85 (the binomial 95% upper bound for 5%)" in lines[2]
    assert lines[2].endswith("Here: more than 8, so the intervals are too narrow for a re-run.")


def test_the_bound_is_the_binomial_95_percent_quantile_of_5_percent():
    from math import comb

    def by_hand(m):
        total = 0.0
        for k in range(m + 1):
            total += comb(m, k) * 0.05 ** k * 0.95 ** (m - k)
            if total >= 0.95:
                return k
    for m in (1, 5, 20, 54, 84, 86, 200, 1000):
        assert chance_bound(m) == by_hand(m), m
    assert (chance_bound(20), chance_bound(86), chance_bound(0)) == (3, 8, 0)


def test_the_check_says_whether_the_runs_are_of_one_commit():
    def env(commit, dirty=False, cpu="A"):
        return {"cpu": cpu, "git": {"commit": commit, "dirty": dirty}}
    same, aa = commit_sentence(env("a" * 40), env("a" * 40), "r1", "r2")
    assert aa and same.startswith("Both runs are of commit aaaaaaaaaaaa, on the same machine and settings")
    other, aa = commit_sentence(env("a" * 40), env("b" * 40), "r1", "r2")
    assert not aa and "different commits (aaaaaaaaaaaa and bbbbbbbbbbbb)" in other
    dirty, aa = commit_sentence(env("a" * 40), env("a" * 40, dirty=True), "r1", "r2")
    assert not aa and "but r2 had uncommitted changes" in dirty
    machine, aa = commit_sentence(env("a" * 40), env("a" * 40, cpu="B"), "r1", "r2")
    assert not aa and "not on the same machine" in machine
    unknown, aa = commit_sentence({}, env("a" * 40), "r1", "r2")
    assert not aa and "The commit of r1 is not recorded" in unknown


def test_the_diff_ends_with_the_aa_check():
    text = diff_text(os.path.join(DATA, "run-old"), os.path.join(DATA, "run-new"))
    assert "Each lane's time over Java's for the same case, in both runs:" in text
    assert "json/tree/small/go/1t            3.00x            2.01x            -33.15% (" in text
    assert text.rstrip().splitlines()[-4].startswith("A/A check: do the intervals cover a re-run?")
