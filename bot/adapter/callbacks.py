"""Interaction callbacks of a body known in advance, written straight onto kept-alive HTTP/1.1
connections to Discord's REST base.

Past capacity every interaction turned away costs CPU the answers need: at twice capacity the
bot must spend at most half an answer's CPU on each. Through discord.py a shed is a `Route`, the
webhook adapter's lock per interaction, aiohttp's request (its URL, headers, connector, response
object) and a task of its own, about as much CPU as a whole cheap answer. Here the request is
bytes, the interaction's id and token around a body encoded once, written on an idle connection
the moment the gate decides, with no task: of the response only the status is read (the
answers parsed by httptools, llhttp's binding, as they arrive).

Nothing is sent after its deadline, a request whose connection closed before any answer (a
kept-alive connection the other end had just closed) is sent again on a fresh one, and so is
one answered 5xx, while the deadline allows; when Discord says the interaction was answered
already, the first copy got through. Answers (`send`: `bot.adapter.respond` sends them here
too) go before the sheds waiting, and a request no answer comes for is given up with its
connection. What is not done: proxies (the caller sends through discord.py when the client has
one), redirects, and reading any answer beyond its status and body (the bodies sent here ask
for none).
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast
from urllib.parse import quote

import httptools
import yarl

log = logging.getLogger(__name__)

# A connection that fails before answering: sent again on another, this many times at most.
RETRIES = 2
# How long past its deadline a request written in time is waited for.
PATIENCE = 10.0
# Discord's error code for an interaction answered already (in the body of a 400).
_ACKNOWLEDGED = b"40060"

# What happens to a request in the end: its HTTP status (0: none came) and the answer's body.
Done = Callable[[int, bytes], None]


@dataclass(slots=True, eq=False)
class _Request:
    data: bytes
    deadline: float  # the loop's time after which it is not sent
    done: Done
    urgent: bool  # an answer: sent before any shed waiting
    timer: asyncio.TimerHandle | None = None  # gives up on the answer
    tries: int = 0
    connection: _Connection | None = None  # while written on one, awaiting its answer


class Callbacks:
    """POSTs of fixed JSON bodies to paths under a REST base, over kept-alive connections.

    `post` writes at once when a connection is idle, else queues (answers before sheds); at
    most `connections` are open. `pending` counts the requests queued or awaiting their
    answer. A request's answer is waited for until `patience` seconds past its deadline: then
    its connection is dropped (a server that hangs) and it ends with status 0.
    """

    def __init__(
        self, base: str, user_agent: str, connections: int = 64, patience: float = PATIENCE
    ) -> None:
        url = yarl.URL(base)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"not an http(s) URL: {base!r}")
        self._host = url.host
        self._port = url.port or (443 if url.scheme == "https" else 80)
        self._ssl: ssl.SSLContext | None = (
            ssl.create_default_context() if url.scheme == "https" else None
        )
        self._prefix = url.raw_path.rstrip("/")
        host = url.raw_host if url.is_default_port() else f"{url.raw_host}:{url.port}"
        self._head = (
            f"Host: {host}\r\nUser-Agent: {user_agent}\r\nContent-Type: application/json\r\n"
        ).encode("latin-1")
        self._limit = connections
        self._patience = patience
        self._idle: list[_Connection] = []
        self._open: set[_Connection] = set()
        self._opening = 0
        self._urgent: deque[_Request] = deque()
        self._queue: deque[_Request] = deque()
        self._waiting = 0  # written, answer not read yet
        self._closed = False

    @property
    def pending(self) -> int:
        return len(self._urgent) + len(self._queue) + self._waiting

    def request(self, path: str, body: bytes) -> bytes:
        """The whole HTTP/1.1 request for a POST of `body` (JSON) to `path` under the base."""
        line = f"POST {self._prefix}{path} HTTP/1.1\r\n".encode("latin-1")
        length = f"Content-Length: {len(body)}\r\n\r\n".encode("latin-1")
        return line + self._head + length + body

    def post(self, path: str, body: bytes, deadline: float, done: Done) -> None:
        """Send the POST unless the loop's clock passes `deadline` first; `done` gets the
        status (0 when none came: not sent in time, no connection, no answer) and the body."""
        self._post(path, body, deadline, done, urgent=False)

    async def send(self, path: str, body: bytes, deadline: float) -> tuple[int, bytes]:
        """An answer's POST, ahead of the sheds waiting, awaited: the status (0 when none
        came) and the body."""
        answer: asyncio.Future[tuple[int, bytes]] = asyncio.get_running_loop().create_future()

        def done(status: int, body: bytes) -> None:
            if not answer.done():  # the caller may have stopped waiting
                answer.set_result((status, body))

        self._post(path, body, deadline, done, urgent=True)
        return await answer

    def close(self) -> None:
        """Close every connection; what is queued or unanswered ends with status 0."""
        self._closed = True
        for connection in list(self._open):
            connection.abort()
        self._fail_queue()

    def _post(self, path: str, body: bytes, deadline: float, done: Done, *, urgent: bool) -> None:
        request = _Request(self.request(path, body), deadline, done, urgent)
        if self._closed:
            done(0, b"")
            return
        loop = asyncio.get_running_loop()
        request.timer = loop.call_at(deadline + self._patience, self._give_up, request)
        (self._urgent if urgent else self._queue).append(request)
        self._pump()

    def _finish(self, request: _Request, status: int, body: bytes) -> None:
        if request.timer is not None:
            request.timer.cancel()
        request.done(status, body)

    def _give_up(self, request: _Request) -> None:
        """No answer in time: a request still written on its connection (a server that
        hangs) ends with that connection; one still queued ends now."""
        request.tries = RETRIES  # not sent again
        if request.connection is not None:
            request.connection.abort()  # its end completes the request
            return
        for queue in (self._urgent, self._queue):
            if request in queue:
                queue.remove(request)
                self._finish(request, 0, b"")

    # -- the connections --------------------------------------------------------------------

    def _next(self) -> _Request:
        return self._urgent.popleft() if self._urgent else self._queue.popleft()

    def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        while (self._urgent or self._queue) and self._idle:
            request = self._next()
            if now > request.deadline:
                self._finish(request, 0, b"")
                continue
            self._waiting += 1
            self._idle.pop().send(request)
        queued = len(self._urgent) + len(self._queue)
        wanted = min(queued, self._limit - len(self._open)) - self._opening
        for _ in range(max(0, wanted)):
            self._opening += 1
            task = loop.create_task(self._connect(loop))
            task.add_done_callback(_drop)

    async def _connect(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            _, connection = await loop.create_connection(
                lambda: _Connection(self),
                self._host,
                self._port,
                ssl=self._ssl,
                server_hostname=self._host if self._ssl else None,
            )
        except OSError:
            self._opening -= 1
            log.warning("cannot connect to %s:%s for callbacks", self._host, self._port)
            if not self._open and not self._opening:
                self._fail_queue()  # nothing would ever take them
            return
        self._opening -= 1
        if self._closed:
            connection.abort()
            return
        self._open.add(connection)
        self._idle.append(connection)
        self._pump()

    def _fail_queue(self) -> None:
        while self._urgent or self._queue:
            self._finish(self._next(), 0, b"")

    def _answered(
        self, connection: _Connection, request: _Request, status: int, body: bytes
    ) -> None:
        self._waiting -= 1
        if request.tries and status == 400 and _ACKNOWLEDGED in body:
            # Sent again after its connection dropped, Discord had taken it the first time.
            status, body = 204, b""
        if status < 500 or not self._again(request):
            self._finish(request, status, body)
        if connection.reusable:
            self._idle.append(connection)
        self._pump()

    def _lost(self, connection: _Connection, request: _Request | None) -> None:
        self._open.discard(connection)
        if connection in self._idle:
            self._idle.remove(connection)
        if request is not None:
            self._waiting -= 1
            if not self._again(request):
                self._finish(request, 0, b"")
        if not self._closed:
            self._pump()

    def _again(self, request: _Request) -> bool:
        """Queue `request` once more, first in line, if its tries and deadline allow."""
        if self._closed or request.tries >= RETRIES:
            return False
        if asyncio.get_running_loop().time() > request.deadline:
            return False
        request.tries += 1
        (self._urgent if request.urgent else self._queue).appendleft(request)
        return True


_URL_SAFE = re.compile(r"[A-Za-z0-9._~-]*")


def callback_path(interaction_id: int, token: str) -> str:
    """The path of an interaction's callback under the REST base."""
    # Discord's tokens need no quoting; `quote` was a fiftieth of a shed's CPU.
    safe = token if _URL_SAFE.fullmatch(token) else quote(token, safe="")
    return f"/interactions/{interaction_id}/{safe}/callback"


def _drop(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("opening a callback connection failed", exc_info=task.exception())


class _Connection(asyncio.Protocol):
    """One kept-alive connection: one request at a time, the answer read as it comes."""

    def __init__(self, pool: Callbacks) -> None:
        self._pool = pool
        self._transport: asyncio.Transport | None = None
        self._answers = _Answers()
        self._request: _Request | None = None
        self.reusable = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not subclasses of asyncio's, only alike.
        self._transport = cast(asyncio.Transport, transport)

    def send(self, request: _Request) -> None:
        """Write `request`; the answer (or the connection's end) completes it."""
        self._request = request
        request.connection = self
        transport = self._transport
        assert transport is not None  # idle only once made
        if transport.is_closing():
            # Closed by the other end a moment ago: its end, still to come, hands the
            # request back to the pool.
            self.reusable = False
            transport.abort()
            return
        transport.write(request.data)

    def abort(self) -> None:
        if self._transport is not None:
            self._transport.abort()

    def data_received(self, data: bytes) -> None:
        try:
            answers = self._answers.feed(data)
        except httptools.HttpParserError:
            log.warning("an answer to a callback could not be read; its connection is dropped")
            self.reusable = False
            self.abort()  # its end hands the request back to the pool
            return
        for status, body, close in answers:
            self._answered(status, body, close)

    def _answered(self, status: int, body: bytes, close: bool) -> None:
        request, self._request = self._request, None
        if request is None:
            self.reusable = False  # an answer to nothing: the connection is out of step
            self.abort()
            return
        request.connection = None
        if close:
            self.reusable = False
            self.abort()
        self._pool._answered(self, request, status, body)

    def connection_lost(self, exc: Exception | None) -> None:
        self.reusable = False
        request, self._request = self._request, None
        if request is not None:
            request.connection = None
        self._pool._lost(self, request)


class _Answers:
    """The answers on one connection, read by httptools (llhttp) as their bytes arrive."""

    def __init__(self) -> None:
        self._parser = httptools.HttpResponseParser(self)
        self._body = bytearray()
        self._done: list[tuple[int, bytes, bool]] = []

    def feed(self, data: bytes) -> list[tuple[int, bytes, bool]]:
        """(status, body, whether the server closes) of each answer `data` completes; interim
        (1xx) answers are skipped. Raises httptools.HttpParserError on what is no answer."""
        self._parser.feed_data(data)
        done, self._done = self._done, []
        return done

    # httptools' callbacks
    def on_body(self, body: bytes) -> None:
        self._body += body

    def on_message_complete(self) -> None:
        status = self._parser.get_status_code()
        body, self._body = bytes(self._body), bytearray()
        if status >= 200:
            self._done.append((status, body, not self._parser.should_keep_alive()))
