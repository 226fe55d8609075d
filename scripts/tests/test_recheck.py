"""agreement-recheck: which ops it re-measures, and how it reads the rounds."""

import dataclasses
import os
import subprocess
import sys

import pytest

from conftest import DATA
from crossbench_measure import recheck
from crossbench_compare.reading.errors import CompareError
from crossbench_measure.process import HarnessError


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


def test_each_op_is_timed_by_its_lanes_own_harness_and_an_unknown_one_is_named(tmp_path):
    pairs = recheck.chosen_pairs(os.path.join(DATA, "run-new"), ["json/tree/small/go", "json/bind/small/python"])
    assert [p.native.harness for p in pairs] == ["go-test", "pyperf"]   # from results/format-1.json's lanes
    odd = [dataclasses.replace(pairs[0], native=dataclasses.replace(pairs[0].native, harness="cargo-bench"))]
    with pytest.raises(HarnessError, match="lane go names harness 'cargo-bench', which agreement-recheck does not run"):
        recheck.own_harnesses(str(tmp_path), str(tmp_path), odd)


def test_an_error_naming_a_path_prints_as_one_escaped_line(tmp_path):
    run_dir = os.fsencode(tmp_path) + b"/run\x1b[2J\xfe"
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    p = subprocess.run([sys.executable, "-m", "crossbench_measure.recheck", os.fsdecode(run_dir)],
                       capture_output=True, env=env)
    assert p.returncode == 1 and p.stderr.count(b"\n") == 1
    assert b"run\\x1b[2J\\xfe" in p.stderr and b"no such run directory" in p.stderr
