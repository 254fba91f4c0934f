"""The scale-out recipe at the issue's size: the weekly fan-out to many clubs while many timed
sessions run, split over two `python -m bot` processes (SHARD_COUNT=2, SHARD_IDS=0 and 1) on
one PostgreSQL database, every REST call through the proxy of deploy/proxy, one REST budget in
Redis (RATE_LIMIT_REDIS_URL), against a fake Discord in this process that routes guilds to
shards and enforces 50 requests a second for the token and 5 per channel.

The processes read the real clock, so the run stores every club's schedule for a real minute
`--lead` seconds ahead and starts the processes: at that minute each process's own scheduler
fires the weekly job of every club of its shard, as on a Sunday evening (not the start-up
catch-up, which would post before the sessions run). Before it, `--sessions` members each press
the real Start button on a `/cooldown` card, so the steps of the sessions the bot accepts keep
coming through the fan-out, in real time.

The demand is above Discord's limit on purpose: 10,000 check-ins alone take 200 s at 50 a
second, and the sessions' steps want their share of every second. The figures say what the
bot does then: the achieved share of the limit, 429s (answered by the fake to the proxy, and
reaching the bots), check-ins and steps posted, lost or doubled, how long the fan-out took,
the drift between a step's scheduled start and its message reaching Discord, sessions the bot
declined at Start, and the CPU of each process.

    python -m bench.scale [--clubs 10000] [--sessions 2000] [--minutes 20] [--lead 240]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import insert, text

from bench.checkins import DueMinute, due_minute
from bench.databases import bench_database
from bench.machine import describe
from bench.proxy import ROOT, node_available, proxy_for
from bench.sessions import AREAS, percentile
from bench.shared_budget import DEFAULT_REDIS, SHARDS, clubs
from bot.rules.overload import BUSY
from bot.rules.sessions.engine import Session
from bot.services.pacing import DISCORD_GLOBAL_PER_SECOND
from bot.storage import Database
from bot.storage.models import CheckInScheduleRow
from tests.fakediscord import FakeDiscord, FakeUser, RecordedRequest
from tests.fakediscord.models import FakeGuild, RateLimitConfig

# After the last check-in, steps due in the fan-out get this long to reach Discord.
TAIL = 30.0
# Check-ins still missing after this long without a new one count as lost: under this load
# the first of them can take a while (the steps go first).
QUIET = 180.0


@dataclass(frozen=True)
class Config:
    clubs: int = 10_000
    sessions: int = 2_000
    minutes: int = 20
    lead: float = 240.0
    redis_url: str = DEFAULT_REDIS
    concurrency: int = 8  # members pressing buttons at once


@dataclass
class Result:
    config: Config
    due: DueMinute
    ready_seconds: float = 0.0
    sessions_started: int = 0
    sessions_declined: int = 0
    shed: int = 0  # interactions answered "I'm busy" while the sessions were started
    unanswered: int = 0
    start_seconds: float = 0.0
    seconds: float = 0.0  # from the due minute to the last check-in
    calls_per_s: float = 0.0
    share: float = 0.0
    fake_429s: int = 0
    fake_429s_global: int = 0
    fake_429s_by_kind: dict[str, int] = field(default_factory=dict)
    bot_429s: float = 0.0
    outbox_failed: float = 0.0
    checkins_posted: int = 0
    checkins_lost: int = 0
    checkins_doubled: int = 0
    resent: int = 0  # check-ins and steps sent again with their nonce, answered with the first
    steps_due: int = 0
    steps_posted: int = 0
    steps_lost: int = 0
    steps_doubled: int = 0
    steps_per_s: float = 0.0
    drift_p50: float = float("nan")
    drift_p99: float = float("nan")
    drift_max: float = float("nan")
    cpu: dict[str, float] = field(default_factory=dict)  # share of one core over the fan-out
    errors_logged: int = 0
    first_errors: list[str] = field(default_factory=list)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and the end


def progress(message: str) -> None:
    print(f"{datetime.now(UTC):%H:%M:%S} {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def seed(url: str, guilds: list[FakeGuild], due: DueMinute) -> None:
    """Every club's weekly schedule, in one statement: 10,000 upserts would eat the lead."""
    database = Database(url)
    try:
        await database.migrate()
        now = datetime.now(UTC)
        rows = [
            {
                "guild_id": g.id,
                "channel_id": g.text_channel.id,
                "weekday": due.weekday,
                "local_time": due.local_time,
                "timezone": due.zone,
                "enabled": True,
                "updated_by": 1,
                "updated_at": now,
            }
            for g in guilds
        ]
        async with database.session() as session:
            await session.execute(insert(CheckInScheduleRow), rows)
    finally:
        await database.dispose()


@dataclass
class BotProcess:
    shard: int
    metrics_port: int
    log: Path
    process: asyncio.subprocess.Process | None = None


@asynccontextmanager
async def bot_processes(
    config: Config, fake: FakeDiscord, base: str, url: str, tmp: Path
) -> AsyncIterator[list[BotProcess]]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "DATABASE_", "DEV_GUILD", "SHARD_", "METRICS_", "RATE_"))
    }
    env.update(
        PYTHONPATH=str(ROOT),
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=base,
        DATABASE_URL=url,
        SHARD_COUNT=str(SHARDS),
        RATE_LIMIT_REDIS_URL=config.redis_url,
        LOG_LEVEL="WARNING",
    )
    bots = [BotProcess(s, free_port(), tmp / f"shard{s}.log") for s in range(SHARDS)]
    try:
        for bot in bots:
            own = {**env, "SHARD_IDS": str(bot.shard), "METRICS_PORT": str(bot.metrics_port)}
            with bot.log.open("wb") as log:
                bot.process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot",
                    cwd=tmp, env=own, stdout=log, stderr=asyncio.subprocess.STDOUT,
                )  # fmt: skip
        yield bots
    finally:
        for bot in bots:
            if bot.process is not None and bot.process.returncode is None:
                bot.process.terminate()
        for bot in bots:
            if bot.process is not None:
                try:
                    await asyncio.wait_for(bot.process.wait(), 30)
                except TimeoutError:
                    bot.process.kill()
                    await bot.process.wait()


async def run(config: Config) -> Result:
    guilds = clubs(config.clubs)
    load_start = os.getloadavg()[0]
    async with bench_database("postgresql", "scale") as url:
        due = due_minute(datetime.now(UTC), config.lead, "UTC")
        await seed(url, guilds, due)
        proxy_pids: list[int] = []
        with tempfile.TemporaryDirectory(prefix="cooldown_scale_") as tmp:
            async with AsyncExitStack() as stack:
                fake = await stack.enter_async_context(
                    FakeDiscord(guilds=guilds, shard_count=SHARDS, rate_limits=RateLimitConfig())
                )
                base = await stack.enter_async_context(proxy_for(fake, pids=proxy_pids))
                began = time.monotonic()
                bots = await stack.enter_async_context(
                    bot_processes(config, fake, base, url, Path(tmp))
                )
                await fake.wait_ready(timeout=600, shard_ids=range(SHARDS))
                result = Result(config, due, ready_seconds=time.monotonic() - began)
                progress(f"both shards ready; check-ins due at {due.at:%H:%M:%S} UTC")
                await measure(config, result, fake, bots, proxy_pids[0], guilds, url)
            errors = [
                line
                for bot in bots
                for line in bot.log.read_text(errors="replace").splitlines()
                if line.startswith(("ERROR", "CRITICAL")) or " ERROR " in line
            ]
            result.errors_logged = len(errors)
            result.first_errors = list(dict.fromkeys(errors))[:5]
    result.load = (load_start, os.getloadavg()[0])
    return result


async def ask(fake: FakeDiscord, send: Callable[[], Awaitable[Any]], result: Result) -> Any:
    """Send an interaction as a member would: told the bot is busy, or left unanswered (the
    bot sends nothing it knows Discord would refuse as too late), try again a little later."""
    for attempt in range(1, 30):
        sent = await send()
        try:
            body = await fake.wait_for_interaction_response(sent, timeout=15)
        except (TimeoutError, AssertionError):
            result.unanswered += 1
        else:
            if BUSY not in json.dumps(body):
                return sent
            result.shed += 1
        await asyncio.sleep(min(30.0, 2.0 * attempt))
    raise RuntimeError("a member gave up after 30 tries")


async def routine_card(fake: FakeDiscord, sent: Any) -> dict[str, Any]:
    """The `/cooldown` card with its Start button: the answer, or the deferred answer's edit."""
    until = time.monotonic() + 120
    while time.monotonic() < until:
        card = fake.original_message(sent)
        if card is not None and card.get("components"):
            return card
        await asyncio.sleep(0.1)
    raise RuntimeError(f"no routine card in the answer to {sent}")


async def start_sessions(
    config: Config, fake: FakeDiscord, guilds: list[FakeGuild], result: Result, url: str
) -> None:
    gate = asyncio.Semaphore(config.concurrency)

    async def one(i: int) -> None:
        guild = guilds[i % len(guilds)]  # alternate shards, one session per club
        user = FakeUser(id=500000000000000000 + i, username=f"runner{i}")
        where: dict[str, Any] = {"guild_id": guild.id, "channel_id": guild.text_channel.id}
        area = {"area": AREAS[i % len(AREAS)][0] if AREAS[i % len(AREAS)] else "calves"}
        minutes = {"minutes": config.minutes}
        async with gate:
            await ask(
                fake,
                lambda: fake.send_slash_command("tight add", area, user=user, **where),
                result,
            )
            sent = await ask(
                fake,
                lambda: fake.send_slash_command("cooldown", minutes, user=user, **where),
                result,
            )
            card = await routine_card(fake, sent)
            start = card["components"][0]["components"][0]["custom_id"]
            await ask(
                fake,
                lambda: fake.send_component(start, int(card["id"]), user=user, **where),
                result,
            )

    began = time.monotonic()
    await asyncio.gather(*(one(i) for i in range(config.sessions)))
    result.start_seconds = time.monotonic() - began
    # A press answered late (deferred) opens its thread, or tells the member no, after its
    # acknowledgement: the database says which sessions run.
    await asyncio.sleep(5.0)
    database = Database(url)
    try:
        async with database.session() as session:
            result.sessions_started = int(
                await session.scalar(
                    text("SELECT count(*) FROM cooldown_sessions WHERE state <> 'ready'")
                )
                or 0
            )
    finally:
        await database.dispose()
    result.sessions_declined = config.sessions - result.sessions_started
    progress(f"{result.sessions_started} sessions timed, {result.sessions_declined} declined")


STEP = "**Step "
CHECKIN = "## Weekly check-in"


def step_number(content: str) -> int:
    return int(content.split(STEP, 1)[1].split(" ")[0])


def is_step(request: RecordedRequest) -> bool:
    return STEP in str((request.json or {}).get("content") or "")


def is_checkin(request: RecordedRequest) -> bool:
    return CHECKIN in str((request.json or {}).get("content") or "")


def kind(request: RecordedRequest) -> str:
    """What a request was, for the 429s: the weekly check-in, a step, another call."""
    if is_checkin(request):
        return "check-in"
    if is_step(request):
        return "step"
    route = "/".join("{id}" if part.isdigit() else part for part in request.path.split("/"))
    return f"{request.method} {route}"


def ok_post(request: RecordedRequest) -> bool:
    return request.method == "POST" and request.status < 300


async def measure(
    config: Config,
    result: Result,
    fake: FakeDiscord,
    bots: list[BotProcess],
    proxy_pid: int,
    guilds: list[FakeGuild],
    url: str,
) -> None:
    await start_sessions(config, fake, guilds, result, url)
    wait = result.due.at.timestamp() - time.time()
    if wait <= 0:
        raise RuntimeError(
            f"the sessions were not all started by {result.due.at:%H:%M} UTC: raise --lead "
            f"(ready after {result.ready_seconds:.0f} s, "
            f"sessions took {result.start_seconds:.0f} s)"
        )
    await asyncio.sleep(wait)
    offset = time.time() - time.monotonic()  # the fake stamps requests with time.monotonic
    started = result.due.at.timestamp() - offset
    pids = {f"shard {b.shard}": b.process.pid for b in bots if b.process is not None}
    pids["proxy"] = proxy_pid
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    cpu_before["fake + bench"] = time.process_time()
    channels = {str(g.text_channel.id) for g in guilds}

    def checkins() -> list[RecordedRequest]:
        return [r for r in fake.requests[first:] if ok_post(r) and is_checkin(r)]

    first = next((i for i, r in enumerate(fake.requests) if r.time >= started), len(fake.requests))
    last_seen, quiet_since = -1, time.monotonic()
    while time.monotonic() - quiet_since < QUIET:
        sent = checkins()
        if channels <= {r.path.split("/")[2] for r in sent}:
            break
        if len(sent) // 1000 != last_seen // 1000:
            progress(f"{len(sent)} check-ins posted")
        if len(sent) != last_seen:
            last_seen, quiet_since = len(sent), time.monotonic()
        await asyncio.sleep(1.0)
    ended = max((r.time for r in checkins()), default=time.monotonic())
    result.seconds = ended - started
    cpu_after = {name: cpu_seconds(pid) for name, pid in pids.items()}
    cpu_after["fake + bench"] = time.process_time()
    result.cpu = {
        name: (cpu_after[name] - cpu_before[name]) / max(1.0, time.monotonic() - started)
        for name in cpu_before
    }
    await asyncio.sleep(max(0.0, ended + TAIL - time.monotonic()))
    requests = fake.requests[first:]

    # Messages Discord created, not requests answered: a post re-sent with its nonce after a
    # time-out is answered with the message the first try made, and nobody sees it twice.
    created = [m for m in fake.posted if CHECKIN in (m.get("content") or "")]
    per_channel = Counter(str(m["channel_id"]) for m in created)
    result.checkins_posted = len(per_channel)
    result.checkins_lost = len(channels - per_channel.keys())
    result.checkins_doubled = sum(n - 1 for n in per_channel.values())
    answered = sum(ok_post(r) and is_checkin(r) for r in requests)
    result.resent = answered - len(created)

    in_window = [r for r in requests if r.time <= ended and "/interactions/" not in r.path]
    ok = sum(r.status < 300 for r in in_window)
    result.calls_per_s = ok / result.seconds
    result.share = result.calls_per_s / DISCORD_GLOBAL_PER_SECOND
    everything = fake.requests
    result.fake_429s_by_kind = dict(Counter(kind(r) for r in everything if r.status == 429))
    result.fake_429s = sum(r.status == 429 for r in everything)
    result.fake_429s_global = sum(
        r.status == 429 and bool((r.error or {}).get("global")) for r in everything
    )
    await step_figures(result, requests, fake.posted, url, offset, started, ended)
    for bot in bots:
        scraped = await scrape(bot.metrics_port)
        result.bot_429s += sum(v for k, v in scraped.items() if k.startswith("cooldown_rest_rate_"))
        result.outbox_failed += sum(
            v
            for k, v in scraped.items()
            if k.startswith("cooldown_outbox_posts_total") and 'outcome="failed"' in k
        )


async def step_figures(
    result: Result,
    requests: list[RecordedRequest],
    messages: list[dict[str, Any]],
    url: str,
    offset: float,
    started: float,
    ended: float,
) -> None:
    """Steps due between the due minute and the last check-in, from the sessions' own
    schedules as the bots stored them; posted ones matched by thread and step number."""
    database = Database(url)
    try:
        async with database.session() as session:
            rows = await session.execute(
                text(
                    "SELECT thread_id, snapshot FROM cooldown_sessions WHERE thread_id IS NOT NULL"
                )
            )
            sessions = {int(t): Session.from_snapshot(json.loads(s)) for t, s in rows}
    finally:
        await database.dispose()
    start, end = started + offset, ended + offset
    timed = {thread: [x for x in s.schedule if x.timed] for thread, s in sessions.items()}
    due = {
        (thread, n): step.starts_at
        for thread, steps in timed.items()
        for n, step in enumerate(steps, 1)
        if start <= step.starts_at <= end
    }
    posted: dict[tuple[int, int], float] = {}
    times: Counter[tuple[int, int]] = Counter()
    for r in requests:
        if not ok_post(r) or not is_step(r):
            continue
        key = (int(r.path.split("/")[2]), step_number(r.json["content"]))
        posted.setdefault(key, r.time + offset)
        times[key] += 1
    created: Counter[tuple[int, int]] = Counter()
    for message in messages:
        content = message.get("content") or ""
        if STEP in content:
            created[(int(message["channel_id"]), step_number(content))] += 1
    drifts = [posted[key] - at for key, at in due.items() if key in posted]
    result.steps_due = len(due)
    result.steps_posted = len(due.keys() & posted.keys())
    result.steps_lost = len(due.keys() - posted.keys())
    result.steps_doubled = sum(n - 1 for key, n in created.items() if key in due)
    result.resent += sum(n for key, n in times.items() if key in due) - sum(
        n for key, n in created.items() if key in due
    )
    result.steps_per_s = sum(start <= t <= end for t in posted.values()) / (end - start)
    if drifts:
        result.drift_p50 = statistics.median(drifts)
        result.drift_p99 = percentile(drifts, 0.99)
        result.drift_max = max(drifts)


async def scrape(port: int) -> dict[str, float]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        body = await response.text()
    values: dict[str, float] = {}
    for line in body.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


def print_result(r: Result) -> None:
    c = r.config
    print(f"machine: {describe()}")
    print(
        f"load average (1 min): {r.load[0]:.2f} at the start, {r.load[1]:.2f} at the end "
        "(the 2 cores are shared with other work)"
    )
    print(
        f"processes: {SHARDS} `python -m bot` (SHARD_COUNT={SHARDS}, SHARD_IDS=0 and 1), "
        "the fake Discord in the benchmark's process, deploy/proxy in node, one REST budget "
        "in Redis, one PostgreSQL database"
    )
    print(
        f"load: {c.clubs} clubs due at {r.due.at:%a %H:%M} UTC on the real clock, fired by "
        f"each process's scheduler; {c.sessions} members pressing Start on a {c.minutes}-minute "
        f"routine before it ({r.sessions_started} timed, {r.sessions_declined} declined by the "
        f'bot; {r.shed} presses and commands answered "busy" and {r.unanswered} unanswered, '
        f"each tried again); bots ready after {r.ready_seconds:.0f} s, sessions started in "
        f"{r.start_seconds:.0f} s"
    )
    print(
        "| clubs | sessions timed | fan-out s | calls/s | share of 50/s "
        "| 429s at the fake (global) | 429s at the bots | check-ins posted | lost | doubled "
        "| steps due | posted | lost "
        "| doubled | step drift p50 / p99 / max s | CPU (share of a core) |"
    )
    print("| " + " | ".join(["---"] * 16) + " |")
    cpu = ", ".join(f"{name} {share:.0%}" for name, share in r.cpu.items())
    print(
        f"| {c.clubs} | {r.sessions_started} | {r.seconds:.0f} | {r.calls_per_s:.1f} "
        f"| {r.share:.0%} | {r.fake_429s} ({r.fake_429s_global}) | {r.bot_429s:.0f} "
        f"| {r.checkins_posted} | {r.checkins_lost} | {r.checkins_doubled} | {r.steps_due} "
        f"| {r.steps_posted} | {r.steps_lost} | {r.steps_doubled} "
        f"| {r.drift_p50:.1f} / {r.drift_p99:.1f} / {r.drift_max:.1f} | {cpu} |"
    )
    print(
        f"429s answered by the fake over the whole run (waited out by the proxy), by call: "
        f"{r.fake_429s_by_kind or 'none'}; "
        f"check-ins and due steps re-sent with their nonce after a time-out (Discord answered "
        f"with the first message, none shown twice): {r.resent}; "
        f"steps posted {r.steps_per_s:.1f}/s during the fan-out; outbox posts given up: "
        f"{r.outbox_failed:.0f}; errors in the bots' logs: {r.errors_logged}"
        + "".join(f"\n  {line}" for line in r.first_errors)
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clubs", type=int, default=Config.clubs)
    parser.add_argument("--sessions", type=int, default=Config.sessions)
    parser.add_argument("--minutes", type=int, default=Config.minutes, help="routine length")
    parser.add_argument(
        "--lead", type=float, default=Config.lead, help="seconds from the start to the due minute"
    )
    parser.add_argument("--redis", default=DEFAULT_REDIS, help="RATE_LIMIT_REDIS_URL")
    args = parser.parse_args(argv)
    if not node_available():
        raise SystemExit("node and npm are needed for the proxy")
    config = Config(args.clubs, args.sessions, args.minutes, args.lead, args.redis)
    print_result(asyncio.run(run(config)))


if __name__ == "__main__":
    main()
