"""The Alembic revisions against both backends: up, down, up again, and no drift from models."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from bot.storage import CheckIns, Database, TightAreas
from bot.storage.models import Base

TABLES = {
    "tight_areas",
    "avoided_stretches",
    "group_cooldowns",
    "group_members",
    "cooldown_sessions",
    "checkin_schedules",
    "checkin_posts",
    "checkins",
}


async def _table_names(database: Database) -> set[str]:
    async with database.engine.connect() as connection:
        return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))


def _schema_drift(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_from_empty_creates_the_tables(empty_database: Database) -> None:
    assert not await _table_names(empty_database) & TABLES

    await empty_database.migrate()

    assert await _table_names(empty_database) >= TABLES | {"alembic_version"}


async def test_migrate_twice_is_a_no_op(database: Database) -> None:
    await database.migrate()

    async with database.engine.connect() as connection:
        version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    assert version == "0008"


async def test_migrations_match_the_models(database: Database) -> None:
    async with database.engine.connect() as connection:
        assert await connection.run_sync(_schema_drift) == []


async def test_downgrade_to_base_then_upgrade_again(database: Database) -> None:
    await TightAreas(database).add(1, "calves")

    await database.downgrade("base")
    assert not await _table_names(database) & TABLES

    await database.migrate()
    areas = TightAreas(database)
    assert await areas.list(1) == []
    assert await areas.add(1, "calves")


async def test_0008_keeps_notes_and_then_takes_whole_forms(database: Database) -> None:
    await database.downgrade("0007")
    async with database.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO checkins (user_id, guild_id, week, soreness, note, created_at, "
                "updated_at) VALUES (1, 2, '2026-11-30', '{}', :note, :at, :at)"
            ),
            {"note": "x" * 4000, "at": datetime(2026, 12, 1, tzinfo=UTC)},
        )

    await database.migrate()

    checkins = CheckIns(database)
    kept = await checkins.for_week(1, date(2026, 11, 30))
    assert kept is not None and kept.note == "x" * 4000
    # A whole form: the soreness box's words and a full 4,000-character note box.
    form_note = "y" * 1000 + "\n" + "z" * 4000
    await checkins.record(1, 2, date(2026, 11, 30), {}, note=form_note)
    whole = await checkins.for_week(1, date(2026, 11, 30))
    assert whole is not None and whole.note == form_note
