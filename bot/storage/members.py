"""A member's tight areas, avoided stretches, and the preferences a routine reads from them."""

from __future__ import annotations

import asyncio
import builtins
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.rules.checkins.trends import WeeklyCheckIn
from bot.rules.members import AvoidedStretch, MemberPreferences, TightArea
from bot.storage._shared import (
    _delete,
    _forgets_member,
    _lock_member_areas,
    _now,
    _read_avoided,
    _read_history,
    _read_tight_areas,
    _rowcount,
)
from bot.storage.cache import Version
from bot.storage.database import Database
from bot.storage.models import AvoidedStretchRow, TightAreaRow

__all__ = ["AvoidedStretches", "Preferences", "TightAreas"]


class TightAreas:
    """A member's tight areas, kept in priority order (1 = stretch first)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def list(self, user_id: int) -> builtins.list[TightArea]:
        async with self._database.reading() as connection:
            return await _read_tight_areas(connection, user_id)

    @_forgets_member
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

    @_forgets_member
    async def remove(self, user_id: int, area: str) -> bool:
        return await _delete(self._database, TightAreaRow, _area_of(user_id, area)) > 0

    @_forgets_member
    async def clear(self, user_id: int) -> int:
        return await _delete(self._database, TightAreaRow, [TightAreaRow.user_id == user_id])

    @_forgets_member
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

    @_forgets_member
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
        async with self._database.reading() as connection:
            return await _read_avoided(connection, user_id)

    @_forgets_member
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

    @_forgets_member
    async def remove(self, user_id: int, stretch_id: str) -> bool:
        criteria = [
            AvoidedStretchRow.user_id == user_id,
            AvoidedStretchRow.stretch_id == stretch_id,
        ]
        return await _delete(self._database, AvoidedStretchRow, criteria) > 0

    @_forgets_member
    async def clear(self, user_id: int) -> int:
        criteria = [AvoidedStretchRow.user_id == user_id]
        return await _delete(self._database, AvoidedStretchRow, criteria)


class Preferences:
    """Everything a routine needs to know about a member, read in one round of queries."""

    def __init__(self, database: Database) -> None:
        self._database = database
        # Reads under way, by what they read and the member's version when they began.
        self._reading: dict[tuple[int, int | None, Version], asyncio.Future[MemberPreferences]]
        self._reading = {}

    async def read(self, user_id: int, history_weeks: int | None = None) -> MemberPreferences:
        """Tight areas and avoided stretches, and the last `history_weeks` of check-ins."""
        cache = self._database.member_cache
        cached = cache.get(user_id)
        if cached is not None and cached[0] == history_weeks:
            return cached[1]
        version = cache.version(user_id)
        if not cache.enabled:
            return await self._read(user_id, history_weeks)
        # A member's commands while their read is under way (a backlog) wait for that read
        # rather than each queue for a connection: with no write since it began, it is as
        # fresh as a new one (a write moves the version, so a read after it is a new one).
        key = (user_id, history_weeks, version)
        reading = self._reading.get(key)
        if reading is None:
            reading = asyncio.ensure_future(self._read(user_id, history_weeks))
            self._reading[key] = reading
            reading.add_done_callback(lambda done: self._read_ended(key, done))
        preferences = await asyncio.shield(reading)
        cache.put(user_id, (history_weeks, preferences), version)
        return preferences

    def _read_ended(
        self, key: tuple[int, int | None, Version], read: asyncio.Future[MemberPreferences]
    ) -> None:
        self._reading.pop(key, None)
        if not read.cancelled():
            read.exception()  # seen: every caller may have stopped waiting

    async def _read(self, user_id: int, history_weeks: int | None) -> MemberPreferences:
        async with self._database.reading() as connection:
            tight = await _read_tight_areas(connection, user_id)
            avoided = await _read_avoided(connection, user_id)
            history: list[WeeklyCheckIn] = []
            if history_weeks and tight:
                history = await _read_history(connection, user_id, history_weeks, None)
        return MemberPreferences(tight=tuple(tight), avoided=tuple(avoided), history=tuple(history))


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


def _reordered(rows: Sequence[TightAreaRow], names: Iterable[str]) -> list[TightAreaRow]:
    remaining = {row.area: row for row in rows}
    first = [remaining.pop(name) for name in dict.fromkeys(names) if name in remaining]
    return first + [row for row in rows if row.area in remaining]
