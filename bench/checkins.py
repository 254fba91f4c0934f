"""The weekly fan-out: every club's check-in due at the same minute, through a fake Discord that
enforces Discord's rate limits (429s with retry_after, 50 requests a window for the bot, 5 a
window per channel).

The run keeps its own clock (`--now`, by default the real time) and seeds every club's
schedule for the first whole minute at least `--lead` seconds after it, in `--zone`: far
enough for the bot to start first, so its start-up catch-up finds nothing to post and the
bot's own scheduler fires every job at that minute. A share of the clubs (`--double`) is
fired a second time at the same moment, as a second process would. The figures: the achieved
rate as a share of the limit, 429s, posts lost, duplicated or sent before the due minute,
posts the database recorded, and jobs chained to the following week.

`--window` scales Discord's 1-second windows (0.1: 50 requests per 0.1 s) and the bot's
pacing with them. Below 1 the run measures the bot's CPU as much as its pacing: the bot and
the fake Discord share this process.

    python -m bench.checkins [--clubs 10000] [--window 1] [--double 0.1] [--backend postgresql]
        [--now 2026-11-29T19:59:30] [--zone Europe/London] [--lead 30]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bench.clock import BenchClock, add_clock_options, clock_from, describe_clock
from bench.databases import BACKENDS, bench_database
from bench.machine import describe
from bot.adapter.client import BACKGROUND_REST_PER_SECOND, CoachBot
from bot.app import create_bot
from bot.rules.checkins.when import (
    missed_occurrence,
    next_occurrence,
    now_utc,
    occurrence_week,
    validate_time,
)
from bot.rules.delivery import LONGEST_RETRY_SECONDS
from bot.services.checkin_scheduler import DEFAULT_GRACE
from bot.services.pacing import DISCORD_GLOBAL_PER_SECOND, RestBudget
from bot.settings import Settings
from bot.storage import CheckInSchedules, Database
from bot.storage.models import CheckInPostRow
from tests.fakediscord import FakeDiscord, RecordedRequest, pointed_at, running_client
from tests.fakediscord.models import FakeChannel, FakeGuild, RateLimitConfig

FIRST_GUILD = 600_000_000_000_000_000
# How far ahead the due minute may be looked for in the clubs' zone before falling back to UTC.
SEARCH = timedelta(minutes=5)
# Seconds without a new post after which the clubs still waiting count as lost: longer than
# the bot's pauses between its tries at one post.
QUIET = LONGEST_RETRY_SECONDS + 10


@dataclass(frozen=True)
class Config:
    clubs: int = 10_000
    window: float = 1.0
    double: float = 0.1
    backend: str = "postgresql"
    zone: str = "Europe/London"
    lead: float = 30.0
    now: datetime | None = None  # the clock's start; None: the real time


@dataclass(frozen=True)
class DueMinute:
    at: datetime  # UTC
    weekday: int
    local_time: str
    zone: str

    def describe(self, asked: str) -> str:
        local = self.at.astimezone(ZoneInfo(self.zone))
        text = f"{local:%a %Y-%m-%d %H:%M %Z} ({self.zone}), {self.at:%H:%M} UTC"
        if self.zone != asked:
            text += f"; in {asked} the next minutes already came once today, before the clocks "
            text += "went back, and a bot starting now would post them late"
        return text


@dataclass
class Result:
    config: Config
    started: datetime
    due: DueMinute
    clubs: int
    scheduled: int
    fired: int
    seconds: float
    rate: float
    share: float
    too_many: int
    early: int
    lost: int
    duplicated: int
    recorded: int
    chained: int


def due_minute(now: datetime, lead: float, zone: str) -> DueMinute:
    """The first whole minute at least `lead` seconds after `now` at which a weekly check-in
    in `zone` comes next, and whose previous occurrence is beyond the catch-up's grace. In the
    repeated hour of an autumn change the zone's next minutes already happened once today (the
    bot would post them at start-up, late): then the clubs are put in UTC."""
    earliest = now + timedelta(seconds=lead)
    first = earliest.replace(second=0, microsecond=0)
    if first < earliest:
        first += timedelta(minutes=1)
    for name in (zone, "UTC"):
        tz = ZoneInfo(name)
        candidate = first
        while candidate <= first + SEARCH:
            local = candidate.astimezone(tz)
            at = validate_time(f"{local:%H:%M}")
            recent = missed_occurrence(local.weekday(), at, tz, now, timedelta(days=7))
            if next_occurrence(local.weekday(), at, tz, now) == candidate and (
                recent is None or now - recent >= DEFAULT_GRACE
            ):
                return DueMinute(candidate.astimezone(UTC), local.weekday(), f"{at:%H:%M}", name)
            candidate += timedelta(minutes=1)
    raise AssertionError(f"no due minute after {now} in {zone} or UTC")  # UTC always has one


def default_start(lead: float) -> datetime:
    """The real time, moved to `lead` seconds before a whole minute: no waiting for one."""
    now = now_utc()
    minute = (now + timedelta(seconds=lead)).replace(second=0, microsecond=0)
    return minute + timedelta(minutes=1) - timedelta(seconds=lead)


async def seed(url: str, guilds: list[FakeGuild], due: DueMinute) -> None:
    database = Database(url)
    try:
        await database.migrate()
        schedules = CheckInSchedules(database)
        for guild in guilds:
            await schedules.set(
                guild.id, guild.text_channel.id, due.weekday, due.local_time, due.zone, 1
            )
    finally:
        await database.dispose()


async def fan_out(config: Config) -> Result:
    start = config.now or default_start(config.lead)
    due = due_minute(start, config.lead, config.zone)
    guilds = [
        FakeGuild(id=FIRST_GUILD + i, channels=[FakeChannel(id=FIRST_GUILD + config.clubs + i)])
        for i in range(config.clubs)
    ]
    limits = RateLimitConfig(global_window=config.window, route_window=config.window)
    async with bench_database(config.backend, "checkins") as url:
        await seed(url, guilds, due)
        async with FakeDiscord(guilds=guilds, rate_limits=limits) as fake, pointed_at(fake):
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                discord_token=fake.token,
                discord_api_base=fake.api_base,
                database_url=url,
            )
            clock = BenchClock(start)
            # on_ready waits this long after the last guild arrives; thousands take a while.
            settle = 0.5 if config.clubs > 1000 else 0.05
            bot = await create_bot(settings, clock=clock, guild_ready_timeout=settle)
            # The bot's own pacing, scaled to the fake's windows: the same share of the limit
            # per window, and no bigger a burst.
            paced = bot.rest_budget
            bot.rest_budget = RestBudget(paced.rate / config.window, burst=paced.burst)
            async with running_client(bot, fake, timeout=300):
                return await measure(config, fake, bot, clock, due, guilds)


async def measure(
    config: Config,
    fake: FakeDiscord,
    bot: CoachBot,
    clock: BenchClock,
    due: DueMinute,
    guilds: list[FakeGuild],
) -> Result:
    if clock() >= due.at:
        raise RuntimeError(
            f"the bot was not ready until {clock():%H:%M:%S} UTC, past the due minute "
            f"{due.at:%H:%M} UTC: give a longer --lead than {config.lead:g} s"
        )
    cog = bot.get_cog("CheckIns")
    scheduler = cog.scheduler  # type: ignore[union-attr]
    scheduled = sum(when == due.at for _, when in scheduler.jobs())
    await clock.sleep_until(due.at)
    started = clock.monotonic_at(due.at)
    week = occurrence_week(due.at, ZoneInfo(due.zone))
    # The bot's scheduler fires every club's job now; these are the second firings.
    twice = guilds[: int(len(guilds) * config.double)]
    doubles = asyncio.gather(*(cog.scheduled_post(g.id, week, due.at) for g in twice))  # type: ignore[union-attr]
    channels = {str(g.text_channel.id) for g in guilds}
    limit_per_s = DISCORD_GLOBAL_PER_SECOND / config.window
    # Wait while posts keep coming: a club is lost only when nothing has moved for longer
    # than the bot's own pauses between tries.
    last_seen, quiet_since = -1, time.monotonic()
    while time.monotonic() - quiet_since < QUIET:
        sent = posted(fake, started)
        if doubles.done() and channels <= {r.path.split("/")[2] for r in sent}:
            break
        if len(sent) != last_seen:
            last_seen, quiet_since = len(sent), time.monotonic()
        await asyncio.sleep(0.2)
    await asyncio.sleep(3 * config.window + 0.3)  # a stray second post would show by now
    if not doubles.done():
        doubles.cancel()
    after = posted(fake, started)
    per_channel = Counter(r.path.split("/")[2] for r in after)
    elapsed = max((r.time for r in after), default=started) - started
    following = next_occurrence(
        due.weekday, validate_time(due.local_time), ZoneInfo(due.zone), due.at
    )
    return Result(
        config=config,
        started=clock.start,
        due=due,
        clubs=len(guilds),
        scheduled=scheduled,
        fired=scheduled + len(twice),
        seconds=elapsed,
        rate=len(after) / elapsed if elapsed else 0.0,
        share=len(after) / elapsed / limit_per_s if elapsed else 0.0,
        too_many=sum(r.status == 429 for r in fake.requests if r.time >= started),
        early=len(posted(fake, before=started)),
        lost=len(channels - per_channel.keys()),
        duplicated=sum(n - 1 for n in per_channel.values() if n > 1),
        recorded=await recorded_posts(bot, week),
        chained=sum(when == following for _, when in scheduler.jobs()),
    )


def posted(
    fake: FakeDiscord, after: float = float("-inf"), before: float = float("inf")
) -> list[RecordedRequest]:
    """Check-in messages Discord accepted in [after, before)."""
    return [
        r
        for r in fake.requests
        if after <= r.time < before
        and r.method == "POST"
        and r.path.startswith("/channels/")
        and r.path.endswith("/messages")
        and r.status < 300
    ]


async def recorded_posts(bot: CoachBot, week: date) -> int:
    """Posts the database holds as sent for the week: what members' answers attach to."""
    async with bot.database.session() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(CheckInPostRow)
            .where(CheckInPostRow.week == week, CheckInPostRow.state == "posted")
        )
    return int(count or 0)


def configuration(result: Result) -> list[str]:
    config = result.config
    limit = DISCORD_GLOBAL_PER_SECOND / config.window
    scale = "Discord's real window" if config.window == 1 else f"{1 / config.window:g}x compressed"
    return [
        f"machine: {describe()}",
        "processes: 1 (the bot, with the fake Discord in the same process)",
        f"database: {config.backend} (a fresh one for this run)",
        f"fake Discord: {DISCORD_GLOBAL_PER_SECOND} requests per {config.window:g} s "
        f"(= {limit:.0f}/s, {scale}), 5 per channel per window",
        f"bot pacing: its background budget scaled alike, "
        f"{BACKGROUND_REST_PER_SECOND / config.window:.0f}/s",
        describe_clock(result.started, config.zone),
        f"clubs: {result.clubs} due {result.due.describe(config.zone)}, a bot started "
        f"{config.lead:g} s or more before; {config.double:.0%} fired twice",
    ]


def print_result(result: Result) -> None:
    for line in configuration(result):
        print(line)
    print(
        "| clubs | jobs fired | seconds | posts/s | share of limit | 429s | posted early "
        "| lost | duplicated | recorded | next week scheduled |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    r = result
    print(
        f"| {r.clubs} | {r.fired} | {r.seconds:.1f} | {r.rate:.0f} | {r.share:.0%} "
        f"| {r.too_many} | {r.early} | {r.lost} | {r.duplicated} | {r.recorded} | {r.chained} |"
    )


def parse(argv: list[str] | None = None) -> Config:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clubs", type=int, default=Config.clubs)
    parser.add_argument(
        "--window", type=float, default=Config.window, help="Discord's window, in seconds"
    )
    parser.add_argument("--double", type=float, default=Config.double)
    parser.add_argument("--backend", default=Config.backend, choices=BACKENDS)
    parser.add_argument(
        "--lead", type=float, default=Config.lead, help="seconds the bot has to start"
    )
    add_clock_options(parser, Config.zone)
    args = parser.parse_args(argv)
    now = clock_from(parser, args).start if args.now else None
    return Config(args.clubs, args.window, args.double, args.backend, args.zone, args.lead, now)


def main(argv: list[str] | None = None) -> None:
    print_result(asyncio.run(fan_out(parse(argv))))


if __name__ == "__main__":
    main()
