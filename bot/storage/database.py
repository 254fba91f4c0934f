"""The engine, transactions and schema migrations: everything that knows how to reach the
database. SQLite (the default, one file) and PostgreSQL (via asyncpg) are both supported."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.rules.members import MemberPreferences
from bot.storage.cache import MemberCache
from bot.storage.errors import unavailable_on_connection_errors
from bot.storage.invalidation import MemberInvalidations

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
DEFAULT_CONNECT_TIMEOUT = 10.0
SQLITE_BUSY_TIMEOUT_MS = 5_000
POOL_RECYCLE_SECONDS = 1800
# How long a unit of work waits for a pooled connection while every one is in use (a backlog
# in this process, not an outage): past it, the member is told the bot is busy rather than
# left on "thinking…" for SQLAlchemy's default 30 s.
POOL_TIMEOUT = 8.0
# Any constant works as long as nothing else in the database uses it for an advisory lock.
_MIGRATION_LOCK_KEY = 0x636F6F6C646F776E  # "cooldown"

log = logging.getLogger(__name__)

AlembicCommand = Callable[[Config, str], None]
_READ_ONLY = "cooldown_read_only"


class Database:
    """One engine per process; open a `session()` per unit of work."""

    def __init__(
        self,
        url: str,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        connect_args: Mapping[str, Any] | None = None,
        cache_members: bool = False,
        shared: bool = False,
        pool_timeout: float = POOL_TIMEOUT,
    ) -> None:
        """`shared`: other processes write to this database too (sharding). The member cache
        is then kept only on PostgreSQL, while listening for their writes (`listen`)."""
        self.url: URL = make_url(url)
        self.engine: AsyncEngine = _create_engine(
            self.url, connect_timeout, connect_args or {}, pool_timeout
        )
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock() if self.url.get_backend_name() == "sqlite" else None
        # (history weeks asked for, what was read) per member.
        postgresql = self.url.get_backend_name() == "postgresql"
        self.member_cache: MemberCache[tuple[int | None, MemberPreferences]] = MemberCache(
            enabled=cache_members and (not shared or postgresql)
        )
        self.invalidations: MemberInvalidations | None = None
        if cache_members and shared and postgresql:
            self.invalidations = MemberInvalidations(self.engine, self.member_cache)
            self.member_cache.switch(False)  # on once listening
        # Same pool; the option tells the SQLite begin hook this transaction only reads.
        self._read_engine = self.engine.execution_options(**{_READ_ONLY: True})

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A transaction: committed when the block ends, rolled back if it raises.

        Connection failures surface as DatabaseUnavailable; everything else (IntegrityError
        included) propagates unchanged.
        """
        async with self._writer_turn():
            with unavailable_on_connection_errors("write"):
                async with self._sessions.begin() as session:
                    yield session

    @asynccontextmanager
    async def _writer_turn(self) -> AsyncIterator[None]:
        # SQLite lets one writer in at a time. Queueing writers here, before they take a
        # pooled connection, keeps them from holding connections while SQLite's busy handler
        # sleeps, which would starve the reads every command makes.
        if self._write_lock is None:
            yield
            return
        async with self._write_lock:
            yield

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncConnection]:
        """A connection for a read-only unit of work: Core statements, no ORM session.

        Reads are the hot path of every command, and skipping the Session's unit-of-work
        machinery halves their cost. On SQLite it does not take the write lock, so reads run
        side by side (WAL) instead of queueing behind every other transaction.
        """
        with unavailable_on_connection_errors("read"):
            async with self._read_engine.begin() as connection:
                yield connection

    async def ping(self) -> float:
        """Seconds a `SELECT 1` took, there and back; DatabaseUnavailable when it cannot."""
        started = time.perf_counter()
        with unavailable_on_connection_errors("ping"):
            async with self._read_engine.connect() as connection:
                await connection.execute(select(1))
        return time.perf_counter() - started

    @asynccontextmanager
    async def migration_connection(self) -> AsyncIterator[AsyncConnection]:
        """One transaction for a whole migration run, serialised between processes so that
        several shards starting together do not all try to create the same tables."""
        with unavailable_on_connection_errors("migrate"):
            async with self.engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    await connection.execute(
                        select(func.pg_advisory_xact_lock(_MIGRATION_LOCK_KEY))
                    )
                # SQLite needs no lock: every transaction here begins IMMEDIATE.
                yield connection

    async def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to `revision`; a no-op when it is already there."""
        await self._run_alembic(command.upgrade, revision)

    async def downgrade(self, revision: str = "base") -> None:
        await self._run_alembic(command.downgrade, revision)

    def listen(self) -> None:
        """Start keeping the member cache exact across processes (when shared)."""
        if self.invalidations is not None:
            self.invalidations.start()

    async def forgot(self, user_id: int) -> None:
        """After a write to a member's data: forget it here, and tell the other processes."""
        self.member_cache.forget(user_id)
        if self.invalidations is None:
            return
        try:
            await self.invalidations.announce(user_id)
        except Exception:
            # The write's own outcome (done, or its error) is what the caller must see.
            log.warning("could not tell other processes that %s changed", user_id, exc_info=True)

    async def dispose(self) -> None:
        if self.invalidations is not None:
            await self.invalidations.stop()
        await self.engine.dispose()

    async def _run_alembic(self, action: AlembicCommand, revision: str) -> None:
        # Alembic's API is synchronous. Handing it our connection through run_sync keeps it
        # on this event loop (env.py would otherwise call asyncio.run, which fails inside a
        # running loop) and reuses this engine's settings: SQLite pragmas, search_path, timeouts.
        config = alembic_config()
        async with self.migration_connection() as connection:
            await connection.run_sync(_run_with_connection, config, action, revision)


async def migrate(url: str) -> None:
    """Upgrade the database at `url` to the newest schema (what `python -m bot migrate` runs)."""
    database = Database(url)
    try:
        await database.migrate()
    finally:
        await database.dispose()


def alembic_config() -> Config:
    """An Alembic configuration that works without alembic.ini, e.g. from an installed wheel."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _run_with_connection(
    connection: Connection, config: Config, action: AlembicCommand, revision: str
) -> None:
    config.attributes["connection"] = connection
    action(config, revision)


def _create_engine(
    url: URL, connect_timeout: float, connect_args: Mapping[str, Any], pool_timeout: float
) -> AsyncEngine:
    args = dict(connect_args)
    if url.get_backend_name() == "sqlite":
        _create_parent_directory(url)
        # A database in memory is one connection SQLAlchemy shares, with nothing to wait for.
        waits = {} if _in_memory(url) else {"pool_timeout": pool_timeout}
        engine = create_async_engine(url, connect_args=args, **waits)
        _install_sqlite_hooks(engine)
        return engine
    if url.get_driver_name() == "asyncpg":
        args.setdefault("timeout", connect_timeout)
    # No pre-ping: it costs a round trip on every checkout, on every command. A connection
    # the server dropped fails the one command using it (the member is asked to try again)
    # and SQLAlchemy then discards the whole pool; recycling keeps idle ones fresh.
    return create_async_engine(
        url,
        connect_args=args,
        pool_recycle=POOL_RECYCLE_SECONDS,
        pool_size=10,
        max_overflow=10,
        pool_timeout=pool_timeout,
    )


def _in_memory(url: URL) -> bool:
    """Whether a SQLite URL is a database in memory (as SQLAlchemy tells them apart)."""
    return not url.database or url.database == ":memory:" or url.query.get("mode") == "memory"


def _create_parent_directory(url: URL) -> None:
    database = url.database
    if _in_memory(url) or not database or database.startswith("file:"):
        return
    try:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        # Reported as DatabaseUnavailable, with SQLite's reason, on the first connection.
        return


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    event.listen(engine.sync_engine, "begin", _begin_immediate)


def _configure_sqlite_connection(dbapi_connection: Any, _connection_record: Any) -> None:
    # The sqlite3 driver would only BEGIN at the first write, leaving earlier reads outside
    # the transaction (and DDL outside it entirely); SQLAlchemy emits BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL lets readers proceed while a writer commits.
        cursor.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL still survives a crash of the bot; only a power cut can lose
        # the last commits. FULL would wait for the disk on every single write.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # Taking the write lock up front makes concurrent writers wait (busy_timeout) instead of
    # failing with SQLITE_BUSY when a read-then-write transaction tries to upgrade its lock.
    # Read-only transactions begin deferred: in WAL mode they never block or wait for writers.
    if connection.get_execution_options().get(_READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
