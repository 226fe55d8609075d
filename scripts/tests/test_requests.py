"""Requests (tests/data/run-format2): the layers a request's time splits into, the
rate one core reaches, what blocking an event loop costs on 2 threads, the lanes
that time their login as written once, as login, and the report's Requests
section and its stacked chart."""

import os

import pytest

from conftest import DATA, P
from crossbench_compare.present import requests_md
from crossbench_compare.present.charts import request_layers
from crossbench_compare.reading.catalogue import ClaimStep
from crossbench_compare.reading.run import load_run
from crossbench_compare.rows import requests
from crossbench_compare.rows.make import make_rows
from crossbench_compare.rows.memory import entries

RUN = os.path.join(DATA, "run-format2")


@pytest.fixture
def run_rows():
    run = load_run(RUN)
    return run, make_rows(run.results, run.env, run.load, run.memory)


def one(rows, bench, lane, params, threads=1):
    [r] = [r for r in rows if r.benchmark == P + bench and r.lane == lane and r.params == params
           and r.threads == threads]
    return r


def stack_of(rows, endpoint, lane):
    [s] = [s for s in requests.stacks(rows, "usual") if (s.endpoint, s.lane) == (endpoint, lane)]
    return s


def kinds(stack):
    return [(l.kind, l.group) for l in stack.layers]


def test_the_handler_splits_into_the_toll_its_ops_and_the_rest(run_rows):
    _, rows = run_rows
    s = stack_of(rows, "items", "go")
    assert s.split and kinds(s) == [("crossing", "crossing"), ("work", "jwt"), ("work", "json"), ("rest", "rest"),
                                    ("framework", "framework"), ("server", "server")]
    handler = one(rows, "Requests.serve", "go", "endpoint=items tier=handler")
    verify, write = one(rows, "Jwt.verify", "go", ""), one(rows, "JsonWrite.write", "go", "library=usual payload=medium")
    toll, jwt, json_, rest, framework, server = s.layers
    assert toll.value == pytest.approx(handler.median - handler.net_of_crossing)
    assert (jwt.what, jwt.value) == ("jwt verify", pytest.approx(verify.net_of_crossing))
    assert (json_.what, json_.value) == ("json write medium", pytest.approx(write.net_of_crossing))
    assert rest.value == pytest.approx(handler.net_of_crossing - verify.net_of_crossing - write.net_of_crossing)
    assert framework.value == pytest.approx(one(rows, "Requests.serve", "go", "endpoint=items tier=framework").median
                                            - handler.median)
    # The layers add up to the server tier, which for Go holds its HTTP work and hand-off in one.
    assert sum(l.value for l in s.layers) == pytest.approx(s.top.median)
    assert s.top is one(rows, "Requests.serve", "go", "endpoint=items tier=server")


def test_a_lane_with_server_caller_splits_the_server_into_http_and_the_hand_off(run_rows):
    _, rows = run_rows
    s = stack_of(rows, "json", "python")
    assert kinds(s)[-3:] == [("framework", "framework"), ("http", "http"), ("hand-off", "hand-off")]
    caller = one(rows, "Requests.serve", "python", "endpoint=json tier=server-caller")
    assert s.layer("hand-off").value == pytest.approx(s.top.median - caller.median)
    assert s.layer("hand-off").value / 1e3 == pytest.approx(20, rel=0.05)   # the fixture's 20 µs hand-off
    assert kinds(s)[1] == ("rest", "rest")      # GET /json's handler is all rest
    assert sum(l.value for l in s.layers) == pytest.approx(s.top.median)


def test_layers_within_noise_and_below_0_are_told_apart(run_rows):
    _, rows = run_rows
    login = stack_of(rows, "login", "java")
    # 4 µs of framework beside a 60 ms bcrypt verify with 1% noise: not told apart from 0.
    assert login.layer("framework").within_noise and login.layer("framework").ci_low < 0
    assert not stack_of(rows, "json", "java").layer("framework").within_noise
    items = stack_of(rows, "items", "java")      # Java's handler writes its items faster than JsonWrite
    rest = items.layer("rest")
    assert rest.value < 0 and rest.ci_high < 0 and not rest.within_noise
    assert requests_md.layer_cell(rest).endswith("below 0")
    assert requests_md.layer_cell(login.layer("framework")).endswith("within noise")


def test_the_as_written_login_and_a_lane_without_the_ops_rows_are_not_split(run_rows):
    _, rows = run_rows
    s = stack_of(rows, "login-as-written", "python")
    assert not s.split and [k for k, _ in kinds(s)][:2] == ["crossing", "unsplit"]
    without = [r for r in rows if not (r.op == "jwt" and r.lane == "go")]
    assert not stack_of(without, "login", "go").split and stack_of(without, "login", "python").split


def test_requests_per_second_per_core_carry_the_interval(run_rows):
    _, rows = run_rows
    r = one(rows, "Requests.serve", "go", "endpoint=json tier=server")
    rate, low, high = requests.per_core(r)
    assert rate == pytest.approx(1e9 / r.median) and low == pytest.approx(1e9 / r.ci[1])
    assert high == pytest.approx(1e9 / r.ci[0]) and low < rate < high


def test_blocking_the_event_loop_shows_as_the_as_written_login_losing_the_second_thread(run_rows):
    _, rows = run_rows
    found = {b.lane: b for b in requests.blocking(requests.scaling_pairs(rows))}
    # Only Python times its login as written on its own: Go's and Java's are their logins.
    assert set(found) == {"python"} and {b.tier for b in found.values()} == {"server"}
    python = found["python"]
    # Equalised: 1.1x the time per request on 2 threads, so 2 / 1.1 the throughput; as written: none gained.
    assert python.equalised.value == pytest.approx(2 / 1.1, rel=0.02)
    assert python.as_written.value == pytest.approx(1.0, rel=0.02)
    assert python.loss.ci_low > 1.7
    assert requests.equalised("login-as-written") == "login" and requests.equalised("login") is None


def section_of(run, rows):
    catalogue_roles = ("usual", "fast")
    return "\n".join(requests_md.section(rows, entries(run.memory, run.env), requests.stacks(rows, catalogue_roles[0]),
                                         {"request_layers": "charts/request_layers.png"}, 2))


def test_the_section_has_every_lane_tier_and_endpoint_its_bytes_scaling_and_layers(run_rows):
    run, rows = run_rows
    text = section_of(run, rows)
    table = text.split("### Time per request")[1].split("###")[0]
    assert table.count("\n| json | server-caller |") == 2          # Java and Python: Go has no server-caller
    assert "| items | server | Go | 32.2 (31.8–32.6) | ±1.2% | 31,065 (30,694–31,442) |" in table
    assert "| json | server-caller | 9,100 B |  | 36,400 B |" in text
    assert ("- Python, server tier: the equalised login gains 1.83x (1.82–1.83x), the as-written one 1.01x "
            "(1.00–1.01x): blocking leaves the as-written login 1.82x") in text
    assert "**The handler's split is an estimate from other benchmarks**" in text
    assert "![Where a request's time goes" in text


def test_lanes_that_time_their_login_as_written_once_show_it_as_their_login(run_rows):
    run, rows = run_rows
    assert requests.timed_once(rows) == {"login-as-written": ["java", "go"]}
    text = section_of(run, rows)
    table = text.split("### Time per request")[1].split("###")[0]
    # In the lanes' order at each tier each lane answers: Go has no server-caller, so no row there.
    assert ("| login-as-written | server | Java | = login |  |  |  |  |\n"
            "| login-as-written | server | Go | = login |  |  |  |  |\n"
            "| login-as-written | server | Python | 208,790") in table
    assert table.count("| = login |") == 7
    assert ("**= login**: Java's and Go's logins as written are their equalised ones (default cost 10, nothing "
            "blocks their threads): measured once, as login.") in table
    assert "| login-as-written | server | = login | = login | 52,000 B |" in text
    assert "| login-as-written | server-caller | = login |  | 48,000 B |" in text
    two = text.split("### Two requests in flight")[1].split("###")[0]
    assert "| login-as-written | server | Python |" in two and "| login-as-written | server | Go |" not in two
    assert "- Python, server tier" in two and "- Go, server tier" not in two and "- Java, server tier" not in two
    assert "Only the lanes that time the as-written login on its own are here: Java's and Go's logins" in two
    # Python's as-written login against Java's: Java's login, the same code.
    written = one(rows, "Requests.serve", "python", "endpoint=login-as-written tier=server")
    java = one(rows, "Requests.serve", "java", "endpoint=login tier=server")
    assert written.ratio.value == pytest.approx(written.median / java.median)
    # A step of the as-written login is the login's where the lane does not answer it, as it is elsewhere.
    step = ClaimStep("", "request", "", "endpoint=login-as-written tier=server")
    assert requests.stand_in(step, "go").params == "endpoint=login tier=server"
    assert requests.stand_in(step, "python") == step


def test_a_run_without_requests_has_no_section(run_rows):
    run, rows = run_rows
    assert requests_md.section([r for r in rows if r.op != "request"], [], [], {}, 2) == []


def test_the_stacked_chart_hatches_what_is_within_noise_and_names_what_it_cannot_stack(run_rows, monkeypatch,
                                                                                     tmp_path):
    _, rows = run_rows
    saved = {}
    monkeypatch.setattr(request_layers, "save", lambda fig, path, rect=None: saved.setdefault("fig", fig))
    stacks = requests.stacks(rows, "usual")
    assert request_layers.layers_chart(stacks, str(tmp_path / "request_layers.png"))
    fig = saved["fig"]
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["json", "login", "items", "login-as-written (handler not split)"] + [
        f"{e}: framework and server layers" for e in ("json", "login", "items", "login-as-written")]
    # The as-written panels have Python's stack alone; Java and Go, which time it once, keep their places.
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert all([t.get_text() for t in ax.get_xticklabels()] == ["Java", "Go", "Python"] for ax in panels)
    marks = [[t.get_text() for t in ax.texts if t.get_text().startswith("=")] for ax in panels]
    assert marks[3] == marks[7] == ["= login", "= login"] and not any(marks[:3] + marks[4:7])
    drawn = [p for ax in fig.axes for p in ax.patches if p.get_height() != 0]
    hatched = [p for p in drawn if p.get_hatch()]
    # Every layer within noise is hatched where it is drawn: the stack leaves out those below 0,
    # the panel of framework and server layers draws every one.
    above = [l for s in stacks for l in s.layers if l.kind in request_layers.ABOVE_HANDLER]
    inside = [l for s in stacks for l in s.layers if l.kind not in request_layers.ABOVE_HANDLER]
    expected = (sum(l.within_noise for l in above) + sum(l.within_noise and l.value > 0 for l in above)
                + sum(l.within_noise and l.value > 0 for l in inside))
    assert len(hatched) == expected > 0
    footer = " ".join(t.get_text() for t in fig.texts)
    assert "items Java: rest of the handler -0.55" in footer and "estimate" in fig._suptitle.get_text()
    assert request_layers.layers_chart([], str(tmp_path / "none.png")) is False
