"""What the cogs call to read and change a member's stored preferences.

Repositories take canonical ids (validated elsewhere) and return the dataclasses from
bot.members. When the database cannot be reached they raise DatabaseUnavailable.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.members import AvoidedStretch, TightArea
from bot.storage.database import Database
from bot.storage.errors import DatabaseUnavailable
from bot.storage.models import AvoidedStretchRow, Base, TightAreaRow

__all__ = ["AvoidedStretches", "DatabaseUnavailable", "TightAreas"]


class TightAreas:
    """A member's tight areas, kept in priority order (1 = stretch first)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def list(self, user_id: int) -> builtins.list[TightArea]:
        async with self._database.session() as session:
            rows = await _tight_area_rows(session, user_id)
        return [_tight_area(row) for row in rows]

    async def add(self, user_id: int, area: str, note: str | None = None) -> bool:
        """Add `area` last in priority; False (and nothing changed) if the member has it."""
        try:
            async with self._database.session() as session:
                await _lock_member_areas(session, user_id)
                priority = await _next_priority(session, user_id)
                session.add(
                    TightAreaRow(
                        user_id=user_id, area=area, priority=priority, note=note, added_at=_now()
                    )
                )
        except IntegrityError:
            # The unique (user_id, area) constraint is the real guard: it also catches a
            # concurrent add of the same area that no earlier read could have seen.
            return False
        return True

    async def remove(self, user_id: int, area: str) -> bool:
        return await _delete(self._database, TightAreaRow, _area_of(user_id, area)) > 0

    async def clear(self, user_id: int) -> int:
        return await _delete(self._database, TightAreaRow, [TightAreaRow.user_id == user_id])

    async def reorder(
        self, user_id: int, areas_in_order: Sequence[str]
    ) -> builtins.list[TightArea]:
        """Put the named areas first, in that order; the rest follow in their current order.

        Names the member does not have are ignored. Priorities become 1..n.
        """
        async with self._database.session() as session:
            await _lock_member_areas(session, user_id)
            rows = _reordered(await _tight_area_rows(session, user_id), areas_in_order)
            for priority, row in enumerate(rows, start=1):
                row.priority = priority
            areas = [_tight_area(row) for row in rows]
        return areas

    async def set_note(self, user_id: int, area: str, note: str | None) -> bool:
        """Replace the note on one of the member's areas (None removes it)."""
        statement = update(TightAreaRow).where(*_area_of(user_id, area)).values(note=note)
        async with self._database.session() as session:
            result = await session.execute(statement)
        return _rowcount(result) > 0


class AvoidedStretches:
    """Stretches a member never wants suggested."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def list(self, user_id: int) -> builtins.list[AvoidedStretch]:
        statement = (
            select(AvoidedStretchRow)
            .where(AvoidedStretchRow.user_id == user_id)
            .order_by(AvoidedStretchRow.added_at, AvoidedStretchRow.id)
        )
        async with self._database.session() as session:
            rows = (await session.scalars(statement)).all()
        return [AvoidedStretch(stretch_id=row.stretch_id, added_at=row.added_at) for row in rows]

    async def add(self, user_id: int, stretch_id: str) -> bool:
        """False (and nothing changed) if the member already avoids this stretch."""
        try:
            async with self._database.session() as session:
                session.add(
                    AvoidedStretchRow(user_id=user_id, stretch_id=stretch_id, added_at=_now())
                )
        except IntegrityError:
            return False
        return True

    async def remove(self, user_id: int, stretch_id: str) -> bool:
        criteria = [
            AvoidedStretchRow.user_id == user_id,
            AvoidedStretchRow.stretch_id == stretch_id,
        ]
        return await _delete(self._database, AvoidedStretchRow, criteria) > 0

    async def clear(self, user_id: int) -> int:
        criteria = [AvoidedStretchRow.user_id == user_id]
        return await _delete(self._database, AvoidedStretchRow, criteria)


def _now() -> datetime:
    return datetime.now(UTC)


def _tight_area(row: TightAreaRow) -> TightArea:
    return TightArea(area=row.area, priority=row.priority, note=row.note, added_at=row.added_at)


def _area_of(user_id: int, area: str) -> list[ColumnElement[bool]]:
    return [TightAreaRow.user_id == user_id, TightAreaRow.area == area]


async def _tight_area_rows(session: AsyncSession, user_id: int) -> Sequence[TightAreaRow]:
    statement = (
        select(TightAreaRow)
        .where(TightAreaRow.user_id == user_id)
        .order_by(TightAreaRow.priority, TightAreaRow.added_at, TightAreaRow.id)
    )
    return (await session.scalars(statement)).all()


async def _next_priority(session: AsyncSession, user_id: int) -> int:
    statement = select(func.max(TightAreaRow.priority)).where(TightAreaRow.user_id == user_id)
    highest = await session.scalar(statement)
    return (highest or 0) + 1


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


def _reordered(rows: Sequence[TightAreaRow], names: Iterable[str]) -> list[TightAreaRow]:
    remaining = {row.area: row for row in rows}
    first = [remaining.pop(name) for name in dict.fromkeys(names) if name in remaining]
    return first + [row for row in rows if row.area in remaining]


async def _delete(
    database: Database, model: type[Base], criteria: Sequence[ColumnElement[bool]]
) -> int:
    async with database.session() as session:
        result = await session.execute(delete(model).where(*criteria))
    return _rowcount(result)


def _rowcount(result: Any) -> int:
    count = getattr(result, "rowcount", 0)
    return count if isinstance(count, int) else 0
