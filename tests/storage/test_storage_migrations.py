"""The Alembic revisions against both backends: up, down, up again, and no drift from models."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from bot.storage import Database, TightAreas
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
    assert version == "0007"


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
