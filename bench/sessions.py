"""Many timed sessions in one process.

Part 1, the engine alone: N sessions on the one timer loop with a counting sink. Reports the
drift between a step's scheduled start and the moment its event reached the sink, memory per
session, and events per second.

Part 2, the whole bot against the fake Discord enforcing Discord's limits (50 requests/s for
the bot, 5 per channel per second): sessions started with the real Start button, timed in
compressed time. Reports REST calls per step and per second, 429s received, steps lost or
posted twice, and the drift between a step's scheduled start and its message reaching Discord.

Steps are timed from the moment each session starts, on the run's own clock (`--now`, by
default the real time), so the figures do not depend on the day or the hour.

    python -m bench.sessions [--engine 100,1000,5000] [--bot 20,60,120] [--scale 0.1]
        [--engine-scale 0.05] [--seconds 30] [--settle 3] [--backend sqlite] [--now ...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import statistics
import time
import tracemalloc
from collections import Counter

from bench.clock import BenchClock, add_clock_options, clock_from, describe_clock
from bench.databases import BACKENDS, bench_database
from bench.machine import describe
from bot.app import create_bot
from bot.rules.catalogue import default_catalogue
from bot.rules.planner import PlanRequest, plan
from bot.rules.routine import RunType
from bot.rules.sessions import Event, Session, StepStarted
from bot.services.session_runner import SessionRunner
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, FakeUser, pointed_at, running_client
from tests.fakediscord.models import RateLimitConfig

AREAS = [("calves", "glutes"), ("hip_flexors",), ("hamstrings", "lower_back", "quads"), ()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


# -- part 1: the engine ------------------------------------------------------------------------


async def engine_run(count: int, scale: float, clock: BenchClock) -> dict[str, float]:
    catalogue = default_catalogue()
    routines = [
        plan(PlanRequest(tight=areas, minutes=10, run=RunType.TEMPO), catalogue) for areas in AREAS
    ]
    drifts: list[float] = []
    events = 0
    finished = 0

    async def sink(event: Event) -> None:
        nonlocal events, finished
        events += 1
        if isinstance(event, StepStarted) and not event.caught_up:
            drifts.append(clock.timestamp() - event.step.starts_at)
        elif not isinstance(event, StepStarted):
            finished += 1

    done = asyncio.Event()
    longest = max(r.total_seconds for r in routines) * scale

    async def counted(session: Session, events: list[Event]) -> None:
        # Stands where the bot stores a change with its posts: here each event is only counted.
        for event in events:
            await sink(event)
        if finished >= count:
            done.set()

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    runner = SessionRunner(counted, clock=clock.timestamp)
    stagger = min(5.0, longest / 4) / count
    for i in range(count):
        session = Session(
            id=str(i), owner_id=i, routine=routines[i % len(routines)], time_scale=scale
        )
        await runner.start(session)
        await asyncio.sleep(stagger)
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    per_session = sum(s.size_diff for s in after.compare_to(before, "filename")) / count
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), longest + 15)
    await runner.close()
    return {
        "sessions": count,
        "events": events,
        "finished": finished,
        "p50_ms": statistics.median(drifts) * 1000 if drifts else float("nan"),
        "p99_ms": percentile(drifts, 0.99) * 1000,
        "max_ms": max(drifts) * 1000 if drifts else float("nan"),
        "kib_per_session": per_session / 1024,
    }


# -- part 2: the bot against a rate-limited fake Discord ---------------------------------------


async def bot_run(
    count: int, scale: float, seconds: float, settle: float, backend: str, clock: BenchClock
) -> dict[str, float]:
    users = [FakeUser(id=500000000000000000 + i, username=f"runner{i}") for i in range(count)]
    async with (
        bench_database(backend, "sessions") as url,
        FakeDiscord(rate_limits=RateLimitConfig()) as fake,
        pointed_at(fake),
    ):
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            discord_token=fake.token,
            discord_api_base=fake.api_base,
            database_url=url,
        )
        bot = await create_bot(settings, time_scale=scale, clock=clock, guild_ready_timeout=0.05)
        async with running_client(bot, fake, timeout=30):
            return await drive_sessions(fake, bot, users, seconds, settle, clock)


async def drive_sessions(
    fake: FakeDiscord,
    bot: object,
    users: list[FakeUser],
    seconds: float,
    settle: float,
    clock: BenchClock,
) -> dict[str, float]:
    # Steps are timed on the bot's clock; the fake records requests on the monotonic one.
    offset = clock.timestamp() - time.monotonic()
    refused = 0
    for i, user in enumerate(users):
        for area in AREAS[i % len(AREAS)]:
            await fake.send_slash_command("tight add", {"area": area}, user=user)
        sent = await fake.send_slash_command("cooldown", {"minutes": 10}, user=user)
        body = await fake.wait_for_interaction_response(sent, timeout=30)
        start = body["data"]["components"][0]["components"][0]["custom_id"]
        card = fake.original_message(sent)
        assert card is not None
        pressed = await fake.send_component(start, int(card["id"]), user=user)
        answer = await fake.wait_for_interaction_response(pressed, timeout=30)
        refused += answer["type"] == 4
    began = len(fake.requests)
    window_start = time.monotonic()
    await asyncio.sleep(seconds)
    window = time.monotonic() - window_start
    window_requests = fake.requests[began:]
    await asyncio.sleep(settle)  # let the steps due at the window's end reach Discord
    runner = bot.sessions.runner  # type: ignore[attr-defined]
    sessions = [runner.get(str(i)) for i in range(1, len(users) + 1)]
    by_thread = {s.thread_id: s for s in sessions if s is not None}
    start, end = window_start + offset, window_start + offset + window
    due = {
        (session.thread_id, number)
        for session in by_thread.values()
        for number, step in enumerate((s for s in session.schedule if s.timed), 1)
        if start <= step.starts_at <= end
    }
    posted: dict[tuple[int, int], float] = {}
    times_posted: Counter[tuple[int, int]] = Counter()
    for request in fake.requests[began:]:
        if request.method != "POST" or request.status >= 300 or not _is_step(request.json):
            continue
        thread = int(request.path.split("/")[2])
        number = int(request.json["content"].split("Step ", 1)[1].split(" ", 1)[0])
        posted.setdefault((thread, number), request.time + offset)
        times_posted[(thread, number)] += 1
    drifts = []
    for thread, number in due & posted.keys():
        timed = [s for s in by_thread[thread].schedule if s.timed]
        drifts.append(posted[(thread, number)] - timed[number - 1].starts_at)
    steps = [r for r in window_requests if r.method == "POST" and _is_step(r.json)]
    calls = [r for r in window_requests if not r.path.startswith("/interactions/")]
    too_many = sum(r.status == 429 for r in calls)
    ok_calls = sum(r.status < 300 for r in calls)
    return {
        "sessions": len(users),
        "real_equivalent": len(users) / bot.time_scale,  # type: ignore[attr-defined]
        "refused": refused,
        "steps_posted": len(due & posted.keys()),
        "steps_due": len(due),
        "steps_twice": sum(n > 1 for key, n in times_posted.items() if key in due),
        "calls_per_step": ok_calls / max(1, len(steps)),
        "calls_per_s": ok_calls / window,
        "429s": too_many,
        "p50_ms": statistics.median(drifts) * 1000 if drifts else float("nan"),
        "p99_ms": percentile(drifts, 0.99) * 1000,
    }


def _is_step(body: object) -> bool:
    return isinstance(body, dict) and "Step " in str(body.get("content") or "")


def parse(argv: list[str] | None = None) -> tuple[argparse.Namespace, BenchClock]:
    parser = argparse.ArgumentParser(description="Many timed sessions in one process.")
    parser.add_argument("--engine", default="100,1000,5000", help="session counts, or empty")
    parser.add_argument("--bot", default="20,60,120", help="session counts, or empty")
    parser.add_argument("--scale", type=float, default=0.1, help="bot: routine time scale")
    parser.add_argument("--engine-scale", type=float, default=0.05)
    parser.add_argument("--seconds", type=float, default=30, help="bot: measured window")
    parser.add_argument("--settle", type=float, default=3, help="bot: wait after the window")
    parser.add_argument("--backend", default="sqlite", choices=BACKENDS)
    add_clock_options(parser)
    args = parser.parse_args(argv)
    return args, clock_from(parser, args)


def counts(text: str) -> list[int]:
    return [int(c) for c in text.split(",") if c]


def main(argv: list[str] | None = None) -> None:
    args, clock = parse(argv)
    print(f"machine: {describe()}")
    print("processes: 1 (the bot and, for part 2, the fake Discord in the same process)")
    print(describe_clock(clock.start, args.zone))
    if args.engine:
        print(f"\nengine + one timer loop, counting sink (routine time x{args.engine_scale})")
        print(
            "| sessions | events | finished | drift p50 ms | drift p99 ms | max ms | KiB/session |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for count in counts(args.engine):
            r = asyncio.run(engine_run(count, args.engine_scale, clock))
            print(
                f"| {count} | {r['events']} | {r['finished']} | {r['p50_ms']:.1f} "
                f"| {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['kib_per_session']:.1f} |"
            )
    if args.bot:
        print(
            f"\nbot against the fake Discord at 50 req/s global, 5/s per channel "
            f"(Discord's real windows, routine time x{args.scale}, {args.seconds:g} s window, "
            f"database {args.backend})"
        )
        print(
            "| sessions | = real sessions | refused | steps due | steps posted | posted twice "
            "| calls/step | calls/s | 429s | drift p50 ms | drift p99 ms |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for count in counts(args.bot):
            r = asyncio.run(
                bot_run(count, args.scale, args.seconds, args.settle, args.backend, clock)
            )
            print(
                f"| {count} | {r['real_equivalent']:.0f} | {r['refused']} | {r['steps_due']} "
                f"| {r['steps_posted']} | {r['steps_twice']} | {r['calls_per_step']:.2f} "
                f"| {r['calls_per_s']:.1f} | {r['429s']} | {r['p50_ms']:.0f} | {r['p99_ms']:.0f} |"
            )


if __name__ == "__main__":
    main()
