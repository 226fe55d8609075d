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


def test_rows_that_share_rounds_take_their_ratio_round_by_round():
    from conftest import finish, row
    # Round 2 ran during a slow stretch that slowed both rows alike: paired, it cancels out.
    slow = [1.0, 1.7, 1.0]
    java = row("Jwt.sign", "java", 1000, forks=[[1000.0 * s] * 5 for s in slow])
    go = row("Jwt.sign", "go", 2000, forks=[[2000.0 * s * e] * 5 for s, e in zip(slow, [1.0, 1.01, 0.99])])
    java.fork_log = go.fork_log = placed([(1, 4), (2, 4), (3, 4)])
    finish([java, go])
    assert go.ratio.interval == "paired" and go.ratio.value == pytest.approx(2.0)
    assert 1.9 < go.ratio.ci_low < go.ratio.ci_high < 2.1
    # Without forks.csv (or fewer than 3 common rounds) the two rows' intervals divide: far wider.
    java2 = row("Jwt.sign", "java", 1000, forks=java.forks_raw)
    go2 = row("Jwt.sign", "go", 2000, forks=go.forks_raw)
    go2.fork_log, java2.fork_log = placed([(1, 4), (2, 4), (3, 4)]), placed([(1, 4), (2, 4), (4, 4)])
    finish([java2, go2])
    assert go2.ratio.interval == "independent" and go2.ratio.ci_high > 2.5


def placed(slots):
    """forks.csv's entries for forks that ran in these (round, block) slots."""
    from crossbench_compare.reading.forks_csv import Fork
    return [Fork(i, r, b, 1, "2026-12-06T20:00:00Z", 5.0, "minimum") for i, (r, b) in enumerate(slots)]
