"""Table definitions. Only the storage package sees these rows; the rest of the bot gets
the dataclasses from bot.rules.members."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints let Alembic drop or alter them later; SQLite batch mode cannot touch
# an unnamed constraint, and PostgreSQL's generated names would differ from SQLite's.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# What a column holds about a member, for a member's data export and deletion
# (bot/storage/member_data.py); a test checks that every id and text column says whether it
# holds one. OWNER: the row is the member's, deleted with them. REFERENCE: the row is others'
# too (a group they led, a schedule they set): the id is replaced. MENTIONS: text that can list
# or mention members (JSON snapshots, posts): the member is taken out of it.
OWNER: dict[str, Any] = {"member": "owner"}
REFERENCE: dict[str, Any] = {"member": "reference"}
MENTIONS: dict[str, Any] = {"member": "mentions"}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always stored in UTC and always read back timezone-aware.

    SQLite has no timezone type: SQLAlchemy stores the wall-clock digits and drops the
    offset, so values are converted to UTC on the way in and labelled UTC on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware one, e.g. in UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        if not isinstance(value, datetime):
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class TightAreaRow(Base):
    __tablename__ = "tight_areas"
    __table_args__ = (UniqueConstraint("user_id", "area"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True, info=OWNER)
    area: Mapped[str] = mapped_column(String(32))
    priority: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AvoidedStretchRow(Base):
    __tablename__ = "avoided_stretches"
    __table_args__ = (UniqueConstraint("user_id", "stretch_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, info=OWNER)
    stretch_id: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class GroupCooldownRow(Base):
    """A group cooldown: open while members join, then built or cancelled exactly once."""

    __tablename__ = "group_cooldowns"
    __table_args__ = (
        # Named in full: the convention would name it after the first column only.
        Index("ix_group_cooldowns_state_closes_at", "state", "closes_at"),
        CheckConstraint("state IN ('open', 'built', 'cancelled')", name="state"),
        # Cards carry the id in their buttons: SQLite must never hand out a deleted group's
        # id again (PostgreSQL sequences never do).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    leader_id: Mapped[int] = mapped_column(BigInteger, info=REFERENCE)
    minutes: Mapped[int] = mapped_column(Integer)
    run: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())


class GroupMemberRow(Base):
    """One member who joined a group cooldown (the leader included)."""

    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("group_cooldowns.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(BigInteger, info=OWNER)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CooldownSessionRow(Base):
    """A routine card and, once Start is pressed, the timed session it runs in a thread.

    `snapshot` is the engine's own serialisation (routine, schedule, position); it is written
    when the state changes, never every second.
    """

    __tablename__ = "cooldown_sessions"
    __table_args__ = (
        Index("ix_cooldown_sessions_state", "state"),
        CheckConstraint(
            "state IN ('ready', 'starting', 'running', 'paused', 'finished', 'stopped')",
            name="state",
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    # Chosen before the card is posted (the interaction's id): the Start button carries it.
    card_key: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    control_message_id: Mapped[int | None] = mapped_column(BigInteger)
    owner_id: Mapped[int] = mapped_column(BigInteger, info=OWNER)
    group_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("group_cooldowns.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(16), default="ready", server_default="ready")
    snapshot: Mapped[str] = mapped_column(Text, info=MENTIONS)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CheckInScheduleRow(Base):
    """When a server's weekly check-in is posted: one row per server."""

    __tablename__ = "checkin_schedules"
    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),)

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday
    local_time: Mapped[str] = mapped_column(String(5))  # "HH:MM"
    timezone: Mapped[str] = mapped_column(String(64))  # IANA name
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_by: Mapped[int] = mapped_column(BigInteger, info=REFERENCE)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CheckInPostRow(Base):
    """A server's check-in message for one ISO week (`week` is its Monday).

    The unique (guild_id, week) constraint makes the weekly post exactly-once: whichever
    process inserts the row posts the message; a failed post's row can be claimed again.
    """

    __tablename__ = "checkin_posts"
    __table_args__ = (
        UniqueConstraint("guild_id", "week"),
        CheckConstraint("state IN ('claimed', 'posted', 'failed')", name="state"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    week: Mapped[date] = mapped_column(Date)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    state: Mapped[str] = mapped_column(String(16), default="claimed", server_default="claimed")
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Why the last attempt failed, for the organiser (`/checkin now`, `/checkin show`).
    error: Mapped[str | None] = mapped_column(Text)


class CheckInRow(Base):
    """A member's answer for one week: one row per member and week, later answers merged in.

    `soreness` is a JSON object of area id to 0..10.
    """

    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("user_id", "week"),
        Index("ix_checkins_guild_id_week", "guild_id", "week"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, info=OWNER)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    week: Mapped[date] = mapped_column(Date)
    soreness: Mapped[str] = mapped_column(Text)
    movement: Mapped[int | None] = mapped_column(Integer)
    efficiency: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DeliveryRow(Base):
    """The outbox: a post the bot makes on its own, stored before Discord is called.

    Rows of one `stream` go out in id order. `lease_owner`/`lease_until` say which process is
    sending a row right now; a row whose lease ran out (its process died) is taken over.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_due", "state", "next_attempt_at"),
        Index("ix_deliveries_stream", "stream", "id"),
        CheckConstraint("state IN ('pending', 'sent', 'failed', 'superseded')", name="state"),
        CheckConstraint("action IN ('send', 'edit', 'archive', 'direct')", name="action"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    stream: Mapped[str] = mapped_column(String(64))
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    # A direct message's row holds the member's user id here: theirs, deleted with them.
    channel_id: Mapped[int] = mapped_column(
        BigInteger, info={**OWNER, "when": {"action": "direct"}}
    )
    action: Mapped[str] = mapped_column(String(16))
    target_message_id: Mapped[int | None] = mapped_column(BigInteger)
    label: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text, info=MENTIONS)
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    first_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)
    reported: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LeaseRow(Base):
    """Which process owns a timer (a running session) until `expires_at`; renewed by it."""

    __tablename__ = "leases"

    resource: Mapped[str] = mapped_column(String(100), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
