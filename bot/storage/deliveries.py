"""The outbox and the leases: what the bot will post on its own, and who runs which timer.

`add_in` writes outbox rows inside a caller's transaction, so the state a post describes
(a session's next step, a week's claim) and the post itself are stored together or not at
all. Leases are rows with an owner and an expiry: taking one succeeds only when it is free,
expired or already ours, in one conditional statement, whichever process asks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, delete, func, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.rules.delivery import Action, Backlog, Delivery, DeliveryState, Outgoing
from bot.storage._shared import _now, _rowcount
from bot.storage.database import Database
from bot.storage.models import DeliveryRow, LeaseRow

GuildFilter = Callable[[Any], ColumnElement[bool]]


def add_in(session: AsyncSession, outgoing: Sequence[Outgoing]) -> list[DeliveryRow]:
    """Stage outbox rows in an open transaction; their ids exist after the next flush."""
    now = _now()
    rows = [
        DeliveryRow(
            stream=o.stream,
            guild_id=o.guild_id,
            channel_id=o.channel_id,
            action=o.action.value,
            target_message_id=o.target_message_id,
            label=o.label[:200],
            payload=json.dumps(o.payload, separators=(",", ":")),
            state=DeliveryState.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            deadline=o.deadline,
            reported=False,
            created_at=now,
        )
        for o in outgoing
    ]
    session.add_all(rows)
    return rows


async def supersede_edits_in(session: AsyncSession, outgoing: Sequence[Outgoing]) -> None:
    """A newer edit of a message replaces the older ones still waiting: only the last counts."""
    for o in outgoing:
        if o.action is not Action.EDIT or o.target_message_id is None:
            continue
        await session.execute(
            update(DeliveryRow)
            .where(
                DeliveryRow.stream == o.stream,
                DeliveryRow.action == Action.EDIT.value,
                DeliveryRow.target_message_id == o.target_message_id,
                DeliveryRow.state == DeliveryState.PENDING.value,
                DeliveryRow.lease_owner.is_(None),
            )
            .values(state=DeliveryState.SUPERSEDED.value)
        )


def to_delivery(row: DeliveryRow) -> Delivery:
    return Delivery(
        id=row.id,
        stream=row.stream,
        channel_id=row.channel_id,
        guild_id=row.guild_id,
        label=row.label,
        payload=json.loads(row.payload),
        action=Action(row.action),
        target_message_id=row.target_message_id,
        deadline=row.deadline,
        state=DeliveryState(row.state),
        attempts=row.attempts,
        first_attempt_at=row.first_attempt_at,
        message_id=row.message_id,
        error=row.error,
        created_at=row.created_at,
    )


class Deliveries:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def add(self, outgoing: Sequence[Outgoing]) -> list[Delivery]:
        async with self._database.session() as session:
            await supersede_edits_in(session, outgoing)
            rows = add_in(session, outgoing)
            await session.flush()
            return [to_delivery(row) for row in rows]

    async def claim_due(
        self, owner: str, lease: timedelta, limit: int, mine: GuildFilter | None = None
    ) -> list[Delivery]:
        """Lease up to `limit` pending rows that are due and not leased by a live process.

        Only the first pending row of each stream is eligible, so a stream's posts never
        overtake each other even when two processes share the work.
        """
        now = _now()
        free = or_(DeliveryRow.lease_until.is_(None), DeliveryRow.lease_until < now)
        statement = (
            select(DeliveryRow)
            .where(DeliveryRow.state == DeliveryState.PENDING.value)
            .order_by(DeliveryRow.id)
            .limit(limit * 4)
        )
        if mine is not None:
            statement = statement.where(mine(DeliveryRow.guild_id))
        async with self._database.session() as session:
            rows = (await session.scalars(statement)).all()
            heads: dict[str, DeliveryRow] = {}
            for row in rows:
                heads.setdefault(row.stream, row)
            chosen = [r for r in heads.values() if r.next_attempt_at <= now and _is_free(r, now)][
                :limit
            ]
            taken: list[Delivery] = []
            for row in chosen:
                result = await session.execute(
                    update(DeliveryRow)
                    .where(DeliveryRow.id == row.id, free)
                    .values(lease_owner=owner, lease_until=now + lease)
                )
                if _rowcount(result) == 1:
                    taken.append(to_delivery(row))
            return taken

    async def backlog(self, mine: GuildFilter | None = None) -> Backlog:
        statement = select(func.count(), func.min(DeliveryRow.created_at)).where(
            DeliveryRow.state == DeliveryState.PENDING.value
        )
        if mine is not None:
            statement = statement.where(mine(DeliveryRow.guild_id))
        async with self._database.reading() as connection:
            pending, oldest = (await connection.execute(statement)).one()
        return Backlog(int(pending), oldest)

    async def lease(self, delivery_id: int, owner: str, lease: timedelta) -> Delivery | None:
        """Lease one row for sending; None when it is gone, settled or another's."""
        now = _now()
        statement = (
            update(DeliveryRow)
            .where(
                DeliveryRow.id == delivery_id,
                DeliveryRow.state == DeliveryState.PENDING.value,
                or_(
                    DeliveryRow.lease_until.is_(None),
                    DeliveryRow.lease_until < now,
                    DeliveryRow.lease_owner == owner,
                ),
            )
            .values(lease_owner=owner, lease_until=now + lease)
        )
        async with self._database.session() as session:
            if _rowcount(await session.execute(statement)) != 1:
                return None
            row = await session.get(DeliveryRow, delivery_id)
            return None if row is None else to_delivery(row)

    async def attempted(self, delivery_id: int) -> None:
        """Written before the call, so that a retry after a crash knows a try may have landed."""
        now = _now()
        async with self._database.session() as session:
            await session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.id == delivery_id)
                .values(attempts=DeliveryRow.attempts + 1)
            )
            await session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.id == delivery_id, DeliveryRow.first_attempt_at.is_(None))
                .values(first_attempt_at=now)
            )

    async def sent(self, delivery_id: int, message_id: int | None) -> None:
        await self._settle(
            delivery_id, state=DeliveryState.SENT.value, message_id=message_id, error=None
        )

    async def failed(self, delivery_id: int, reason: str) -> None:
        await self._settle(delivery_id, state=DeliveryState.FAILED.value, error=reason[:2000])

    async def retry_at(self, delivery_id: int, when: datetime, reason: str) -> None:
        async with self._database.session() as session:
            await session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.id == delivery_id)
                .values(next_attempt_at=when, error=reason[:2000])
            )

    async def release(self, owner: str, ids: Iterable[int] | None = None) -> None:
        """Hand rows back at once (a clean shutdown) instead of letting their leases run out."""
        where = [DeliveryRow.lease_owner == owner]
        if ids is not None:
            where.append(DeliveryRow.id.in_(list(ids)))
        async with self._database.session() as session:
            await session.execute(
                update(DeliveryRow).where(*where).values(lease_owner=None, lease_until=None)
            )

    async def unreported_failures(self, stream: str) -> list[Delivery]:
        statement = select(DeliveryRow).where(
            DeliveryRow.stream == stream,
            DeliveryRow.state == DeliveryState.FAILED.value,
            DeliveryRow.reported.is_(False),
        )
        async with self._database.session() as session:
            rows = (await session.scalars(statement.order_by(DeliveryRow.id))).all()
            return [to_delivery(row) for row in rows]

    async def mark_reported(self, ids: Iterable[int]) -> None:
        async with self._database.session() as session:
            await session.execute(
                update(DeliveryRow).where(DeliveryRow.id.in_(list(ids))).values(reported=True)
            )

    async def get(self, delivery_id: int) -> Delivery | None:
        async with self._database.session() as session:
            row = await session.get(DeliveryRow, delivery_id)
            return None if row is None else to_delivery(row)

    async def in_stream(self, stream: str) -> list[Delivery]:
        statement = select(DeliveryRow).where(DeliveryRow.stream == stream)
        async with self._database.session() as session:
            rows = (await session.scalars(statement.order_by(DeliveryRow.id))).all()
            return [to_delivery(row) for row in rows]

    async def _settle(self, delivery_id: int, **values: Any) -> None:
        async with self._database.session() as session:
            await session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.id == delivery_id)
                .values(lease_owner=None, lease_until=None, **values)
            )


class Leases:
    """Short leases on named resources ("session:42"), renewed by their owner."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def acquire(self, resource: str, owner: str, ttl: timedelta) -> bool:
        now = _now()
        takeable = and_(
            LeaseRow.resource == resource,
            or_(LeaseRow.owner == owner, LeaseRow.expires_at < now),
        )
        async with self._database.session() as session:
            result = await session.execute(
                update(LeaseRow).where(takeable).values(owner=owner, expires_at=now + ttl)
            )
            if _rowcount(result) == 1:
                return True
        try:
            async with self._database.session() as session:
                session.add(LeaseRow(resource=resource, owner=owner, expires_at=now + ttl))
            return True
        except IntegrityError:
            return False  # another process holds it, and its lease has not run out

    async def renew(self, resources: Iterable[str], owner: str, ttl: timedelta) -> set[str]:
        """Extend the leases still ours; the ones returned are held, the rest were lost (to
        another process, or run out: a lease that expired is not extended, and any process
        may take it)."""
        wanted = list(resources)
        if not wanted:
            return set()
        now = _now()
        async with self._database.session() as session:
            await session.execute(
                update(LeaseRow)
                .where(
                    LeaseRow.resource.in_(wanted),
                    LeaseRow.owner == owner,
                    LeaseRow.expires_at >= now,
                )
                .values(expires_at=now + ttl)
            )
            held = await session.scalars(
                select(LeaseRow.resource).where(
                    LeaseRow.resource.in_(wanted),
                    LeaseRow.owner == owner,
                    LeaseRow.expires_at >= now,
                )
            )
            return set(held)

    async def release(self, resources: Iterable[str], owner: str) -> None:
        gone = list(resources)
        if not gone:
            return
        async with self._database.session() as session:
            await session.execute(
                delete(LeaseRow).where(LeaseRow.resource.in_(gone), LeaseRow.owner == owner)
            )

    async def holder(self, resource: str) -> str | None:
        async with self._database.session() as session:
            row = await session.get(LeaseRow, resource)
            return None if row is None or row.expires_at < _now() else row.owner


def held_by(owner: str, resource: str) -> ColumnElement[bool]:
    """A condition for a fenced write: true only while `owner` holds a live lease."""
    return (
        select(LeaseRow.resource)
        .where(
            LeaseRow.resource == resource,
            LeaseRow.owner == owner,
            LeaseRow.expires_at >= _now(),
        )
        .exists()
    )


def shard_filter(shard_ids: Sequence[int] | None, shard_count: int | None) -> GuildFilter | None:
    """Rows of the guilds on these shards (Discord's rule: (guild_id >> 22) % shard_count)."""
    if not shard_ids or shard_count is None:
        return None
    mine = list(shard_ids)
    count = shard_count

    def owned(column: Any) -> ColumnElement[bool]:
        # PostgreSQL shifts a bigint by an integer only: a bigint parameter finds no operator.
        shift = literal(22, type_=Integer)
        return or_(column.is_(None), (column.op(">>")(shift) % count).in_(mine))

    return owned


def _is_free(row: DeliveryRow, now: datetime) -> bool:
    return row.lease_until is None or row.lease_until < now
