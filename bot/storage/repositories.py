"""What the cogs call to read and change a member's stored preferences and group cooldowns.

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
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.members import (
    AvoidedStretch,
    GroupCooldown,
    GroupState,
    JoinResult,
    MemberPreferences,
    SessionState,
    StoredSession,
    TightArea,
)
from bot.storage.database import Database
from bot.storage.errors import DatabaseUnavailable
from bot.storage.models import (
    AvoidedStretchRow,
    Base,
    CooldownSessionRow,
    GroupCooldownRow,
    GroupMemberRow,
    TightAreaRow,
)

__all__ = [
    "AvoidedStretches",
    "CooldownSessions",
    "DatabaseUnavailable",
    "GroupCooldowns",
    "Preferences",
    "TightAreas",
]


class TightAreas:
    """A member's tight areas, kept in priority order (1 = stretch first)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def list(self, user_id: int) -> builtins.list[TightArea]:
        async with self._database.reading() as connection:
            return await _read_tight_areas(connection, user_id)

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
        async with self._database.reading() as connection:
            return await _read_avoided(connection, user_id)

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


class GroupCooldowns:
    """Group cooldowns and who joined them.

    A group is open until `close()` moves it to built or cancelled, which succeeds for exactly
    one caller however many race (the Build button, the window's timer, another process).
    Joins and leaves lock the group row against that move, so once `close()` has returned
    True the group's `members()` can no longer change.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    async def create(
        self,
        guild_id: int,
        channel_id: int,
        leader_id: int,
        minutes: int,
        run: str,
        closes_at: datetime,
    ) -> GroupCooldown:
        """Open a group with its leader as the first member; the card is attached later."""
        if closes_at.tzinfo is None:
            raise ValueError(f"naive closes_at {closes_at!r}: pass an aware one, e.g. in UTC")
        now = _now()
        row = GroupCooldownRow(
            guild_id=guild_id,
            channel_id=channel_id,
            leader_id=leader_id,
            minutes=minutes,
            run=run,
            state=GroupState.OPEN.value,
            created_at=now,
            closes_at=closes_at.astimezone(UTC),
        )
        async with self._database.session() as session:
            session.add(row)
            await session.flush()
            session.add(GroupMemberRow(group_id=row.id, user_id=leader_id, joined_at=now))
        return _group(row)

    async def attach_message(self, group_id: int, message_id: int) -> None:
        """Record the card's message (replacing an earlier one, e.g. after a repost)."""
        statement = (
            update(GroupCooldownRow)
            .where(GroupCooldownRow.id == group_id)
            .values(message_id=message_id)
        )
        async with self._database.session() as session:
            await session.execute(statement)

    async def get(self, group_id: int) -> GroupCooldown | None:
        return await self._one(GroupCooldownRow.id == group_id)

    async def by_message(self, message_id: int) -> GroupCooldown | None:
        return await self._one(GroupCooldownRow.message_id == message_id)

    async def join(self, group_id: int, user_id: int) -> JoinResult:
        """CLOSED when the group is not open (or does not exist), whether or not the member
        had joined it."""
        try:
            async with self._database.session() as session:
                group = await _lock_group(session, group_id)
                if group is None or group.state != GroupState.OPEN:
                    return JoinResult.CLOSED
                if await _is_member(session, group_id, user_id):
                    return JoinResult.ALREADY_JOINED
                session.add(GroupMemberRow(group_id=group_id, user_id=user_id, joined_at=_now()))
        except IntegrityError:
            # The unique (group_id, user_id) constraint catches a concurrent join of the same
            # member that the check above could not see yet.
            return JoinResult.ALREADY_JOINED
        return JoinResult.JOINED

    async def leave(self, group_id: int, user_id: int) -> bool:
        """False when the group is not open, the member had not joined, or is the leader."""
        async with self._database.session() as session:
            group = await _lock_group(session, group_id)
            if group is None or group.state != GroupState.OPEN or group.leader_id == user_id:
                return False
            result = await session.execute(
                delete(GroupMemberRow).where(*_membership(group_id, user_id))
            )
        return _rowcount(result) > 0

    async def members(self, group_id: int) -> builtins.list[int]:
        """Everyone who joined, leader first, in the order they joined."""
        statement = (
            select(GroupMemberRow.user_id)
            .where(GroupMemberRow.group_id == group_id)
            .order_by(GroupMemberRow.joined_at, GroupMemberRow.id)
        )
        async with self._database.reading() as connection:
            return list((await connection.scalars(statement)).all())

    async def close(self, group_id: int, state: GroupState) -> bool:
        """Move an open group to BUILT or CANCELLED; True only for the caller that did it.

        One conditional UPDATE: on PostgreSQL a concurrent caller waits for the row lock and
        then finds the group no longer open; SQLite transactions here are already serialised.
        """
        if state not in (GroupState.BUILT, GroupState.CANCELLED):
            raise ValueError(f"a group can only be closed as built or cancelled, not {state!r}")
        statement = (
            update(GroupCooldownRow)
            .where(
                GroupCooldownRow.id == group_id,
                GroupCooldownRow.state == GroupState.OPEN.value,
            )
            .values(state=state.value)
        )
        async with self._database.session() as session:
            result = await session.execute(statement)
        return _rowcount(result) == 1

    async def open_groups(self) -> builtins.list[GroupCooldown]:
        """Every open group, soonest to close first: the timers to restore after a restart."""
        statement = (
            select(GroupCooldownRow)
            .where(GroupCooldownRow.state == GroupState.OPEN.value)
            .order_by(GroupCooldownRow.closes_at, GroupCooldownRow.id)
        )
        async with self._database.session() as session:
            rows = (await session.scalars(statement)).all()
        return [_group(row) for row in rows]

    async def _one(self, criterion: ColumnElement[bool]) -> GroupCooldown | None:
        async with self._database.session() as session:
            row = await session.scalar(select(GroupCooldownRow).where(criterion))
        return None if row is None else _group(row)


def _now() -> datetime:
    return datetime.now(UTC)


class Preferences:
    """Everything a routine needs to know about a member, read in one round of queries."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def read(self, user_id: int) -> MemberPreferences:
        async with self._database.reading() as connection:
            tight = await _read_tight_areas(connection, user_id)
            avoided = await _read_avoided(connection, user_id)
        return MemberPreferences(tight=tuple(tight), avoided=tuple(avoided))


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


def _group(row: GroupCooldownRow) -> GroupCooldown:
    return GroupCooldown(
        id=row.id,
        guild_id=row.guild_id,
        channel_id=row.channel_id,
        message_id=row.message_id,
        leader_id=row.leader_id,
        minutes=row.minutes,
        run=row.run,
        state=GroupState(row.state),
        created_at=row.created_at,
        closes_at=row.closes_at,
    )


async def _lock_group(session: AsyncSession, group_id: int) -> GroupCooldownRow | None:
    """Read the group and keep `close()` from changing its state until the transaction ends.

    On PostgreSQL this is SELECT ... FOR SHARE: concurrent joins still run side by side, but
    a close waits for them (and they for it, reading the state it committed). SQLite ignores
    the clause; its transactions here begin IMMEDIATE, which serialises them anyway.
    """
    statement = (
        select(GroupCooldownRow).where(GroupCooldownRow.id == group_id).with_for_update(read=True)
    )
    return await session.scalar(statement)


def _membership(group_id: int, user_id: int) -> list[ColumnElement[bool]]:
    return [GroupMemberRow.group_id == group_id, GroupMemberRow.user_id == user_id]


async def _is_member(session: AsyncSession, group_id: int, user_id: int) -> bool:
    statement = select(GroupMemberRow.id).where(*_membership(group_id, user_id))
    return await session.scalar(statement) is not None


async def _delete(
    database: Database, model: type[Base], criteria: Sequence[ColumnElement[bool]]
) -> int:
    async with database.session() as session:
        result = await session.execute(delete(model).where(*criteria))
    return _rowcount(result)


def _rowcount(result: Any) -> int:
    count = getattr(result, "rowcount", 0)
    return count if isinstance(count, int) else 0


class CooldownSessions:
    """Routine cards and their timed sessions.

    A card is stored as READY with the routine it shows; `start()` moves it to RUNNING for
    exactly one caller, so a double press (or two processes) starts one session. After that
    the session's snapshot is saved whenever its state changes.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    async def create(
        self,
        *,
        guild_id: int | None,
        channel_id: int,
        owner_id: int,
        snapshot: str,
        group_id: int | None = None,
    ) -> StoredSession:
        now = _now()
        row = CooldownSessionRow(
            guild_id=guild_id,
            channel_id=channel_id,
            owner_id=owner_id,
            group_id=group_id,
            state=SessionState.READY.value,
            snapshot=snapshot,
            created_at=now,
            updated_at=now,
        )
        async with self._database.session() as session:
            session.add(row)
            await session.flush()
            return _stored_session(row)

    async def attach_card(self, session_id: int, message_id: int) -> None:
        statement = (
            update(CooldownSessionRow)
            .where(CooldownSessionRow.id == session_id)
            .values(card_message_id=message_id)
        )
        async with self._database.session() as session:
            await session.execute(statement)

    async def get(self, session_id: int) -> StoredSession | None:
        async with self._database.session() as session:
            row = await session.get(CooldownSessionRow, session_id)
            return None if row is None else _stored_session(row)

    async def start(self, session_id: int, snapshot: str) -> bool:
        """READY → RUNNING; True only for the caller that did it (a double Start press)."""
        statement = (
            update(CooldownSessionRow)
            .where(
                CooldownSessionRow.id == session_id,
                CooldownSessionRow.state == SessionState.READY.value,
            )
            .values(state=SessionState.RUNNING.value, snapshot=snapshot, updated_at=_now())
        )
        async with self._database.session() as session:
            result = await session.execute(statement)
        return _rowcount(result) == 1

    async def save(
        self,
        session_id: int,
        state: SessionState,
        snapshot: str,
        *,
        thread_id: int | None = None,
        control_message_id: int | None = None,
    ) -> None:
        values: dict[str, Any] = {"state": state.value, "snapshot": snapshot, "updated_at": _now()}
        if thread_id is not None:
            values["thread_id"] = thread_id
        if control_message_id is not None:
            values["control_message_id"] = control_message_id
        statement = (
            update(CooldownSessionRow).where(CooldownSessionRow.id == session_id).values(**values)
        )
        async with self._database.session() as session:
            await session.execute(statement)

    async def active(self, guild_ids: Iterable[int] | None = None) -> builtins.list[StoredSession]:
        """Running and paused sessions (of these guilds), to resume after a restart."""
        live = (SessionState.RUNNING.value, SessionState.PAUSED.value)
        statement = select(CooldownSessionRow).where(CooldownSessionRow.state.in_(live))
        if guild_ids is not None:
            statement = statement.where(CooldownSessionRow.guild_id.in_(list(guild_ids)))
        async with self._database.session() as session:
            rows = (await session.scalars(statement.order_by(CooldownSessionRow.id))).all()
        return [_stored_session(row) for row in rows]


def _stored_session(row: CooldownSessionRow) -> StoredSession:
    return StoredSession(
        id=row.id,
        guild_id=row.guild_id,
        channel_id=row.channel_id,
        card_message_id=row.card_message_id,
        thread_id=row.thread_id,
        control_message_id=row.control_message_id,
        owner_id=row.owner_id,
        group_id=row.group_id,
        state=SessionState(row.state),
        snapshot=row.snapshot,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
