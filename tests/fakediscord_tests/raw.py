"""Plain aiohttp clients for the fake Discord: REST calls and a bare gateway connection, to
check what the fake answers without discord.py in between."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from tests.fakediscord import FakeDiscord, SentInteraction


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str]


class Rest:
    """REST calls with the bot token, answers read whatever the status."""

    def __init__(self, fake: FakeDiscord, session: aiohttp.ClientSession) -> None:
        self.fake = fake
        self.session = session

    async def call(self, method: str, path: str, body: Any = None, **params: str) -> Answer:
        headers = {"Authorization": f"Bot {self.fake.token}"}
        async with self.session.request(
            method, self.fake.api_base + path, json=body, headers=headers, params=params
        ) as response:
            text = await response.text()
            try:
                data: Any = json.loads(text) if text else None
            except ValueError:
                data = text
            return Answer(response.status, data, dict(response.headers))

    async def post_message(self, body: Any, channel_id: int | None = None) -> Answer:
        channel = channel_id or self.fake.guild.text_channel.id
        return await self.call("POST", f"/channels/{channel}/messages", body)

    async def callback(self, sent: SentInteraction, body: Any) -> Answer:
        return await self.call("POST", f"/interactions/{sent.id}/{sent.token}/callback", body)

    async def followup(self, sent: SentInteraction, body: Any) -> Answer:
        return await self.call(
            "POST", f"/webhooks/{sent.application_id}/{sent.token}", body, wait="true"
        )

    async def edit_original(self, sent: SentInteraction, body: Any) -> Answer:
        path = f"/webhooks/{sent.application_id}/{sent.token}/messages/@original"
        return await self.call("PATCH", path, body)


@contextlib.asynccontextmanager
async def rest_client(fake: FakeDiscord) -> AsyncIterator[Rest]:
    async with aiohttp.ClientSession() as session:
        yield Rest(fake, session)


@dataclass
class RawGateway:
    """One gateway connection: HELLO read, IDENTIFY sent, every later payload collected."""

    ws: aiohttp.ClientWebSocketResponse
    received: list[dict[str, Any]] = field(default_factory=list)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                if message.type == aiohttp.WSMsgType.TEXT:
                    self.received.append(json.loads(message.data))
                    self.arrived.set()
        finally:
            self.closed.set()

    def events(self, name: str) -> list[dict[str, Any]]:
        return [p["d"] for p in self.received if p.get("t") == name]

    async def wait_for(self, name: str, count: int = 1, timeout: float = 2.0) -> None:  # noqa: ASYNC109
        async with asyncio.timeout(timeout):
            while len(self.events(name)) < count:
                self.arrived.clear()
                await self.arrived.wait()

    async def close_code(self, timeout: float = 2.0) -> int | None:  # noqa: ASYNC109
        async with asyncio.timeout(timeout):
            await self.closed.wait()
        return self.ws.close_code


@contextlib.asynccontextmanager
async def raw_gateway(
    fake: FakeDiscord, shard: list[int] | None = None, *, intents: int = 513
) -> AsyncIterator[RawGateway]:
    identify: dict[str, Any] = {
        "token": fake.token,
        "intents": intents,
        "properties": {"os": "linux", "browser": "test", "device": "test"},
    }
    if shard is not None:
        identify["shard"] = shard
    async with aiohttp.ClientSession() as session, session.ws_connect(fake.gateway_url) as ws:
        hello = await ws.receive_json()
        assert hello["op"] == 10
        await ws.send_json({"op": 2, "d": identify})
        gateway = RawGateway(ws)
        reader = asyncio.create_task(gateway._read())
        try:
            yield gateway
        finally:
            await ws.close()
            await reader
