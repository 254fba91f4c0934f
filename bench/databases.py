"""A database of its own for each benchmark run, gone when the run ends, however it ends.

SQLite: a file in a fresh temporary directory. PostgreSQL: a database named after the
benchmark, the process and a random suffix on the local server, so two runs, or a run beside
the test suite, never share tables; it is dropped on the way out (an error, Ctrl-C included).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

POSTGRES_ADMIN = os.environ.get("BENCH_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgresql")


@asynccontextmanager
async def bench_database(backend: str, purpose: str) -> AsyncIterator[str]:
    """A fresh, empty database for one run of benchmark `purpose`; its SQLAlchemy URL."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix=f"cooldown_{purpose}_") as tmp:
            yield f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        return
    if backend != "postgresql":
        raise ValueError(f"unknown backend {backend!r}; one of {', '.join(BACKENDS)}")
    name = f"cooldown_bench_{purpose}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        base = POSTGRES_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
        yield f"{base}/{name}"
    finally:
        # FORCE: a bot process or pool still connected must not keep the database alive.
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def postgres_databases(prefix: str = "cooldown_bench_") -> list[str]:
    """The databases on the server whose names start with `prefix` (for tests and tidying)."""
    admin = await asyncpg.connect(POSTGRES_ADMIN)
    try:
        rows = await admin.fetch(
            "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", prefix
        )
    finally:
        await admin.close()
    return sorted(row["datname"] for row in rows)


async def _admin(statement: str) -> None:
    admin = await asyncpg.connect(POSTGRES_ADMIN)
    try:
        await admin.execute(statement)
    finally:
        await admin.close()
