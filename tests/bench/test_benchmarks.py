"""Every benchmark in its tiny configuration (seconds), with its clock on the awkward moments:
a Sunday evening after the usual 18:00 check-in, just before and just after a club's due
minute, and both daylight saving changes. What is asserted is what a member would notice (no
post lost or sent twice, every due step posted), never a timing."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench import checkins, interactions, sessions, shared_budget, walkthrough
from bench.clock import BenchClock, parse_moment
from bench.databases import bench_database, postgres_databases
from tests.test_shared_budget import redis_url as redis_url

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")


def tiny_checkins(now: str, backend: str = "sqlite") -> checkins.Config:
    return checkins.Config(
        clubs=30,
        window=0.1,
        double=0.2,
        backend=backend,
        # Seconds for the bot to be ready before the due minute: 1.2 s ran out once in a
        # six-worker run on two 2.0 GHz cores (the test is refused then, never wrong).
        lead=3.0,
        now=parse_moment(now, "Europe/London"),
    )


def local(moment: datetime, zone: str = "Europe/London") -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%a %H:%M %Z}"


@pytest.fixture
def postgres(postgres_url: str) -> None:
    """The benchmarks' PostgreSQL server answers (skipped otherwise, except under CI=true)."""


def our_databases() -> list[str]:
    return asyncio.run(postgres_databases(f"cooldown_bench_checkins_{os.getpid()}_"))


# -- bench.checkins ----------------------------------------------------------------------------

# The clock starts 4 s before a whole minute: the bot is up in about 1 s, and has 3 s.
MOMENTS = {
    "just before the usual Sunday 18:00": ("2026-11-29T17:59:56", "Sun 18:00 GMT", "Europe/London"),
    # Sunday evening, the 18:00 check-in seconds old, inside the catch-up's grace: a schedule
    # for 18:00 would be posted at start-up, before the measured fan-out.
    "just after the usual Sunday 18:00": ("2026-11-29T18:00:56", "Sun 18:01 GMT", "Europe/London"),
    "autumn change, first 01:30": ("2026-10-25T01:29:56+01:00", "Sun 01:30 BST", "Europe/London"),
    # London's 01:30 already came an hour ago: a bot starting now would post it late.
    "autumn change, second 01:30": ("2026-10-25T01:29:56+00:00", "Sun 01:30 UTC", "UTC"),
    "spring change, before the jump": (
        "2026-03-29T00:59:56+00:00",
        "Sun 02:00 BST",
        "Europe/London",
    ),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
async def test_the_fan_out_posts_every_club_once_at_its_minute(moment: str) -> None:
    now, due_local, zone = MOMENTS[moment]
    config = tiny_checkins(now)
    result = await checkins.fan_out(config)
    assert result.started == config.now
    assert (result.due.zone, local(result.due.at, zone)) == (zone, due_local)
    assert result.scheduled == result.clubs == 30  # every club's job waiting for the minute
    assert result.early == 0  # the start-up catch-up posted nothing
    assert (result.lost, result.duplicated) == (0, 0)
    assert result.recorded == 30  # each post recorded, for members' answers to attach to
    assert result.chained == 30  # and next week's check-in scheduled


@pytest.mark.postgres
def test_the_fan_out_on_postgresql_leaves_no_database_behind(
    postgres: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sunday evening, two hours after the usual 18:00 check-in, on PostgreSQL."""
    argv = ["--clubs", "20", "--window", "0.1", "--backend", "postgresql", "--lead", "1.2"]
    checkins.main([*argv, "--now", "2026-11-29T19:59:58"])
    printed = capsys.readouterr().out
    for shown in ("machine: ", "database: postgresql", "50 requests per 0.1 s", "clock: started"):
        assert shown in printed
    header, _, row = printed.strip().splitlines()[-3:]
    figures = dict(zip(header.split("|"), row.split("|"), strict=True))
    assert figures[" clubs "] == figures[" recorded "] == figures[" next week scheduled "] == " 20 "
    assert figures[" posted early "] == figures[" lost "] == figures[" duplicated "] == " 0 "
    assert our_databases() == []


@pytest.mark.postgres
def test_a_failed_run_drops_its_database(postgres: None) -> None:
    async def failing() -> None:
        async with bench_database("postgresql", "checkins") as url:
            assert url.rsplit("/", 1)[1] in await postgres_databases("cooldown_bench_checkins_")
            raise RuntimeError("the run broke")

    with pytest.raises(RuntimeError):
        asyncio.run(failing())
    assert our_databases() == []


def test_a_clock_reads_its_start_and_runs_on() -> None:
    start = datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC)
    clock = BenchClock(start)
    assert start <= clock() < start.replace(second=59, microsecond=500_000)
    assert parse_moment("2026-11-29T20:00", "Europe/London") == datetime(
        2026, 11, 29, 20, tzinfo=UTC
    )
    with pytest.raises(ValueError, match="repeated or skipped"):
        parse_moment("2026-10-25T01:30", "Europe/London")
    assert parse_moment("2026-10-25T01:30+00:00", "Europe/London").hour == 1
    with pytest.raises(ValueError, match="repeated or skipped"):
        parse_moment("2026-03-29T01:30", "Europe/London")


# -- the others --------------------------------------------------------------------------------


async def test_sessions_post_every_due_step_once_across_the_autumn_change() -> None:
    clock = BenchClock(parse_moment("2026-10-25T01:59:58+01:00", "Europe/London"))
    engine = await sessions.engine_run(12, 0.002, clock)
    assert engine["finished"] == 12
    # Steps about a second long: shorter ones could end before a loaded machine posts them,
    # and a step is rightly never posted after it ends.
    bot = await sessions.bot_run(3, 0.03, 4.0, 2.0, "sqlite", clock)
    assert bot["refused"] == 0
    assert bot["steps_due"] > 0
    assert bot["steps_posted"] == bot["steps_due"]
    assert bot["steps_twice"] == 0


async def test_the_walkthrough_on_a_sunday_evening() -> None:
    clock = BenchClock(parse_moment("2026-11-29T20:00", "Europe/London"))
    tour = await walkthrough.tour(0.01, clock)
    assert tour.steps_before_pause >= 3
    assert [action for action, _ in tour.presses] == ["pause", "resume", "skip", "stop"]
    assert "Paused" in tour.presses[0][1]
    thread = "\n".join(tour.thread)
    assert "**Paused.**" in thread and "**Resumed" in thread and "**Stopped" in thread
    assert "[in " in thread or " ago]" in thread  # countdowns read on the tour's own clock


def tiny_interactions(*more: str) -> interactions.Config:
    tiny = ["--rates", "20", "--seconds", "0.5", "--overload-seconds", "0.5", "--users", "10"]
    return interactions.parse([*tiny, "--warmup", "0", *more])


def assert_all_answered_in_time(results: list[interactions.Result]) -> None:
    for result in results:
        assert result.sent > 0
        assert (result.failed, result.late) == (0, 0), result
        assert result.acknowledged == result.sent
        assert result.shed == 0  # far below capacity, nothing is turned away


def test_interactions_answer_every_one_beside_the_trivial_bot(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tiny_interactions(
        "--backends", "sqlite", "--bots", "trivial,cooldown", "--shards", "off,on"
    )
    results = interactions.run(config)
    assert {r.setup.label for r in results} == {"trivial discord.py", "/cooldown sqlite"}
    assert sum(r.overload for r in results) == 2  # each at twice its sustainable rate
    assert_all_answered_in_time(results)
    interactions.print_table(results, config)
    printed = capsys.readouterr().out
    assert "machine: " in printed and "sustainable rate" in printed
    # Split shards on SQLite are refused by the bot, and the table says so.
    assert "not run: /cooldown sqlite SHARD_IDS" in printed
    # Every routine answered has its card stored, once (the bot writes them behind).
    cooldown = interactions.Setup("cooldown", "sqlite", False)
    stored, answered_in_full = config.cards[cooldown]
    assert stored == answered_in_full > 10
    assert f"{stored} cards stored for {answered_in_full} routines answered" in printed


def rung(
    setup: interactions.Setup, rate: int, p99_ms: float, round_: int = 0
) -> interactions.Result:
    return interactions.Result(
        setup, rate, False, rate, 100, 100, 0, 0, 0, 0, 1.0, p99_ms, p99_ms, round=round_
    )


def test_the_sustainable_rate_is_the_median_of_rounds_bisected_above_the_ladder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # One pass of the ladder reads 600; each round then probes between 600 and 1,000, and a
    # round whose probes missed the bar by a hair still counts the rung it stands on.
    bot = interactions.Setup("cooldown", "sqlite", False)
    ladder = [rung(bot, 300, 10), rung(bot, 600, 90), rung(bot, 1000, 140)]
    assert interactions.bracket(ladder) == (600, 1000)
    rounds = [
        rung(bot, 800, 80, 1), rung(bot, 900, 120, 1), rung(bot, 850, 95, 1),
        rung(bot, 800, 101, 2), rung(bot, 700, 99, 2), rung(bot, 750, 120, 2),
        rung(bot, 800, 60, 3), rung(bot, 900, 99, 3), rung(bot, 950, 130, 3),
    ]  # fmt: skip
    results = ladder + rounds
    assert interactions.knees(results, bot) == [850, 700, 900]
    assert interactions.sustainable(results, bot) == 850
    # Without rounds (--steps 0), the ladder's highest rung sustained.
    assert interactions.sustainable(ladder, bot) == 600
    # The top rung sustained: nothing above it to bisect.
    assert interactions.bracket(ladder[:2]) == (600, 600)
    # Beside the trivial bot's (900 in every round): the ratio of the medians.
    floor = interactions.Setup("trivial", "", False)
    results += [rung(floor, 600, 5), rung(floor, 1000, 150)]
    results += [rung(floor, 900, 50, n) for n in (1, 2, 3)]
    # By CPU: the quota over the CPU per interaction at the highest rung both sustained.
    ladder[1].bot_cpu_ms, ladder[0].bot_cpu_ms, results[-5].bot_cpu_ms = 0.5, 0.9, 0.4
    args = ["--bots", "trivial,cooldown", "--backends", "sqlite", "--bot-cpu", "0.5"]
    interactions.print_table(results, interactions.parse(args))
    printed = capsys.readouterr().out
    assert "| /cooldown sqlite | 850 | 850, 700, 900 | 0.94 | 1000 | 0.80 |" in printed
    assert "| 800 (round 1) |" in printed


@pytest.mark.postgres
def test_interactions_on_postgresql_answer_every_one(postgres: None) -> None:
    config = tiny_interactions("--backends", "postgresql", "--bots", "cooldown", "--shards", "on")
    assert_all_answered_in_time(interactions.run(config))
    assert asyncio.run(postgres_databases(f"cooldown_bench_interactions_{os.getpid()}_")) == []


# -- bench.shared_budget -----------------------------------------------------------------------


def test_two_shard_bots_share_one_budget_under_the_global_limit(
    postgres: None, redis_url: str
) -> None:
    config = shared_budget.Config(clubs=120, redis_url=redis_url)
    result = asyncio.run(shared_budget.fan_out(config))
    assert (result.lost, result.duplicated) == (0, 0)
    assert result.too_many == 0 and result.busiest_second <= 50, result
    assert result.alone == 0  # every call was counted in Redis
