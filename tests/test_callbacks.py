"""Shed callbacks written straight onto kept-alive connections: each sent once, none after its
deadline, and one whose connection the other end closed sent again on a fresh one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import discord
import httptools
import pytest

from bot.adapter.callbacks import Callbacks, _Answers, callback_path
from bot.adapter.respond import _refusal
from bot.app import event_loop_factory

BODY = b'{"type":4,"data":{"content":"busy","flags":64}}'
NO_CONTENT = b"HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n"


class Server:
    """An HTTP/1.1 server that answers each request with the next of `answers` (bytes, or
    None: close the connection without answering), and records what it read."""

    def __init__(self, answers: Callable[[int], bytes | None]) -> None:
        self.answers = answers
        self.requests: list[tuple[int, bytes, bytes]] = []  # connection, head, body
        self.connections = 0
        self.server: asyncio.Server | None = None

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        connection = self.connections
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                body = await reader.readexactly(length)
                self.requests.append((connection, head, body))
                answer = self.answers(len(self.requests))
                if answer is None:
                    break
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    @property
    def base(self) -> str:
        assert self.server is not None
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/api/v10"


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[Callable[[int], bytes | None]], Server]]:
    servers: list[Server] = []

    async def start(answers: Callable[[int], bytes | None]) -> Server:
        server = Server(answers)
        server.server = await asyncio.start_server(server.handle, "127.0.0.1", 0)
        servers.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in servers:
        assert server.server is not None
        server.server.close()


async def posted(callbacks: Callbacks, path: str, deadline: float = 5.0) -> tuple[int, bytes]:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[tuple[int, bytes]] = loop.create_future()
    callbacks.post(path, BODY, loop.time() + deadline, lambda s, b: done.set_result((s, b)))
    return await done


async def test_sheds_go_one_after_another_on_one_kept_alive_connection(serve) -> None:  # type: ignore[no-untyped-def]
    server = await serve(lambda _: NO_CONTENT)
    callbacks = Callbacks(server.base, "DiscordBot (test, 1)")
    try:
        for i in range(3):
            assert await posted(callbacks, f"/interactions/{i}/tok{i}/callback") == (204, b"")
    finally:
        callbacks.close()
    assert server.connections == 1
    assert [body for _, _, body in server.requests] == [BODY] * 3
    head = server.requests[2][1].decode()
    assert head.startswith("POST /api/v10/interactions/2/tok2/callback HTTP/1.1\r\n")
    assert "Content-Type: application/json\r\n" in head
    assert "User-Agent: DiscordBot (test, 1)\r\n" in head
    assert f"Host: {server.base.split('/')[2]}\r\n" in head
    assert callbacks.pending == 0


async def test_a_connection_closed_without_an_answer_is_sent_again_on_a_fresh_one(serve) -> None:  # type: ignore[no-untyped-def]
    # The first request's connection is closed unanswered (a kept-alive connection the other
    # end had given up): the same request goes again, once, and is answered.
    server = await serve(lambda n: None if n == 1 else NO_CONTENT)
    callbacks = Callbacks(server.base, "ua")
    try:
        assert await posted(callbacks, "/interactions/1/t/callback") == (204, b"")
    finally:
        callbacks.close()
    assert server.connections == 2
    assert [body for _, _, body in server.requests] == [BODY, BODY]


async def test_a_server_error_is_tried_again_and_a_refusal_is_not(serve) -> None:  # type: ignore[no-untyped-def]
    error = b'{"message": "Unknown interaction", "code": 10062}'
    answers = {
        1: b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
        2: NO_CONTENT,
        3: b"HTTP/1.1 404 Not Found\r\nContent-Length: %d\r\n\r\n%s" % (len(error), error),
    }
    server = await serve(answers.__getitem__)
    callbacks = Callbacks(server.base, "ua")
    try:
        assert await posted(callbacks, "/interactions/1/t/callback") == (204, b"")
        assert await posted(callbacks, "/interactions/2/t/callback") == (404, error)
    finally:
        callbacks.close()
    assert len(server.requests) == 3


async def test_nothing_is_sent_past_its_deadline(serve) -> None:  # type: ignore[no-untyped-def]
    server = await serve(lambda _: NO_CONTENT)
    callbacks = Callbacks(server.base, "ua")
    try:
        assert await posted(callbacks, "/interactions/1/t/callback", deadline=-0.1) == (0, b"")
    finally:
        callbacks.close()
    assert server.requests == []


async def test_nothing_to_connect_to_ends_every_request_unsent() -> None:
    callbacks = Callbacks("http://127.0.0.1:9/api/v10", "ua")
    try:
        assert await posted(callbacks, "/interactions/1/t/callback") == (0, b"")
    finally:
        callbacks.close()
    assert callbacks.pending == 0


async def test_an_answer_awaited_gets_its_status_and_body(serve) -> None:  # type: ignore[no-untyped-def]
    error = b'{"message": "Invalid Form Body", "code": 50035}'
    answers = {
        1: NO_CONTENT,
        2: b"HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n%s" % (len(error), error),
    }
    server = await serve(answers.__getitem__)
    callbacks = Callbacks(server.base, "ua")
    deadline = asyncio.get_running_loop().time() + 3
    try:
        assert await callbacks.send("/interactions/1/t/callback", BODY, deadline) == (204, b"")
        assert await callbacks.send("/interactions/2/t/callback", BODY, deadline) == (400, error)
    finally:
        callbacks.close()
    assert callbacks.pending == 0


async def test_an_answer_that_never_comes_ends_with_its_connection(serve) -> None:  # type: ignore[no-untyped-def]
    # A server that reads the request and hangs: the wait ends after its patience, with no
    # status, and the connection is not used again (the next request gets a fresh one).
    server = await serve(lambda n: b"" if n == 1 else NO_CONTENT)
    callbacks = Callbacks(server.base, "ua", patience=0.2)
    loop = asyncio.get_running_loop()
    try:
        hung = await callbacks.send("/interactions/1/t/callback", BODY, loop.time() + 0.1)
        assert hung == (0, b"")
        assert callbacks.pending == 0
        assert await posted(callbacks, "/interactions/2/t/callback") == (204, b"")
    finally:
        callbacks.close()
    assert server.connections == 2
    assert len(server.requests) == 2  # the hung one was not sent again


async def test_a_shed_that_never_gets_an_answer_ends_too(serve) -> None:  # type: ignore[no-untyped-def]
    server = await serve(lambda n: b"")
    callbacks = Callbacks(server.base, "ua", patience=0.2)
    try:
        assert await posted(callbacks, "/interactions/1/t/callback", deadline=0.1) == (0, b"")
        assert callbacks.pending == 0
    finally:
        callbacks.close()


async def test_answers_go_before_the_sheds_waiting(serve) -> None:  # type: ignore[no-untyped-def]
    server = await serve(lambda _: NO_CONTENT)
    callbacks = Callbacks(server.base, "ua", connections=1)
    loop = asyncio.get_running_loop()
    answer = b'{"type":4,"data":{"content":"your routine"}}'
    try:
        # Queued before the one connection is open: three sheds, then an answer.
        sheds = [posted(callbacks, f"/interactions/{n}/t/callback") for n in (1, 2, 3)]
        sent = callbacks.send("/interactions/4/t/callback", answer, loop.time() + 5)
        results = await asyncio.gather(*sheds, sent)
    finally:
        callbacks.close()
    assert results == [(204, b"")] * 4
    assert [body for _, _, body in server.requests] == [answer, BODY, BODY, BODY]


async def test_a_callback_sent_again_that_discord_had_taken_counts_as_answered(serve) -> None:  # type: ignore[no-untyped-def]
    # Discord took the first copy, then the connection dropped before its answer: the copy
    # sent again is refused as answered already, which is the first copy's success.
    taken = b'{"message": "Interaction has already been acknowledged.", "code": 40060}'
    refused = b"HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n%s" % (len(taken), taken)
    server = await serve(lambda n: None if n == 1 else refused)
    callbacks = Callbacks(server.base, "ua")
    deadline = asyncio.get_running_loop().time() + 3
    try:
        assert await callbacks.send("/interactions/1/t/callback", BODY, deadline) == (204, b"")
        # Not sent again: the same refusal stands.
        assert await callbacks.send("/interactions/2/t/callback", BODY, deadline) == (400, taken)
    finally:
        callbacks.close()


def test_answers_are_read_whole_from_what_has_arrived() -> None:
    answers = _Answers()
    # The body is not all there yet; an interim answer is no answer.
    interim_then_part = (
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"
    )
    assert answers.feed(interim_then_part) == []
    assert answers.feed(b"cdHTTP/1.1 204") == [(200, b"abcd", False)]
    assert answers.feed(b" No Content\r\n\r\n") == [(204, b"", False)]
    chunked = _Answers()
    assert chunked.feed(
        b"HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
    ) == [(400, b"abcde", True)]
    with pytest.raises(httptools.HttpParserError):
        _Answers().feed(b"not an answer\r\n\r\n")


def test_sheds_go_out_on_the_bots_own_event_loop_too() -> None:
    # The bot runs on uvloop where installed, whose transports are not asyncio's classes.
    async def main() -> tuple[int, bytes]:
        server = Server(lambda _: NO_CONTENT)
        server.server = await asyncio.start_server(server.handle, "127.0.0.1", 0)
        callbacks = Callbacks(server.base, "ua")
        try:
            # A bound only so that a failure ends: the answer comes within milliseconds.
            return await asyncio.wait_for(posted(callbacks, "/interactions/1/t/callback"), 30)
        finally:
            callbacks.close()
            server.server.close()

    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        assert runner.run(main()) == (204, b"")


def test_a_callback_path_quotes_only_a_token_that_needs_it() -> None:
    token = "aW50ZXJhY3Rpb24.6-_~"
    assert callback_path(7, token) == f"/interactions/7/{token}/callback"
    assert callback_path(7, "a/b c") == "/interactions/7/a%2Fb%20c/callback"


def test_a_refused_answer_raises_what_discord_py_would() -> None:
    expired = _refusal(404, b'{"message": "Unknown interaction", "code": 10062}')
    assert isinstance(expired, discord.NotFound) and expired.code == 10062
    assert isinstance(_refusal(403, b"{}"), discord.Forbidden)
    assert isinstance(_refusal(503, b"upstream"), discord.DiscordServerError)
    invalid = _refusal(400, b'{"message": "Invalid Form Body", "code": 50035}')
    assert type(invalid) is discord.HTTPException and invalid.code == 50035
    unanswered = _refusal(0, b"")
    assert type(unanswered) is discord.HTTPException and unanswered.status == 0
