"""What the bot posts on its own, as data: the intent stored before any call to Discord.

A session step, a control update, a wrap-up, a group card or a weekly check-in is first an
`Outgoing` row in the database (the outbox); the delivery service sends it, retrying what
may succeed later, and records the result. Payloads are Discord's own JSON shapes (content,
embeds, components), so storing, retrying and checking limits never needs discord.py objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.rules import limits

# Discord keeps a nonce unique for "the past few minutes"; past this, a retry looks for the
# bot's own recent message instead of trusting the nonce alone.
NONCE_WINDOW = timedelta(minutes=2)
FIRST_RETRY_SECONDS = 0.5
LONGEST_RETRY_SECONDS = 20.0
# One try waits at most this long for Discord's answer, however many tries came before it.
LONGEST_ATTEMPT_SECONDS = 60.0


class Action(StrEnum):
    SEND = "send"  # a new message in a channel or thread
    EDIT = "edit"  # replace an existing message's content, embeds and components
    ARCHIVE = "archive"  # archive a thread
    DIRECT = "direct"  # a direct message: `channel_id` holds the member's user id


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # given up on: the reason is in `error`, and someone is told
    SUPERSEDED = "superseded"  # an edit replaced by a newer edit of the same message


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One post to make. `stream` orders posts: within a stream they go out one by one, in
    the order they were stored; `deadline` is when the post stops making sense."""

    stream: str
    channel_id: int
    guild_id: int | None
    label: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    action: Action = Action.SEND
    target_message_id: int | None = None
    deadline: datetime | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    stream: str
    channel_id: int
    guild_id: int | None
    label: str
    payload: Mapping[str, Any]
    action: Action
    target_message_id: int | None
    deadline: datetime | None
    state: DeliveryState
    attempts: int
    first_attempt_at: datetime | None
    message_id: int | None
    error: str | None
    created_at: datetime

    @property
    def nonce(self) -> str:
        # Discord takes nonces of at most 25 characters; the row id is unique for ever.
        return f"cc{self.id}"

    def expired(self, now: datetime) -> bool:
        return self.deadline is not None and now >= self.deadline

    def needs_lookup(self, now: datetime) -> bool:
        """A retry whose first try may have reached Discord longer ago than the nonce holds."""
        return self.first_attempt_at is not None and now - self.first_attempt_at > NONCE_WINDOW


@dataclass(frozen=True, slots=True)
class Backlog:
    """Posts stored and not yet made: how many, and since when the oldest has waited."""

    pending: int
    oldest: datetime | None

    def oldest_seconds(self, now: datetime) -> float | None:
        return None if self.oldest is None else max(0.0, (now - self.oldest).total_seconds())


def retry_delay(attempt: int) -> float:
    """Seconds before try `attempt + 1`: doubling from half a second, capped."""
    return min(LONGEST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2.0 ** max(0, attempt - 1))


def attempt_timeout(first: float, attempts: int, left: float | None) -> float:
    """Seconds a try may wait for Discord's answer, after `attempts` earlier tries, with `left`
    seconds before the post stops making sense (None: no deadline).

    `first` for the first try, then doubling, capped. A queue between the bot and Discord (a
    REST proxy holding calls for the global limit, say) that outlasted one try outlasts a
    fixed-length next one too: that try joins the queue behind the first, which is still
    sent, and a post due now would time out again and again until its step was over. Never
    past the deadline, unless that is closer than `first` (a last try as long as a first).
    """
    grown = min(LONGEST_ATTEMPT_SECONDS, first * 2.0 ** max(0, attempts))
    if left is None:
        return max(first, grown)
    return max(first, min(grown, left))


def missed_note(labels: list[str]) -> str:
    """What the next post in a stream says about earlier posts that could not be made."""
    shown = ", ".join(labels[:5]) + (f" and {len(labels) - 5} more" if len(labels) > 5 else "")
    return f"⚠️ Discord would not take an earlier message, so you missed: {shown}."


def with_note(payload: Mapping[str, Any], note: str) -> dict[str, Any]:
    merged = dict(payload)
    content = merged.get("content") or ""
    text = f"{note}\n{content}" if content else note
    merged["content"] = limits.fit(text, limits.CONTENT)
    return merged
