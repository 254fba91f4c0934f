"""Every storage test runs twice: on a SQLite file and on PostgreSQL (one fresh schema per
test, so parallel runs against the same server never see each other's tables)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.storage import Database

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


async def _postgres_error(url: str) -> str | None:
    engine = create_async_engine(url, poolclass=NullPool, connect_args={"timeout": 3})
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        await engine.dispose()
    return None


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The server's URL, or a skip (a failure when CI=true) if it does not answer."""
    error = asyncio.run(_postgres_error(POSTGRES_URL))
    if error is None:
        return POSTGRES_URL
    reason = f"PostgreSQL unreachable at {POSTGRES_URL} ({error}); set TEST_POSTGRES_URL"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}. CI=true, so the PostgreSQL tests are mandatory.")
    pytest.skip(reason)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    # Resolved here, in a synchronous fixture, because the probe runs its own event loop.
    if request.param == "postgresql":
        request.getfixturevalue("postgres_url")
    return str(request.param)


@asynccontextmanager
async def _fresh_schema(url: str) -> AsyncIterator[str]:
    schema = f"test_{uuid.uuid4().hex}"
    admin = create_async_engine(url, poolclass=NullPool)
    try:
        async with admin.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield schema
        finally:
            async with admin.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        await admin.dispose()


@asynccontextmanager
async def _open(url: str, connect_args: dict[str, object] | None = None) -> AsyncIterator[Database]:
    database = Database(url, connect_args=connect_args)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
async def empty_database(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    """A database with no tables yet."""
    if backend == "sqlite":
        # A missing directory on purpose: Database must create it.
        async with _open(f"sqlite+aiosqlite:///{tmp_path / 'data' / 'cooldown.sqlite3'}") as db:
            yield db
        return
    async with _fresh_schema(POSTGRES_URL) as schema:
        # search_path puts every table, alembic_version included, in the test's schema.
        settings = {"server_settings": {"search_path": schema}}
        async with _open(POSTGRES_URL, settings) as db:
            yield db


@pytest.fixture
async def database(empty_database: Database) -> Database:
    await empty_database.migrate()
    return empty_database


def _reopen_args(database: Database, schema: str | None) -> tuple[str, dict[str, object]]:
    url = database.url.render_as_string(hide_password=False)
    if schema is None:
        return url, {}
    return url, {"server_settings": {"search_path": schema}}


async def _schema(database: Database) -> str | None:
    """The PostgreSQL schema the test's tables live in (None on SQLite)."""
    if database.engine.dialect.name != "postgresql":
        return None
    async with database.engine.connect() as connection:
        return str(await connection.scalar(text("SELECT current_schema()")))


@asynccontextmanager
async def another_process(database: Database) -> AsyncIterator[Database]:
    """A second engine on the same database, as another shard or a restarted bot would open."""
    url, connect_args = _reopen_args(database, await _schema(database))
    other = Database(url, connect_args=connect_args)
    try:
        yield other
    finally:
        await other.dispose()
