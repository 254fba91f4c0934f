"""What the bot remembers about a member: areas to stretch first, stretches to skip, the
group cooldowns they lead or join, and their weekly check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bot.rules.sessions.engine import SessionState


@dataclass(frozen=True, slots=True)
class TightArea:
    """A body area the member wants their routines to focus on; priority 1 comes first."""

    area: str
    priority: int
    note: str | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class AvoidedStretch:
    """A stretch the member never wants suggested (an injury, no mat, a dislike)."""

    stretch_id: str
    added_at: datetime


class GroupState(StrEnum):
    """Where a group cooldown is: taking joins, or done one way or the other."""

    OPEN = "open"
    BUILT = "built"
    CANCELLED = "cancelled"


class JoinResult(StrEnum):
    """What happened when a member pressed Join on a group cooldown's card."""

    JOINED = "joined"
    ALREADY_JOINED = "already_joined"
    CLOSED = "closed"  # built, cancelled, or no such group


@dataclass(frozen=True, slots=True)
class GroupCooldown:
    """One routine built for everyone who joined: the leader posts the card, members press
    Join until the leader presses Build or `closes_at` passes."""

    id: int
    guild_id: int
    channel_id: int
    message_id: int | None  # the card, once it has been posted
    leader_id: int
    minutes: int
    run: str
    state: GroupState
    created_at: datetime
    closes_at: datetime


@dataclass(frozen=True, slots=True)
class MemberPreferences:
    """A member's tight areas (priority order) and avoided stretches, read together."""

    tight: tuple[TightArea, ...]
    avoided: tuple[AvoidedStretch, ...]
    # Recent weekly check-ins, oldest first (bot.rules.checkins.trends.WeeklyCheckIn).
    history: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredSession:
    id: int
    guild_id: int | None
    channel_id: int
    card_message_id: int | None
    card_key: int | None
    thread_id: int | None
    control_message_id: int | None
    owner_id: int
    group_id: int | None
    state: SessionState
    snapshot: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CheckInSchedule:
    """When a server's weekly check-in is posted: `weekday` (0 = Monday) at `local_time`
    ("HH:MM") in `timezone` (an IANA name such as "Europe/Paris")."""

    guild_id: int
    channel_id: int
    weekday: int
    local_time: str
    timezone: str
    enabled: bool
    updated_by: int
    updated_at: datetime


class PostState(StrEnum):
    """Where a week's check-in post stands: claimed by one process, then posted or failed.

    A failed post may be claimed again; a claimed or posted one may not."""

    CLAIMED = "claimed"
    POSTED = "posted"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class CheckInPost:
    """A server's check-in message for one week (`week` is that ISO week's Monday)."""

    id: int
    guild_id: int
    week: date
    channel_id: int
    message_id: int | None  # once it has been posted
    state: PostState
    claimed_at: datetime
    posted_at: datetime | None
    error: str | None = None  # why the last attempt to post it failed


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A member's answer for one week; a later answer in the same week is merged into it.

    `soreness` maps area ids to 0..10; `efficiency` is "better", "same" or "worse".
    """

    id: int
    user_id: int
    guild_id: int  # where the week's first answer was given
    week: date
    soreness: dict[str, int]
    movement: int | None
    efficiency: str | None
    note: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CardDraft:
    """A routine card to store: what `CooldownSessions.create_many` writes in one go."""

    card_key: int
    guild_id: int | None
    channel_id: int
    owner_id: int
    snapshot: str
    group_id: int | None = None
