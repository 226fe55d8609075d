"""The http ops through lane.py, as lane.c calls them: every request of
requests/expected.tsv through every tier it concerns, the as-written login,
two handles in flight on one worker, release and unknown handles, and the
hostile requests (OPS.md, Requests)."""

import json
import subprocess
import sys
import threading

import bcrypt
import pytest

from crossbench_py import corpus, lane, ops, tiers, web

FILES = corpus.load()
ROWS = corpus.expected()
SERVER_TIERS = ("server", "server-caller")

# Where this lane answers http_check otherwise than expected.tsv, by its stack's design:
# (request, tier, app) -> status.
DIFFERENCES = {
    # httptools (llhttp) sets no limit on a header's size and uvicorn adds none
    # (its h11 protocol has one, 16 KiB): the 64 KiB header is served.
    **{("requests/oversized-header.http", tier, "equalised"): 200 for tier in SERVER_TIERS},
}


def check(request: bytes, app: str, tier: str) -> tuple[int, str, bytes]:
    status, content_type, body = lane.http_check(request, app.encode(), lane.HTTP_TIERS.index(tier)).split(b"\n", 2)
    return int(status), content_type.decode("latin-1"), body


def keep(request: bytes, app: str, tier: str) -> int:
    return int(lane.http_keep(request, app.encode(), lane.HTTP_TIERS.index(tier)))


def run(handle: int) -> tuple[int, int]:
    status, length = lane.http_run(b"", b"", handle).split(b" ")
    return int(status), int(length)


def release(handle: int) -> None:
    assert lane.http_release(b"", b"", handle) == b""


def expected(row: corpus.Expected, tier: str, app: str = "equalised") -> str:
    return str(DIFFERENCES.get((row.request, tier, app), row.answer))


def assert_answer(want: str, status: int, content_type: str, body: bytes, request: str) -> None:
    if want == "4xx-or-close":
        assert status == 0 or 400 <= status < 500, (request, status, body)
        return
    assert status == int(want), (request, status, body)
    if status == 0:
        assert (content_type, body) == ("", b"")
        return
    if 400 <= status < 500 and status != 413:  # 413's is Starlette's own text
        assert content_type == "application/json", request
    if status == 400 and "login" in request:
        assert body == web.BAD_REQUEST
    if status == 401:
        assert body == web.UNAUTHORIZED
    if status == 200:
        assert content_type == "application/json", request
        if request == "requests/json.http":
            assert json.loads(body) == {"message": "Hello, World!"}
        elif request == "requests/items.http":
            assert ops.json_tree_digest(body) == ops.json_bind_digest(FILES["medium.json"])
        elif request == "requests/login.http":
            assert_login_token(body)


def assert_login_token(body: bytes) -> None:
    (token,) = json.loads(body).values()
    claims = json.loads(ops.jwt_verify(token.encode(), FILES["jwt-key"]))
    assert claims["sub"] == "42" and claims["exp"] - claims["iat"] == 3600


CASES = [(row, tier) for row in ROWS for tier in lane.HTTP_TIERS if row.concerns(tier)]


def case_id(case) -> str:
    row, tier = case
    return f"{row.request.removeprefix('requests/').removesuffix('.http')}-{tier}"


@pytest.mark.parametrize("row,tier", CASES, ids=map(case_id, CASES))
def test_every_request_through_every_tier_it_concerns(row, tier):
    status, content_type, body = check(FILES[row.request], "equalised", tier)
    assert_answer(expected(row, tier), status, content_type, body, row.request)


@pytest.mark.parametrize("row,tier", CASES, ids=map(case_id, CASES))
def test_a_kept_request_runs_as_it_checks(row, tier):
    handle = keep(FILES[row.request], "equalised", tier)
    try:
        status, length = run(handle)
    finally:
        release(handle)
    want = expected(row, tier)
    if want == "0":  # kept alive, the client never half-closes: answered as expected.tsv says
        want = row.answer
    else:  # every body but a token is fixed: its length is the checked body's
        answer = check(FILES[row.request], "equalised", tier)
        assert row.request == "requests/login.http" or length == len(answer[2])
    if want == "4xx-or-close":
        assert 400 <= status < 500
    else:
        assert status == int(want)


@pytest.mark.parametrize("tier", lane.HTTP_TIERS)
def test_the_as_written_login(tier):
    status, content_type, body = check(FILES["requests/login.http"], "as-written", tier)
    assert (status, content_type) == (200, "application/json")
    assert_login_token(body)
    handle = keep(FILES["requests/login.http"], "as-written", tier)
    try:
        assert run(handle)[0] == 200
        assert run(handle)[0] == 200  # the same connection, kept alive
    finally:
        release(handle)
    assert check(FILES["requests/login-wrong-password.http"], "as-written", tier)[0] == 401


@pytest.mark.parametrize("tier", ("framework", "server", "server-caller"))
def test_concurrent_runs_on_two_handles(tier):
    # Two threads, each its own kept requests on the same app, in flight at once.
    names = ("requests/json.http", "requests/items.http", "requests/items-no-token.http")
    answers: dict[int, set] = {0: set(), 1: set()}
    errors = []

    def serve(thread: int) -> None:
        handles = [keep(FILES[name], "equalised", tier) for name in names]
        try:
            for _ in range(30):
                for handle in handles:
                    answers[thread].add(run(handle))
        except Exception as e:  # reported below, with the thread
            errors.append((thread, e))
        finally:
            for handle in handles:
                release(handle)

    threads = [threading.Thread(target=serve, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert answers[0] == answers[1] == {run_once(name, tier) for name in names}


def run_once(name: str, tier: str) -> tuple[int, int]:
    handle = keep(FILES[name], "equalised", tier)
    try:
        return run(handle)
    finally:
        release(handle)


class _Announcing:
    """A kept connection's answer queue that says when its caller starts waiting:
    by then the request has been handed to the worker's loop."""

    def __init__(self, answered, waiting: threading.Event) -> None:
        self.answered = answered
        self.waiting = waiting

    def put(self, item) -> None:
        self.answered.put(item)

    def get(self, timeout):
        self.waiting.set()
        return self.answered.get(timeout=timeout)


@pytest.mark.parametrize("app", web.APPS)
def test_two_callers_in_flight_on_one_worker(monkeypatch, app):
    # A login holds bcrypt (gated here) while a second caller's /json arrives on
    # the same worker. as-written: bcrypt runs on the worker's event loop, so
    # /json is answered after the login; equalised: it runs in Starlette's thread
    # pool, so /json is answered while the login still waits.
    in_bcrypt, open_gate, json_waiting, json_done = (threading.Event() for _ in range(4))
    bcrypt_threads = []
    real_checkpw = bcrypt.checkpw

    def gated_checkpw(password, hashed):
        bcrypt_threads.append(threading.current_thread().name)
        in_bcrypt.set()
        assert open_gate.wait(30)
        return real_checkpw(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", gated_checkpw)
    login = keep(FILES["requests/login.http"], app, "server")
    hello = keep(FILES["requests/json.http"], app, "server")
    answered_in_order = []  # on the worker's loop, as each answer completes
    for handle, name in ((login, "login"), (hello, "json")):
        conn = tiers._KEPT[handle].conn
        conn.ended = lambda ended=conn.ended, name=name: (answered_in_order.append(name), ended())
    tiers._KEPT[hello].answered = _Announcing(tiers._KEPT[hello].answered, json_waiting)
    results = {}

    def serve(name, handle, done=None):
        results[name] = run(handle)
        if done is not None:
            done.set()

    callers = [threading.Thread(target=serve, args=("login", login))]
    callers[0].start()
    try:
        assert in_bcrypt.wait(30)
        callers.append(threading.Thread(target=serve, args=("json", hello, json_done)))
        callers[1].start()
        assert json_waiting.wait(30)
        if app == "equalised":
            assert json_done.wait(30), "/json was not served while the login was in the thread pool"
    finally:
        open_gate.set()
        for caller in callers:
            caller.join(30)
        release(login)
        release(hello)
    if app == "as-written":
        assert bcrypt_threads == ["crossbench uvicorn worker (as-written)"]
        assert answered_in_order == ["login", "json"]
    else:
        assert bcrypt_threads[0].startswith("AnyIO worker thread")
        assert answered_in_order == ["json", "login"]
    assert results["login"][0] == 200 and results["json"] == (200, 27)


@pytest.mark.parametrize("tier", ("framework", "server", "server-caller"))
def test_which_thread_runs_the_equalised_login(monkeypatch, tier):
    # Starlette's thread pool (AnyIO's workers): on the worker's loop, which runs
    # one task for its life as uvicorn's does, a worker thread serves login after
    # login; on a loop the caller runs, AnyIO stops it with the request's task.
    threads = []
    real_checkpw = bcrypt.checkpw

    def recording_checkpw(password, hashed):
        threads.append(threading.current_thread())
        return real_checkpw(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", recording_checkpw)
    handle = keep(FILES["requests/login.http"], "equalised", tier)
    try:
        assert run(handle)[0] == 200
        assert run(handle)[0] == 200
    finally:
        release(handle)
    first, second = threads
    assert first.name.startswith("AnyIO worker thread") and second.name.startswith("AnyIO worker thread")
    assert (first is second) == (tier == "server")
    assert first is not threading.current_thread()


def test_a_handle_runs_on_one_thread_at_a_time():
    handle = keep(FILES["requests/json.http"], "equalised", "server")
    kept = tiers._KEPT[handle]
    with kept.lock:  # as if another thread were running it
        with pytest.raises(RuntimeError, match=f"kept request {handle} is running on another thread"):
            run(handle)
    assert run(handle) == (200, 27)
    release(handle)


@pytest.mark.parametrize("tier", lane.HTTP_TIERS)
def test_release_and_unknown_handles(tier):
    first = keep(FILES["requests/json.http"], "equalised", tier)
    second = keep(FILES["requests/json.http"], "equalised", tier)
    assert 0 < first < second
    release(first)
    for op in (run, release):
        with pytest.raises(ValueError, match=f"^no kept request {first}$"):
            op(first)
    assert run(second) == (200, 27)
    release(second)
    with pytest.raises(ValueError, match="^no kept request 987654321$"):
        run(987654321)


def test_unknown_tiers_and_apps_are_refused():
    with pytest.raises(ValueError, match="^no HTTP tier 4; tiers: 0 handler, 1 framework, 2 server, 3 server-caller$"):
        lane.http_keep(FILES["requests/json.http"], b"equalised", 4)
    with pytest.raises(ValueError, match="^no app 'cheap'; apps: equalised, as-written$"):
        lane.http_check(FILES["requests/json.http"], b"cheap", 0)
    assert lane.HTTP_TIERS == tiers.TIERS


@pytest.mark.parametrize("tier", ("handler", "framework"))
def test_the_tiers_without_http_refuse_what_does_not_parse(tier):
    with pytest.raises(ValueError, match="not an HTTP/1.1 request"):
        lane.http_keep(FILES["requests/bad-request-line.http"], b"equalised", lane.HTTP_TIERS.index(tier))
    with pytest.raises(ValueError, match="an incomplete HTTP/1.1 request"):
        lane.http_keep(b"GET /json HTTP/1.1\r\nHost: x\r\n", b"equalised", lane.HTTP_TIERS.index(tier))


@pytest.mark.parametrize("tier", SERVER_TIERS)
def test_hostile_requests_on_a_kept_connection(tier):
    # uvicorn answers what it cannot parse with 400 and closes: the kept request cannot run again.
    handle = keep(FILES["requests/bad-chunked.http"], "equalised", tier)
    assert run(handle) == (400, len(b"Invalid HTTP request received."))
    with pytest.raises(ConnectionError, match="the server closed the connection of 'POST /auth/login HTTP/1.1' without answering"):
        run(handle)
    with pytest.raises(ConnectionError, match="cannot run: the server closed its connection"):
        run(handle)
    release(handle)
    # A body over the limit is answered without closing: the connection serves it again.
    handle = keep(FILES["requests/body-over-limit.http"], "equalised", tier)
    assert run(handle) == (413, len(b"Content Too Large"))
    assert run(handle) == (413, len(b"Content Too Large"))
    release(handle)


@pytest.mark.parametrize("tier", SERVER_TIERS)
def test_a_request_the_server_waits_on_times_out_with_its_name(monkeypatch, tier):
    monkeypatch.setattr(tiers, "TIMEOUT_SECONDS", 0.2)
    # Content-Length promises more than comes; kept alive, no EOF: the server waits.
    handle = keep(b"POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{}", "equalised", tier)
    with pytest.raises(TimeoutError, match="the server did not answer 'POST /auth/login HTTP/1.1' within 0.2 s"):
        run(handle)
    with pytest.raises(ConnectionError, match="cannot run: an earlier request timed out"):
        run(handle)
    release(handle)
    # http_check keeps its side open too (OPS.md): the server still waits, and the check names the request.
    with pytest.raises(TimeoutError, match="did not answer 'POST /auth/login HTTP/1.1'"):
        check(b"POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{}", "equalised", tier)


def test_the_server_writes_uvicorns_headers_over_the_memory_connection():
    # Through the server tiers the answer is uvicorn's bytes: its Date and Server headers, framed by Content-Length.
    for tier in SERVER_TIERS:
        handle = keep(FILES["requests/json.http"], "equalised", tier)
        conn = tiers._KEPT[handle].conn
        written = []
        real_feed = conn.reader.feed
        conn.reader.feed = lambda data: (written.append(data), real_feed(data))
        assert run(handle) == (200, 27)
        release(handle)
        head = b"".join(written).split(b"\r\n\r\n")[0].split(b"\r\n")
        assert head[0] == b"HTTP/1.1 200 OK"
        assert {line.split(b":")[0] for line in head[1:]} == {b"date", b"server", b"content-length", b"content-type"}


def test_a_worker_does_not_hold_the_interpreters_exit():
    # A plain interpreter (as pyperf's workers are) that started a worker exits cleanly and at once.
    script = (
        "from crossbench_py import corpus, lane\n"
        "h = int(lane.http_keep(corpus.load()['requests/json.http'], b'equalised', 2))\n"
        "assert lane.http_run(b'', b'', h) == b'200 27'\n"
    )
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], cwd=corpus.CORPUS_DIR.parent / "native-py",
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
