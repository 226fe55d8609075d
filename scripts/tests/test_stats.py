"""The statistics on synthetic raw data whose answer is known: intervals, drift,
ratios in words, and verdicts that their intervals cannot carry."""

import numpy as np
import pytest

from crossbench_compare.present import fmt
from crossbench_compare.rows import claims
from crossbench_compare.rows.stability import assess
from crossbench_compare.stats import bootstrap, spread
from conftest import finish, row, steady


def noisy(centre, forks=3, iterations=10, spread=0.01, seed=7, shifts=None):
    """Raw data around `centre` (uniform ±spread), each fork optionally shifted by a factor."""
    rng = np.random.default_rng(seed)
    shifts = shifts or [1.0] * forks
    return [list(centre * shift * (1 + rng.uniform(-spread, spread, iterations))) for shift in shifts]


def test_constant_data_gives_an_interval_of_zero_width():
    est = bootstrap.estimate(steady(1234.0), "constant")
    assert (est.median, est.ci_low, est.ci_high) == (1234.0, 1234.0, 1234.0)
    assert est.half_width == 0 and est.n == 30 and est.forks == 3


def test_a_fork_that_differs_from_the_others_widens_the_interval():
    alike = bootstrap.estimate(noisy(1000.0), "forks")
    odd = bootstrap.estimate(noisy(1000.0, shifts=[1.0, 1.0, 1.2]), "forks")
    assert alike.half_width < 0.02
    assert odd.half_width > 0.10                      # the interval reaches towards the odd fork
    assert odd.ci_high > 1150 and odd.ci_low < 1010
    # pooling the iterations into one fork hides it all: one fork gives no interval
    pooled = bootstrap.estimate([sum(noisy(1000.0, shifts=[1.0, 1.0, 1.2]), [])], "pooled")
    assert pooled.ci_low == pooled.ci_high and np.isnan(pooled.half_width)


def test_the_interval_covers_the_median_and_is_reproducible():
    data = noisy(500.0, spread=0.05)
    a, b = bootstrap.estimate(data, "same name"), bootstrap.estimate(data, "same name")
    assert a.ci_low <= a.median <= a.ci_high
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)   # seeded per benchmark: reports are stable


def test_forks_of_different_lengths_each_keep_their_own_size():
    est = bootstrap.estimate([[10.0] * 10, [20.0] * 2], "ragged")
    assert est.n == 12 and est.forks == 2
    assert est.median == pytest.approx(np.sqrt(200))    # the median of the two fork medians, on logs
    assert est.ci_low < 10.0 and est.ci_high > 20.0     # two forks this far apart pin down little


def test_a_drifting_warm_up_is_flagged_and_a_steady_one_is_not():
    drifting = noisy(1000.0)
    for fork in drifting:
        fork[0] *= 1.4
        fork[1] *= 1.2
    st = spread.stability(drifting)
    assert st.drifting and st.drift > 0.15
    assert not spread.stability(noisy(1000.0)).drifting
    r = row("Jwt.sign", "java", 1000, forks=drifting)
    finish([r])
    assert any("warm-up drift" in reason for reason in r.unstable)


def test_fork_spread_and_cv():
    st = spread.stability([[100.0] * 10, [100.0] * 10, [110.0] * 10])
    assert st.fork_spread == pytest.approx(0.10)
    values = np.array([100.0] * 20 + [110.0] * 10)
    assert st.cv == pytest.approx(values.std(ddof=1) / values.mean())


def test_a_ratio_whose_interval_contains_1_reads_same_within_noise():
    go = bootstrap.estimate(noisy(1000.0, seed=1, spread=0.03), "go")
    python = bootstrap.estimate(noisy(1010.0, seed=2, spread=0.03), "python")
    ratio = bootstrap.row_ratio(python, go)
    assert ratio.ci_low < 1 < ratio.ci_high and ratio.within_noise
    assert fmt.relative(ratio).startswith("same within noise (")
    assert "slower" not in fmt.relative(ratio) and "faster" not in fmt.relative(ratio)
    assert "the same within noise" in fmt.compare_sentence("Python", "Go", ratio)


def test_a_clear_ratio_reads_with_its_interval():
    go = bootstrap.estimate(noisy(1000.0, seed=1), "go")
    python = bootstrap.estimate(noisy(3000.0, seed=2), "python")
    text = fmt.compare_sentence("Python", "Go", bootstrap.row_ratio(python, go))
    assert text.startswith("Python is 3.0") and "x slower than Go (" in text
    faster = fmt.relative(bootstrap.row_ratio(go, python))
    assert faster.startswith("3.0") and "x faster (" in faster


def ratio(low, value, high):
    return bootstrap.Ratio(value, low, high, np.array([low, value, high]))


def test_a_claim_whose_interval_straddles_its_threshold_is_inconclusive():
    assert claims.verdict([ratio(9.5, 10.2, 10.9)], 10) == claims.INCONCLUSIVE
    assert claims.verdict([ratio(12, 13, 14), ratio(9.5, 10.2, 10.9)], 10) == claims.INCONCLUSIVE
    assert claims.verdict([ratio(10.1, 11, 12)], 10) == claims.HOLDS
    assert claims.verdict([ratio(2, 3, 4)], 10) == claims.NOT_HOLD
    assert claims.verdict([ratio(12, 13, 14), ratio(2, 3, 4)], 10) == claims.PARTLY
    assert claims.verdict([], 10) == claims.NOT_MEASURABLE


def test_gross_and_net_verdicts_must_agree():
    agree = claims.Evidence("x", ratio(11, 12, 13), ratio(11.5, 12.5, 13.5))
    split = claims.Evidence("x", ratio(10.2, 10.5, 10.8), ratio(9.2, 9.6, 9.9))
    assert claims.combined_verdict([agree], 10)[0] == claims.HOLDS
    assert claims.combined_verdict([split], 10) == (claims.INCONCLUSIVE, claims.HOLDS, claims.NOT_HOLD)


def test_a_speedup_wholly_above_two_on_two_cores_marks_both_rows_unstable():
    one = row("JsonParse.tree", "java", 1000, op="json", params="payload=small", payload="small",
              forks=noisy(1000.0, seed=3))
    two = row("JsonParse.tree", "java", 800, threads=2, op="json", params="payload=small", payload="small",
              forks=noisy(800.0, seed=4))
    finish([one, two], cores=2)
    assert any(reason.startswith("impossible speedup 2.5") for reason in one.unstable), one.unstable
    assert one.unstable == two.unstable
    fine = row("JsonParse.tree", "go", 1000, op="json", params="payload=small", payload="small",
               forks=noisy(1000.0, seed=5))
    fine2 = row("JsonParse.tree", "go", 1010, threads=2, op="json", params="payload=small", payload="small",
                forks=noisy(1010.0, seed=6))
    finish([fine, fine2], cores=2)
    assert fine.unstable == [] and fine2.unstable == []


def test_a_busy_machine_marks_the_row():
    r = row("Jwt.sign", "go", 1000, forks=noisy(1000.0))
    r.other_load = 0.5
    finish([r])
    assert r.unstable == ["machine busy: other processes used 0.50 cores"]
    r.other_load = 0.05
    assess([r], 2)
    assert r.unstable == []


def test_geometric_mean_of_ratios_carries_an_interval():
    g = bootstrap.geometric_mean([ratio(1.9, 2.0, 2.1), ratio(7.6, 8.0, 8.4)])
    assert g.value == pytest.approx(4.0)
    assert g.ci_low < 4.0 < g.ci_high


def test_the_suites_stopping_rule_reads_the_same_interval():
    """jmh's Settling.halfWidth pins the same figure (RoundsTest): the suite stops repeating a row
    exactly when the report would show it within ±3%."""
    assert bootstrap.half_width([1000.0, 1050.0, 1000.0]) == pytest.approx(0.0917, abs=0.0005)
