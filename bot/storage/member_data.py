"""Everything stored about one member, exported or deleted on request.

Which columns hold a member is declared on the columns themselves (`OWNER`, `REFERENCE`,
`MENTIONS` in models.py): deletion follows those declarations, so a column declared there is
never forgotten here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, ColumnElement, Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.rules.delivery import Action
from bot.rules.privacy import NOBODY, forget_member, mentions_member
from bot.storage._shared import (
    _forgets_member,
    _load_soreness,
    _lock_member_areas,
    _read_avoided,
    _read_tight_areas,
    _rowcount,
)
from bot.storage.database import Database
from bot.storage.models import (
    Base,
    CheckInRow,
    CheckInScheduleRow,
    CooldownSessionRow,
    DeliveryRow,
    GroupCooldownRow,
    GroupMemberRow,
)

__all__ = ["Forgotten", "MemberData", "member_columns"]


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What a deletion did, per table: the member's own rows deleted, and others' rows the
    member was taken out of."""

    deleted: dict[str, int] = field(default_factory=dict)
    anonymised: dict[str, int] = field(default_factory=dict)


def member_columns(role: str) -> Iterator[tuple[Table, Column[Any]]]:
    """Every (table, column) declared to hold a member in this role."""
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.info.get("member") == role:
                yield table, column


def _criteria(table: Table, column: Column[Any], user_id: int) -> list[ColumnElement[bool]]:
    criteria: list[ColumnElement[bool]] = [column == user_id]
    for name, value in (column.info.get("when") or {}).items():
        criteria.append(table.c[name] == value)
    return criteria


class MemberData:
    """Everything stored about one member: exported on request, deleted on request.

    Groups the member led and sessions of others that listed them stay for the others, with
    the member taken out; the member's own rows (areas, stretches, answers, memberships,
    cards, direct messages to them) are deleted.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    async def export(self, user_id: int) -> dict[str, Any]:
        """JSON-ready: ids as integers, dates and times as ISO 8601 strings. Rows of others
        that name the member are described without the others' data."""
        async with self._database.reading() as connection:
            tight = await _read_tight_areas(connection, user_id)
            avoided = await _read_avoided(connection, user_id)
            rows = await _export_rows(connection, user_id)
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
            **rows,
        }

    @_forgets_member
    async def delete(self, user_id: int) -> Forgotten:
        """Delete the member's rows and take them out of others' in one transaction."""
        forgotten = Forgotten()
        async with self._database.session() as session:
            await _lock_member_areas(session, user_id)
            await _lock_sessions_of(session, user_id)
            for table, column in member_columns("owner"):
                criteria = _criteria(table, column, user_id)
                result = await session.execute(delete(table).where(*criteria))
                _count(forgotten.deleted, table, _rowcount(result))
            for table, column in member_columns("reference"):
                statement = update(table).where(column == user_id).values({column.name: NOBODY})
                _count(forgotten.anonymised, table, _rowcount(await session.execute(statement)))
            for table, column in member_columns("mentions"):
                _count(forgotten.anonymised, table, await _scrub(session, table, column, user_id))
        return forgotten


async def _lock_sessions_of(session: AsyncSession, user_id: int) -> None:
    """Lock the sessions the member owns or is listed in before any of their posts.

    A running session saves its row, then its posts (`SessionRuns.save`); a deletion that
    scrubbed the posts first and the row after took the same locks the other way round, and
    PostgreSQL broke the deadlock by failing the session's save.
    """
    row = CooldownSessionRow
    await session.execute(
        select(row.id)
        .where((row.owner_id == user_id) | row.snapshot.contains(str(user_id)))
        .order_by(row.id)
        .with_for_update()
    )


def _count(counts: dict[str, int], table: Table, n: int) -> None:
    counts[table.name] = counts.get(table.name, 0) + n


async def _scrub(session: AsyncSession, table: Table, column: Column[Any], user_id: int) -> int:
    """Take the member out of a text column; how many rows changed."""
    (key,) = table.primary_key.columns
    found = await session.execute(
        select(key, column).where(column.contains(str(user_id))).with_for_update()
    )
    changed = 0
    for row_id, text in found.all():
        cleaned = forget_member(text, user_id)
        if cleaned != text:
            await session.execute(update(table).where(key == row_id).values({column.name: cleaned}))
            changed += 1
    return changed


async def _export_rows(connection: AsyncConnection, user_id: int) -> dict[str, Any]:
    checkin, member, card = CheckInRow, GroupMemberRow, CooldownSessionRow
    group, schedule, post = GroupCooldownRow, CheckInScheduleRow, DeliveryRow
    checkins = await connection.execute(
        select(checkin).where(checkin.user_id == user_id).order_by(checkin.week)
    )
    memberships = await connection.execute(
        select(member.group_id, member.joined_at)
        .where(member.user_id == user_id)
        .order_by(member.joined_at, member.id)
    )
    cards = await connection.execute(
        select(card.id, card.state, card.snapshot, card.created_at)
        .where(card.owner_id == user_id)
        .order_by(card.id)
    )
    listed = await connection.execute(
        select(card.id, card.state, card.snapshot, card.created_at)
        .where(card.owner_id != user_id, card.snapshot.contains(str(user_id)))
        .order_by(card.id)
    )
    led = await connection.execute(
        select(group).where(group.leader_id == user_id).order_by(group.id)
    )
    schedules = await connection.execute(
        select(schedule).where(schedule.updated_by == user_id).order_by(schedule.guild_id)
    )
    direct = await connection.execute(
        select(post)
        .where(post.action == Action.DIRECT.value, post.channel_id == user_id)
        .order_by(post.id)
    )
    mentioned = await connection.execute(
        select(post.id, post.label, post.payload, post.created_at)
        .where(post.action != Action.DIRECT.value, post.payload.contains(str(user_id)))
        .order_by(post.id)
    )
    return {
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
            for row in checkins.all()
        ],
        "group_memberships": [
            {"group_id": row.group_id, "joined_at": row.joined_at.isoformat()}
            for row in memberships.all()
        ],
        "cooldown_sessions": [
            {
                "id": row.id,
                "state": row.state,
                "routine": _routine(row.snapshot),
                "created_at": row.created_at.isoformat(),
            }
            for row in cards.all()
        ],
        # Other members' sessions that listed the member: that they took part, not the others.
        "sessions_you_joined": [
            {"id": row.id, "state": row.state, "created_at": row.created_at.isoformat()}
            for row in listed.all()
            if _lists(row.snapshot, user_id)
        ],
        "group_cooldowns_you_led": [
            {
                "id": row.id,
                "guild_id": row.guild_id,
                "channel_id": row.channel_id,
                "minutes": row.minutes,
                "run": row.run,
                "state": row.state,
                "created_at": row.created_at.isoformat(),
                "closes_at": row.closes_at.isoformat(),
            }
            for row in led.all()
        ],
        "checkin_schedules_you_set": [
            {
                "guild_id": row.guild_id,
                "channel_id": row.channel_id,
                "weekday": row.weekday,
                "local_time": row.local_time,
                "timezone": row.timezone,
                "updated_at": row.updated_at.isoformat(),
            }
            for row in schedules.all()
        ],
        "messages_to_you": [
            {
                "about": row.label,
                "content": json.loads(row.payload).get("content"),
                "state": row.state,
                "created_at": row.created_at.isoformat(),
            }
            for row in direct.all()
        ],
        "posts_mentioning_you": [
            {"id": row.id, "about": row.label, "created_at": row.created_at.isoformat()}
            for row in mentioned.all()
            if mentions_member(row.payload, user_id)
        ],
    }


def _routine(snapshot: str) -> Any:
    try:
        return json.loads(snapshot).get("routine")
    except (ValueError, AttributeError):
        return None


def _lists(snapshot: str, user_id: int) -> bool:
    try:
        members = json.loads(snapshot).get("members") or []
    except (ValueError, AttributeError):
        return False
    return any(str(m) == str(user_id) for m in members)
