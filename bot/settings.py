"""Every setting of the bot, read once from the environment and `.env`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{DATA_DIR / 'cooldown.sqlite3'}"
DISCORD_V10_API = "https://discord.com/api/v10"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Optional here so that the offline preview runs without one; `python -m bot` requires it.
    discord_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    discord_api_base: str = DISCORD_V10_API
    dev_guild_id: int | None = None
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[list[int] | None, NoDecode] = None
    log_level: str = "INFO"
    # Read plain-text replies to check-ins. Needs the privileged Message Content intent
    # switched on in the developer portal; without it members answer through the form.
    message_content: bool = False
    # How long a running session or a post being sent stays with its process without news
    # from it: after a crash, another process (or the restarted one) takes over after this.
    lease_seconds: float = Field(default=30.0, ge=2, le=600)
    # /metrics (Prometheus) and /health on this address; nothing listens when the port is unset.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"
    # One REST budget for every process of this bot token, kept in Redis (redis://host:port/db).
    # Unset: each process paces itself alone, which is right for one process only.
    rate_limit_redis_url: str | None = None

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            return [int(p) for p in parts] or None
        return value

    @field_validator("discord_api_base")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("log_level")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    @field_validator("rate_limit_redis_url", mode="before")
    @classmethod
    def _a_redis_url(cls, value: object) -> object:
        if value == "" or value is None:
            return None
        if not str(value).startswith(("redis://", "rediss://", "redis+unix://")):
            raise ValueError("must start with redis://, rediss:// or redis+unix://")
        return value

    @field_validator("dev_guild_id", "shard_count", "metrics_port", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _shards_fit(self) -> Settings:
        # A process told to run shards it cannot know the count of, or shards past the count,
        # would take guilds nobody else serves, or none at all: refused at start.
        if self.shard_ids and self.shard_count is None:
            raise ValueError("SHARD_IDS needs SHARD_COUNT (the total number of shards)")
        if self.shard_ids and self.shard_count is not None:
            wrong = [i for i in self.shard_ids if not 0 <= i < self.shard_count]
            if wrong:
                raise ValueError(
                    f"SHARD_IDS {wrong} are not shards of SHARD_COUNT={self.shard_count} "
                    f"(0 to {self.shard_count - 1})"
                )
            if len(set(self.shard_ids)) != len(self.shard_ids):
                raise ValueError("SHARD_IDS lists a shard twice")
        if self.shard_ids and self.database_url.startswith("sqlite"):
            # Processes sharing a SQLite file cannot tell each other of their writes, so
            # each would read every member from disk on every command (a fifth of the speed),
            # and a file shared between machines is not safe at all.
            raise ValueError(
                "SHARD_IDS splits the shards over several processes, which need PostgreSQL "
                "(DATABASE_URL); on SQLite run every shard in one process (SHARD_IDS unset)"
            )
        return self

    @property
    def processes(self) -> int:
        """How many processes share the bot token, when the shards are split evenly."""
        if not self.shard_ids or self.shard_count is None:
            return 1
        return -(-self.shard_count // len(self.shard_ids))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
