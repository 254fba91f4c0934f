"""Routine cards and their timed sessions."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import Executable

from bot.rules.delivery import Delivery, Outgoing
from bot.rules.members import CardDraft, StoredSession
from bot.rules.sessions import SessionState
from bot.storage._shared import _now, _rowcount
from bot.storage.database import Database
from bot.storage.deliveries import add_in, to_delivery
from bot.storage.models import CooldownSessionRow, GroupCooldownRow

__all__ = ["CooldownSessions"]

_CARDS = cast(Table, CooldownSessionRow.__table__)


def _new_cards_insert(dialect: str) -> Executable:
    """An insert of cards that skips one stored already (by its key)."""
    if dialect == "postgresql":
        return postgresql.insert(_CARDS).on_conflict_do_nothing(index_elements=["card_key"])
    return sqlite.insert(_CARDS).on_conflict_do_nothing(index_elements=["card_key"])


class CooldownSessions:
    """Routine cards and their timed sessions.

    A card is stored as READY with the routine it shows; `start()` moves it to RUNNING for
    exactly one caller, so a double press (or two processes) starts one session. After that
    the session's snapshot is saved whenever its state changes.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    async def create_group_card(
        self,
        *,
        group_id: int,
        guild_id: int | None,
        channel_id: int,
        owner_id: int,
        snapshot: str,
        card_key: int,
        outgoing: Sequence[Outgoing] = (),
    ) -> builtins.list[Delivery] | None:
        """A built group's card and its posts in one transaction; None when the group already
        has its card (a second process, or a recovery racing the build it recovers)."""
        async with self._database.session() as session:
            # The group's row lock makes "no card yet" hold until this one is stored.
            await session.execute(
                select(GroupCooldownRow.id).where(GroupCooldownRow.id == group_id).with_for_update()
            )
            existing = await session.scalar(
                select(CooldownSessionRow.id).where(CooldownSessionRow.group_id == group_id)
            )
            if existing is not None:
                return None
            session.add(_card_row(card_key, guild_id, channel_id, owner_id, snapshot, group_id))
            rows = add_in(session, outgoing)
            await session.flush()
            return [to_delivery(row) for row in rows]

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
        row = _card_row(card_key, guild_id, channel_id, owner_id, snapshot, group_id)
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
            dialect = session.get_bind().dialect.name
            if dialect == "postgresql":
                # Cards are the bot's own output and can be posted again; not waiting for
                # the disk on their commit keeps busy moments smooth for everyone else.
                await session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            # The table's insert, not the entity's: no ORM bookkeeping for rows nobody reads
            # back, one executemany. A card stored already is left as it is: a batch is written
            # again after a failure that may have come after its commit.
            await session.execute(_new_cards_insert(dialect), rows)

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


def _card_row(
    card_key: int | None,
    guild_id: int | None,
    channel_id: int,
    owner_id: int,
    snapshot: str,
    group_id: int | None,
) -> CooldownSessionRow:
    """A new card, READY to start."""
    now = _now()
    return CooldownSessionRow(
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
