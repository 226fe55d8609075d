"""A run made in interleaved rounds: forks.csv and env.json's "rounds" give each row's
forks and why it got more than the minimum, in the Stability section and summary.csv.
The fixture is run-old given rounds: two of its benchmarks get extra forks."""

import csv
import json
import os

from crossbench_compare.__main__ import summarise
from crossbench_compare.reading.forks_csv import COLUMNS
from conftest import P, check_golden

ROUNDS = {"seed": 7046029254386353131, "minimum": 3, "cap": 8, "budget_minutes": 75, "rounds_run": 6,
          "stopped_by": "every row settled"}
# (benchmark, lane, threads) -> the reasons of its extra forks, one fork each, in round order.
EXTRA = {("Jwt.sign", "go", 1): ["wide interval"] * 3,
         ("Bcrypt.hash", "python", 2): ["forks disagree", "wide interval"]}


def with_rounds(run_copy, rounds=ROUNDS):
    """run-old as if made in rounds: each result's forks one per round (the EXTRA rows' extra forks
    copies of their first, 1% slower), its forks.csv, and env.json's rounds (None: left out)."""
    run = run_copy("run-old")
    path = os.path.join(run, "jmh-result.json")
    with open(path, encoding="utf-8") as f:
        results = json.load(f)
    lines = [",".join(COLUMNS)]
    for block, e in enumerate(results, start=1):
        reasons = EXTRA.get((e["benchmark"][len(P):], e["params"].get("lane"), e["threads"]), [])
        raw = e["primaryMetric"]["rawData"]
        raw += [[v / 1.01 for v in raw[0]] for _ in reasons]   # throughput: 1% fewer ops/s
        params = json.dumps(e["params"]).replace('"', '""')
        for fork, reason in enumerate(["minimum"] * 3 + reasons):
            lines.append(f'{e["benchmark"]},"{params}",{e["threads"]},{fork},{fork + 1},{block},{block},'
                         f'2025-01-10T12:{fork:02d}:00Z,15.5,{reason}')
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f)
    with open(os.path.join(run, "forks.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    env_path = os.path.join(run, "env.json")
    with open(env_path, encoding="utf-8") as f:
        env = json.load(f)
    if rounds is not None:
        env["rounds"] = rounds
    with open(env_path, "w", encoding="utf-8") as f:
        json.dump(env, f)
    return run


def stability(run):
    with open(os.path.join(run, "report.md"), encoding="utf-8") as f:
        report = f.read()
    return report[report.index("## Stability"):report.index("\n## ", report.index("## Stability") + 1)]


def test_the_stability_section_says_how_the_rounds_ran_and_why_rows_got_more_forks(run_copy):
    run = with_rounds(run_copy)
    summarise(run)
    text = stability(run)
    assert ("The forks ran in 6 interleaved rounds, each running one fork of each benchmark in an order drawn "
            "from seed 7046029254386353131") in text
    assert "Every row got the first 3 rounds;" in text and "up to the cap of 8 rounds, within a budget of 75" in text
    assert "The rounds stopped because every row had settled." in text
    assert ("2 of 85 rows got extra forks (wide interval: 2, forks disagree: 1; column forks below)."
            in text)
    assert "| row | n | forks | ± |" in text
    assert "| jwt/sign/go/1t | 60 | 6 (wide interval) |" in text
    assert "| bcrypt/hash/cost=10/python/2t | 50 | 5 (forks disagree, wide interval) |" in text
    assert "| jwt/sign/python/1t | 30 | 3 |" in text
    check_golden("rounds-stability.md", text)


def test_summary_csv_has_each_rows_forks_and_why_it_got_extra_ones(run_copy):
    run = with_rounds(run_copy)
    summarise(run)
    with open(os.path.join(run, "summary.csv"), newline="", encoding="utf-8") as f:
        rows = {(r["op"], r["variant"], r["payload"], r["lane"], r["threads"]): r for r in csv.DictReader(f)}
    assert rows[("jwt", "sign", "", "go", "1")]["forks"] == "6"
    assert rows[("jwt", "sign", "", "go", "1")]["extra_forks_reason"] == "wide interval"
    assert rows[("bcrypt", "hash", "", "python", "2")]["extra_forks_reason"] == "forks disagree, wide interval"
    extra = {("jwt", "sign", "", "go", "1"), ("bcrypt", "hash", "", "python", "2")}
    others = [r for k, r in rows.items() if k not in extra]
    assert {r["forks"] for r in others} == {"3"} and {r["extra_forks_reason"] for r in others} == {""}


def test_forks_csv_without_rounds_in_env_json_says_what_is_not_recorded(run_copy):
    run = with_rounds(run_copy, rounds=None)
    summarise(run)
    text = stability(run)
    assert ("The forks ran in 6 interleaved rounds (forks.csv), so a row's forks saw the machine across the whole "
            "run; env.json does not record the rounds' seed, minimum, cap or what stopped them. 2 of 85 rows got "
            "extra forks") in text


def test_a_run_without_forks_csv_ran_its_forks_back_to_back(run_copy):
    run = run_copy("run-old")
    summarise(run)
    text = stability(run)
    assert "This run has no forks.csv: each benchmark's forks ran back to back" in text
    assert "| row | n | ± |" in text and "forks |" not in text
    with open(os.path.join(run, "summary.csv"), newline="", encoding="utf-8") as f:
        assert {r["extra_forks_reason"] for r in csv.DictReader(f)} == {""}


def test_a_run_in_rounds_draws_the_machines_speed_and_the_report_shows_it(run_copy):
    run = with_rounds(run_copy)
    summarise(run)
    assert os.path.isfile(os.path.join(run, "charts", "machine_speed.png"))
    assert "![The machine's speed over the run](charts/machine_speed.png)" in stability(run)


def placed_row(name, times, minutes):
    """A Go row of case `name` whose forks took `times` (one iteration each) and started at
    `minutes` past 12:00 (forks.csv)."""
    from conftest import row
    from crossbench_compare.reading.forks_csv import Fork
    from crossbench_compare.stats.bootstrap import estimate
    placed = row("Jwt.sign", "go", times[0], params=f"case={name}", forks=[[t] for t in times])
    placed.fork_log = [Fork(i, i + 1, 1, 1, f"2025-01-10T12:{m:02d}:00Z", 5.0, "minimum")
                       for i, m in enumerate(minutes)]
    placed.estimate = estimate(placed.forks_raw, placed.name)
    return placed


def test_a_fork_that_ran_slow_sits_above_1_at_its_minute():
    from crossbench_compare.rows.machine_speed import ForkPoint, bin_medians, fork_points
    points = fork_points([placed_row("a", [100.0, 100.0, 150.0], [0, 2, 4])])
    assert points == [ForkPoint(0, 0.0, 1.0, "go"), ForkPoint(0, 2.0, 1.0, "go"), ForkPoint(0, 4.0, 1.5, "go")]
    assert bin_medians(points) == [(0, 1.0, 1), (2, 1.0, 1), (4, 1.5, 1)]


def test_a_row_the_machine_slowed_is_explained_and_a_row_with_its_own_spread_is_not():
    from crossbench_compare.rows.machine_speed import against_machine, fork_points
    minutes = [0, 10, 20, 30]
    machine = [1.0, 1.0, 1.3, 1.0]                   # the machine ran 1.3x slow at minute 20
    others = [placed_row(f"other{i}", [100.0 * m * (1 + 0.002 * i) for m in machine], minutes) for i in range(5)]
    slowed = placed_row("slowed", [50.0 * m for m in machine], minutes)
    own = placed_row("own", [50.0, 80.0, 50.0, 80.0], minutes)   # two states of its own, the machine steady then
    rows = others + [slowed, own]
    points = fork_points(rows)
    by_machine = against_machine(points, 5)
    assert slowed.estimate.half_width > 0.10
    assert [round(speed, 2) for _, _, speed in by_machine.forks] == [1.0, 1.0, 1.3, 1.0]
    assert by_machine.net_width < 0.01 and by_machine.explained
    its_own = against_machine(points, 6)
    assert its_own.net_width > 0.10 and not its_own.explained


def test_the_report_sets_each_row_wider_than_10_percent_against_the_machine():
    from crossbench_compare.present.stability_md import wide_rows_against_machine
    minutes = [0, 10, 20, 30]
    rows = [placed_row(f"other{i}", [100.0 * m for m in (1.0, 1.0, 1.3, 1.0)], minutes) for i in range(3)]
    text = "\n".join(wide_rows_against_machine(rows))
    assert "| jwt/sign/case=other0/go/1t | ±" in text and "1.30 (1.30) at 20" in text
    assert "3 of 3 rows wider than ±10% are within ±10% net of the machine's speed." in text


def test_a_run_without_rounds_has_no_such_chart(run_copy):
    run = run_copy("run-old")
    summarise(run)
    assert not os.path.exists(os.path.join(run, "charts", "machine_speed.png"))


def test_an_extra_round_the_budget_ended_is_not_missing_anything():
    from types import SimpleNamespace
    from crossbench_compare.present.missing import missing_items
    run = SimpleNamespace(notes=[], env={}, chunks=[
        {"name": "round 4 (extra)", "status": "done", "message": ""},
        {"name": "round 5 (extra)", "status": "budget reached", "message": "15 of 136 forks finished"},
        {"name": "round 6 (extra)", "status": "interrupted", "message": "2 of 9 forks finished"}])
    items = missing_items(run, [], SimpleNamespace(benchmarks=[]))
    assert items == ["**round 6 (extra)** interrupted: 2 of 9 forks finished"]
