"""The database gone for a while exactly when a weekly check-in is due, and SQLite's disk full.

The check-in is claimed and posted once the database answers again, within the week's grace
window, without a restart; the Discord side is the scripted stand-in of the delivery tests.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event, text

from bot.services.checkin_posting import CheckInPosting, WeekState
from bot.services.delivery import DeliveryService
from bot.storage import CheckInPosts, CheckInSchedules, Database, DatabaseBusy, Preferences
from bot.storage.deliveries import Deliveries
from tests.storage.conftest import POSTGRES_URL, _fresh_schema, _reopen_args, _schema
from tests.storage.test_delivery_service import Discord

GUILD, CHANNEL = 5 << 22, 77


class Outage:
    """A TCP relay in front of PostgreSQL that can go dark and come back on the same port."""

    def __init__(self) -> None:
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.StreamWriter] = set()

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._pipes):
            writer.close()
        await self._server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", 5432)
        self._pipes |= {writer, up_writer}

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.rules.delivery.FIRST_RETRY_SECONDS", 0.1)
    monkeypatch.setattr("bot.rules.delivery.LONGEST_RETRY_SECONDS", 0.5)


@pytest.fixture
async def relayed(postgres_url: str) -> AsyncIterator[tuple[Database, Outage]]:
    outage = Outage()
    await outage.up()
    async with _fresh_schema(postgres_url) as schema:
        url = POSTGRES_URL.replace("127.0.0.1:5432", f"127.0.0.1:{outage.port}")
        database = Database(
            url, connect_args={"server_settings": {"search_path": schema}}, connect_timeout=1
        )
        try:
            await database.migrate()
            yield database, outage
        finally:
            with contextlib.suppress(Exception):
                await outage.up()
            await database.dispose()


def posting_on(database: Database, discord: Discord) -> tuple[CheckInPosting, DeliveryService]:
    delivery = DeliveryService(Deliveries(database), discord, poll_seconds=0.1)
    posting = CheckInPosting(
        CheckInPosts(database), CheckInSchedules(database), delivery, reads_replies=False
    )
    return posting, delivery


async def posted(discord: Discord, within: float = 10) -> list[str]:
    async with asyncio.timeout(within):
        while True:
            found = [c for c in discord.contents() if "Weekly check-in" in c]
            if found:
                return found
            await asyncio.sleep(0.05)


@pytest.mark.postgres
async def test_a_check_in_due_while_postgres_is_down_goes_out_when_it_is_back(
    relayed: tuple[Database, Outage],
) -> None:
    database, outage = relayed
    discord = Discord()
    posting, delivery = posting_on(database, discord)
    delivery.start()
    try:
        await outage.down()
        due = datetime.now(UTC)
        attempt = asyncio.create_task(posting.post_week(GUILD, CHANNEL, due.date(), due))
        await asyncio.sleep(3.0)  # the due minute passes with nobody answering
        assert not attempt.done() and discord.contents() == []
        await outage.up()
        status = await asyncio.wait_for(attempt, 15)
        assert status is not None and status.state is WeekState.STARTED
        assert len(await posted(discord)) == 1
    finally:
        await delivery.close()


async def fill(database: Database) -> None:
    """Write other clubs' weeks and posts until SQLite says the database or disk is full, so
    that no table has room left for one more row."""
    week = "2020-01-06"
    statements = [
        "INSERT INTO checkin_posts (guild_id, week, channel_id, state, claimed_at) "
        f"VALUES (:n, '{week}', 1, 'posted', '2020-01-06 00:00:00')",
        "INSERT INTO deliveries (stream, channel_id, action, label, payload, state, attempts, "
        "next_attempt_at, reported, created_at) VALUES ('filler', 1, 'send', 'filler', "
        "hex(randomblob(300)), 'sent', 1, '2020-01-06 00:00:00', 1, '2020-01-06 00:00:00')",
    ]
    for statement in statements:
        with contextlib.suppress(Exception):
            for n in range(1, 100_000):
                async with database.engine.begin() as connection:
                    await connection.execute(text(statement), {"n": n})


async def test_a_check_in_due_while_sqlite_is_full_goes_out_when_space_is_freed(
    tmp_path: Any,
) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'full.sqlite3'}")
    await database.migrate()
    # SQLite caps the file at what it holds now (max_page_count never shrinks a database);
    # filler then takes the last free page, and every write after that fails as "full".
    pages = {"limit": 1}

    def cap(connection: Any, _record: Any) -> None:
        connection.execute(f"PRAGMA max_page_count = {pages['limit']}")

    event.listen(database.engine.sync_engine, "connect", cap)
    await database.engine.dispose()
    await fill(database)
    discord = Discord()
    posting, delivery = posting_on(database, discord)
    delivery.start()
    try:
        due = datetime.now(UTC)
        attempt = asyncio.create_task(posting.post_week(GUILD, CHANNEL, date.today(), due))
        await asyncio.sleep(1.5)
        assert not attempt.done() and discord.contents() == []
        pages["limit"] = 1_000_000  # the operator frees space
        await database.engine.dispose()
        status = await asyncio.wait_for(attempt, 15)
        assert status is not None and status.state is WeekState.STARTED
        assert len(await posted(discord)) == 1
    finally:
        await delivery.close()
        await database.dispose()


async def test_a_read_that_finds_every_connection_taken_is_busy_not_an_outage(
    database: Database,
) -> None:
    # Past capacity every pooled connection is in use: the read gives up after the pool's
    # wait with DatabaseBusy (the member is told the bot is busy), the database itself fine.
    url, connect_args = _reopen_args(database, await _schema(database))
    crowded = Database(url, connect_args=connect_args, pool_timeout=0.2)
    pool = crowded.engine.sync_engine.pool
    connections = pool.size() + pool._max_overflow  # type: ignore[attr-defined]
    try:
        async with contextlib.AsyncExitStack() as held:
            for _ in range(connections):
                await held.enter_async_context(crowded.engine.connect())
            with pytest.raises(DatabaseBusy):
                await Preferences(crowded).read(1)
        assert (await Preferences(crowded).read(1)).tight == ()
    finally:
        await crowded.dispose()


async def test_a_database_in_memory_still_opens() -> None:
    # One shared connection, nothing to wait for: no pool wait is set on it.
    for url in ("sqlite+aiosqlite://", "sqlite+aiosqlite:///:memory:"):
        memory = Database(url)
        try:
            await memory.migrate()
            assert (await Preferences(memory).read(1)).tight == ()
        finally:
            await memory.dispose()
