"""Helpers the storage modules share: the member-cache decorator, the clock, and the reads
that both a member's preferences and their data export need.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.rules.checkins.parser import Efficiency
from bot.rules.checkins.trends import WeeklyCheckIn, week_start
from bot.rules.members import AvoidedStretch, TightArea
from bot.storage.database import Database
from bot.storage.models import AvoidedStretchRow, Base, CheckInRow, TightAreaRow

_Write = TypeVar("_Write", bound=Callable[..., Awaitable[Any]])


def _forgets_member(write: _Write) -> _Write:
    """After a write to a member's data, drop what the member caches hold for them (this
    process's at once; the others' when told, see `bot.storage.invalidation`)."""

    @functools.wraps(write)
    async def wrapper(self: Any, user_id: int, *args: Any, **kwargs: Any) -> Any:
        try:
            return await write(self, user_id, *args, **kwargs)
        finally:
            await self._database.forgot(user_id)

    return wrapper  # type: ignore[return-value]


def _now() -> datetime:
    return datetime.now(UTC)


async def _read_history(
    connection: AsyncConnection, user_id: int, weeks: int | None, today: date | None
) -> list[WeeklyCheckIn]:
    row = CheckInRow
    statement = select(row.week, row.soreness, row.movement, row.efficiency).where(
        row.user_id == user_id
    )
    if weeks is not None:
        if weeks < 1:
            raise ValueError(f"weeks must be at least 1, not {weeks}")
        current = week_start(today or _now().date())
        statement = statement.where(row.week >= current - timedelta(weeks=weeks - 1))
    result = await connection.execute(statement.order_by(row.week))
    return [
        WeeklyCheckIn(
            week=week,
            soreness=_load_soreness(soreness),
            movement=movement,
            efficiency=None if efficiency is None else Efficiency(efficiency),
        )
        for week, soreness, movement, efficiency in result
    ]


async def _read_tight_areas(connection: AsyncConnection, user_id: int) -> list[TightArea]:
    row = TightAreaRow
    statement = (
        select(row.area, row.priority, row.note, row.added_at)
        .where(row.user_id == user_id)
        .order_by(row.priority, row.added_at, row.id)
    )
    result = await connection.execute(statement)
    return [
        TightArea(area=area, priority=priority, note=note, added_at=added_at)
        for area, priority, note, added_at in result
    ]


async def _read_avoided(connection: AsyncConnection, user_id: int) -> list[AvoidedStretch]:
    row = AvoidedStretchRow
    statement = (
        select(row.stretch_id, row.added_at)
        .where(row.user_id == user_id)
        .order_by(row.added_at, row.id)
    )
    result = await connection.execute(statement)
    return [AvoidedStretch(stretch_id=sid, added_at=added_at) for sid, added_at in result]


async def _lock_member_areas(session: AsyncSession, user_id: int) -> None:
    """Serialise changes to one member's priorities until the transaction ends.

    Without it two concurrent adds on PostgreSQL would read the same highest priority and
    both take the next number. SQLite transactions here begin IMMEDIATE, which already
    serialises them.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    key = func.hashtextextended(f"tight_areas:{user_id}", 0)
    await session.execute(select(func.pg_advisory_xact_lock(key)))


async def _delete(
    database: Database, model: type[Base], criteria: Sequence[ColumnElement[bool]]
) -> int:
    async with database.session() as session:
        result = await session.execute(delete(model).where(*criteria))
    return _rowcount(result)


def _rowcount(result: Any) -> int:
    count = getattr(result, "rowcount", 0)
    return count if isinstance(count, int) else 0


def _load_soreness(text: str) -> dict[str, int]:
    loaded: dict[str, int] = json.loads(text)
    return loaded
