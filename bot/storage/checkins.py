"""Weekly check-ins: each server's schedule and posts, members' answers, and club reports."""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import Insert as SQLiteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.rules.checkins.parser import Efficiency
from bot.rules.checkins.trends import WeeklyCheckIn, week_start
from bot.rules.delivery import Delivery, Outgoing
from bot.rules.members import CheckIn, CheckInPost, CheckInSchedule, PostState
from bot.storage._shared import (
    _delete,
    _forgets_member,
    _load_soreness,
    _now,
    _read_history,
    _rowcount,
)
from bot.storage.database import Database
from bot.storage.deliveries import add_in, to_delivery
from bot.storage.models import Base, CheckInPostRow, CheckInRow, CheckInScheduleRow, TightAreaRow

__all__ = ["CheckInPosts", "CheckInSchedules", "CheckIns", "ClubReports"]


# A claim this old was made by a process that died before posting: the week can be retaken.
STALE_CLAIM = timedelta(minutes=15)
# Room for a whole reply (read up to 4,000 characters) or a whole form (its soreness
# box's words and its 4,000-character note box).
CHECKIN_NOTE_LENGTH = 8000
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
        """The claimed post, or None when the week is already claimed or posted."""
        claimed = await self.claim_with_post(guild_id, week, channel_id, None)
        return None if claimed is None else claimed[0]

    async def claim_with_post(
        self,
        guild_id: int,
        week: date,
        channel_id: int,
        post: Callable[[CheckInPost], Outgoing] | None,
    ) -> tuple[CheckInPost, Delivery | None] | None:
        """Claim the week and, in the same transaction, put its message in the outbox, so
        that a claimed week always has its post on the way; None when already claimed.

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
                        error=None,
                    )
                )
                if _rowcount(await session.execute(retake)) == 1:
                    row = await session.scalar(select(CheckInPostRow).where(*where))
                    assert row is not None
                else:
                    row = CheckInPostRow(
                        guild_id=guild_id,
                        week=week,
                        channel_id=channel_id,
                        state=PostState.CLAIMED.value,
                        claimed_at=now,
                    )
                    session.add(row)
                    await session.flush()
                claimed = _post(row)
                if post is None:
                    return claimed, None
                (delivery,) = add_in(session, [post(claimed)])
                await session.flush()
                return claimed, to_delivery(delivery)
        except IntegrityError:
            # Another caller holds (or has posted) this week.
            return None

    async def mark_posted(self, post_id: int, message_id: int) -> bool:
        """CLAIMED → POSTED with the message; False when the post is not claimed."""
        return await self._settle(
            post_id, state=PostState.POSTED.value, message_id=message_id, posted_at=_now()
        )

    async def mark_failed(self, post_id: int, reason: str | None = None) -> bool:
        """CLAIMED → FAILED, so that the week can be claimed again."""
        return await self._settle(post_id, state=PostState.FAILED.value, error=reason)

    async def get(self, post_id: int) -> CheckInPost | None:
        return await self._first(select(CheckInPostRow).where(CheckInPostRow.id == post_id))

    async def for_week(self, guild_id: int, week: date) -> CheckInPost | None:
        return await self._first(
            select(CheckInPostRow).where(
                CheckInPostRow.guild_id == guild_id, CheckInPostRow.week == week_start(week)
            )
        )

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
        error=row.error,
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


def _dump_soreness(soreness: Mapping[str, int]) -> str:
    return json.dumps(dict(soreness), sort_keys=True, separators=(",", ":"))
