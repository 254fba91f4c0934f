"""The real bot (create_bot + discord.py) against the fake Discord, on a fresh SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.adapter.client import CoachBot
from bot.app import create_bot
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, FakeUser, limits, pointed_at, running_client

ALICE = FakeUser(id=310000000000000001, username="alice")
BOB = FakeUser(id=310000000000000002, username="bob")
CARA = FakeUser(id=310000000000000003, username="cara")
DAN = FakeUser(id=310000000000000004, username="dan")


def bot_settings(fake: FakeDiscord, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "discord_token": fake.token,
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        "discord_api_base": fake.api_base,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(default_user=ALICE) as server:
        yield server
        assert_nothing_refused(server)


@pytest.fixture
async def bot(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[CoachBot]:
    async with pointed_at(fake):
        client = await create_bot(bot_settings(fake, tmp_path), guild_ready_timeout=0.05)
        async with running_client(client, fake):
            yield client
    assert not fake.errors, fake.errors
    assert_nothing_refused(fake)


def assert_nothing_refused(fake: FakeDiscord) -> None:
    """Every test guards Discord's limits: nothing the bot sent was over one."""
    refusals = [
        f"{r.method} {r.path}: {'; '.join(limits.describe(r.error['errors']))}"
        for r in fake.refused
    ]
    assert not refusals, refusals


RunningBot = Callable[[], AbstractAsyncContextManager[CoachBot]]


@pytest.fixture
def run_bot(fake: FakeDiscord, tmp_path: Path) -> RunningBot:
    """Start a bot on this test's SQLite file; call it again after closing for a restart."""

    @asynccontextmanager
    async def running() -> AsyncIterator[CoachBot]:
        async with pointed_at(fake):
            client = await create_bot(bot_settings(fake, tmp_path), guild_ready_timeout=0.05)
            async with running_client(client, fake):
                yield client
        assert not fake.errors, fake.errors

    return running
