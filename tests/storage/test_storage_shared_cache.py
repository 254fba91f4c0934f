"""Shards split across processes, each with its member cache: a write in one process shows in
the next read of another (PostgreSQL LISTEN/NOTIFY), and a lost listener turns the cache off."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import func, select

from bot.storage import Database, Preferences, TightAreas
from tests.storage.conftest import _reopen_args, _schema

USER = 223_456_789_012_345_678


@asynccontextmanager
async def shard_process(database: Database) -> AsyncIterator[Database]:
    """A process running some of the shards, as `SHARD_IDS` starts it, listening."""
    url, connect_args = _reopen_args(database, await _schema(database))
    process = Database(url, connect_args=connect_args, cache_members=True, shared=True)
    process.listen()
    try:
        if process.invalidations is not None:
            await asyncio.wait_for(process.invalidations.listening.wait(), 10)
        yield process
    finally:
        await process.dispose()


async def areas(database: Database) -> list[str]:
    return [a.area for a in (await Preferences(database).read(USER, 6)).tight]


async def told(reader: Database) -> None:
    """Until the reader heard every notice sent before: one round trip on its listener."""
    assert reader.invalidations is not None
    await reader.invalidations.synced()


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_a_write_in_one_process_shows_in_the_next_read_of_another(
    database: Database,
) -> None:
    async with shard_process(database) as first, shard_process(database) as second:
        assert await areas(second) == []
        assert await areas(second) == []
        assert second.member_cache.hits == 1  # cached: no round trip
        await TightAreas(first).add(USER, "calves")
        await told(second)
        assert await areas(second) == ["calves"]
        assert await areas(second) == ["calves"]
        await TightAreas(second).add(USER, "glutes")
        await told(first)
        assert await areas(first) == ["calves", "glutes"]
        await TightAreas(first).clear(USER)
        await told(second)
        assert await areas(second) == []


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_a_lost_listener_turns_the_cache_off_until_it_listens_again(
    database: Database,
) -> None:
    async with shard_process(database) as first, shard_process(database) as second:
        invalidations = second.invalidations
        assert invalidations is not None
        await areas(second)
        assert second.member_cache.enabled
        pid = invalidations.listener_pid()
        async with first.engine.connect() as admin:  # as a network cut or a restart would
            await admin.execute(select(func.pg_terminate_backend(pid)))
        for _ in range(100):
            if not invalidations.listening.is_set():
                break
            await asyncio.sleep(0.01)
        assert not second.member_cache.enabled
        # Off while deaf: another process's write shows although no notice reached it.
        await TightAreas(first).add(USER, "quads")
        assert await areas(second) == ["quads"]
        await asyncio.wait_for(invalidations.listening.wait(), 10)
        assert second.member_cache.enabled
        await TightAreas(first).add(USER, "calves")
        await told(second)
        assert await areas(second) == ["quads", "calves"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_on_sqlite_shared_processes_do_not_cache(database: Database) -> None:
    async with shard_process(database) as process:
        assert process.invalidations is None and not process.member_cache.enabled
