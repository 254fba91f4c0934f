"""The one storage failure the rest of the bot has to handle: the database cannot be reached."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from bot.metrics import DATABASE_ERRORS

# Primary SQLite result codes that mean "not now" rather than "your SQL is wrong":
# BUSY, LOCKED, IOERR, FULL, CANTOPEN, PROTOCOL.
_SQLITE_UNAVAILABLE_CODES = frozenset({5, 6, 10, 13, 14, 15})
# SQLSTATE classes for connection exceptions, operator intervention (shutdown, cannot connect
# now) and insufficient resources (too many connections, disk full).
_POSTGRES_UNAVAILABLE_STATES = ("08", "57P", "53")


class DatabaseUnavailable(Exception):
    """The database did not answer; the same request may well succeed later."""


class DatabaseBusy(DatabaseUnavailable):
    """No pooled connection came free in time: this process is behind, not the database."""


# SQLSTATEs of a transaction the server rolled back to settle a conflict with another one
# (serialization failure, deadlock): nothing of it was stored, and run again it may pass.
_POSTGRES_ROLLED_BACK_STATES = frozenset({"40001", "40P01"})


def is_rolled_back(exc: BaseException) -> bool:
    """Whether `exc`, or anything it wraps, says the server undid the whole transaction to
    settle a conflict with another one: safe to run again, unlike a commit whose answer was
    lost."""
    return any(
        getattr(link, "sqlstate", None) in _POSTGRES_ROLLED_BACK_STATES for link in _causes(exc)
    )


def is_unavailable(exc: BaseException) -> bool:
    """Whether `exc`, or anything it wraps, says the database is unreachable or overloaded."""
    return any(_says_unavailable(link) for link in _causes(exc))


@contextmanager
def unavailable_on_connection_errors(operation: str) -> Iterator[None]:
    """Re-raise connection-level failures as DatabaseUnavailable, leave the rest alone.

    Each one is counted once, under `operation` (read, write, ...), where it is first raised.
    """
    try:
        yield
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        if not is_unavailable(exc):
            raise
        DATABASE_ERRORS.labels(operation).inc()
        if any(isinstance(link, PoolTimeout) for link in _causes(exc)):
            raise DatabaseBusy(f"no database connection came free: {_innermost(exc)!r}") from exc
        raise DatabaseUnavailable(f"the database is unavailable: {_innermost(exc)!r}") from exc


def _says_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, OSError):  # refused, unreachable, timed out (TimeoutError is an OSError)
        return True
    if isinstance(exc, PoolTimeout):  # every pooled connection busy for the whole wait
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    sqlite_code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(sqlite_code, int) and sqlite_code & 0xFF in _SQLITE_UNAVAILABLE_CODES:
        return True
    sqlstate = getattr(exc, "sqlstate", None)
    return isinstance(sqlstate, str) and sqlstate.startswith(_POSTGRES_UNAVAILABLE_STATES)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        pending += [current.__cause__, current.__context__]
        if isinstance(orig, BaseException):
            pending.append(orig)


def _innermost(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc
