"""The lanes compare shows come from env.json, in its order, with its titles and colours."""

from conftest import finish, row
from crossbench_compare.reading import lanes
from crossbench_compare.reading.jmh import Result
from crossbench_compare.rows.make import make_rows

ENV = {"lanes": {"java": {"title": "Java", "colour": "#e76f00"},
                 "rust": {"title": "Rust (serde)", "colour": "#b7410e"},
                 "go": {"title": "Go", "colour": "#00add8"}}}


def test_order_titles_and_colours_come_from_env():
    run = lanes.of(ENV)
    assert run.ordered({"go", "rust", "java", "jni", "zig"}) == ["java", "rust", "go", "jni", "zig"]
    assert (run.title("rust"), run.colour("rust")) == ("Rust (serde)", "#b7410e")
    assert (run.title("jni"), run.title("zig"), run.colour("zig")) == ("bare JNI", "Zig", None)


def test_runs_from_before_titles_get_capitalised_names_and_a_palette():
    run = lanes.of({"lanes": {"java": {"runtime": "x"}, "go": {}, "python": {}}})
    assert [run.title(n) for n in run.names] == ["Java", "Go", "Python"]
    colours = [run.colour(n) for n in run.names]
    assert len(set(colours)) == 3 and all(c.startswith("#") for c in colours)


def test_rows_follow_the_runs_lane_order():
    def result(lane):
        return Result("dev.crossbench.bench.Jwt.sign", "avgt", 1, 3, {"lane": lane}, 1000.0, 0.0, "ns/op",
                      [[1000.0] * 3] * 3)
    rows = make_rows([result(lane) for lane in ("go", "java", "rust")], ENV)
    assert [r.lane for r in rows] == ["java", "rust", "go"]
    assert [r.lane for r in finish([row("Jwt.sign", lane, 1) for lane in ("go", "java", "rust")])] == \
        ["java", "rust", "go"], "hand-made rows sort by the lanes last set"


def test_a_lane_answers_the_endpoints_and_tiers_it_lists_and_every_one_where_it_lists_none():
    run = lanes.of({"lanes": {"go": {"http_tiers": ["handler", "server"], "http_endpoints": ["json", "login"]},
                              "python": {"http_endpoints": ["json", "login", "login-as-written"]}, "java": {}}})
    assert run.answers("go", "endpoint=login tier=server") and not run.answers("go", "endpoint=login-as-written")
    assert not run.answers("go", "endpoint=json tier=server-caller")
    assert run.answers("python", "endpoint=login-as-written tier=server-caller")
    assert run.answers("java", "endpoint=login-as-written tier=server-caller")   # a lane listing none answers all
