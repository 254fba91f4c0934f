"""CheckInScheduler on the real AsyncIOScheduler: jobs rebuilt from stored schedules, shard
ownership, replacing and removing, once per occurrence, late posts within the grace period,
and the chain to the following week.

Most tests use a controlled clock in 2025 and do not start APScheduler (its jobs would be in
the real past); they inspect the jobs it holds and run a job's function as APScheduler would.
The tests that start it use the real clock, with occurrences a fraction of a second away or
minutes in the past.
"""

from __future__ import annotations

import asyncio
import logging
import time as time_module
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from bot.rules.checkins.when import now_utc
from bot.rules.shards import shard_owner
from bot.services.checkin_scheduler import CheckInScheduler, job_id, late_job_id

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
GRACE = timedelta(hours=6)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def on_shard(shard: int, n: int = 1) -> int:
    """A guild id that lands on `shard` (the shard is (id >> 22) % shard_count)."""
    return ((n * 4 + shard) << 22) | 12345


@dataclass
class Row:
    guild_id: int
    weekday: int
    local_time: str
    timezone: str
    enabled: bool = True


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Posts:
    """Records `post` calls; optionally fails."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, date, datetime]] = []
        self.fail = False

    async def __call__(self, guild_id: int, week: date, scheduled_for: datetime) -> None:
        self.calls.append((guild_id, week, scheduled_for))
        if self.fail:
            raise RuntimeError("discord is down")


Factory = Callable[..., CheckInScheduler]


@pytest.fixture
def posts() -> Posts:
    return Posts()


@pytest.fixture
async def make(posts: Posts) -> AsyncIterator[Factory]:
    made: list[CheckInScheduler] = []

    def factory(**options: Any) -> CheckInScheduler:
        scheduler = CheckInScheduler(posts, **options)
        made.append(scheduler)
        return scheduler

    yield factory
    for scheduler in made:
        scheduler.shutdown()
    await asyncio.sleep(0)  # AsyncIOScheduler shuts down in a loop callback


async def until(condition: Callable[[], bool]) -> None:
    """Wait (at most 1.5 s) for the event loop to make `condition` true."""
    async with asyncio.timeout(1.5):
        while not condition():  # noqa: ASYNC110 - polls APScheduler's state, not an event
            await asyncio.sleep(0.01)


# Tuesday 2025-01-07 12:00 UTC.
NOW = utc(2025, 1, 7, 12, 0)
ROWS = [
    Row(1001 << 22, WED, "18:30", "Europe/London"),
    Row(1002 << 22, SUN, "19:00", "Australia/Sydney"),
    Row(1003 << 22, MON, "07:00", "America/New_York"),
    Row(1004 << 22, FRI, "06:15", "Asia/Kolkata", enabled=False),
    Row(1005 << 22, FRI, "25:00", "Asia/Kolkata"),  # unreadable: skipped
    Row(1006 << 22, FRI, "06:15", "Mars/Olympus"),  # unreadable: skipped
]
EXPECTED = [
    (1001 << 22, utc(2025, 1, 8, 18, 30)),
    (1002 << 22, utc(2025, 1, 12, 8, 0)),
    (1003 << 22, utc(2025, 1, 13, 12, 0)),
]


async def run_job(checkins: CheckInScheduler, ident: str) -> None:
    """Run a held job's function with its arguments, as APScheduler does when it is due."""
    job = checkins.apscheduler.get_job(ident)
    assert job is not None, ident
    await job.func(*job.args, **job.kwargs)


async def test_rebuild_adds_one_job_per_enabled_schedule(make: Factory) -> None:
    checkins = make(clock=Clock(NOW))
    assert checkins.rebuild(ROWS) == 3
    assert checkins.jobs() == EXPECTED
    ids = {job.id for job in checkins.apscheduler.get_jobs()}
    assert ids == {f"checkin:{guild}" for guild, _ in EXPECTED}
    job = checkins.apscheduler.get_job(job_id(1001 << 22))
    assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (6 * 3600, True, 1)
    assert checkins.next_run(1001 << 22) == utc(2025, 1, 8, 18, 30)
    assert checkins.next_run(1004 << 22) is None


async def test_rebuild_on_a_running_scheduler(make: Factory, posts: Posts) -> None:
    now = now_utc()
    # Due two to four days from now, on the real clock: each last occurrence is days old,
    # beyond the grace period, so nothing is caught up whatever the day the tests run (the
    # fixed 2025 rows would be, on a Monday afternoon in UTC).
    rows = [
        Row(guild << 22, (now + timedelta(days=days)).weekday(), f"{now:%H:%M}", "UTC")
        for guild, days in ((1001, 2), (1002, 3), (1003, 4))
    ]
    checkins = make()
    checkins.start()
    assert checkins.rebuild(rows) == 3
    assert {job.id for job in checkins.apscheduler.get_jobs()} == {
        f"checkin:{row.guild_id}" for row in rows
    }
    for _, when in checkins.jobs():
        assert now + timedelta(days=1) < when <= now + timedelta(days=5)
    assert all(job.next_run_time is not None for job in checkins.apscheduler.get_jobs())
    await asyncio.sleep(0.05)
    assert posts.calls == []


async def test_rebuild_replaces_the_previous_jobs(make: Factory) -> None:
    checkins = make(clock=Clock(NOW))
    checkins.rebuild(ROWS)
    checkins.rebuild(ROWS)
    changed = [Row(1001 << 22, THU, "07:00", "Europe/London"), Row(7 << 22, SAT, "09:00", "UTC")]
    assert checkins.rebuild(changed) == 2
    assert checkins.jobs() == [(7 << 22, utc(2025, 1, 11, 9, 0)), (1001 << 22, utc(2025, 1, 9, 7))]


async def test_owns_filter_keeps_only_this_processs_shards(make: Factory) -> None:
    owns = shard_owner([0, 2], shard_count=4)
    checkins = make(clock=Clock(NOW), owns=owns)
    rows = [Row(on_shard(shard), WED, "18:30", "Europe/London") for shard in range(4)]
    assert checkins.rebuild(rows) == 2
    assert [guild for guild, _ in checkins.jobs()] == sorted([on_shard(0), on_shard(2)])
    assert checkins.schedule(on_shard(3, n=9), MON, "09:00", "UTC") is False
    assert checkins.schedule(on_shard(2, n=9), MON, "09:00", "UTC") is True
    assert {guild for guild, _ in checkins.jobs()} == {on_shard(0), on_shard(2), on_shard(2, n=9)}


def test_shard_owner_matches_discord_sharding() -> None:
    owns = shard_owner([1], shard_count=3)
    assert owns(1 << 22) and owns((4 << 22) | 99) and owns(81384176119005185)
    assert not owns(0) and not owns(2 << 22) and not owns((3 << 22) | (1 << 21))
    with pytest.raises(ValueError):
        shard_owner([0], shard_count=0)


async def test_schedule_replaces_and_unschedule_removes(make: Factory) -> None:
    checkins = make(clock=Clock(NOW))
    checkins.schedule(42, WED, "18:30", "Europe/London")
    checkins.schedule(42, THU, time(6, 0), "Asia/Kolkata")
    assert checkins.jobs() == [(42, utc(2025, 1, 9, 0, 30))]
    checkins.unschedule(42)
    assert checkins.jobs() == []
    assert checkins.apscheduler.get_jobs() == []
    checkins.unschedule(42)  # nothing there: no error
    with pytest.raises(ValueError, match="like 18:30"):
        checkins.schedule(42, WED, "6pm", "Europe/London")
    with pytest.raises(ValueError, match="time zone"):
        checkins.schedule(42, WED, "18:00", "Europe/Londn")
    with pytest.raises(ValueError, match="weekday"):
        checkins.schedule(42, 7, "18:00", "Europe/London")


async def test_a_job_run_twice_posts_once_and_schedules_next_week(
    make: Factory, posts: Posts
) -> None:
    clock = Clock(NOW)
    checkins = make(clock=clock)
    checkins.schedule(5, WED, "18:30", "Europe/London")
    ((_, due),) = checkins.jobs()
    clock.now = due + timedelta(milliseconds=3)
    job = checkins.apscheduler.get_job(job_id(5))
    assert await job.func(*job.args, **job.kwargs) is True
    assert await job.func(*job.args, **job.kwargs) is False  # a duplicate wake-up
    assert posts.calls == [(5, date(2025, 1, 6), due)]
    assert checkins.jobs() == [(5, due + timedelta(days=7))]
    # The following week posts again.
    clock.now = due + timedelta(days=7)
    assert await checkins.fire(5, due + timedelta(days=7)) is True
    assert [week for _, week, _ in posts.calls] == [date(2025, 1, 6), date(2025, 1, 13)]
    assert checkins.jobs() == [(5, due + timedelta(days=14))]


async def test_next_job_follows_daylight_saving(make: Factory, posts: Posts) -> None:
    """Sunday 01:30 London: 01:00 UTC on the spring change day, 00:30 UTC (the first 01:30)
    on the autumn one, then 01:30 UTC once the clocks are back."""
    clock = Clock(utc(2025, 3, 24))
    checkins = make(clock=clock)
    checkins.schedule(6, SUN, "01:30", "Europe/London")
    ((_, spring),) = checkins.jobs()
    assert spring == utc(2025, 3, 30, 1, 0)
    clock.now = utc(2025, 10, 20)
    checkins.schedule(6, SUN, "01:30", "Europe/London")
    ((_, autumn),) = checkins.jobs()
    assert autumn == utc(2025, 10, 26, 0, 30)
    clock.now = autumn
    await checkins.fire(6, autumn)
    assert checkins.jobs() == [(6, utc(2025, 11, 2, 1, 30))]
    assert len(posts.calls) == 1


async def test_a_failing_post_is_logged_not_retried_and_the_chain_goes_on(
    make: Factory, posts: Posts, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock(NOW)
    checkins = make(clock=clock)
    checkins.schedule(5, WED, "18:30", "Europe/London")
    ((_, due),) = checkins.jobs()
    clock.now = due
    posts.fail = True
    with caplog.at_level(logging.ERROR, logger="bot.services.checkin_scheduler"):
        assert await checkins.fire(5, due) is True
    assert "failed" in caplog.text
    assert await checkins.fire(5, due) is False
    assert len(posts.calls) == 1
    assert checkins.jobs() == [(5, due + timedelta(days=7))]


async def test_fire_for_an_unscheduled_guild_does_nothing(make: Factory, posts: Posts) -> None:
    checkins = make(clock=Clock(NOW))
    assert await checkins.fire(5, NOW) is False
    assert posts.calls == []


async def test_missed_within_grace_queues_one_late_post_at_rebuild(
    make: Factory, posts: Posts, caplog: pytest.LogCaptureFixture
) -> None:
    due = utc(2025, 1, 8, 18, 30)  # Wednesday 18:30 GMT; the bot comes back 2 h later
    checkins = make(clock=Clock(due + timedelta(hours=2)))
    rows = [Row(5, WED, "18:30", "Europe/London"), Row(6, WED, "09:00", "Europe/London")]
    with caplog.at_level(logging.INFO, logger="bot.services.checkin_scheduler"):
        checkins.rebuild(rows)
    assert "1 late posts queued" in caplog.text
    assert checkins.apscheduler.get_job(late_job_id(6)) is None  # 9.5 h ago: beyond grace
    late = checkins.apscheduler.get_job(late_job_id(5))
    assert late.misfire_grace_time == 4 * 3600  # what is left of the grace period
    await run_job(checkins, late_job_id(5))
    assert posts.calls == [(5, date(2025, 1, 6), due)]
    # The weekly jobs are untouched by the late post.
    assert checkins.jobs() == [(5, due + timedelta(days=7)), (6, utc(2025, 1, 15, 9, 0))]
    # Rebuilding again (a reconnect) queues it again, but this process posts it only once.
    checkins.rebuild(rows)
    await run_job(checkins, late_job_id(5))
    assert len(posts.calls) == 1


async def test_late_post_runs_as_soon_as_the_scheduler_starts(make: Factory, posts: Posts) -> None:
    """Real clock: the check-in was due a few minutes ago, while the bot was down."""
    now = now_utc()
    due = (now - timedelta(minutes=3)).replace(second=0, microsecond=0)
    checkins = make()
    checkins.rebuild([Row(5, due.weekday(), f"{due:%H:%M}", "UTC")])
    assert checkins.jobs() == [(5, due + timedelta(days=7))]
    checkins.start()
    await until(lambda: len(posts.calls) == 1)
    assert posts.calls == [(5, due.date() - timedelta(days=due.weekday()), due)]
    await until(lambda: checkins.apscheduler.get_job(late_job_id(5)) is None)
    assert checkins.jobs() == [(5, due + timedelta(days=7))]


async def test_missed_beyond_grace_is_skipped_and_logged(
    make: Factory, posts: Posts, caplog: pytest.LogCaptureFixture
) -> None:
    due = utc(2025, 1, 8, 18, 30)
    checkins = make(clock=Clock(due + GRACE + timedelta(minutes=1)))
    rows = [Row(5, WED, "18:30", "Europe/London")]
    with caplog.at_level(logging.DEBUG, logger="bot.services.checkin_scheduler"):
        checkins.rebuild(rows, last_posted={5: date(2024, 12, 30)})
    skipped = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(skipped) == 1
    assert "skipped" in skipped[0].getMessage() and str(5) in skipped[0].getMessage()
    assert "1 missed beyond the grace period" in caplog.text
    assert checkins.apscheduler.get_job(late_job_id(5)) is None
    caplog.clear()
    # Without knowing what was posted, an old occurrence is only noted at debug level.
    with caplog.at_level(logging.DEBUG, logger="bot.services.checkin_scheduler"):
        checkins.rebuild(rows)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "not posted late" in caplog.text
    assert checkins.apscheduler.get_job(late_job_id(5)) is None
    assert posts.calls == []
    assert checkins.jobs() == [(5, due + timedelta(days=7))]
    # A weekly job run that late (the process stalled) is skipped by the job itself too.
    with caplog.at_level(logging.WARNING, logger="bot.services.checkin_scheduler"):
        assert await checkins.fire(5, due) is False
    assert "beyond the" in caplog.text
    assert posts.calls == []


async def test_missed_but_already_posted_is_left_alone(make: Factory, posts: Posts) -> None:
    due = utc(2025, 1, 8, 18, 30)
    checkins = make(clock=Clock(due + timedelta(hours=1)))
    checkins.rebuild([Row(5, WED, "18:30", "Europe/London")], last_posted={5: date(2025, 1, 6)})
    assert checkins.apscheduler.get_job(late_job_id(5)) is None


async def test_missed_is_coalesced_to_the_latest(make: Factory, posts: Posts) -> None:
    """With a grace longer than a week, two missed weeks give one late post: the latest."""
    due = utc(2025, 1, 8, 18, 30)
    checkins = make(clock=Clock(due + timedelta(days=7, hours=1)), grace=timedelta(days=10))
    checkins.rebuild([Row(5, WED, "18:30", "Europe/London")])
    await run_job(checkins, late_job_id(5))
    assert posts.calls == [(5, date(2025, 1, 13), due + timedelta(days=7))]


async def test_apscheduler_runs_the_job_and_chains_the_next_week(
    make: Factory, posts: Posts
) -> None:
    """Real clock: the check-in is set a fraction of a second from now, in UTC."""
    checkins = make()
    checkins.start()
    soon = now_utc() + timedelta(milliseconds=300)
    checkins.schedule(5, soon.weekday(), soon.time(), "UTC")
    assert checkins.jobs() == [(5, soon)]
    await until(lambda: len(posts.calls) == 1)
    assert posts.calls == [(5, soon.date() - timedelta(days=soon.weekday()), soon)]
    await until(lambda: checkins.jobs() == [(5, soon + timedelta(days=7))])


@pytest.mark.parametrize("ahead", [timedelta(days=-400), timedelta(days=3, hours=5)])
async def test_a_clock_on_another_day_gets_its_jobs_when_it_reads_them(
    make: Factory, posts: Posts, ahead: timedelta
) -> None:
    """A bot put on another day (a benchmark on a Sunday evening a year ago) is posted to when
    its own clock reaches the occurrence: not at once for a past day, not never for a future."""
    checkins = make(clock=lambda: now_utc() + ahead)
    checkins.start()
    soon = now_utc() + ahead + timedelta(milliseconds=300)
    checkins.schedule(5, soon.weekday(), soon.time(), "UTC")
    assert checkins.jobs() == [(5, soon)]
    await asyncio.sleep(0.1)
    assert posts.calls == []
    await until(lambda: len(posts.calls) == 1)
    assert posts.calls == [(5, soon.date() - timedelta(days=soon.weekday()), soon)]
    await until(lambda: checkins.jobs() == [(5, soon + timedelta(days=7))])


async def test_a_run_missed_while_running_is_logged_and_the_chain_goes_on(
    make: Factory, posts: Posts, caplog: pytest.LogCaptureFixture
) -> None:
    """The process stalled past the grace: APScheduler skips the run, the listener logs it
    and schedules the following week."""
    checkins = make(grace=timedelta(seconds=1))
    checkins.start()
    due = now_utc() + timedelta(milliseconds=200)
    checkins.schedule(5, due.weekday(), due.time(), "UTC")
    assert checkins.jobs() == [(5, due)]
    with caplog.at_level(logging.WARNING, logger="bot.services.checkin_scheduler"):
        time_module.sleep(1.5)  # noqa: ASYNC251 - the stall itself: the event loop is blocked
        await until(lambda: checkins.jobs() == [(5, due + timedelta(days=7))])
    assert "stalled" in caplog.text
    assert posts.calls == []


def test_without_sharding_a_process_owns_every_guild() -> None:
    owns = shard_owner(None, None)
    assert owns(1) and owns(900_000_000_000_000_000)
    two = shard_owner([1], 2)
    assert [two(g << 22) for g in range(4)] == [False, True, False, True]
