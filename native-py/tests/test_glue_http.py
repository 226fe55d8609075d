"""The http ops through lane.c, from a plain C program (tests/lane_probe.c):
the ops' results as the JNI bridge receives them, and requests in flight from
C threads of its own, each with its own Python thread state, waiting for the
worker's loop thread without the GIL."""

import pytest

from crossbench_py import corpus


def request(name: str) -> str:
    return str(corpus.CORPUS_DIR / "requests" / name)


def test_the_http_ops_through_the_glue(probe):
    lines = probe(
        ("http_keep=equalised", 2, request("json.http")),
        ("http_run", 1, "-"),
        ("http_run", 1, "-"),
        ("http_release", 1, "-"),
        ("http_run", 1, "-"),
        ("http_keep=cheap", 0, request("json.http")),
        ("http_keep=equalised", 4, request("json.http")),
        ("http_check=as-written", 3, request("json.http")),
        ("http_check=equalised", 2, request("bad-request-line.http")),
    )
    assert lines[:5] == ["ok 1", "ok 200 27", "ok 200 27", "ok ", "fail ValueError: no kept request 1"]
    assert lines[5] == "fail ValueError: no app 'cheap'; apps: equalised, as-written"
    assert lines[6] == "fail ValueError: no HTTP tier 4; tiers: 0 handler, 1 framework, 2 server, 3 server-caller"
    assert lines[7:10] == ["ok 200", "application/json", '{"message":"Hello, World!"}']
    assert lines[10:] == ["ok 400", "text/plain; charset=utf-8", "Invalid HTTP request received."]


@pytest.mark.parametrize("tier", range(4), ids=["handler", "framework", "server", "server-caller"])
def test_requests_in_flight_from_c_threads(probe, tier):
    # Four C threads at once, each on its own kept request, both apps: on the
    # server tier all four share each app's worker, and the as-written login
    # holds its loop while its /json waits.
    lines = probe(
        ("http_keep=as-written", tier, request("login.http")),
        ("http_keep=as-written", tier, request("json.http")),
        ("http_keep=equalised", tier, request("login.http")),
        ("http_keep=equalised", tier, request("items.http")),
        ("http_run_threads", 3, "1,2,3,4"),
        ("http_check=equalised", tier, request("json.http")),  # the main thread again, after the threads are gone
    )
    assert lines[:4] == ["ok 1", "ok 2", "ok 3", "ok 4"]
    login_as_written, hello, login, items = lines[4:8]
    assert login_as_written.startswith("ok 200 ") and login_as_written.endswith(" x3")
    assert hello == "ok 200 27 x3"
    assert login == login_as_written
    assert items.startswith("ok 200 ") and items.endswith(" x3")
    assert lines[8:11] == ["ok 200", "application/json", '{"message":"Hello, World!"}']
