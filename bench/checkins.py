"""The weekly fan-out: every club's check-in due at once, through a fake Discord that enforces
Discord's rate limits (429s with retry_after, 50 requests/s for the bot, 5/s per channel).

Windows are scaled down to keep the run short: with --window 0.1 the fake allows 50 requests
per 0.1 s and the bot's pacing budget is scaled the same way, so the figures read as shares
of the limit. Every job fires at the same moment, a share of them twice (a double-fired job),
and the run reports the achieved rate as a share of the limit, 429s received, posts lost and
posts duplicated.

    python -m bench.checkins [--clubs 10000] [--window 0.1] [--double 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bench.databases import fresh_postgres
from bench.machine import describe
from bot.app import create_bot
from bot.rules.checkins.trends import week_start
from bot.services.pacing import DISCORD_GLOBAL_PER_SECOND, RestBudget
from bot.settings import Settings
from bot.storage import CheckInSchedules, Database
from tests.fakediscord import FakeDiscord, pointed_at, running_client
from tests.fakediscord.models import FakeChannel, FakeGuild, RateLimitConfig

FIRST_GUILD = 600_000_000_000_000_000
BENCH_DATABASE = "cooldown_fanout_bench"


async def seed(url: str, guilds: list[FakeGuild]) -> None:
    database = Database(url)
    try:
        await database.migrate()
        schedules = CheckInSchedules(database)
        for guild in guilds:
            await schedules.set(guild.id, guild.text_channel.id, 6, "18:00", "Europe/London", 1)
    finally:
        await database.dispose()


async def fan_out(clubs: int, window: float, double: float, backend: str) -> dict[str, float]:
    guilds = [
        FakeGuild(id=FIRST_GUILD + i, channels=[FakeChannel(id=FIRST_GUILD + clubs + i)])
        for i in range(clubs)
    ]
    limits = RateLimitConfig(global_window=window, route_window=window)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'fanout.sqlite3'}"
        if backend == "postgresql":
            url = await fresh_postgres(BENCH_DATABASE)
        await seed(url, guilds)
        async with FakeDiscord(guilds=guilds, rate_limits=limits) as fake, pointed_at(fake):
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                discord_token=fake.token,
                discord_api_base=fake.api_base,
                database_url=url,
            )
            bot = await create_bot(settings, guild_ready_timeout=0.5)
            async with running_client(bot, fake, timeout=300):
                cog = bot.get_cog("CheckIns")
                # The bot's own pacing, scaled to the fake's shortened window: the same share
                # of the limit per window, and no bigger a burst.
                budget = cog.budget  # type: ignore[union-attr]
                cog.budget = RestBudget(budget.rate / window, burst=budget.burst)  # type: ignore[union-attr]
                assert cog.budget.rate == budget.rate / window
                return await fire_all(fake, cog, guilds, window, double)


async def fire_all(
    fake: FakeDiscord, cog: object, guilds: list[FakeGuild], window: float, double: float
) -> dict[str, float]:
    week = week_start(datetime.now(UTC).date())
    now = datetime.now(UTC)
    first = len(fake.requests)
    calls = [cog.scheduled_post(g.id, week, now) for g in guilds]  # type: ignore[attr-defined]
    twice = guilds[: int(len(guilds) * double)]
    calls += [cog.scheduled_post(g.id, week, now) for g in twice]  # type: ignore[attr-defined]
    started = time.monotonic()
    await asyncio.gather(*calls)
    elapsed = time.monotonic() - started
    posts = [
        r
        for r in fake.requests[first:]
        if r.method == "POST" and r.path.startswith("/channels/") and r.status < 300
    ]
    per_channel = Counter(r.path.split("/")[2] for r in posts)
    limited = sum(r.status == 429 for r in fake.requests[first:])
    limit_per_s = DISCORD_GLOBAL_PER_SECOND / window
    return {
        "clubs": len(guilds),
        "fired": len(calls),
        "seconds": elapsed,
        "rate": len(posts) / elapsed,
        "share": len(posts) / elapsed / limit_per_s,
        "429s": limited,
        "lost": len(guilds) - len(per_channel),
        "duplicated": sum(n - 1 for n in per_channel.values() if n > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clubs", type=int, default=10_000)
    parser.add_argument("--window", type=float, default=0.1)
    parser.add_argument("--double", type=float, default=0.1)
    parser.add_argument("--backend", default="postgresql", choices=["postgresql", "sqlite"])
    args = parser.parse_args()
    r = asyncio.run(fan_out(args.clubs, args.window, args.double, args.backend))
    limit = DISCORD_GLOBAL_PER_SECOND / args.window
    print(f"machine: {describe()}")
    print(f"database: {args.backend}")
    print(
        f"fake Discord: {DISCORD_GLOBAL_PER_SECOND} requests per {args.window} s "
        f"(= {limit:.0f}/s), 5 per channel per window"
    )
    print("| clubs | jobs fired | seconds | posts/s | share of limit | 429s | lost | duplicated |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| {r['clubs']} | {r['fired']} | {r['seconds']:.1f} | {r['rate']:.0f} "
        f"| {r['share']:.0%} | {r['429s']} | {r['lost']} | {r['duplicated']} |"
    )


if __name__ == "__main__":
    main()
