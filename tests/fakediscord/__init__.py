"""A fake Discord (REST + gateway v10) on loopback for end-to-end tests of the real client."""

from .client import pointed_at, restored_discord_endpoints, running_client
from .faults import Fault, FaultInjector, InjectedFault
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
    snowflake_in_shard,
)
from .server import FakeDiscord, FakeDiscordError, GatewaySent

__all__ = [
    "ADMIN_PERMISSIONS",
    "MEMBER_PERMISSIONS",
    "FakeChannel",
    "FakeDiscord",
    "FakeDiscordError",
    "FakeGuild",
    "FakeRole",
    "FakeUser",
    "Fault",
    "FaultInjector",
    "GatewaySent",
    "InjectedFault",
    "RateLimitConfig",
    "RecordedFile",
    "RecordedRequest",
    "SentInteraction",
    "pointed_at",
    "restored_discord_endpoints",
    "running_client",
    "snowflake",
    "snowflake_in_shard",
]
