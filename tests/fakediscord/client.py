"""Helpers to run a real discord.py client against a :class:`FakeDiscord`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

import discord
import discord.gateway
import discord.http

from bot.adapter.discord_api import configure_api_base, discover_gateway

from .server import FakeDiscord


@contextlib.contextmanager
def restored_discord_endpoints() -> Iterator[None]:
    """Put discord.py's REST base and default gateway back as they were on exit."""
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        yield
    finally:
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@contextlib.asynccontextmanager
async def pointed_at(fake: FakeDiscord) -> AsyncIterator[None]:
    """Point discord.py (REST and gateway) at ``fake`` for the duration of the block."""
    with restored_discord_endpoints():
        configure_api_base(fake.api_base)
        await discover_gateway(fake.api_base, fake.token)
        yield


@contextlib.asynccontextmanager
async def running_client(
    client: discord.Client,
    fake: FakeDiscord,
    *,
    timeout: float = 5.0,  # noqa: ASYNC109
    reconnect: bool = False,
) -> AsyncIterator[discord.Client]:
    """Log ``client`` in, connect it and wait for ``on_ready``; close it cleanly on exit.

    discord.py must already point at ``fake`` (see :func:`pointed_at`). Build the client with
    a small ``guild_ready_timeout`` (e.g. 0.05), or ``on_ready`` comes 2 s after the last
    GUILD_CREATE. With ``reconnect=False`` (the default) a network error or an unexpected close
    ends the client instead of retrying with back-off; RECONNECT, INVALID SESSION and resumable
    close codes (e.g. 4000) are still handled by discord.py either way.
    """
    try:
        await client.login(fake.token)
    except BaseException:
        await client.close()
        raise
    connection = asyncio.create_task(
        client.connect(reconnect=reconnect), name="fake-discord-client"
    )
    try:
        ready = asyncio.create_task(client.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, connection}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            if connection in done:
                connection.result()  # re-raise why the connection ended
            raise TimeoutError(f"client not ready within {timeout}s")
        yield client
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(connection, timeout=timeout)
