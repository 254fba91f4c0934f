"""Interactions at fixed offered rates through the fake Discord, against the bot and the floor.

Each configuration runs as its own process, exactly as `make run` starts the bot: the trivial
discord.py bot that only answers "ok" (`bench.trivial_bot`, the floor), and the bot answering
`/tight list` or `/cooldown`, on SQLite and PostgreSQL, in one process with the member cache
or with `SHARD_COUNT=1 SHARD_IDS=0` (multi-process mode, PostgreSQL only: the cache hears
the other processes' writes). This process runs the fake Discord and offers each rate open
loop: interaction i is due at start + i/rate, and its latency runs from that due time to the
callback's arrival, so a bot that falls behind is charged for the wait (no coordinated
omission).

Every configuration climbs the same ladder of rates; a rate is sustained with p99 under 100 ms
and every interaction answered in full within 3 s (none shed or deferred, which would be the
bot saying it is past capacity). Near its capacity a bot's p99 sits close to 100 ms, so one
pass of the ladder moves a rung between runs; the sustainable rate is found finer and more than
once instead: every configuration's bot runs from the start to the end of the run, and in each
of `--repeats` rounds each one's rate is bisected `--steps` times between its highest rung
sustained and the next, the configurations taking turns at every probe (so a busier moment of
the machine falls on all of them alike); the sustainable rate is the median of the rounds, and
its ratio to the trivial bot's is taken from those medians. Beside it, from CPU alone: the
quota (`--bot-cpu`) over the bot's CPU per interaction at the highest rung it and the trivial
bot both sustained (CPU per interaction falls as the rate rises). Then each
configuration runs at twice its sustainable rate for `--overload-seconds`. Counted per rate:
acknowledged within 3 s, deferred (the first response was "thinking…"), shed (answered "I'm
busy"), of the deferred how many ended "I'm busy" after all or were still "thinking…" 10 s
after the rate's last interaction, failed (a callback refused, late, or none; of which late
and refused apart, the rest never answered), and the bot process's CPU per interaction,
with its ratio to the trivial bot's at the same offered rate in the same run.

Nothing here reads the calendar (routines depend on the tight areas alone), so the figures
are the same on any day.

    python -m bench.interactions [--rates 150,300,600,1000,1500,2000] [--seconds 5]
        [--overload-seconds 30] [--backends sqlite,postgresql] [--bots trivial,tight,cooldown]
        [--shards off,on] [--users 300] [--warmup 1] [--repeats 3] [--steps 3] [--bot-cpu 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from bench.cpu_quota import cpu_quota
from bench.databases import BACKENDS, bench_database
from bench.machine import describe
from bot.rules.overload import BUSY
from bot.storage import Database, TightAreas
from tests.fakediscord import FakeDiscord, FakeUser

ROOT = Path(__file__).resolve().parent.parent
RUNS = ["easy", "long", "tempo", "intervals", "race"]
AREAS = ["calves", "hip_flexors", "glutes", "hamstrings", "lower_back", "quads", "it_band"]
DEADLINE = 3.0
SUSTAINED_P99_MS = 100.0
DEFERRALS = (5, 6)
# Seconds a deferred interaction's answer is waited for after the rate's last one.
FINISH_WAIT = 10.0
# A message's flag while it shows "thinking…".
LOADING = 1 << 7
# Seconds an interaction's record is kept in the fake after the rate that sent it.
FORGET_AFTER = 30.0


@dataclass(frozen=True)
class Setup:
    bot: str  # trivial, tight, cooldown
    backend: str  # "" for the trivial bot
    shards: bool

    @property
    def label(self) -> str:
        if self.bot == "trivial":
            return "trivial discord.py"
        command = "/tight list" if self.bot == "tight" else "/cooldown"
        return f"{command} {self.backend}{' SHARD_IDS' if self.shards else ''}"


@dataclass
class Result:
    setup: Setup
    offered: int
    overload: bool
    achieved: float
    sent: int
    acknowledged: int  # a first response Discord accepted within 3 s
    deferred: int
    shed: int
    failed: int  # refused, late, or never answered
    late: int  # of which a callback that came past Discord's deadline
    p50_ms: float
    p99_ms: float
    max_ms: float
    refused: int = 0  # of the failed, a callback Discord refused (any 4xx or 5xx)
    deferred_busy: int = 0  # of the deferred, "I'm busy" in the end
    deferred_unfinished: int = 0  # of the deferred, still "thinking…" after FINISH_WAIT
    # Answered in full (not shed, not "I'm busy" after a deferral, not left unfinished): each
    # `/cooldown` of these has a card stored; with the warm-up's before it.
    answered_full: int = 0
    warmup_full: int = 0
    bot_cpu_ms: float = 0.0
    fake_cpu_ms: float = 0.0
    trivial_cpu_ms: float | None = None
    round: int = 0  # of the bisection for the sustainable rate; 0: the ladder or the 2x run

    @property
    def sustained(self) -> bool:
        # Every one answered in full: a bot that sheds or defers is past its capacity already.
        return (
            self.failed == 0
            and self.shed == 0
            and self.deferred == 0
            and self.p99_ms < SUSTAINED_P99_MS
        )


@dataclass
class Config:
    rates: list[int]
    seconds: float
    overload_seconds: float
    backends: list[str]
    bots: list[str]
    shards: list[bool]
    users: int
    warmup: float
    # Cores the bot's process may use (a cgroup quota), or None for the whole machine.
    bot_cpu: float | None = None
    # Rounds of bisection for the sustainable rate, and probes in each.
    repeats: int = 3
    steps: int = 3
    # A folder for each bot's log (its warnings), or None.
    bot_log: Path | None = None
    # Per `/cooldown` configuration: (cards stored, interactions answered in full).
    cards: dict[Setup, tuple[int, int]] = field(default_factory=dict)
    setups: list[Setup] = field(default_factory=list)
    refused: list[Setup] = field(default_factory=list)  # settings the bot refuses at start

    def __post_init__(self) -> None:
        if "trivial" in self.bots:
            self.setups.append(Setup("trivial", "", False))
        for bot in (b for b in self.bots if b != "trivial"):
            for backend in self.backends:
                for shards in self.shards:
                    # The bot refuses SHARD_IDS on SQLite: processes sharing a SQLite file
                    # cannot tell each other of their writes (see the README's Scale).
                    setup = Setup(bot, backend, shards)
                    if shards and backend == "sqlite":
                        self.refused.append(setup)
                    else:
                        self.setups.append(setup)


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


async def start_bot(
    fake: FakeDiscord, setup: Setup, url: str, log: Path | None = None
) -> asyncio.subprocess.Process:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "DATABASE_", "SHARD_", "METRICS_"))
    }
    env.update(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if setup.shards:
        env.update(SHARD_COUNT="1", SHARD_IDS="0")
    module = "bench.trivial_bot" if setup.bot == "trivial" else "bot"
    # The bot's warnings (a shed it could not send, an interaction dropped as expired).
    stderr = log.open("ab") if log else None
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        env=env,
        cwd=ROOT,
        stderr=stderr if stderr else asyncio.subprocess.DEVNULL,
    )
    if stderr:
        stderr.close()  # the bot's process holds its own copy
    await fake.wait_for_request("PUT", r"/applications/\d+/commands", timeout=60)
    await fake.wait_ready(timeout=60)
    return process


def command_of(setup: Setup, i: int) -> tuple[str, dict[str, object]]:
    if setup.bot == "trivial":
        return "ok", {}
    if setup.bot == "tight":
        return "tight list", {}
    return "cooldown", {"minutes": 5 + (i * 7) % 26, "run": RUNS[i % len(RUNS)]}


async def offer(
    fake: FakeDiscord, setup: Setup, users: list[FakeUser], rate: int, seconds: float
) -> Result:
    # Every bot runs the whole run: what its fake recorded of earlier rates is dropped (a
    # deferred answer's edit may still come for the last few seconds' interactions).
    fake.forget(time.monotonic() - FORGET_AFTER)
    # A collection in this process (the fake keeps every request) would pause the load and
    # the fake's answers, a delay charged to the bot; it runs between rates instead.
    gc.collect()
    gc.disable()
    try:
        return await _offer(fake, setup, users, rate, seconds)
    finally:
        gc.enable()


async def _offer(
    fake: FakeDiscord, setup: Setup, users: list[FakeUser], rate: int, seconds: float
) -> Result:
    due: dict[int, float] = {}
    total = max(1, int(rate * seconds))
    first_request = len(fake.requests)
    start = time.monotonic()
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        command, options = command_of(setup, i)
        sent = await fake.send_slash_command(command, options, user=users[i % len(users)])
        due[sent.id] = scheduled
    achieved = total / (time.monotonic() - start)
    # Until every one is answered, or Discord's deadline (and a margin) is past for the last;
    # polled rather than woken by each callback, which would cost the fake at high rates.
    until = start + (total - 1) / rate + DEADLINE + 0.5
    while time.monotonic() < until and not answered(fake, due):  # noqa: ASYNC110
        await asyncio.sleep(0.1)
    latencies: list[float] = []
    deferred = shed = 0
    deferred_ids: list[int] = []
    refused: set[int] = set()
    for request in fake.requests[first_request:]:
        if request.method != "POST" or not request.path.endswith("/callback"):
            continue
        iid = int(request.path.split("/")[2])
        if iid not in due:
            continue
        if request.status >= 400:
            refused.add(iid)
            continue
        state = fake.interactions.get(iid)
        if state is None or state.late_by is not None:
            continue
        latency = request.time - due[iid]
        if latency > DEADLINE:
            continue
        del due[iid]
        latencies.append(latency)
        body = request.json or {}
        if body.get("type") in DEFERRALS:
            deferred += 1
            deferred_ids.append(iid)
        elif (body.get("data") or {}).get("content") == BUSY:
            shed += 1
    late = sum(1 for iid in due if (state := fake.interactions.get(iid)) and state.late_by)
    # What the deferred ones came to: the answer, "I'm busy" after all, or nothing yet.
    until = time.monotonic() + FINISH_WAIT
    while time.monotonic() < until and any(final(fake, i) is None for i in deferred_ids):  # noqa: ASYNC110
        await asyncio.sleep(0.2)
    finals = [final(fake, i) for i in deferred_ids]
    latencies.sort()
    ms = [x * 1000 for x in latencies] or [float("nan")]
    return Result(
        setup=setup,
        offered=rate,
        overload=False,
        achieved=achieved,
        sent=total,
        acknowledged=len(latencies),
        deferred=deferred,
        shed=shed,
        failed=total - len(latencies),
        late=late,
        refused=len(refused & due.keys()),
        deferred_busy=sum(text == BUSY for text in finals),
        deferred_unfinished=sum(text is None for text in finals),
        answered_full=len(latencies) - shed - sum(text in (BUSY, None) for text in finals),
        p50_ms=ms[len(ms) // 2],
        p99_ms=ms[min(len(ms) - 1, int(len(ms) * 0.99))],
        max_ms=ms[-1],
    )


def final(fake: FakeDiscord, iid: int) -> str | None:
    """The text a deferred interaction ended with (its edited "thinking…" or a follow-up),
    or None while it is still "thinking…"."""
    followups = fake.followups(iid)
    if followups:
        return str(followups[-1].get("content") or "")
    original = fake.original_message(iid)
    if original is None or int(original.get("flags") or 0) & LOADING:
        return None
    return str(original.get("content") or "")


def answered(fake: FakeDiscord, due: dict[int, float]) -> bool:
    """Whether every interaction offered got its first response (in time or late)."""
    return all(
        (state := fake.interactions.get(iid)) is not None
        and (state.response is not None or state.late_by is not None)
        for iid in due
    )


async def measured(
    process: asyncio.subprocess.Process,
    fake: FakeDiscord,
    setup: Setup,
    users: list[FakeUser],
    rate: int,
    seconds: float,
    warmup: float,
) -> Result:
    warm = await offer(fake, setup, users, rate, warmup) if warmup > 0 else None
    cpu_before, own_before = cpu_seconds(process.pid), time.process_time()
    result = await offer(fake, setup, users, rate, seconds)
    result.warmup_full = warm.answered_full if warm else 0
    # The CPU the bot spent on these interactions, deferred answers finished included.
    result.bot_cpu_ms = (cpu_seconds(process.pid) - cpu_before) / result.sent * 1000
    result.fake_cpu_ms = (time.process_time() - own_before) / result.sent * 1000
    return result


@dataclass
class Running:
    """A configuration's bot, started, with its own fake Discord, database and members."""

    setup: Setup
    fake: FakeDiscord
    process: asyncio.subprocess.Process
    users: list[FakeUser]
    # Interactions answered in full so far, the unmeasured ones included.
    answered_full: int = 0

    async def measured(self, rate: int, seconds: float, warmup: float) -> Result:
        result = await measured(
            self.process, self.fake, self.setup, self.users, rate, seconds, warmup
        )
        self.answered_full += result.answered_full + result.warmup_full
        return result


@asynccontextmanager
async def started(setup: Setup, config: Config) -> AsyncIterator[Running]:
    users = [
        FakeUser(id=400000000000000000 + i, username=f"runner{i}") for i in range(config.users)
    ]
    backend = setup.backend or "sqlite"
    async with bench_database(backend, "interactions") as url:
        if setup.bot != "trivial":
            await seed(url, users)
        async with FakeDiscord() as fake:
            log = None
            if config.bot_log:
                config.bot_log.mkdir(parents=True, exist_ok=True)
                log = config.bot_log / (setup.label.strip("/").replace(" ", "-") + ".log")
            process = await start_bot(fake, setup, url, log)
            try:
                with cpu_quota(process.pid, config.bot_cpu) if config.bot_cpu else nullcontext():
                    # Every member once (caches, pools), unmeasured.
                    first = await offer(fake, setup, users, 100, len(users) / 100)
                    running = Running(setup, fake, process, users, first.answered_full)
                    yield running
            finally:
                process.terminate()  # the bot writes the cards it holds as it stops
                await process.wait()
        if setup.bot == "cooldown":
            config.cards[setup] = (await stored_cards(url), running.answered_full)


async def stored_cards(url: str) -> int:
    """How many `/cooldown` cards the bot stored: one for each answered in full."""
    database = Database(url)
    try:
        async with database.engine.connect() as connection:
            return int(await connection.scalar(text("SELECT count(*) FROM cooldown_sessions")))
    finally:
        await database.dispose()


async def run_all(config: Config) -> list[Result]:
    """Every configuration's bot started, then the ladders, the bisections and the 2x runs."""
    results: list[Result] = []
    async with AsyncExitStack() as stack:
        running = [await stack.enter_async_context(started(s, config)) for s in config.setups]
        ladders: dict[Setup, list[Result]] = {}
        for bot in running:
            ladders[bot.setup] = [
                await bot.measured(rate, config.seconds, config.warmup) for rate in config.rates
            ]
            results += ladders[bot.setup]
        probes = await bisect(running, ladders, config)
        results += probes
        if config.overload_seconds > 0:
            for bot in running:
                rate = sustainable(results, bot.setup) or min(config.rates)
                overloaded = await bot.measured(2 * rate, config.overload_seconds, 0)
                overloaded.overload = True
                results.append(overloaded)
    return results


def bracket(ladder: list[Result]) -> tuple[int, int]:
    """The highest rung sustained (0: none) and the next rung up (itself: the top one)."""
    rates = sorted(r.offered for r in ladder)
    low = max((r.offered for r in ladder if r.sustained), default=0)
    high = next((rate for rate in rates if rate > low), low)
    return low, high


async def bisect(
    running: list[Running], ladders: dict[Setup, list[Result]], config: Config
) -> list[Result]:
    """`repeats` rounds of `steps` probes each between each bot's bracket, bots in turn."""
    probes: list[Result] = []
    for round_ in range(1, config.repeats + 1):
        bounds = {bot.setup: bracket(ladders[bot.setup]) for bot in running}
        for _ in range(config.steps):
            for bot in running:
                low, high = bounds[bot.setup]
                rate = (low + high) // 2
                if high - low < 2 or rate <= 0:
                    continue
                probe = await bot.measured(rate, config.seconds, config.warmup)
                probe.round = round_
                probes.append(probe)
                bounds[bot.setup] = (rate, high) if probe.sustained else (low, rate)
    return probes


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def compare(results: list[Result]) -> None:
    """Each row's CPU against the trivial bot's at the same offered rate, in the same run."""
    floor = {r.offered: r.bot_cpu_ms for r in results if r.setup.bot == "trivial" and not r.round}
    for r in results:
        r.trivial_cpu_ms = floor.get(r.offered)


def knees(results: list[Result], setup: Setup) -> list[int]:
    """The sustainable rate found in each round: the highest rung of the ladder sustained, or
    the highest probe of the round sustained above it."""
    ladder = [r for r in results if r.setup == setup and not r.round and not r.overload]
    low = max((r.offered for r in ladder if r.sustained), default=0)
    rounds = sorted({r.round for r in results if r.setup == setup and r.round})
    found = [
        max(
            [low]
            + [r.offered for r in results if r.setup == setup and r.round == n and r.sustained]
        )
        for n in rounds
    ]
    return found or [low]


def sustainable(results: list[Result], setup: Setup) -> int:
    """The median of the rounds' sustainable rates (the lower middle one of an even count)."""
    return int(statistics.median_low(knees(results, setup)))


def cpu_capacity(
    results: list[Result], setup: Setup, cores: float, floor: Setup | None = None
) -> float | None:
    """Interactions a second the quota pays for, at the bot's CPU per interaction on its
    highest rung sustained (that the `floor` bot sustained too: CPU per interaction falls as
    the rate rises, so two bots are compared at one rate)."""
    ladder = [r for r in results if r.setup == setup and not r.round and not r.overload]
    rungs = {r.offered for r in results if r.setup == floor and not r.round and r.sustained}
    sustained = [r for r in ladder if r.sustained and (floor is None or r.offered in rungs)]
    top = max(sustained, key=lambda r: r.offered, default=None)
    if top is None or top.bot_cpu_ms <= 0:
        return None
    return cores * 1000 / top.bot_cpu_ms


def print_table(results: list[Result], config: Config) -> None:
    compare(results)
    print(f"machine: {describe()}")
    print(
        "processes: each bot as its own `python -m` process, all started first and offered "
        "load one at a time; the fake Discord and the load in this one; no rate limits "
        "(Discord does not count interaction callbacks against the bot's)"
    )
    if config.bot_cpu:
        print(
            f"each bot held to {config.bot_cpu:g} of a core (a cgroup CPU quota), so that the "
            "bot saturates before the machine does"
        )
    print(
        f"{config.users} members with 3 tight areas each, a fresh database per configuration; "
        f"each rate {config.seconds:g} s measured after {config.warmup:g} s unmeasured; "
        f"overload: 2x the sustainable rate (p99 < {SUSTAINED_P99_MS:g} ms, all answered, "
        "none shed or deferred) "
        f"for {config.overload_seconds:g} s; latency from the due time to the callback"
    )
    print(
        "| bot | offered/s | achieved/s | sent | acked ≤3 s | deferred | of which busy after "
        "| of which unfinished | shed | failed | late | refused "
        "| p50 ms | p99 ms | max ms | bot CPU ms/interaction | CPU × trivial "
        "| fake Discord CPU ms/interaction |"
    )
    print("| --- " * 18 + "|")
    for r in sorted(results, key=lambda r: (config.setups.index(r.setup), r.overload)):
        ratio = f"{r.bot_cpu_ms / r.trivial_cpu_ms:.1f}" if r.trivial_cpu_ms else "-"
        offered = f"{r.offered} (2x)" if r.overload else str(r.offered)
        if r.round:
            offered = f"{r.offered} (round {r.round})"
        print(
            f"| {r.setup.label} | {offered} | {r.achieved:.0f} | {r.sent} "
            f"| {100 * r.acknowledged / r.sent:.1f} % | {r.deferred} | {r.deferred_busy} "
            f"| {r.deferred_unfinished} | {r.shed} "
            f"| {r.failed} | {r.late} | {r.refused} "
            f"| {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.max_ms:.1f} | {r.bot_cpu_ms:.2f} | {ratio} "
            f"| {r.fake_cpu_ms:.2f} |"
        )
    floor = next((s for s in config.setups if s.bot == "trivial"), None)
    floor_rate = sustainable(results, floor) if floor else 0
    print()
    print(
        f"sustainable rate: the median of {config.repeats} rounds, each bisecting "
        f"{config.steps} times between the highest rung sustained and the next, the bots "
        "taking turns at every probe"
    )
    print("| bot | sustainable rate /s | rounds | × trivial | CPU capacity /s | × trivial |")
    print("| --- | --- | --- | --- | --- | --- |")
    for setup in config.setups:
        rate = sustainable(results, setup)
        ratio = f"{rate / floor_rate:.2f}" if floor_rate else "-"
        rounds = ", ".join(str(k) for k in knees(results, setup))
        capacity = floor_cpu = None
        if config.bot_cpu:
            capacity = cpu_capacity(results, setup, config.bot_cpu, floor)
            if floor:
                floor_cpu = cpu_capacity(results, floor, config.bot_cpu, setup)
        by_cpu = f"{capacity:.0f}" if capacity else "-"
        cpu_ratio = f"{capacity / floor_cpu:.2f}" if capacity and floor_cpu else "-"
        shown = rate or "under " + str(min(config.rates))
        print(f"| {setup.label} | {shown} | {rounds} | {ratio} | {by_cpu} | {cpu_ratio} |")
    for setup, (stored, answered_in_full) in config.cards.items():
        print(
            f"{setup.label}: {stored} cards stored for {answered_in_full} routines answered "
            "(every rate, the unmeasured ones included; none for a shed one)"
        )
    for setup in config.refused:
        print(
            f"not run: {setup.label} (the bot refuses SHARD_IDS on SQLite at start: "
            "several processes need PostgreSQL)"
        )


def parse(argv: list[str] | None = None) -> Config:
    parser = argparse.ArgumentParser(description="Interactions at fixed offered rates.")
    parser.add_argument("--rates", default="150,300,600,1000,1500,2000")
    parser.add_argument("--seconds", type=float, default=5, help="measured, per rate")
    parser.add_argument("--overload-seconds", type=float, default=30, help="at 2x; 0: skip")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--bots", default="trivial,tight,cooldown")
    parser.add_argument("--shards", default="off,on", help="off: one process; on: SHARD_IDS")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--warmup", type=float, default=1, help="unmeasured, per rate")
    parser.add_argument(
        "--repeats", type=int, default=3, help="rounds of bisection for the sustainable rate"
    )
    parser.add_argument("--steps", type=int, default=3, help="probes per round (0: the ladder)")
    parser.add_argument(
        "--bot-cpu",
        type=float,
        default=None,
        help="cores the bot may use (a cgroup quota, root only), so the bot saturates first",
    )
    parser.add_argument("--bot-log", type=Path, default=None, help="a folder for each bot's log")
    args = parser.parse_args(argv)
    return Config(
        rates=[int(r) for r in args.rates.split(",")],
        seconds=args.seconds,
        overload_seconds=args.overload_seconds,
        backends=args.backends.split(","),
        bots=args.bots.split(","),
        shards=[s == "on" for s in args.shards.split(",")],
        users=args.users,
        warmup=args.warmup,
        bot_cpu=args.bot_cpu,
        repeats=args.repeats,
        steps=args.steps,
        bot_log=args.bot_log,
    )


def run(config: Config) -> list[Result]:
    return asyncio.run(run_all(config))


def main(argv: list[str] | None = None) -> None:
    config = parse(argv)
    print_table(run(config), config)


if __name__ == "__main__":
    main()
