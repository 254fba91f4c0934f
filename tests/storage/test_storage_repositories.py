"""Repository behaviour, identical on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage import AvoidedStretches, Database, DatabaseUnavailable, TightAreas

ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222


async def _areas(repo: TightAreas, user_id: int = ALICE) -> list[str]:
    return [area.area for area in await repo.list(user_id)]


async def test_add_then_list_keeps_order_note_and_utc_time(database: Database) -> None:
    repo = TightAreas(database)

    assert await repo.add(ALICE, "calves")
    assert await repo.add(ALICE, "hamstrings", note="left side worse")
    assert await repo.add(ALICE, "glutes")

    listed = await repo.list(ALICE)
    assert [(a.area, a.priority, a.note) for a in listed] == [
        ("calves", 1, None),
        ("hamstrings", 2, "left side worse"),
        ("glutes", 3, None),
    ]
    for area in listed:
        assert area.added_at.utcoffset() == timedelta(0)


async def test_duplicate_add_changes_nothing(database: Database) -> None:
    repo = TightAreas(database)
    await repo.add(ALICE, "calves", note="first")

    assert not await repo.add(ALICE, "calves", note="second")

    [only] = await repo.list(ALICE)
    assert (only.area, only.note, only.priority) == ("calves", "first", 1)


async def test_remove(database: Database) -> None:
    repo = TightAreas(database)
    await repo.add(ALICE, "calves")
    await repo.add(ALICE, "glutes")

    assert await repo.remove(ALICE, "calves")
    assert not await repo.remove(ALICE, "calves")
    assert await _areas(repo) == ["glutes"]


async def test_clear_counts_removed_areas(database: Database) -> None:
    repo = TightAreas(database)
    for area in ("calves", "glutes", "quads"):
        await repo.add(ALICE, area)

    assert await repo.clear(ALICE) == 3
    assert await repo.clear(ALICE) == 0
    assert await repo.list(ALICE) == []


async def test_reorder_puts_named_first_and_keeps_the_rest_in_order(database: Database) -> None:
    repo = TightAreas(database)
    for area in ("calves", "hamstrings", "glutes", "quads", "hip_flexors"):
        await repo.add(ALICE, area)

    result = await repo.reorder(ALICE, ["quads", "not_mine", "calves", "quads"])

    expected = ["quads", "calves", "hamstrings", "glutes", "hip_flexors"]
    assert [a.area for a in result] == expected
    assert [a.priority for a in result] == [1, 2, 3, 4, 5]
    assert await repo.list(ALICE) == result


async def test_area_added_after_reorder_goes_last(database: Database) -> None:
    repo = TightAreas(database)
    for area in ("calves", "glutes"):
        await repo.add(ALICE, area)
    await repo.remove(ALICE, "calves")
    await repo.reorder(ALICE, [])

    await repo.add(ALICE, "quads")

    assert [(a.area, a.priority) for a in await repo.list(ALICE)] == [("glutes", 1), ("quads", 2)]


async def test_set_note(database: Database) -> None:
    repo = TightAreas(database)
    await repo.add(ALICE, "calves")

    assert await repo.set_note(ALICE, "calves", "after hills")
    assert (await repo.list(ALICE))[0].note == "after hills"
    assert await repo.set_note(ALICE, "calves", None)
    assert (await repo.list(ALICE))[0].note is None
    assert not await repo.set_note(ALICE, "glutes", "not tracked")


async def test_concurrent_adds_of_the_same_area_store_one_row(database: Database) -> None:
    repo = TightAreas(database)

    results = await asyncio.gather(*(repo.add(ALICE, "calves") for _ in range(10)))

    assert results.count(True) == 1
    assert await _areas(repo) == ["calves"]


async def test_concurrent_adds_of_different_areas_are_all_stored(database: Database) -> None:
    repo = TightAreas(database)
    names = [f"area_{i}" for i in range(10)]

    results = await asyncio.gather(*(repo.add(ALICE, name) for name in names))

    assert all(results)
    listed = await repo.list(ALICE)
    assert sorted(a.area for a in listed) == names
    assert [a.priority for a in listed] == list(range(1, 11))


async def test_avoided_stretches(database: Database) -> None:
    repo = AvoidedStretches(database)

    assert await repo.add(ALICE, "pigeon")
    assert await repo.add(ALICE, "standing_quad")
    assert not await repo.add(ALICE, "pigeon")

    listed = await repo.list(ALICE)
    assert [s.stretch_id for s in listed] == ["pigeon", "standing_quad"]
    assert all(s.added_at.utcoffset() == timedelta(0) for s in listed)
    assert await repo.remove(ALICE, "pigeon")
    assert not await repo.remove(ALICE, "pigeon")
    assert await repo.clear(ALICE) == 1
    assert await repo.list(ALICE) == []


async def test_concurrent_avoids_of_the_same_stretch_store_one_row(database: Database) -> None:
    repo = AvoidedStretches(database)

    results = await asyncio.gather(*(repo.add(ALICE, "pigeon") for _ in range(10)))

    assert results.count(True) == 1
    assert len(await repo.list(ALICE)) == 1


async def test_members_are_isolated(database: Database) -> None:
    areas, avoided = TightAreas(database), AvoidedStretches(database)
    await areas.add(ALICE, "calves")
    await areas.add(BOB, "glutes")
    await areas.add(BOB, "calves")
    await avoided.add(BOB, "pigeon")

    await areas.reorder(BOB, ["calves"])
    assert await areas.clear(ALICE) == 1

    assert await areas.list(ALICE) == []
    assert [(a.area, a.priority) for a in await areas.list(BOB)] == [("calves", 1), ("glutes", 2)]
    assert await avoided.list(ALICE) == []
    assert [s.stretch_id for s in await avoided.list(BOB)] == ["pigeon"]


def _unreachable_url(backend: str, tmp_path: Path) -> str:
    if backend == "postgresql":
        return "postgresql+asyncpg://postgres@127.0.0.1:1/test"  # nothing listens on port 1
    blocker = tmp_path / "not_a_directory"
    blocker.write_text("")
    return f"sqlite+aiosqlite:///{blocker / 'cooldown.sqlite3'}"


async def _join_aiosqlite_workers() -> None:
    # After a failed connect aiosqlite stops its worker thread without waiting for it; the
    # thread then reports back to the event loop, which must still be open when it does.
    for thread in threading.enumerate():
        if "_connection_worker_thread" in thread.name:
            await asyncio.to_thread(thread.join, 2)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_unreachable_database_raises_database_unavailable(
    backend: str, tmp_path: Path
) -> None:
    database = Database(_unreachable_url(backend, tmp_path), connect_timeout=2)
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseUnavailable):
            await TightAreas(database).list(ALICE)
        with pytest.raises(DatabaseUnavailable):
            await AvoidedStretches(database).add(ALICE, "pigeon")
        with pytest.raises(DatabaseUnavailable):
            await database.migrate()
    finally:
        await database.dispose()
        await _join_aiosqlite_workers()
    assert time.monotonic() - started < 5
