"""Two shard processes of one bot token under Discord's global limit: the weekly fan-out of
every club at the same minute, half the clubs on shard 0 and half on shard 1, each shard run
by its own bot (SHARD_COUNT=2, SHARD_IDS=0 and 1) on one database, against a fake Discord that
routes guilds to shards and enforces 50 requests a second for the token.

With `--redis` the two bots pace their posts with one budget in Redis (RATE_LIMIT_REDIS_URL);
with `--no-redis` each paces itself alone at 47.5/s, as before, and together they send about
twice the limit. The figures: the achieved rate as a share of the limit, the busiest second,
429s, posts lost or duplicated.

The two bots run in this one Python process (each with its own client, gateway connection,
database pool and Redis connection): the benchmark's clock sets the due minute for both, so
the run does not wait for a real one. The budget sees two callers either way.

    python -m bench.shared_budget [--clubs 400] [--redis redis://127.0.0.1:6379/0 | --no-redis]
        [--backend postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

from bench.checkins import QUIET, DueMinute, default_start, due_minute, posted, seed
from bench.clock import BenchClock
from bench.databases import BACKENDS, bench_database
from bench.machine import describe
from bot.adapter.client import CoachBot
from bot.app import create_bot
from bot.services.pacing import DISCORD_GLOBAL_PER_SECOND
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, RecordedRequest, pointed_at, running_client
from tests.fakediscord.models import FakeChannel, FakeGuild, RateLimitConfig, snowflake_in_shard

SHARDS = 2
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True)
class Config:
    clubs: int = 400
    redis_url: str | None = DEFAULT_REDIS
    backend: str = "postgresql"
    lead: float = 4.0


@dataclass
class Result:
    config: Config
    due: DueMinute
    seconds: float
    rate: float
    share: float
    busiest_second: int
    too_many: int
    lost: int
    duplicated: int
    alone: int  # calls paced without Redis (it did not answer)


def clubs(count: int) -> list[FakeGuild]:
    guilds = []
    for i in range(count):
        guild_id = snowflake_in_shard(i % SHARDS, SHARDS)
        guilds.append(FakeGuild(id=guild_id, channels=[FakeChannel(id=guild_id + 1)]))
    return guilds


@asynccontextmanager
async def shard_bots(
    config: Config, fake: FakeDiscord, url: str, clock: BenchClock
) -> AsyncIterator[list[CoachBot]]:
    async with AsyncExitStack() as stack:
        bots = []
        for shard in range(SHARDS):
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                discord_token=fake.token,
                discord_api_base=fake.api_base,
                database_url=url,
                shard_count=SHARDS,
                shard_ids=[shard],
                rate_limit_redis_url=config.redis_url,
            )
            bot = await create_bot(settings, clock=clock, guild_ready_timeout=0.3)
            await stack.enter_async_context(running_client(bot, fake, timeout=60))
            bots.append(bot)
        yield bots


def busiest_second(requests: list[RecordedRequest]) -> int:
    """The most requests counted against the global limit in any one second."""
    times = sorted(r.time for r in requests if "/callback" not in r.path)
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


async def fan_out(config: Config) -> Result:
    start = default_start(config.lead)
    due = due_minute(start, config.lead, "UTC")
    guilds = clubs(config.clubs)
    limits = RateLimitConfig(global_window=1.0, route_window=1.0)
    async with bench_database(config.backend, "shared_budget") as url:
        await seed(url, guilds, due)
        async with (
            FakeDiscord(guilds=guilds, shard_count=SHARDS, rate_limits=limits) as fake,
            pointed_at(fake),
        ):
            clock = BenchClock(start)
            async with shard_bots(config, fake, url, clock) as bots:
                if clock() >= due.at:
                    raise RuntimeError(f"the bots were not ready by {due.at:%H:%M}: raise --lead")
                await clock.sleep_until(due.at)
                started = clock.monotonic_at(due.at)
                return await measure(config, fake, bots, due, guilds, started)


async def measure(
    config: Config,
    fake: FakeDiscord,
    bots: list[CoachBot],
    due: DueMinute,
    guilds: list[FakeGuild],
    started: float,
) -> Result:
    channels = {str(g.text_channel.id) for g in guilds}
    last_seen, quiet_since = -1, time.monotonic()
    while time.monotonic() - quiet_since < QUIET:
        sent = posted(fake, started)
        if channels <= {r.path.split("/")[2] for r in sent}:
            break
        if len(sent) != last_seen:
            last_seen, quiet_since = len(sent), time.monotonic()
        await asyncio.sleep(0.2)
    await asyncio.sleep(2.0)  # a stray second post would show by now
    after = posted(fake, started)
    per_channel = Counter(r.path.split("/")[2] for r in after)
    elapsed = max((r.time for r in after), default=started) - started
    during = [r for r in fake.requests if r.time >= started]
    rate = len(after) / elapsed if elapsed else 0.0
    return Result(
        config=config,
        due=due,
        seconds=elapsed,
        rate=rate,
        share=rate / DISCORD_GLOBAL_PER_SECOND,
        busiest_second=busiest_second(during),
        too_many=sum(r.status == 429 for r in during),
        lost=len(channels - per_channel.keys()),
        duplicated=sum(n - 1 for n in per_channel.values() if n > 1),
        alone=sum(getattr(b.rest_budget, "taken_alone", 0) for b in bots),
    )


def print_result(results: list[Result]) -> None:
    print(f"machine: {describe()}")
    print(
        f"processes: {SHARDS} shard bots (SHARD_COUNT={SHARDS}) in one Python process, "
        "with the fake Discord"
    )
    print(f"database: {results[0].config.backend} (a fresh one per run)")
    print(f"fake Discord: {DISCORD_GLOBAL_PER_SECOND} requests per second for the token")
    print(
        "| budget | clubs | seconds | posts/s | share of limit | busiest second | 429s | lost "
        "| duplicated | paced without Redis |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        budget = "one in Redis" if r.config.redis_url else "one per process"
        print(
            f"| {budget} | {r.config.clubs} | {r.seconds:.1f} | {r.rate:.1f} | {r.share:.0%} "
            f"| {r.busiest_second} | {r.too_many} | {r.lost} | {r.duplicated} | {r.alone} |"
        )


def parse(argv: list[str] | None = None) -> list[Config]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clubs", type=int, default=Config.clubs)
    parser.add_argument("--redis", default=DEFAULT_REDIS, help="RATE_LIMIT_REDIS_URL")
    parser.add_argument("--no-redis", action="store_true", help="each bot paces itself alone")
    parser.add_argument("--both", action="store_true", help="run with and without Redis")
    parser.add_argument("--backend", default=Config.backend, choices=BACKENDS)
    parser.add_argument("--lead", type=float, default=Config.lead)
    args = parser.parse_args(argv)
    shared = Config(args.clubs, args.redis, args.backend, args.lead)
    alone = Config(args.clubs, None, args.backend, args.lead)
    if args.both:
        return [shared, alone]
    return [alone if args.no_redis else shared]


def main(argv: list[str] | None = None) -> None:
    results = [asyncio.run(fan_out(config)) for config in parse(argv)]
    print_result(results)


if __name__ == "__main__":
    main()
