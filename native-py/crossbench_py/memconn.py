"""One in-memory HTTP/1.1 connection to an asyncio server protocol, with no
socket: the server's transport on one side, the client's response reader on
the other. It stands in for asyncio's socket transport as uvicorn's own tests
(tests/protocols/test_http.py, MockTransport) stand in for it, and behaves as
asyncio's selector transport does where the server can see it:

- the peer's half-close is eof_received(), and a protocol that answers it with
  a false value (uvicorn's HttpToolsProtocol does) has its transport closed;
- close() calls the protocol's connection_lost(None) on the loop's next turn;
- writes after close() are dropped.

Everything but begin() runs on the connection's event loop. An exchange is
begin(), then send(); `ended` is called on the loop, once per exchange, when
the response is complete, the server closed the connection, or what it wrote
is not a response.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable

import httptools

# What the server sees of the peer (uvicorn writes them into the ASGI scope).
SERVER_ADDRESS = ("127.0.0.1", 8000)
CLIENT_ADDRESS = ("127.0.0.1", 50000)


class ResponseReader:
    """The client's side: parses what the server writes (httptools' response
    parser, framed by Content-Length or chunked encoding) into one answer."""

    def __init__(self) -> None:
        self._parser = httptools.HttpResponseParser(self)
        self.reset()

    def reset(self) -> None:
        self.status = 0
        self.content_type = b""
        self.length = 0
        self.chunks: list[bytes] | None = None  # the body, when kept
        self.complete = False
        self.error: str | None = None

    def keep_body(self) -> None:
        self.chunks = []

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks or ())

    def feed(self, data: bytes) -> None:
        if self.error is not None:
            return
        if self.complete:
            self.error = f"the server wrote {len(data)} bytes after its answer was complete"
            return
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as e:
            self.error = f"the server's answer is not HTTP/1.1: {e}"

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == b"content-type":
            self.content_type = value

    def on_body(self, body: bytes) -> None:
        self.length += len(body)
        if self.chunks is not None:
            self.chunks.append(body)

    def on_message_complete(self) -> None:
        self.status = self._parser.get_status_code()
        self.complete = True


class MemoryConnection(asyncio.Transport):
    """The server's transport of one connection, and the client's handle on it."""

    def __init__(self, loop: asyncio.AbstractEventLoop, protocol: asyncio.Protocol) -> None:
        super().__init__()
        self.loop = loop
        self.reader = ResponseReader()
        self.ended: Callable[[], None] = lambda: None  # set by the client
        self.closed = False
        self._exchanging = False
        self.reading = True
        self._protocol = protocol
        protocol.connection_made(self)

    # --- the client's side ---

    def begin(self, keep_body: bool = False) -> None:
        """Before send(), on any thread while the server is idle: a new exchange."""
        self.reader.reset()
        if keep_body:
            self.reader.keep_body()
        self._exchanging = True

    def _end(self) -> None:
        if self._exchanging:
            self._exchanging = False
            self.ended()

    def send(self, request: bytes, then_eof: bool = False) -> None:
        """The request's bytes arrive at the server; then_eof: the client then
        ends its side, which the server sees on the loop's next turn (as a
        socket's EOF is a read of its own)."""
        if self.closed:  # the server closed it after its last answer: nothing to send on
            self._end()
            return
        self._protocol.data_received(request)
        if then_eof:
            self.loop.call_soon(self._eof)

    def _eof(self) -> None:
        if not self.closed and not self._protocol.eof_received():
            self.close()

    # --- asyncio.Transport, as the server uses it ---

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": SERVER_ADDRESS, "peername": CLIENT_ADDRESS}.get(name, default)

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self.closed:
            return
        reader = self.reader
        reader.feed(bytes(data))
        if reader.complete or reader.error is not None:
            self._end()

    def writelines(self, list_of_data: Any) -> None:
        self.write(b"".join(list_of_data))

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.loop.call_soon(self._protocol.connection_lost, None)
        self._end()

    def abort(self) -> None:
        self.close()

    def is_closing(self) -> bool:
        return self.closed

    def pause_reading(self) -> None:
        self.reading = False  # the whole request is already in the server's hands

    def resume_reading(self) -> None:
        self.reading = True

    def is_reading(self) -> bool:
        return self.reading

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._protocol = protocol  # type: ignore[assignment]

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._protocol

    def get_write_buffer_size(self) -> int:
        return 0

    def can_write_eof(self) -> bool:
        return False
