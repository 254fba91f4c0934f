"""The scale-out recipe under load: the weekly fan-out to many clubs while many timed sessions
run, split over two shard bots (SHARD_COUNT=2, SHARD_IDS=0 and 1) on one PostgreSQL database,
every REST call through the proxy of deploy/proxy, one REST budget in Redis, against a fake
Discord that routes guilds to shards and enforces 50 requests a second for the token and 5
per channel.

Sessions are started (with the real Start button) before the clubs' due minute and run in
compressed time (`--scale`), so their steps keep coming through the fan-out. The figures: the
achieved share of the global limit, 429s seen by the proxy, check-ins and steps lost or
posted twice, and the drift between a step's scheduled start and its message reaching Discord.

The two bots run in this one Python process beside the fake (the benchmark's clock sets the
due minute for both); the proxy runs in node; Redis and PostgreSQL are the local servers.

    python -m bench.scale [--clubs 1000] [--sessions 60] [--scale 0.1] [--seconds 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections import Counter
from contextlib import AsyncExitStack
from dataclasses import dataclass

from bench.checkins import DueMinute, default_start, due_minute, seed
from bench.clock import BenchClock
from bench.databases import bench_database
from bench.machine import describe
from bench.proxy import node_available, proxy_for
from bench.sessions import AREAS, percentile
from bench.shared_budget import DEFAULT_REDIS, SHARDS, clubs
from bot.adapter.client import CoachBot
from bot.adapter.discord_api import configure_api_base, discover_gateway
from bot.app import create_bot
from bot.services.pacing import DISCORD_GLOBAL_PER_SECOND
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, FakeUser, RecordedRequest, running_client
from tests.fakediscord.client import restored_discord_endpoints
from tests.fakediscord.models import FakeGuild, RateLimitConfig


@dataclass(frozen=True)
class Config:
    clubs: int = 1000
    sessions: int = 60
    scale: float = 0.1
    seconds: float = 40.0
    lead: float = 45.0
    redis_url: str | None = DEFAULT_REDIS


@dataclass
class Result:
    config: Config
    due: DueMinute
    calls_per_s: float
    share: float
    too_many: int
    too_many_global: int
    checkins_lost: int
    checkins_doubled: int
    checkin_seconds: float
    steps_due: int
    steps_lost: int
    steps_doubled: int
    p50_ms: float
    p99_ms: float


async def run(config: Config) -> Result:
    start = default_start(config.lead)
    due = due_minute(start, config.lead, "UTC")
    guilds = clubs(config.clubs)
    async with bench_database("postgresql", "scale") as url:
        await seed(url, guilds, due)
        async with (
            FakeDiscord(guilds=guilds, shard_count=SHARDS, rate_limits=RateLimitConfig()) as fake,
            proxy_for(fake) as base,
            AsyncExitStack() as stack,
        ):
            stack.enter_context(restored_discord_endpoints())
            configure_api_base(base)
            await discover_gateway(base, fake.token)
            clock = BenchClock(start)
            bots = []
            for shard in range(SHARDS):
                settings = Settings(
                    _env_file=None,  # type: ignore[call-arg]
                    discord_token=fake.token,
                    discord_api_base=base,
                    database_url=url,
                    shard_count=SHARDS,
                    shard_ids=[shard],
                    rate_limit_redis_url=config.redis_url,
                )
                bot = await create_bot(
                    settings, time_scale=config.scale, clock=clock, guild_ready_timeout=0.5
                )
                await stack.enter_async_context(running_client(bot, fake, timeout=120))
                bots.append(bot)
            return await measure(config, fake, bots, clock, due, guilds)


async def start_sessions(fake: FakeDiscord, guilds: list[FakeGuild], count: int) -> None:
    for i in range(count):
        guild = guilds[i % len(guilds)]  # alternate shards
        user = FakeUser(id=500000000000000000 + i, username=f"runner{i}")
        where = {"guild_id": guild.id, "channel_id": guild.text_channel.id}
        for area in AREAS[i % len(AREAS)]:
            await fake.send_slash_command("tight add", {"area": area}, user=user, **where)
        sent = await fake.send_slash_command("cooldown", {"minutes": 10}, user=user, **where)
        body = await fake.wait_for_interaction_response(sent, timeout=30)
        start = body["data"]["components"][0]["components"][0]["custom_id"]
        card = fake.original_message(sent)
        assert card is not None
        pressed = await fake.send_component(start, int(card["id"]), user=user, **where)
        await fake.wait_for_interaction_response(pressed, timeout=30)


def is_step(request: RecordedRequest) -> bool:
    return "**Step " in str((request.json or {}).get("content") or "")


def is_checkin(request: RecordedRequest) -> bool:
    return "## Weekly check-in" in str((request.json or {}).get("content") or "")


async def measure(
    config: Config,
    fake: FakeDiscord,
    bots: list[CoachBot],
    clock: BenchClock,
    due: DueMinute,
    guilds: list[FakeGuild],
) -> Result:
    await start_sessions(fake, guilds, config.sessions)
    if clock() >= due.at:
        raise RuntimeError(f"the sessions were not all started by {due.at:%H:%M}: raise --lead")
    await clock.sleep_until(due.at)
    offset = clock.timestamp() - time.monotonic()
    began = len(fake.requests)
    window_start = time.monotonic()
    await asyncio.sleep(config.seconds)
    window = time.monotonic() - window_start
    await asyncio.sleep(5.0)  # steps due at the window's end, and any second copies
    requests = fake.requests[began:]

    checkins = [r for r in requests if r.method == "POST" and r.status < 300 and is_checkin(r)]
    per_channel = Counter(r.path.split("/")[2] for r in checkins)
    channels = {str(g.text_channel.id) for g in guilds}
    last_checkin = max((r.time for r in checkins), default=window_start) - window_start

    sessions = [s for bot in bots for s in bot.sessions.runner.active()]
    sessions += [
        s
        for bot in bots
        for s in bot.sessions.runner._ended.values()  # finished in the window
    ]
    by_thread = {s.thread_id: s for s in sessions}
    start, end = window_start + offset, window_start + offset + window
    due_steps = {
        (s.thread_id, n)
        for s in by_thread.values()
        for n, step in enumerate((x for x in s.schedule if x.timed), 1)
        if start <= step.starts_at <= end
    }
    posted: dict[tuple[int, int], float] = {}
    times: Counter[tuple[int, int]] = Counter()
    for r in requests:
        if r.method != "POST" or r.status >= 300 or not is_step(r):
            continue
        key = (int(r.path.split("/")[2]), int(r.json["content"].split("Step ", 1)[1].split(" ")[0]))  # type: ignore[index]
        posted.setdefault(key, r.time + offset)
        times[key] += 1
    drifts = []
    for thread, number in due_steps & posted.keys():
        timed = [s for s in by_thread[thread].schedule if s.timed]
        drifts.append(posted[(thread, number)] - timed[number - 1].starts_at)
    in_window = [r for r in requests if r.time - window_start <= window]
    calls = [r for r in in_window if "/callback" not in r.path]
    ok = sum(r.status < 300 for r in calls)
    return Result(
        config=config,
        due=due,
        calls_per_s=ok / window,
        share=ok / window / DISCORD_GLOBAL_PER_SECOND,
        too_many=sum(r.status == 429 for r in requests),
        too_many_global=sum(
            r.status == 429 and bool((r.error or {}).get("global")) for r in requests
        ),
        checkins_lost=len(channels - per_channel.keys()),
        checkins_doubled=sum(n - 1 for n in per_channel.values()),
        checkin_seconds=last_checkin,
        steps_due=len(due_steps),
        steps_lost=len(due_steps - posted.keys()),
        steps_doubled=sum(n > 1 for k, n in times.items() if k in due_steps),
        p50_ms=statistics.median(drifts) * 1000 if drifts else float("nan"),
        p99_ms=percentile(drifts, 0.99) * 1000,
    )


def print_result(r: Result) -> None:
    c = r.config
    print(f"machine: {describe()}")
    print(
        f"processes: {SHARDS} shard bots in one Python process, the fake Discord beside them; "
        "REST through deploy/proxy (node); one budget in Redis; PostgreSQL"
    )
    print(
        f"load: {c.clubs} clubs due at {r.due.at:%H:%M} UTC, {c.sessions} sessions of 10 "
        f"minutes at {c.scale:g}x time ({c.sessions / c.scale:.0f} real-time equivalent), "
        f"measured over {c.seconds:g} s from the due minute"
    )
    print(
        "| clubs | sessions | calls/s | share of limit | 429s (global) | check-ins lost | doubled "
        "| fan-out s | steps due | lost | doubled | drift p50 ms | drift p99 ms |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| {c.clubs} | {c.sessions} | {r.calls_per_s:.1f} | {r.share:.0%} "
        f"| {r.too_many} ({r.too_many_global}) "
        f"| {r.checkins_lost} | {r.checkins_doubled} | {r.checkin_seconds:.1f} | {r.steps_due} "
        f"| {r.steps_lost} | {r.steps_doubled} | {r.p50_ms:.0f} | {r.p99_ms:.0f} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clubs", type=int, default=Config.clubs)
    parser.add_argument("--sessions", type=int, default=Config.sessions)
    parser.add_argument("--scale", type=float, default=Config.scale)
    parser.add_argument("--seconds", type=float, default=Config.seconds)
    parser.add_argument("--lead", type=float, default=Config.lead)
    parser.add_argument("--redis", default=DEFAULT_REDIS)
    args = parser.parse_args(argv)
    if not node_available():
        raise SystemExit("node and npm are needed for the proxy")
    config = Config(args.clubs, args.sessions, args.scale, args.seconds, args.lead, args.redis)
    print_result(asyncio.run(run(config)))


if __name__ == "__main__":
    main()
