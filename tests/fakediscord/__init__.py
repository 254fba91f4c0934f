"""A fake Discord (REST + gateway v10) on loopback for end-to-end tests of the real client."""

from .client import pointed_at, restored_discord_endpoints, running_client
from .models import (
    ADMIN_PERMISSIONS,
    MEMBER_PERMISSIONS,
    FakeChannel,
    FakeGuild,
    FakeRole,
    FakeUser,
    RateLimitConfig,
    RecordedFile,
    RecordedRequest,
    SentInteraction,
    snowflake,
)
from .server import FakeDiscord, FakeDiscordError

__all__ = [
    "ADMIN_PERMISSIONS",
    "MEMBER_PERMISSIONS",
    "FakeChannel",
    "FakeDiscord",
    "FakeDiscordError",
    "FakeGuild",
    "FakeRole",
    "FakeUser",
    "RateLimitConfig",
    "RecordedFile",
    "RecordedRequest",
    "SentInteraction",
    "pointed_at",
    "restored_discord_endpoints",
    "running_client",
    "snowflake",
]
