"""Settle times: how many measured iterations a benchmark needs before it is steady."""

from crossbench_compare.present.settle_text import settle_report
from crossbench_compare.reading.jmh import Result
from crossbench_compare.stats.settle import settle_index
from conftest import CATALOGUE


def test_a_steady_fork_settles_at_once():
    assert settle_index([100, 101, 99, 100, 102, 98, 100, 101, 99, 100]) == 0


def test_slow_first_iterations_count_until_they_reach_the_steady_level():
    fork = [300, 200, 150, 110, 104, 101, 99, 100, 102, 98, 100, 101, 99, 100]
    assert settle_index(fork) == 3   # the window 110, 104, 101 has the median 104: within 5% of 100


def test_noise_after_the_warm_up_does_not_count_as_warm_up():
    fork = [200, 180, 100, 101, 99, 100, 160, 150, 100, 101, 99, 100, 100, 101]
    assert settle_index(fork) == 1


def test_iterations_faster_at_first_are_not_warm_up():
    assert settle_index([90, 95, 100, 100, 100, 100, 100, 100]) == 0


def test_report_names_the_slowest_benchmark_of_each_class_in_seconds():
    slow = Result("dev.crossbench.bench.Jwt.sign", "avgt", 2, 2, {"lane": "java"}, 0, 0, "ns/op",
                  [[300, 200, 150, 110, 104, 101, 99, 100, 102, 98], [100] * 10], measurement_time="500 ms")
    quick = Result("dev.crossbench.bench.Jwt.verify", "avgt", 1, 2, {"lane": "go"}, 0, 0, "ns/op",
                   [[100] * 10, [100] * 10], measurement_time="500 ms")
    text = "\n".join(settle_report([slow, quick], CATALOGUE))
    assert "Jwt        settles within   1.5 s  (slowest: sign lane=java, 2 threads)" in text
    assert "Jwt.verify lane=go" in text
