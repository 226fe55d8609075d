"""The four tiers through which the Python lane serves a request (OPS.md,
Requests), and the requests the http ops keep.

- handler: the endpoint's work as plain calls (web.handler), on the calling thread.
- framework: the FastAPI app called as an ASGI callable, `await app(scope,
  receive, send)`, the scope built when the request is kept, on an event loop
  of the kept request's own that the calling thread runs.
- server: raw bytes through uvicorn's HttpToolsProtocol (access log off) on an
  in-memory connection (memconn), kept alive between requests. The app's
  server is a uvicorn worker: its one event loop runs in a thread of its own,
  running uvicorn's Server.main_loop as Server.run does, and every connection
  of that app lives on it, so two callers can have requests in flight on one
  worker at once. The caller hands the request to the loop and waits, without
  the GIL, for the answer.
- server-caller: the same server code on an event loop of the connection's own
  that the calling thread runs: the difference from server is the hand-off.

In every tier Starlette runs the equalised login (a `def` endpoint) in its
thread pool (AnyIO's worker threads). AnyIO ties its workers to the task an
event loop was started with (find_root_task): the worker's loop runs one task
for its life, as uvicorn's does, so its workers are reused; the loops the
calling thread runs start one task per request, so there each such request
starts a worker thread and stops it.

Every wait is bounded (TIMEOUT_SECONDS) and ends in an error naming the request.
"""

from __future__ import annotations

import asyncio
import atexit
import itertools
import logging
import queue
import threading
import urllib.parse
from dataclasses import dataclass
from typing import Any

import httptools
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from crossbench_py import memconn, web

TIMEOUT_SECONDS = 10.0
# uvicorn closes a connection idle for 5 s; a kept connection may idle between
# a benchmark's setup and its first run for longer, so it waits an hour.
KEEP_ALIVE_SECONDS = 3600


# --- a raw request, parsed when it is kept ----------------------------------------------


@dataclass(frozen=True)
class ParsedRequest:
    method: str
    path: str
    raw_path: bytes
    query_string: bytes
    http_version: str
    headers: list[tuple[bytes, bytes]]  # names lower-cased, in order
    body: bytes

    def header_text(self) -> dict[str, str]:
        """The headers as Starlette reads them (latin-1), the last of a name winning."""
        return {name.decode("latin-1"): value.decode("latin-1") for name, value in self.headers}

    def line(self) -> str:
        return f"{self.method} {self.raw_path.decode('latin-1')}"


class _RequestParts:
    """httptools' callbacks, collecting what uvicorn's protocol collects."""

    def __init__(self) -> None:
        self.url = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.body: list[bytes] = []
        self.complete = False

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        self.complete = True


def parse_request(raw: bytes) -> ParsedRequest:
    """One complete HTTP/1.1 request, parsed by httptools as uvicorn parses it."""
    parts = _RequestParts()
    parser = httptools.HttpRequestParser(parts)
    try:
        parser.feed_data(raw)
    except httptools.HttpParserError as e:
        raise ValueError(f"not an HTTP/1.1 request ({e}): {raw[:60]!r}") from None
    if not parts.complete:
        raise ValueError(f"an incomplete HTTP/1.1 request: {raw[:60]!r}")
    url = httptools.parse_url(parts.url)
    path = url.path.decode("ascii")
    return ParsedRequest(
        method=parser.get_method().decode("ascii"),
        path=urllib.parse.unquote(path) if "%" in path else path,
        raw_path=url.path,
        query_string=url.query or b"",
        http_version=parser.get_http_version(),
        headers=parts.headers,
        body=b"".join(parts.body),
    )


def describe(raw: bytes) -> str:
    """The request line, to name a request in an error."""
    return repr(raw.split(b"\r\n", 1)[0][:80].decode("latin-1"))


# --- what a kept request is --------------------------------------------------------------


class Kept:
    """A request prepared for one tier: run() serves it once; answer() serves
    it once and keeps the whole answer; close() frees what it holds."""

    def __init__(self, raw: bytes) -> None:
        self.name = describe(raw)
        self.lock = threading.Lock()  # one run at a time
        self.broken: str | None = None  # why it can no longer run

    def run(self) -> tuple[int, int]:
        """(status, body length)."""
        raise NotImplementedError

    def answer(self) -> tuple[int, str, bytes]:
        """(status, content type, body); status 0: closed without answering."""
        raise NotImplementedError

    def close(self) -> None:
        pass


class _Handler(Kept):
    def __init__(self, raw: bytes, app: _App) -> None:
        super().__init__(raw)
        request = parse_request(raw)
        self.call = web.handler(app.store, request.method, request.path, request.header_text(), request.body)

    def run(self) -> tuple[int, int]:
        status, body = self.call()
        return status, len(body)

    def answer(self) -> tuple[int, str, bytes]:
        status, body = self.call()
        return status, web.JSON, body


# --- the framework tier ------------------------------------------------------------------


def asgi_scope(request: ParsedRequest) -> dict[str, Any]:
    """The HTTP scope uvicorn's HttpToolsProtocol builds for this request."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": request.http_version,
        "server": memconn.SERVER_ADDRESS,
        "client": memconn.CLIENT_ADDRESS,
        "scheme": "http",
        "method": request.method,
        "root_path": "",
        "path": request.path,
        "raw_path": request.raw_path,
        "query_string": request.query_string,
        "headers": request.headers,
    }


class _AsgiExchange:
    """One call of an ASGI app: receive() gives the whole body at once, then
    (as uvicorn does) waits for the response to complete and reports a
    disconnect; send() collects the answer."""

    def __init__(self, body: bytes, keep_body: bool) -> None:
        self.body = body
        self.body_given = False
        self.status = 0
        self.content_type = b""
        self.length = 0
        self.chunks: list[bytes] | None = [] if keep_body else None
        self.complete = False
        self.completed: asyncio.Event | None = None  # made only if receive() is called again

    async def receive(self) -> dict[str, Any]:
        if not self.body_given:
            self.body_given = True
            return {"type": "http.request", "body": self.body, "more_body": False}
        if not self.complete:
            self.completed = self.completed or asyncio.Event()
            await self.completed.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            for name, value in message.get("headers", ()):
                if name.lower() == b"content-type":
                    self.content_type = value
        elif message["type"] == "http.response.body":
            body = message.get("body", b"")
            self.length += len(body)
            if self.chunks is not None:
                self.chunks.append(body)
            if not message.get("more_body", False):
                self.complete = True
                if self.completed is not None:
                    self.completed.set()


class _Framework(Kept):
    def __init__(self, raw: bytes, app: _App) -> None:
        super().__init__(raw)
        request = parse_request(raw)
        self.asgi = app.asgi
        self.scope = asgi_scope(request)
        self.body = request.body
        self.loop = asyncio.new_event_loop()

    def _call(self, keep_body: bool) -> _AsgiExchange:
        exchange = _AsgiExchange(self.body, keep_body)
        # A fresh scope each time, as the server makes one per request (the app writes into it).
        task = self.loop.create_task(self.asgi({**self.scope, "state": {}}, exchange.receive, exchange.send))
        timer = self.loop.call_later(TIMEOUT_SECONDS, task.cancel)
        try:
            self.loop.run_until_complete(task)
        except asyncio.CancelledError:
            raise TimeoutError(f"the app did not answer {self.name} within {TIMEOUT_SECONDS:g} s") from None
        finally:
            timer.cancel()
        if not exchange.complete:
            raise RuntimeError(f"the app returned without a complete answer to {self.name}")
        return exchange

    def run(self) -> tuple[int, int]:
        exchange = self._call(False)
        return exchange.status, exchange.length

    def answer(self) -> tuple[int, str, bytes]:
        exchange = self._call(True)
        return exchange.status, exchange.content_type.decode("latin-1"), b"".join(exchange.chunks or ())

    def close(self) -> None:
        _close_loop(self.loop)


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()


# --- the server tiers: uvicorn -----------------------------------------------------------


class _Uvicorn:
    """uvicorn's server for one app, as a worker holds it: its Config (httptools,
    asyncio's loop, access log off, no lifespan: the app has none) and its
    Server (the state every connection shares, with the Date and Server
    headers it writes). connect() makes a connection as Server.startup's
    create_protocol does for each accepted socket."""

    def __init__(self, asgi: Any) -> None:
        self.config = uvicorn.Config(
            asgi,
            http="httptools",
            loop="asyncio",
            lifespan="off",
            access_log=False,
            log_config=None,  # leave the embedding process's logging as it is
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        )
        # uvicorn warns of each request it cannot parse on its error logger; with no handler
        # configured, Python's last resort would print it on the JVM's stderr (the checks send
        # such requests on purpose). The answer, a 400, is what tells.
        logging.getLogger("uvicorn.error").addHandler(logging.NullHandler())
        logging.getLogger("uvicorn.error").propagate = False
        self.config.load()  # wraps the app in uvicorn's ProxyHeadersMiddleware, as a worker does
        self.server = uvicorn.Server(self.config)
        self.lifespan = self.config.lifespan_class(self.config)

    def new_loop(self) -> asyncio.AbstractEventLoop:
        factory = self.config.get_loop_factory()
        assert factory is not None
        return factory()

    def connect(self, loop: asyncio.AbstractEventLoop) -> memconn.MemoryConnection:
        protocol = HttpToolsProtocol(
            config=self.config, server_state=self.server.server_state, app_state=self.lifespan.state, _loop=loop
        )
        return memconn.MemoryConnection(loop, protocol)

    async def open(self) -> memconn.MemoryConnection:
        return self.connect(asyncio.get_running_loop())


class _Worker:
    """The server tier's uvicorn worker for one app: one event loop in a thread
    of its own, running Server.main_loop (which writes the Date header anew
    each second) as uvicorn's Server.run runs serve(). Daemon, so it never
    holds the interpreter's exit; stopped and joined at exit."""

    def __init__(self, uvicorn_server: _Uvicorn, app: str) -> None:
        self.uvicorn = uvicorn_server
        self.loop = uvicorn_server.new_loop()
        self.thread = threading.Thread(target=self._serve, name=f"crossbench uvicorn worker ({app})", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.uvicorn.server.main_loop())
        finally:
            _close_loop(self.loop)

    def call(self, coroutine: Any) -> Any:
        """Runs coroutine on the worker's loop and waits for its result (without the GIL)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(TIMEOUT_SECONDS)

    def stop(self) -> None:
        self.uvicorn.server.should_exit = True  # main_loop sees it within a tick (0.1 s)
        self.thread.join(TIMEOUT_SECONDS)


class _Connection(Kept):
    """A kept-alive in-memory connection to the app's server; exchange() is how
    the tier hands the request to the server's loop."""

    def __init__(self, raw: bytes) -> None:
        super().__init__(raw)
        self.request = raw
        self.conn: memconn.MemoryConnection

    def exchange(self, keep_body: bool, then_eof: bool) -> memconn.ResponseReader:
        raise NotImplementedError

    def _served(self, keep_body: bool, then_eof: bool) -> memconn.ResponseReader:
        if self.broken is not None:
            raise ConnectionError(f"kept request {self.name} cannot run: {self.broken}")
        reader = self.exchange(keep_body, then_eof)
        if reader.error is not None:
            self.broken = reader.error
            raise ConnectionError(f"{reader.error} (request {self.name})")
        return reader

    def run(self) -> tuple[int, int]:
        reader = self._served(False, False)
        if not reader.complete:
            self.broken = "the server closed its connection"
            raise ConnectionError(f"the server closed the connection of {self.name} without answering")
        return reader.status, reader.length

    def answer(self) -> tuple[int, str, bytes]:
        """On a fresh connection: the request, then the answer or the close. The client keeps its
        side open, as a keep-alive client does: uvicorn reads a half-close as a disconnect."""
        reader = self._served(True, False)
        if not reader.complete:
            return 0, "", b""
        return reader.status, reader.content_type.decode("latin-1"), reader.body

    def _timed_out(self) -> TimeoutError:
        self.broken = "an earlier request timed out"
        return TimeoutError(f"the server did not answer {self.name} within {TIMEOUT_SECONDS:g} s")


class _ServerConnection(_Connection):
    """The server tier: a connection on the app's worker."""

    def __init__(self, raw: bytes, app: _App) -> None:
        super().__init__(raw)
        self.worker = app.worker()
        self.conn = self.worker.call(self.worker.uvicorn.open())
        self.answered: queue.SimpleQueue[None] = queue.SimpleQueue()
        self.conn.ended = self._ended

    def _ended(self) -> None:
        self.answered.put(None)

    def exchange(self, keep_body: bool, then_eof: bool) -> memconn.ResponseReader:
        self.conn.begin(keep_body)
        self.worker.loop.call_soon_threadsafe(self.conn.send, self.request, then_eof)
        try:
            self.answered.get(timeout=TIMEOUT_SECONDS)  # waits without the GIL
        except queue.Empty:
            raise self._timed_out() from None
        return self.conn.reader

    def close(self) -> None:
        self.worker.call(_hang_up(self.conn))


async def _hang_up(conn: memconn.MemoryConnection) -> None:
    conn.close()
    await asyncio.sleep(0)  # the protocol's connection_lost runs


class _CallerConnection(_Connection):
    """The server-caller tier: a connection on an event loop of its own, run by the calling thread."""

    def __init__(self, raw: bytes, app: _App) -> None:
        super().__init__(raw)
        uvicorn_server = app.caller_uvicorn()
        self.loop = uvicorn_server.new_loop()
        self.conn = uvicorn_server.connect(self.loop)
        self.loop.run_until_complete(uvicorn_server.server.on_tick(0))  # the Date header, as of now
        self.answered: asyncio.Future[None] | None = None
        self.conn.ended = self._ended

    def _ended(self) -> None:
        if self.answered is not None and not self.answered.done():
            self.answered.set_result(None)

    def _time_out(self, answered: asyncio.Future[None]) -> None:
        if not answered.done():
            answered.set_exception(self._timed_out())

    def exchange(self, keep_body: bool, then_eof: bool) -> memconn.ResponseReader:
        answered = self.answered = self.loop.create_future()
        self.conn.begin(keep_body)
        self.loop.call_soon(self.conn.send, self.request, then_eof)
        timer = self.loop.call_later(TIMEOUT_SECONDS, self._time_out, answered)
        try:
            self.loop.run_until_complete(answered)
        finally:
            timer.cancel()
        return self.conn.reader

    def close(self) -> None:
        self.loop.run_until_complete(_hang_up(self.conn))
        _close_loop(self.loop)


# --- the apps, built once each on first use ------------------------------------------------


class _App:
    """One app (equalised or as-written): its store and FastAPI app, and its
    servers, each made on first use and shared by every thread."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.store = web.load_store(name)
        self.asgi = web.build_app(name, self.store)
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._caller_uvicorn: _Uvicorn | None = None

    def worker(self) -> _Worker:
        with self._lock:
            if self._worker is None:
                self._worker = _Worker(_Uvicorn(self.asgi), self.name)
                atexit.register(self._worker.stop)
            return self._worker

    def caller_uvicorn(self) -> _Uvicorn:
        with self._lock:
            if self._caller_uvicorn is None:
                self._caller_uvicorn = _Uvicorn(self.asgi)
            return self._caller_uvicorn


_APPS: dict[str, _App] = {}
_APPS_LOCK = threading.Lock()


def app(name: str) -> _App:
    with _APPS_LOCK:
        if name not in _APPS:
            _APPS[name] = _App(name)
        return _APPS[name]


# --- the http ops --------------------------------------------------------------------------

_KINDS = {"handler": _Handler, "framework": _Framework, "server": _ServerConnection, "server-caller": _CallerConnection}
TIERS = tuple(_KINDS)  # lane.py's HTTP_TIERS, in the order of OPS.md's n
_KEPT: dict[int, Kept] = {}
_HANDLES = itertools.count(1)


def _prepare(raw: bytes, app_name: str, tier: str) -> Kept:
    if tier not in _KINDS:
        raise ValueError(f"no HTTP tier '{tier}'; tiers: {', '.join(TIERS)}")
    return _KINDS[tier](raw, app(app_name))


def keep(raw: bytes, app_name: str, tier: str) -> int:
    """Prepares the request for the tier once; its handle."""
    kept = _prepare(raw, app_name, tier)
    handle = next(_HANDLES)
    _KEPT[handle] = kept
    return handle


def _kept(handle: int) -> Kept:
    try:
        return _KEPT[handle]
    except KeyError:
        raise ValueError(f"no kept request {handle}") from None


def run(handle: int) -> tuple[int, int]:
    """Serves the kept request once: (status, body length)."""
    kept = _kept(handle)
    if not kept.lock.acquire(blocking=False):
        raise RuntimeError(f"kept request {handle} is running on another thread: each thread keeps its own")
    try:
        return kept.run()
    finally:
        kept.lock.release()


def check(raw: bytes, app_name: str, tier: str) -> tuple[int, str, bytes]:
    """Serves the request once on a fresh connection: (status, content type, body)."""
    kept = _prepare(raw, app_name, tier)
    try:
        return kept.answer()
    finally:
        kept.close()


def release(handle: int) -> None:
    kept = _KEPT.pop(handle, None)
    if kept is None:
        raise ValueError(f"no kept request {handle}")
    with kept.lock:  # waits for a run in flight on another thread
        kept.close()
