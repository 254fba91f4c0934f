"""Everything stored about one member, exported or deleted on request."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, delete, select

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
    AvoidedStretchRow,
    Base,
    CheckInRow,
    CooldownSessionRow,
    GroupMemberRow,
    TightAreaRow,
)

__all__ = ["MemberData"]


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
