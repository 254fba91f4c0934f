"""What the cogs call to read and change a member's stored preferences and group cooldowns.

Repositories take canonical ids (validated elsewhere) and return the dataclasses from
bot.rules.members. When the database cannot be reached they raise DatabaseUnavailable.
"""

from __future__ import annotations

import builtins
import functools
import json
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Select, and_, delete, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import Insert as SQLiteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.rules.checkins.parser import Efficiency
from bot.rules.checkins.trends import WeeklyCheckIn, week_start
from bot.rules.members import (
    AvoidedStretch,
    CardDraft,
    CheckIn,
    CheckInPost,
    CheckInSchedule,
    GroupCooldown,
    GroupState,
    JoinResult,
    MemberPreferences,
    PostState,
    SessionState,
    StoredSession,
    TightArea,
)
from bot.storage.database import Database
from bot.storage.errors import DatabaseUnavailable
from bot.storage.models import (
    AvoidedStretchRow,
    Base,
    CheckInPostRow,
    CheckInRow,
    CheckInScheduleRow,
    CooldownSessionRow,
    GroupCooldownRow,
    GroupMemberRow,
    TightAreaRow,
)

# A claim this old was made by a process that died before posting: the week can be retaken.
STALE_CLAIM = timedelta(minutes=15)

__all__ = [
    "AvoidedStretches",
    "CheckInPosts",
    "CheckInSchedules",
    "CheckIns",
    "ClubReports",
    "CooldownSessions",
    "DatabaseUnavailable",
    "GroupCooldowns",
    "MemberData",
    "Preferences",
    "TightAreas",
]


_Write = TypeVar("_Write", bound=Callable[..., Awaitable[Any]])


def _forgets_member(write: _Write) -> _Write:
    """After a write to a member's data, drop what the member cache holds for them."""

    @functools.wraps(write)
    async def wrapper(self: Any, user_id: int, *args: Any, **kwargs: Any) -> Any:
        try:
            return await write(self, user_id, *args, **kwargs)
        finally:
            self._database.member_cache.forget(user_id)

    return wrapper  # type: ignore[return-value]


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

    async def read(self, user_id: int, history_weeks: int | None = None) -> MemberPreferences:
        """Tight areas and avoided stretches, and the last `history_weeks` of check-ins."""
        cache = self._database.member_cache
        cached = cache.get(user_id)
        if cached is not None and cached[0] == history_weeks:
            return cached[1]
        version = cache.version(user_id)
        preferences = await self._read(user_id, history_weeks)
        cache.put(user_id, (history_weeks, preferences), version)
        return preferences

    async def _read(self, user_id: int, history_weeks: int | None) -> MemberPreferences:
        async with self._database.reading() as connection:
            tight = await _read_tight_areas(connection, user_id)
            avoided = await _read_avoided(connection, user_id)
            history: list[WeeklyCheckIn] = []
            if history_weeks and tight:
                history = await _read_history(connection, user_id, history_weeks, None)
        return MemberPreferences(tight=tuple(tight), avoided=tuple(avoided), history=tuple(history))


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
        card_key: int | None = None,
    ) -> StoredSession:
        now = _now()
        row = CooldownSessionRow(
            card_key=card_key,
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
            if session.get_bind().dialect.name == "postgresql":
                # A card is the bot's own output and can be posted again; not waiting for
                # the disk on its commit keeps busy moments smooth for everyone else.
                await session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            session.add(row)
            await session.flush()
            return _stored_session(row)

    async def create_many(self, drafts: Sequence[CardDraft]) -> None:
        """Store many cards in one transaction: a busy channel's cards, written together."""
        if not drafts:
            return
        now = _now()
        rows = [
            {
                "card_key": d.card_key,
                "guild_id": d.guild_id,
                "channel_id": d.channel_id,
                "owner_id": d.owner_id,
                "group_id": d.group_id,
                "state": SessionState.READY.value,
                "snapshot": d.snapshot,
                "created_at": now,
                "updated_at": now,
            }
            for d in drafts
        ]
        async with self._database.session() as session:
            if session.get_bind().dialect.name == "postgresql":
                # Cards are the bot's own output and can be posted again; not waiting for
                # the disk on their commit keeps busy moments smooth for everyone else.
                await session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            await session.execute(insert(CooldownSessionRow), rows)

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

    async def by_key(self, card_key: int) -> StoredSession | None:
        statement = select(CooldownSessionRow).where(CooldownSessionRow.card_key == card_key)
        async with self._database.session() as session:
            row = await session.scalar(statement)
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
        card_key=row.card_key,
        thread_id=row.thread_id,
        control_message_id=row.control_message_id,
        owner_id=row.owner_id,
        group_id=row.group_id,
        state=SessionState(row.state),
        snapshot=row.snapshot,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


# A reply is read up to 4,000 characters and its note is kept whole.
CHECKIN_NOTE_LENGTH = 4000
SORENESS_RANGE = range(11)
_LOCAL_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


class CheckInSchedules:
    """When each server's weekly check-in is posted: one schedule per server."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def set(
        self,
        guild_id: int,
        channel_id: int,
        weekday: int,
        local_time: str,
        timezone: str,
        updated_by: int,
    ) -> CheckInSchedule:
        """Create or replace the server's schedule, enabled.

        One INSERT ... ON CONFLICT DO UPDATE, so two admins saving at once leave one row
        (the later write wins) instead of one of them failing on the primary key.
        """
        _check_schedule(weekday, local_time, timezone)
        values: dict[str, Any] = {
            "channel_id": channel_id,
            "weekday": weekday,
            "local_time": local_time,
            "timezone": timezone,
            "enabled": True,
            "updated_by": updated_by,
            "updated_at": _now(),
        }
        async with self._database.session() as session:
            upsert = _insert(session, CheckInScheduleRow).values(guild_id=guild_id, **values)
            await session.execute(
                upsert.on_conflict_do_update(index_elements=["guild_id"], set_=values)
            )
            row = await session.scalar(
                select(CheckInScheduleRow).where(CheckInScheduleRow.guild_id == guild_id)
            )
            assert row is not None
            return _schedule(row)

    async def get(self, guild_id: int) -> CheckInSchedule | None:
        statement = select(CheckInScheduleRow).where(CheckInScheduleRow.guild_id == guild_id)
        async with self._database.session() as session:
            row = await session.scalar(statement)
            return None if row is None else _schedule(row)

    async def disable(self, guild_id: int) -> bool:
        """Stop posting; the schedule is kept for `set` to re-enable. False when the server
        has no schedule or it was already disabled."""
        statement = (
            update(CheckInScheduleRow)
            .where(CheckInScheduleRow.guild_id == guild_id, CheckInScheduleRow.enabled)
            .values(enabled=False, updated_at=_now())
        )
        async with self._database.session() as session:
            result = await session.execute(statement)
        return _rowcount(result) > 0

    async def remove(self, guild_id: int) -> bool:
        """Forget the server's schedule (the bot left the server)."""
        criteria = [CheckInScheduleRow.guild_id == guild_id]
        return await _delete(self._database, CheckInScheduleRow, criteria) > 0

    async def enabled(
        self, guild_ids: Iterable[int] | None = None
    ) -> builtins.list[CheckInSchedule]:
        """Enabled schedules (of these servers), by server id: the jobs to plan at start-up."""
        statement = select(CheckInScheduleRow).where(CheckInScheduleRow.enabled)
        if guild_ids is not None:
            statement = statement.where(CheckInScheduleRow.guild_id.in_(list(guild_ids)))
        async with self._database.session() as session:
            rows = (await session.scalars(statement.order_by(CheckInScheduleRow.guild_id))).all()
            return [_schedule(row) for row in rows]


class CheckInPosts:
    """Each server's weekly check-in message, posted exactly once per week.

    `claim()` succeeds for exactly one caller per server and week, however many race (timers
    in several shards, a restart catching up): that caller posts the message, then reports
    `mark_posted()` or `mark_failed()`. A failed week can be claimed again, again by exactly
    one caller. A claim whose process died before reporting stays claimed.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    async def claim(self, guild_id: int, week: date, channel_id: int) -> CheckInPost | None:
        """The claimed post, or None when the week is already claimed or posted.

        `week` may be any day of the week; its Monday is stored. A failed week, or one claimed
        by a process that died before posting (claimed longer ago than STALE_CLAIM), is taken
        over by one conditional UPDATE (a concurrent caller on PostgreSQL waits for the row
        lock, then finds it no longer takeable); otherwise the INSERT's unique
        (guild_id, week) constraint is the guard.
        """
        week = week_start(week)
        now = _now()
        where = [CheckInPostRow.guild_id == guild_id, CheckInPostRow.week == week]
        takeable = or_(
            CheckInPostRow.state == PostState.FAILED.value,
            and_(
                CheckInPostRow.state == PostState.CLAIMED.value,
                CheckInPostRow.claimed_at < now - STALE_CLAIM,
            ),
        )
        try:
            async with self._database.session() as session:
                retake = (
                    update(CheckInPostRow)
                    .where(*where, takeable)
                    .values(
                        channel_id=channel_id,
                        message_id=None,
                        state=PostState.CLAIMED.value,
                        claimed_at=now,
                        posted_at=None,
                    )
                )
                if _rowcount(await session.execute(retake)) == 1:
                    row = await session.scalar(select(CheckInPostRow).where(*where))
                    assert row is not None
                    return _post(row)
                row = CheckInPostRow(
                    guild_id=guild_id,
                    week=week,
                    channel_id=channel_id,
                    state=PostState.CLAIMED.value,
                    claimed_at=now,
                )
                session.add(row)
                await session.flush()
                return _post(row)
        except IntegrityError:
            # Another caller holds (or has posted) this week.
            return None

    async def mark_posted(self, post_id: int, message_id: int) -> bool:
        """CLAIMED → POSTED with the message; False when the post is not claimed."""
        return await self._settle(
            post_id, state=PostState.POSTED.value, message_id=message_id, posted_at=_now()
        )

    async def mark_failed(self, post_id: int) -> bool:
        """CLAIMED → FAILED, so that the week can be claimed again."""
        return await self._settle(post_id, state=PostState.FAILED.value)

    async def by_message(self, message_id: int) -> CheckInPost | None:
        """The post a reply answers (which server and week it belongs to)."""
        return await self._first(
            select(CheckInPostRow).where(CheckInPostRow.message_id == message_id)
        )

    async def latest(self, guild_id: int) -> CheckInPost | None:
        """The server's most recent week, whatever its state."""
        statement = (
            select(CheckInPostRow)
            .where(CheckInPostRow.guild_id == guild_id)
            .order_by(CheckInPostRow.week.desc())
            .limit(1)
        )
        return await self._first(statement)

    async def weeks(self, guild_id: int) -> builtins.list[CheckInPost]:
        """Every week of the server, oldest first."""
        statement = (
            select(CheckInPostRow)
            .where(CheckInPostRow.guild_id == guild_id)
            .order_by(CheckInPostRow.week)
        )
        async with self._database.session() as session:
            rows = (await session.scalars(statement)).all()
            return [_post(row) for row in rows]

    async def _settle(self, post_id: int, **values: Any) -> bool:
        statement = (
            update(CheckInPostRow)
            .where(CheckInPostRow.id == post_id, CheckInPostRow.state == PostState.CLAIMED.value)
            .values(**values)
        )
        async with self._database.session() as session:
            result = await session.execute(statement)
        return _rowcount(result) == 1

    async def _first(self, statement: Select[CheckInPostRow]) -> CheckInPost | None:
        async with self._database.session() as session:
            row = await session.scalar(statement)
            return None if row is None else _post(row)


class CheckIns:
    """Members' weekly answers: one per member and ISO week, later answers merged in."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @_forgets_member
    async def record(
        self,
        user_id: int,
        guild_id: int,
        week: date,
        soreness: Mapping[str, int],
        movement: int | None = None,
        efficiency: str | None = None,
        note: str | None = None,
    ) -> tuple[CheckIn, bool]:
        """Store an answer; True when it is the member's first for that week.

        A second answer in the same week updates the first: its areas overwrite the stored
        scores of those areas and leave the others, and movement, efficiency and note replace
        the stored ones only when given. The week's server stays the first answer's. Answers
        for one member and week are serialised (an advisory lock on PostgreSQL, IMMEDIATE
        transactions on SQLite), so concurrent ones are all merged into one row.
        """
        week = week_start(week)
        scores = _checked_soreness(soreness)
        stored_efficiency = None if efficiency is None else Efficiency(efficiency).value
        if note is not None and len(note) > CHECKIN_NOTE_LENGTH:
            raise ValueError(f"a check-in note is at most {CHECKIN_NOTE_LENGTH} characters")
        for attempt in range(2):
            try:
                async with self._database.session() as session:
                    await _advisory_lock(session, f"checkins:{user_id}:{week.isoformat()}")
                    row = await session.scalar(
                        select(CheckInRow).where(*_checkin_of(user_id, week))
                    )
                    created = row is None
                    now = _now()
                    if row is None:
                        row = CheckInRow(
                            user_id=user_id,
                            guild_id=guild_id,
                            week=week,
                            soreness="{}",
                            created_at=now,
                        )
                        session.add(row)
                    row.soreness = _dump_soreness({**_load_soreness(row.soreness), **scores})
                    if movement is not None:
                        row.movement = movement
                    if stored_efficiency is not None:
                        row.efficiency = stored_efficiency
                    if note is not None:
                        row.note = note
                    row.updated_at = now
                    await session.flush()
                    return _checkin(row), created
            except IntegrityError:
                # The unique (user_id, week) constraint caught an insert the lock did not
                # cover; the row exists now, so the next attempt merges into it.
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def for_week(self, user_id: int, week: date) -> CheckIn | None:
        statement = select(CheckInRow).where(*_checkin_of(user_id, week_start(week)))
        async with self._database.session() as session:
            row = await session.scalar(statement)
            return None if row is None else _checkin(row)

    async def history(
        self, user_id: int, weeks: int | None = None, *, today: date | None = None
    ) -> builtins.list[WeeklyCheckIn]:
        """The member's check-ins, oldest first: all of them, or those of the last `weeks`
        calendar weeks up to the one holding `today` (default: today in UTC)."""
        async with self._database.reading() as connection:
            return await _read_history(connection, user_id, weeks, today)

    async def participation(self, guild_id: int, weeks: int) -> builtins.list[tuple[date, int]]:
        """How many members answered in each of the server's last `weeks` weeks that had a
        posted check-in or answers, oldest first (0 for a posted week nobody answered)."""
        if weeks < 1:
            raise ValueError(f"weeks must be at least 1, not {weeks}")
        answered = (
            select(CheckInRow.week, func.count(func.distinct(CheckInRow.user_id)))
            .where(CheckInRow.guild_id == guild_id)
            .group_by(CheckInRow.week)
            .order_by(CheckInRow.week.desc())
            .limit(weeks)
        )
        posted = (
            select(CheckInPostRow.week)
            .where(
                CheckInPostRow.guild_id == guild_id,
                CheckInPostRow.state == PostState.POSTED.value,
            )
            .order_by(CheckInPostRow.week.desc())
            .limit(weeks)
        )
        async with self._database.reading() as connection:
            counts = {week: count for week, count in await connection.execute(answered)}
            for week in (await connection.scalars(posted)).all():
                counts.setdefault(week, 0)
        return sorted(counts.items())[-weeks:]


class ClubReports:
    """Server-wide figures for the club report: counts only, never a member or their scores."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def club_tight_areas(self, guild_id: int) -> builtins.list[tuple[str, int]]:
        """(area, members) for the tight areas of members who have answered a check-in in
        this server, most common first (ties by area name)."""
        members = select(CheckInRow.user_id).where(CheckInRow.guild_id == guild_id)
        count = func.count(func.distinct(TightAreaRow.user_id))
        statement = (
            select(TightAreaRow.area, count)
            .where(TightAreaRow.user_id.in_(members))
            .group_by(TightAreaRow.area)
            .order_by(count.desc(), TightAreaRow.area)
        )
        async with self._database.reading() as connection:
            return [(area, members) for area, members in await connection.execute(statement)]


class MemberData:
    """Everything stored about one member: exported on request, deleted on request.

    Groups the member leads are kept (other members joined them); their membership rows, in
    those groups too, are deleted.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    async def export(self, user_id: int) -> dict[str, Any]:
        """JSON-ready: ids as integers, dates and times as ISO 8601 strings."""
        checkin, member, card = CheckInRow, GroupMemberRow, CooldownSessionRow
        checkins = (
            select(
                checkin.week,
                checkin.guild_id,
                checkin.soreness,
                checkin.movement,
                checkin.efficiency,
                checkin.note,
                checkin.created_at,
                checkin.updated_at,
            )
            .where(checkin.user_id == user_id)
            .order_by(checkin.week)
        )
        memberships = (
            select(member.group_id, member.joined_at)
            .where(member.user_id == user_id)
            .order_by(member.joined_at, member.id)
        )
        cards = (
            select(card.id, card.state, card.created_at)
            .where(card.owner_id == user_id)
            .order_by(card.id)
        )
        async with self._database.reading() as connection:
            tight = await _read_tight_areas(connection, user_id)
            avoided = await _read_avoided(connection, user_id)
            checkin_rows = (await connection.execute(checkins)).all()
            membership_rows = (await connection.execute(memberships)).all()
            card_rows = (await connection.execute(cards)).all()
        return {
            "user_id": user_id,
            "tight_areas": [
                {
                    "area": area.area,
                    "priority": area.priority,
                    "note": area.note,
                    "added_at": area.added_at.isoformat(),
                }
                for area in tight
            ],
            "avoided_stretches": [
                {"stretch_id": stretch.stretch_id, "added_at": stretch.added_at.isoformat()}
                for stretch in avoided
            ],
            "checkins": [
                {
                    "week": row.week.isoformat(),
                    "guild_id": row.guild_id,
                    "soreness": _load_soreness(row.soreness),
                    "movement": row.movement,
                    "efficiency": row.efficiency,
                    "note": row.note,
                    "created_at": row.created_at.isoformat(),
                    "updated_at": row.updated_at.isoformat(),
                }
                for row in checkin_rows
            ],
            "group_memberships": [
                {"group_id": row.group_id, "joined_at": row.joined_at.isoformat()}
                for row in membership_rows
            ],
            "cooldown_sessions": [
                {"id": row.id, "state": row.state, "created_at": row.created_at.isoformat()}
                for row in card_rows
            ],
        }

    @_forgets_member
    async def delete(self, user_id: int) -> dict[str, int]:
        """Delete the member's rows in one transaction; how many went, per table."""
        targets: list[tuple[type[Base], ColumnElement[bool]]] = [
            (TightAreaRow, TightAreaRow.user_id == user_id),
            (AvoidedStretchRow, AvoidedStretchRow.user_id == user_id),
            (CheckInRow, CheckInRow.user_id == user_id),
            (GroupMemberRow, GroupMemberRow.user_id == user_id),
            (CooldownSessionRow, CooldownSessionRow.owner_id == user_id),
        ]
        removed: dict[str, int] = {}
        async with self._database.session() as session:
            await _lock_member_areas(session, user_id)
            for model, criterion in targets:
                result = await session.execute(delete(model).where(criterion))
                removed[model.__tablename__] = _rowcount(result)
        return removed


def _check_schedule(weekday: int, local_time: str, timezone: str) -> None:
    if weekday not in range(7):
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), not {weekday!r}")
    if not _LOCAL_TIME.fullmatch(local_time):
        raise ValueError(f'local_time must be "HH:MM" (24-hour), not {local_time!r}')
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {timezone!r}") from exc


def _insert(session: AsyncSession, model: type[Base]) -> SQLiteInsert | PostgresInsert:
    """The dialect's INSERT, which has ON CONFLICT (the generic one does not)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgres_insert(model)
    return sqlite_insert(model)


async def _advisory_lock(session: AsyncSession, key: str) -> None:
    """Serialise transactions taking the same `key` until they end (PostgreSQL only; SQLite
    transactions here begin IMMEDIATE, which already serialises them)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


def _schedule(row: CheckInScheduleRow) -> CheckInSchedule:
    return CheckInSchedule(
        guild_id=row.guild_id,
        channel_id=row.channel_id,
        weekday=row.weekday,
        local_time=row.local_time,
        timezone=row.timezone,
        enabled=row.enabled,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
    )


def _post(row: CheckInPostRow) -> CheckInPost:
    return CheckInPost(
        id=row.id,
        guild_id=row.guild_id,
        week=row.week,
        channel_id=row.channel_id,
        message_id=row.message_id,
        state=PostState(row.state),
        claimed_at=row.claimed_at,
        posted_at=row.posted_at,
    )


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(
        id=row.id,
        user_id=row.user_id,
        guild_id=row.guild_id,
        week=row.week,
        soreness=_load_soreness(row.soreness),
        movement=row.movement,
        efficiency=row.efficiency,
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _checkin_of(user_id: int, week: date) -> list[ColumnElement[bool]]:
    return [CheckInRow.user_id == user_id, CheckInRow.week == week]


def _checked_soreness(soreness: Mapping[str, int]) -> dict[str, int]:
    for area, score in soreness.items():
        if isinstance(score, bool) or not isinstance(score, int) or score not in SORENESS_RANGE:
            raise ValueError(f"soreness of {area!r} must be an integer 0..10, not {score!r}")
    return dict(soreness)


def _load_soreness(text: str) -> dict[str, int]:
    loaded: dict[str, int] = json.loads(text)
    return loaded


def _dump_soreness(soreness: Mapping[str, int]) -> str:
    return json.dumps(dict(soreness), sort_keys=True, separators=(",", ":"))
