"""Alembic environment, used both by `Database.migrate()` and by the `alembic` command.

Database URL, first found wins: `config.attributes["database_url"]`, `alembic -x url=...`,
then DATABASE_URL (environment or .env) through bot.settings.
"""

from __future__ import annotations

import asyncio
from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from bot.settings import get_settings
from bot.storage.database import Database
from bot.storage.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    from_attributes = config.attributes.get("database_url")
    if isinstance(from_attributes, str) and from_attributes:
        return from_attributes
    from_x = context.get_x_argument(as_dictionary=True).get("url")
    return from_x or get_settings().database_url


def render_item(type_: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import the models (they change; old revisions must not), so the
    # custom type is written as the column type it stores as.
    if type_ == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    url = database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_with_own_database(url: str) -> None:
    database = Database(url)
    try:
        async with database.migration_connection() as connection:
            await connection.run_sync(run_migrations)
    finally:
        await database.dispose()


def run_migrations_online() -> None:
    shared = config.attributes.get("connection")
    if isinstance(shared, Connection):
        run_migrations(shared)
        return
    # Only the command line gets here, never the bot, so this is not inside an event loop.
    asyncio.run(run_migrations_with_own_database(database_url()))


# The bot configures its own logging; only the command line should apply alembic.ini's.
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
