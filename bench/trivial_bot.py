"""The floor for `bench.interactions`: a discord.py bot that only answers "ok".

It runs as its own process like the real bot (`python -m bench.trivial_bot`), reads the same
DISCORD_TOKEN and DISCORD_API_BASE, runs on the same event loop (uvloop when installed) with
the same garbage collector settings and REST connection limit, and answers `/ok` with one
REST call: what discord.py alone costs per interaction.
"""

from __future__ import annotations

import asyncio
import os

import discord
from aiohttp import TCPConnector
from discord import app_commands

from bot.adapter.client import settle_collector
from bot.adapter.discord_api import configure_api_base, discover_gateway
from bot.app import REST_CONNECTIONS, event_loop_factory


async def serve(token: str, base: str) -> None:
    configure_api_base(base)
    await discover_gateway(base, token)
    intents = discord.Intents.none()
    intents.guilds = True
    client = discord.Client(intents=intents, connector=TCPConnector(limit=REST_CONNECTIONS))
    tree = app_commands.CommandTree(client)

    @tree.command(name="ok", description="Answers ok")
    async def ok(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok", ephemeral=True)

    async def setup_hook() -> None:
        await tree.sync()
        settle_collector()

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    async with client:
        await client.start(token)


def main() -> None:
    token, base = os.environ["DISCORD_TOKEN"], os.environ["DISCORD_API_BASE"]
    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        runner.run(serve(token, base))


if __name__ == "__main__":
    main()
