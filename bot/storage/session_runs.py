"""Writes of a running session that must not tear: its state and its posts go together.

A session's state change and the posts it describes (the next step, the wrap-up) are written
in one transaction, fenced by the session's lease: a process that lost the lease (it stalled,
another took over) writes nothing, so two processes never post the same step.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, cast, literal, or_, select, update

from bot.rules.delivery import Delivery, Outgoing
from bot.rules.privacy import still_listed
from bot.rules.sessions import SessionState
from bot.storage._shared import _now, _rowcount
from bot.storage.database import Database
from bot.storage.deliveries import add_in, held_by, supersede_edits_in, to_delivery
from bot.storage.models import CooldownSessionRow, LeaseRow


def session_resource(session_id: int | str) -> str:
    return f"session:{session_id}"


class SessionRuns:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def begin(
        self, session_id: int, card_message_id: int | None, owner: str, ttl: timedelta
    ) -> bool:
        """READY → STARTING under a fresh lease; True only for the one press that did it."""
        now = _now()
        async with self._database.session() as session:
            result = await session.execute(
                update(CooldownSessionRow)
                .where(
                    CooldownSessionRow.id == session_id,
                    CooldownSessionRow.state == SessionState.READY.value,
                )
                .values(
                    state=SessionState.STARTING.value,
                    card_message_id=card_message_id,
                    updated_at=now,
                )
            )
            if _rowcount(result) != 1:
                return False
            resource = session_resource(session_id)
            lease = await session.get(LeaseRow, resource)
            if lease is None:
                session.add(LeaseRow(resource=resource, owner=owner, expires_at=now + ttl))
            else:
                lease.owner, lease.expires_at = owner, now + ttl
            return True

    async def save(
        self,
        session_id: int,
        owner: str,
        state: SessionState,
        snapshot: str,
        outgoing: Sequence[Outgoing] = (),
        **columns: Any,
    ) -> list[Delivery] | None:
        """State, snapshot and posts in one transaction; None when the lease is not ours."""
        async with self._database.session() as session:
            stored = await session.scalar(
                select(CooldownSessionRow.snapshot)
                .where(CooldownSessionRow.id == session_id)
                .with_for_update()
            )
            if stored is not None:
                snapshot = still_listed(snapshot, stored)
            values = {"state": state.value, "snapshot": snapshot, "updated_at": _now(), **columns}
            result = await session.execute(
                update(CooldownSessionRow)
                .where(
                    CooldownSessionRow.id == session_id,
                    held_by(owner, session_resource(session_id)),
                )
                .values(**values)
            )
            if _rowcount(result) != 1:
                return None
            await supersede_edits_in(session, outgoing)
            rows = add_in(session, outgoing)
            await session.flush()
            return [to_delivery(row) for row in rows]

    async def thread_opened(self, session_id: int, owner: str, thread_id: int) -> bool:
        """Note a starting session's thread, so a Start cut short can close it again."""
        async with self._database.session() as session:
            result = await session.execute(
                update(CooldownSessionRow)
                .where(*_starting_and_held(session_id, owner))
                .values(thread_id=thread_id, updated_at=_now())
            )
            return _rowcount(result) == 1

    async def put_back(
        self, session_id: int, owner: str, snapshot: str, outgoing: Sequence[Outgoing] = ()
    ) -> list[Delivery] | None:
        """STARTING → READY: a Start that could not finish leaves the card as it was. A thread
        it opened is kept: Discord gives a message one thread, so the next Start reuses it."""
        async with self._database.session() as session:
            result = await session.execute(
                update(CooldownSessionRow)
                .where(*_starting_and_held(session_id, owner))
                .values(
                    state=SessionState.READY.value,
                    snapshot=snapshot,
                    control_message_id=None,
                    updated_at=_now(),
                )
            )
            if _rowcount(result) != 1:
                return None
            rows = add_in(session, outgoing)
            await session.flush()
            return [to_delivery(row) for row in rows]

    async def unowned(self, live_before: datetime) -> builtins.list[tuple[int, int | None]]:
        """Sessions that should be running or starting but whose lease ran out (or never was)."""
        live = (
            SessionState.STARTING.value,
            SessionState.RUNNING.value,
            SessionState.PAUSED.value,
        )
        lease = LeaseRow.resource == _resource_of(CooldownSessionRow.id)
        statement = (
            select(CooldownSessionRow.id, CooldownSessionRow.guild_id)
            .outerjoin(LeaseRow, lease)
            .where(
                CooldownSessionRow.state.in_(live),
                or_(LeaseRow.resource.is_(None), LeaseRow.expires_at < live_before),
            )
            .order_by(CooldownSessionRow.id)
        )
        async with self._database.session() as session:
            return [(row.id, row.guild_id) for row in (await session.execute(statement)).all()]


def _resource_of(column: Any) -> Any:
    return literal("session:") + cast(column, String)


def _starting_and_held(session_id: int, owner: str) -> tuple[ColumnElement[bool], ...]:
    """The session is still starting, and `owner` still holds its lease."""
    return (
        CooldownSessionRow.id == session_id,
        CooldownSessionRow.state == SessionState.STARTING.value,
        held_by(owner, session_resource(session_id)),
    )
