"""Data types of the fake Discord and builders for Discord-shaped JSON payloads."""

from __future__ import annotations

import itertools
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord

DISCORD_EPOCH_MS = 1420070400000

#: Every permission bit, as Discord sends it for a guild administrator.
ADMIN_PERMISSIONS = str(discord.Permissions.all().value)
#: What an ordinary member of a text channel typically has.
MEMBER_PERMISSIONS = str(
    discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        create_public_threads=True,
        embed_links=True,
        attach_files=True,
        add_reactions=True,
        read_message_history=True,
        use_application_commands=True,
        use_external_emojis=True,
    ).value
)

_snowflake_lock = threading.Lock()
_snowflake_counter = itertools.count()
_last_snowflake = 0


def snowflake() -> int:
    """A new, strictly increasing Discord snowflake based on the current time."""
    global _last_snowflake
    with _snowflake_lock:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (1 << 17) | (next(_snowflake_counter) & 0xFFF)
        value = max(value, _last_snowflake + 1)
        _last_snowflake = value
        return value


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class FakeUser:
    """A Discord user. ``permissions`` is what they hold in channels (a string bitfield)."""

    id: int = field(default_factory=snowflake)
    username: str = "runner"
    global_name: str | None = None
    bot: bool = False
    permissions: str = MEMBER_PERMISSIONS
    roles: tuple[int, ...] = ()
    nick: str | None = None

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(self.id),
            "username": self.username,
            "global_name": self.global_name,
            "discriminator": "0",
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
        }
        if self.bot:
            payload["bot"] = True
        return payload

    def member_payload(
        self, *, with_user: bool = True, with_permissions: bool = False
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "roles": [str(r) for r in self.roles],
            "nick": self.nick,
            "avatar": None,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            payload["user"] = self.to_payload()
        if with_permissions:
            payload["permissions"] = self.permissions
        return payload


@dataclass
class FakeChannel:
    """A guild channel; ``type`` 0 is a text channel, 4 a category, 15 a forum."""

    id: int = field(default_factory=snowflake)
    name: str = "general"
    type: int = 0
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None

    def to_payload(self, guild_id: int) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "topic": self.topic,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }


@dataclass
class FakeRole:
    id: int = field(default_factory=snowflake)
    name: str = "role"
    permissions: str = "0"
    position: int = 1

    def to_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": self.permissions,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }


@dataclass
class FakeGuild:
    """A guild the bot is in. The first text channel is the default for dispatch helpers."""

    id: int = field(default_factory=snowflake)
    name: str = "Run Club"
    channels: list[FakeChannel] = field(default_factory=lambda: [FakeChannel()])
    roles: list[FakeRole] = field(default_factory=list)
    members: list[FakeUser] = field(default_factory=list)
    owner_id: int | None = None

    @property
    def text_channel(self) -> FakeChannel:
        for channel in self.channels:
            if channel.type == 0:
                return channel
        raise LookupError(f"guild {self.id} has no text channel")

    def everyone_role(self) -> dict[str, Any]:
        return FakeRole(
            id=self.id, name="@everyone", permissions=MEMBER_PERMISSIONS, position=0
        ).to_payload()

    def to_payload(self, bot: FakeUser, application_id: int) -> dict[str, Any]:
        members = [bot, *(m for m in self.members if m.id != bot.id)]
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id or (self.members[0].id if self.members else 1)),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "features": [],
            "roles": [self.everyone_role(), *(r.to_payload() for r in self.roles)],
            "emojis": [],
            "stickers": [],
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            # Gateway-only fields (GUILD_CREATE).
            "joined_at": "2024-01-01T00:00:00+00:00",
            "large": False,
            "unavailable": False,
            "member_count": len(members),
            "voice_states": [],
            "members": [m.member_payload() for m in members],
            "channels": [c.to_payload(self.id) for c in self.channels],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


@dataclass(frozen=True)
class RecordedFile:
    filename: str
    data: bytes
    content_type: str | None = None
    field_name: str = "files[0]"


@dataclass(frozen=True)
class RecordedRequest:
    """One REST call received by the fake. ``path`` is relative to ``/api/v10``."""

    method: str
    path: str
    json: Any
    files: list[RecordedFile]
    headers: dict[str, str]
    time: float
    query: dict[str, str] = field(default_factory=dict)
    #: What the client got; 0 when the connection was dropped without an answer.
    status: int = 0
    #: The kind of injected fault this request met (see ``fake.faults``), if any.
    fault: str | None = None
    #: Whether the fake carried the request out (false for faults that answer instead).
    handled: bool = True
    #: The JSON body of an error answer (4xx/5xx), e.g. a 50035 with its ``errors`` tree.
    error: Any = None

    def matches(self, method: str, path_regex: str) -> bool:
        """``method`` is compared case-insensitively ("*" matches any); the regex must match
        the whole path."""
        return (method == "*" or self.method.upper() == method.upper()) and (
            re.fullmatch(path_regex, self.path) is not None
        )


@dataclass
class RateLimitConfig:
    """Rate-limit emulation. Windows are in seconds and can be scaled down for fast tests."""

    route_limit: int = 5
    route_window: float = 1.0
    global_limit: int = 50
    global_window: float = 1.0


def snowflake_in_shard(shard_id: int, shard_count: int) -> int:
    """A new snowflake whose guild would live on shard ``shard_id`` of ``shard_count``."""
    if not 0 <= shard_id < shard_count:
        raise ValueError(f"shard {shard_id} is not below the count {shard_count}")
    value = snowflake()
    ms = value >> 22
    ms += (shard_id - ms) % shard_count
    return (ms << 22) | (value & ((1 << 22) - 1))


@dataclass
class SentInteraction:
    """What a dispatch helper sent: await ``FakeDiscord.wait_for_interaction_response(id)``."""

    id: int
    token: str
    application_id: int
    payload: dict[str, Any]
