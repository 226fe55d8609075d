"""forks.csv, the rounds each fork ran in, read back as the suite writes it."""

import pytest

from crossbench_compare.reading.errors import CompareError
from crossbench_compare.reading.forks_csv import COLUMNS, read_forks
from crossbench_compare.reading.machine_load import load_key

HEADER = ",".join(COLUMNS)


def write(tmp_path, *lines):
    (tmp_path / "forks.csv").write_text("\n".join((HEADER,) + lines) + "\n", encoding="utf-8")
    return str(tmp_path)


def test_forks_are_keyed_like_machine_load_and_ordered_by_their_index(tmp_path):
    run = write(tmp_path,
                'dev.x.B.op,"{""lane"": ""go"", ""size"": ""0""}",1,1,2,3,7,2026-12-06T20:00:10Z,6.5,minimum',
                'dev.x.B.op,"{""lane"": ""go"", ""size"": ""0""}",1,0,1,5,2,2026-12-06T20:00:00Z,6.25,minimum')
    forks = read_forks(run)
    key = load_key("dev.x.B.op", {"size": "0", "lane": "go"}, 1)
    assert [f.round for f in forks[key]] == [1, 2]
    assert forks[key][1].block == 3 and forks[key][1].order == 7 and forks[key][0].seconds == 6.25


def test_a_run_without_rounds_has_no_forks(tmp_path):
    assert read_forks(str(tmp_path)) == {}


def test_a_gap_in_the_fork_numbers_is_an_error(tmp_path):
    run = write(tmp_path, 'dev.x.B.op,{},1,1,1,1,1,2026-12-06T20:00:00Z,6,minimum')
    with pytest.raises(CompareError, match="not numbered"):
        read_forks(run)


def test_a_missing_column_is_an_error(tmp_path):
    (tmp_path / "forks.csv").write_text("benchmark,params\n", encoding="utf-8")
    with pytest.raises(CompareError, match="missing columns"):
        read_forks(str(tmp_path))
