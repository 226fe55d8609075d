"""agreement-recheck: which ops it re-measures, and how it reads the rounds."""

import os

import pytest

from conftest import DATA
from crossbench_measure import recheck
from crossbench_compare.reading.errors import CompareError


def test_it_takes_the_ops_the_run_could_not_show_to_agree():
    pairs = recheck.chosen_pairs(os.path.join(DATA, "run-new"), None)
    assert "json/bind/small/python" in [recheck.op_name(p.row) for p in pairs]
    assert all(p.verdict != "within ±10%" for p in pairs)


def test_an_op_can_be_named_and_a_wrong_name_lists_the_right_ones():
    pairs = recheck.chosen_pairs(os.path.join(DATA, "run-new"), ["json/tree/small/go"])
    assert [recheck.op_name(p.row) for p in pairs] == ["json/tree/small/go"]
    with pytest.raises(CompareError, match="json/tree/small/go"):
        recheck.chosen_pairs(os.path.join(DATA, "run-new"), ["json/tree/tiny/go"])


@pytest.mark.parametrize("ratios, verdict", [([0.95, 1.02, 1.09], "every round within ±10%"),
                                             ([1.15, 1.2, 1.12], "every round more than 10% apart"),
                                             ([0.8, 0.85, 0.7], "every round more than 10% apart"),
                                             ([1.05, 1.15, 1.0], "rounds differ: inconclusive")])
def test_rounds_give_a_verdict_only_when_they_all_say_the_same(ratios, verdict):
    assert recheck.verdict(ratios) == verdict
