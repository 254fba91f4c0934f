"""What the bot remembers about a member: areas to stretch first, stretches to skip, and the
group cooldowns they lead or join."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


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


class SessionState(StrEnum):
    """Where a routine card stands: not started yet, running or paused in its thread, or over."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class StoredSession:
    id: int
    guild_id: int | None
    channel_id: int
    card_message_id: int | None
    thread_id: int | None
    control_message_id: int | None
    owner_id: int
    group_id: int | None
    state: SessionState
    snapshot: str
    created_at: datetime
    updated_at: datetime
