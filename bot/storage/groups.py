"""Group cooldowns and who joined them."""

from __future__ import annotations

import builtins
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.rules.members import GroupCooldown, GroupState, JoinResult
from bot.rules.privacy import NOBODY
from bot.storage._shared import _now, _rowcount
from bot.storage.database import Database
from bot.storage.models import CooldownSessionRow, GroupCooldownRow, GroupMemberRow

__all__ = ["GroupCooldowns"]


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

    async def built_without_card(self, since: datetime) -> builtins.list[GroupCooldown]:
        """Groups built since `since` whose routine card was never stored: the process that
        closed them stopped before it could. (A leader who was forgotten since is left out.)"""
        has_card = exists().where(CooldownSessionRow.group_id == GroupCooldownRow.id)
        statement = (
            select(GroupCooldownRow)
            .where(
                GroupCooldownRow.state == GroupState.BUILT.value,
                GroupCooldownRow.closes_at >= since,
                GroupCooldownRow.leader_id != NOBODY,
                ~has_card,
            )
            .order_by(GroupCooldownRow.id)
        )
        async with self._database.session() as session:
            rows = (await session.scalars(statement)).all()
        return [_group(row) for row in rows]

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
