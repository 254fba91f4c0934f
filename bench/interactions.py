"""Interactions at a fixed offered rate through the fake Discord, against `python -m bot`.

The bot runs as its own process, exactly as `make run` starts it; this process runs the fake
Discord, offers a mix of `/cooldown` and `/tight list` at each rate, and measures the time from
dispatching INTERACTION_CREATE on the gateway to receiving the interaction callback.

Nothing here reads the calendar (no check-ins are seeded; routines depend on the tight areas
alone), so the figures are the same on any day and at any hour; the bot process runs on the
real clock.

    python -m bench.interactions [--rates 50,150,300] [--seconds 10] [--backends sqlite,postgresql]
        [--users 300] [--warmup 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.databases import BACKENDS, bench_database
from bench.machine import describe
from bot.storage import Database, TightAreas
from tests.fakediscord import FakeDiscord, FakeUser

ROOT = Path(__file__).resolve().parent.parent
RUNS = ["easy", "long", "tempo", "intervals", "race"]
AREAS = ["calves", "hip_flexors", "glutes", "hamstrings", "lower_back", "quads", "it_band"]


@dataclass
class Result:
    backend: str
    offered: int
    achieved: float
    sent: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    bot_cpu_ms: float = 0.0
    fake_cpu_ms: float = 0.0


async def seed(url: str, users: list[FakeUser]) -> None:
    database = Database(url)
    try:
        await database.migrate()
        tight = TightAreas(database)
        for i, user in enumerate(users):
            for k in range(3):
                await tight.add(user.id, AREAS[(i + k) % len(AREAS)])
    finally:
        await database.dispose()


async def start_bot(fake: FakeDiscord, url: str) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    env.update(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", env=env, cwd=ROOT, stderr=asyncio.subprocess.DEVNULL
    )
    await fake.wait_for_request("PUT", r"/applications/\d+/commands", timeout=60)
    await fake.wait_ready(timeout=60)
    return process


async def offer(fake: FakeDiscord, users: list[FakeUser], rate: int, seconds: float) -> Result:
    sent_at: dict[int, float] = {}
    total = int(rate * seconds)
    first_request = len(fake.requests)
    start = time.monotonic()
    for i in range(total):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        user = users[i % len(users)]
        command, options = ("tight list", {})
        if i % 2:
            run = RUNS[(i // 2) % len(RUNS)]
            command, options = ("cooldown", {"minutes": 5 + (i * 7) % 26, "run": run})
        t0 = time.monotonic()
        sent = await fake.send_slash_command(command, options, user=user)
        sent_at[sent.id] = t0
    achieved = total / (time.monotonic() - start)
    deadline = time.monotonic() + 10
    answered: dict[int, float] = {}
    while time.monotonic() < deadline and len(answered) < total:
        await asyncio.sleep(0.1)
        for request in fake.requests[first_request:]:
            if request.method == "POST" and request.path.endswith("/callback"):
                iid = int(request.path.split("/")[2])
                if iid in sent_at and request.status < 400:
                    answered.setdefault(iid, request.time - sent_at[iid])
    latencies = sorted(answered.values()) or [float("nan")]
    return Result(
        backend="",
        offered=rate,
        achieved=achieved,
        sent=total,
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        max_ms=latencies[-1] * 1000,
        errors=total - len(answered),
    )


async def run_backend(
    backend: str, rates: list[int], seconds: float, users_count: int, warmup: float
) -> list[Result]:
    users = [FakeUser(id=400000000000000000 + i, username=f"runner{i}") for i in range(users_count)]
    results = []
    async with bench_database(backend, "interactions") as url:
        await seed(url, users)
        async with FakeDiscord() as fake:
            process = await start_bot(fake, url)
            try:
                # Warm up: every member once or twice (caches, pools), then each rate runs
                # `warmup` seconds unmeasured before its window, as a service under steady load.
                await offer(fake, users, 100, 2 * len(users) / 100)
                for rate in rates:
                    if warmup > 0:
                        await offer(fake, users, rate, warmup)
                    cpu_before, own_before = cpu_seconds(process.pid), time.process_time()
                    result = await offer(fake, users, rate, seconds)
                    result.bot_cpu_ms = (cpu_seconds(process.pid) - cpu_before) / result.sent * 1000
                    result.fake_cpu_ms = (time.process_time() - own_before) / result.sent * 1000
                    result.backend = backend
                    results.append(result)
                    await asyncio.sleep(min(1.0, seconds))
            finally:
                process.terminate()
                await process.wait()
    return results


def cpu_seconds(pid: int) -> float:
    """User + system CPU the bot process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def print_table(results: list[Result], args: argparse.Namespace) -> None:
    print(f"machine: {describe()}")
    print(
        "processes: 2 (the bot as `python -m bot`; the fake Discord and the load in this one); "
        "no rate limits (Discord does not count interaction callbacks against the bot's)"
    )
    print(
        f"databases: {args.backends} (a fresh one each); {args.users} members with 3 tight "
        f"areas each; each rate {args.seconds:g} s measured after {args.warmup:g} s unmeasured"
    )
    print(
        "| backend | offered/s | achieved/s | sent | p50 ms | p99 ms | max ms | errors "
        "| bot CPU ms/interaction | fake Discord CPU ms/interaction |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r.backend} | {r.offered} | {r.achieved:.0f} | {r.sent} | {r.p50_ms:.1f} "
            f"| {r.p99_ms:.1f} | {r.max_ms:.1f} | {r.errors} | {r.bot_cpu_ms:.2f} "
            f"| {r.fake_cpu_ms:.2f} |"
        )


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Interactions at fixed offered rates.")
    parser.add_argument("--rates", default="50,150,300")
    parser.add_argument("--seconds", type=float, default=10, help="measured, per rate")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured, per rate")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> list[Result]:
    rates = [int(r) for r in args.rates.split(",")]
    results: list[Result] = []
    for backend in args.backends.split(","):
        results += asyncio.run(run_backend(backend, rates, args.seconds, args.users, args.warmup))
    return results


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    print_table(run(args), args)


if __name__ == "__main__":
    main()
