"""One REST budget per bot token across processes, kept in Redis (RATE_LIMIT_REDIS_URL), and
what a process does when Redis stops answering."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as redis

from bot.app import create_bot, rest_budget
from bot.services.pacing import SESSION_CAPACITY, RestBudget, SharedRestBudget, shared_key
from bot.settings import Settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
async def redis_url() -> str:
    """The server's URL, or a skip (a failure when CI=true) if it does not answer."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
    except (OSError, redis.RedisError) as error:
        reason = f"Redis at {REDIS_URL} does not answer: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}. CI=true, so the Redis tests are mandatory.")
        pytest.skip(reason)
    finally:
        await client.aclose()
    return REDIS_URL


def budget(url: str, token: str, per_second: int = 10) -> SharedRestBudget:
    return SharedRestBudget(url, token, per_second, fallback=RestBudget(per_second / 2))


async def take_within(budgets: list[SharedRestBudget], count: int) -> float:
    """Seconds until `count` tokens were taken, spread over the budgets as concurrent callers."""
    started = time.monotonic()
    await asyncio.gather(*(budgets[i % len(budgets)].take() for i in range(count)))
    return time.monotonic() - started


async def test_two_processes_of_one_token_share_one_second(redis_url: str) -> None:
    token = uuid.uuid4().hex
    first, second = budget(redis_url, token, 20), budget(redis_url, token, 20)
    # Forty calls, twenty from each: alone each would be through in about a second; sharing
    # twenty a second, the second twenty wait for the first second to pass.
    elapsed = await take_within([first, second], 40)
    assert elapsed > 1.2, elapsed
    assert first.taken_alone == second.taken_alone == 0


async def test_each_token_has_its_own_budget(redis_url: str) -> None:
    mine, theirs = budget(redis_url, uuid.uuid4().hex, 20), budget(redis_url, uuid.uuid4().hex, 20)
    elapsed = await asyncio.gather(take_within([mine], 20), take_within([theirs], 20))
    assert max(elapsed) < 1.4, elapsed


async def test_the_token_itself_is_not_written_to_redis() -> None:
    token = "MTIz.secret.token"
    assert token not in shared_key(token) and "secret" not in shared_key(token)


async def test_unreachable_redis_paces_the_process_alone_instead_of_stalling() -> None:
    shared = budget(UNREACHABLE, uuid.uuid4().hex, per_second=10)
    # The fallback bucket (5 a second, bursts of 5) gives its burst at once, then paces.
    elapsed = await take_within([shared], 8)
    assert shared.taken == shared.taken_alone == 8
    assert 0.4 < elapsed < 2.5, elapsed


def test_the_setting_picks_the_budget_and_the_fallback_share() -> None:
    alone = rest_budget(Settings(_env_file=None))  # type: ignore[call-arg]
    assert isinstance(alone, RestBudget) and alone.rate == pytest.approx(47.5)
    shared = rest_budget(
        Settings(
            _env_file=None,  # type: ignore[call-arg]
            discord_token="t",
            database_url="postgresql+asyncpg://postgres@127.0.0.1/test",
            rate_limit_redis_url="redis://127.0.0.1:6379/0",
            shard_count=4,
            shard_ids="1",
        )
    )
    assert isinstance(shared, SharedRestBudget) and shared.rate == 45
    assert shared.fallback.rate == pytest.approx(47.5 / 4)


def test_a_url_that_is_not_redis_is_refused() -> None:
    with pytest.raises(ValueError, match="must start with redis"):
        Settings(_env_file=None, rate_limit_redis_url="http://127.0.0.1:6379")  # type: ignore[call-arg]


async def test_an_urgent_call_goes_before_a_queue_of_calls_that_can_wait() -> None:
    local = RestBudget(20, burst=1)
    order: list[str] = []

    async def call(name: str, urgent: bool) -> None:
        await local.take(urgent=urgent)
        order.append(name)

    waiting = [asyncio.create_task(call(f"checkin {n}", False)) for n in range(10)]
    await asyncio.sleep(0.01)  # the check-ins queue first
    step = asyncio.create_task(call("step", True))
    await asyncio.gather(step, *waiting)
    assert order.index("step") <= 2, order


async def test_an_urgent_call_goes_first_in_the_shared_budget_too(redis_url: str) -> None:
    shared = budget(redis_url, uuid.uuid4().hex, 20)
    order: list[str] = []

    async def call(name: str, urgent: bool) -> None:
        await shared.take(urgent=urgent)
        order.append(name)

    waiting = [asyncio.create_task(call(f"checkin {n}", False)) for n in range(10)]
    await asyncio.sleep(0.01)
    step = asyncio.create_task(call("step", True))
    await asyncio.gather(step, *waiting)
    assert order.index("step") <= 3, order


@pytest.mark.parametrize(
    ("shards", "capacity"),
    [
        ({}, SESSION_CAPACITY),
        # Split shards need PostgreSQL; nothing here connects to it.
        (
            {
                "shard_count": 2,
                "shard_ids": [1],
                "database_url": "postgresql+asyncpg://postgres@127.0.0.1/test",
            },
            SESSION_CAPACITY // 2,
        ),
    ],
)
async def test_each_process_of_a_token_times_its_share_of_the_sessions(
    tmp_path: Path, shards: dict[str, Any], capacity: int
) -> None:
    """Sessions are capped for Discord's global limit, which is the token's: two processes
    of one token together time no more sessions than one process alone."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        **{"database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}", **shards},
    )
    bot = await create_bot(settings)
    try:
        assert bot.sessions.capacity == capacity
    finally:
        await bot.database.dispose()
