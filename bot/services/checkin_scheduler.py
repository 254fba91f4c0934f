"""Weekly check-in posts on APScheduler 3's AsyncIOScheduler.

The database is the source of truth: at start the caller reads every club's schedule and
passes them to `CheckInScheduler.rebuild`; after that, `/checkin set` and `/checkin off` call
`schedule` and `unschedule`. Jobs live in memory only, one per guild, id ``checkin:<guild>``.

Each job is a one-shot `DateTrigger` at the instant `when.next_occurrence` computes; when it
fires, the job schedules the following week's before posting. CronTrigger is not used: on
APScheduler 3.11.3, ``CronTrigger(day_of_week="sun", hour=1, minute=30,
timezone="Europe/London")`` fires TWICE on the autumn change day (00:30 and 01:30 UTC on
2025-10-26) and, on the spring change day, fires at 01:30 UTC (02:30 BST) rather than at the
end of the gap. Keeping the rule in `when` means one pure, tested place for daylight saving.

Once per occurrence:
- in this process, a set of (guild, ISO week) already fired: a job run twice for the same
  occurrence (a duplicate wake-up, a rebuild catching up a post already sent) posts once;
- across processes (a restart overlapping the old process, a shard moving), `post` itself
  claims a unique (guild, week) row before sending, so a second claimant sends nothing.

Late posts: a run missed while the bot was down is found at `rebuild` by `missed_occurrence`
and, if it is less than `grace` old, posted once as soon as the scheduler runs (only the
latest one: late posts are coalesced). Older ones are skipped and logged. A run missed while
the process was alive but stalled longer than `grace` is skipped by APScheduler
(misfire_grace_time); the listener logs it and schedules the following week.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.rules.checkins.when import (
    WEEKDAYS,
    is_valid_timezone,
    missed_occurrence,
    next_occurrence,
    now_utc,
    occurrence_week,
    validate_time,
)

log = logging.getLogger(__name__)

JOB_PREFIX = "checkin:"
LATE_PREFIX = "checkin-late:"
DEFAULT_GRACE = timedelta(hours=6)
# (guild, week) pairs older than this are dropped from the in-memory "already fired" set.
_FIRED_KEEP = timedelta(weeks=3)
# How far back `rebuild` looks for the occurrence the bot may have missed while down.
_LOOK_BACK = timedelta(days=7)

PostFn = Callable[[int, date, datetime], Awaitable[None]]


class ScheduleLike(Protocol):
    """A club's stored check-in schedule (the storage row, or anything shaped like it)."""

    @property
    def guild_id(self) -> int: ...
    @property
    def weekday(self) -> int: ...  # 0 = Monday ... 6 = Sunday
    @property
    def local_time(self) -> str: ...  # "HH:MM", 24-hour
    @property
    def timezone(self) -> str: ...  # IANA name, e.g. "Europe/London"
    @property
    def enabled(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class _Spec:
    weekday: int
    local_time: time
    tz: ZoneInfo


def job_id(guild_id: int) -> str:
    return f"{JOB_PREFIX}{guild_id}"


def late_job_id(guild_id: int) -> str:
    return f"{LATE_PREFIX}{guild_id}"


class CheckInScheduler:
    """Schedules each owned guild's weekly check-in and calls `post` once per occurrence.

    `post(guild_id, week_monday, scheduled_for)` claims the (guild, week) row and sends; it is
    awaited on the event loop. `clock` says what time it is for the clubs: the real clock in
    production; tests and benchmarks put the bot on another day (a Sunday evening, a daylight
    saving change). APScheduler runs jobs by the real clock, so a clock that runs at the real
    rate from another instant gets its jobs at the moments it reads their occurrence; a clock
    that stands still only makes sense with APScheduler not started.
    """

    def __init__(
        self,
        post: PostFn,
        *,
        clock: Callable[[], datetime] = now_utc,
        grace: timedelta = DEFAULT_GRACE,
        owns: Callable[[int], bool] = lambda guild_id: True,
    ) -> None:
        if grace <= timedelta(0):
            raise ValueError("grace must be positive")
        self._post = post
        self._clock = clock
        self._grace = grace
        self._owns = owns
        self._specs: dict[int, _Spec] = {}
        self._fired: set[tuple[int, date]] = set()
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_listener(self._on_missed, EVENT_JOB_MISSED)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start running jobs on the running event loop (call from `setup_hook`)."""
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop running jobs; a post in progress is cancelled. Safe to call when not running."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    @property
    def apscheduler(self) -> AsyncIOScheduler:
        """The wrapped scheduler (for inspection; add no jobs with the ``checkin`` prefixes)."""
        return self._scheduler

    # -- schedules -------------------------------------------------------------------------

    def schedule(self, guild_id: int, weekday: int, local_time: time | str, tz_name: str) -> bool:
        """Add or replace the guild's job. Returns False (and schedules nothing) for a guild on
        another process's shards. Raises ValueError for a bad weekday, time or zone."""
        spec = _spec(weekday, local_time, tz_name)
        if not self._owns(guild_id):
            self.unschedule(guild_id)
            log.debug("check-in for guild %s not scheduled: not on this process's shards", guild_id)
            return False
        self._specs[guild_id] = spec
        self._add_next(guild_id, spec, self._clock())
        return True

    def unschedule(self, guild_id: int) -> None:
        """Remove the guild's job and any pending late post (no error if there is none)."""
        self._specs.pop(guild_id, None)
        for ident in (job_id(guild_id), late_job_id(guild_id)):
            self._remove(ident)

    def rebuild(
        self, schedules: Iterable[ScheduleLike], last_posted: Mapping[int, date] | None = None
    ) -> int:
        """Replace this process's check-in jobs by one per enabled, owned schedule. Returns the
        number scheduled. A schedule that cannot be read (bad time or zone) is logged, skipped.

        For each, the most recent past occurrence (at most a week old) is caught up: posted
        once as soon as the scheduler runs if it is less than `grace` old, otherwise skipped.
        `last_posted` maps guild -> the Monday of the week of its last claimed post; with it,
        occurrences already posted are left alone and skipped ones are logged as warnings.
        Without it, a recent occurrence is posted late anyway (the claim in `post` turns a
        repeat into a no-op) and older ones are only logged at debug level, since they were
        most likely posted before the restart.
        """
        for job in self._scheduler.get_jobs():
            if job.id.startswith((JOB_PREFIX, LATE_PREFIX)):
                self._remove(job.id)
        self._specs.clear()
        now = self._clock()
        outcomes = {"scheduled": 0, "late": 0, "skipped": 0}
        for row in schedules:
            if not row.enabled or not self._owns(row.guild_id):
                continue
            try:
                spec = _spec(row.weekday, row.local_time, row.timezone)
            except ValueError as error:
                log.warning("check-in for guild %s not scheduled: %s", row.guild_id, error)
                continue
            self._specs[row.guild_id] = spec
            self._add_next(row.guild_id, spec, now)
            outcomes["scheduled"] += 1
            posted = None if last_posted is None else last_posted.get(row.guild_id)
            outcome = self._catch_up(row.guild_id, spec, now, posted, last_posted is not None)
            if outcome is not None:
                outcomes[outcome] += 1
        log.info(
            "check-ins rebuilt: %(scheduled)d scheduled, %(late)d late posts queued, "
            "%(skipped)d missed beyond the grace period",
            outcomes,
        )
        return outcomes["scheduled"]

    def jobs(self) -> list[tuple[int, datetime]]:
        """(guild, next run in UTC) for every weekly job, by guild."""
        found: list[tuple[int, datetime]] = []
        for job in self._scheduler.get_jobs():
            if not job.id.startswith(JOB_PREFIX):
                continue
            # The occurrence on the bot's clock, which the trigger's time is on the real one.
            when: datetime = job.args[1]
            found.append((int(job.id.removeprefix(JOB_PREFIX)), when.astimezone(UTC)))
        return sorted(found)

    def next_run(self, guild_id: int) -> datetime | None:
        """The guild's next scheduled post, for `/checkin show`."""
        return dict(self.jobs()).get(guild_id)

    # -- firing ----------------------------------------------------------------------------

    async def fire(self, guild_id: int, occurrence: datetime, reschedule: bool = True) -> bool:
        """The job function. With `reschedule` (the weekly job), first schedule the following
        week, so that a failing or slow post never breaks the chain; then post the occurrence
        unless it is `grace` late or more, or this process already posted that (guild, ISO
        week). Returns True when `post` was called. A failing post is logged, not retried.
        """
        spec = self._specs.get(guild_id)
        if spec is None:
            log.info("check-in for guild %s at %s dropped: no schedule", guild_id, occurrence)
            return False
        if reschedule:
            self._add_next(guild_id, spec, max(occurrence, self._clock()))
        late = self._clock() - occurrence
        if late >= self._grace:
            log.warning(
                "check-in for guild %s due %s skipped: %s late, beyond the %s grace period",
                guild_id,
                occurrence.isoformat(),
                late,
                self._grace,
            )
            return False
        week = occurrence_week(occurrence, spec.tz)
        key = (guild_id, week)
        if key in self._fired:
            log.debug("check-in for guild %s, week of %s already posted", guild_id, week)
            return False
        self._fired.add(key)
        self._forget_old(week)
        try:
            await self._post(guild_id, week, occurrence)
        except Exception:
            log.exception("check-in post for guild %s, week of %s failed", guild_id, week)
        return True

    # -- internals -------------------------------------------------------------------------

    def _add_next(self, guild_id: int, spec: _Spec, after: datetime) -> None:
        occurrence = next_occurrence(spec.weekday, spec.local_time, spec.tz, after)
        self._put(
            job_id(guild_id),
            trigger=DateTrigger(run_date=self._on_real_clock(occurrence), timezone=UTC),
            args=[guild_id, occurrence],
            name=f"check-in {guild_id} {WEEKDAYS[spec.weekday]} {spec.local_time:%H:%M} "
            f"{spec.tz.key}",
            misfire_grace_time=int(self._grace.total_seconds()),
        )

    def _ahead(self) -> timedelta:
        """How far the bot's clock is ahead of the real one, by which APScheduler runs."""
        if self._clock is now_utc:
            return timedelta(0)
        return self._clock() - now_utc()

    def _on_real_clock(self, moment: datetime) -> datetime:
        return moment - self._ahead()

    def _put(self, ident: str, **options: Any) -> None:
        # Remove first: before start(), APScheduler keeps added jobs in a pending list where
        # replace_existing does not replace (a second add would leave two jobs with one id).
        self._remove(ident)
        self._scheduler.add_job(
            self.fire, id=ident, coalesce=True, max_instances=1, replace_existing=True, **options
        )

    def _catch_up(
        self, guild_id: int, spec: _Spec, now: datetime, posted: date | None, known: bool
    ) -> Literal["late", "skipped"] | None:
        recent = missed_occurrence(spec.weekday, spec.local_time, spec.tz, now, _LOOK_BACK)
        if recent is None:
            return None
        week = occurrence_week(recent, spec.tz)
        if posted is not None and posted >= week:
            return None
        late = now - recent
        if late >= self._grace:
            if known:
                log.warning(
                    "check-in for guild %s due %s skipped: not posted, and %s late is beyond "
                    "the %s grace period",
                    guild_id,
                    recent.isoformat(),
                    late,
                    self._grace,
                )
                return "skipped"
            log.debug(
                "check-in for guild %s due %s not posted late: %s is beyond the grace period",
                guild_id,
                recent.isoformat(),
                late,
            )
            return None
        log.info("check-in for guild %s due %s is %s late: posting now", guild_id, recent, late)
        # No trigger: APScheduler runs it as soon as it is started (at once if it is running),
        # within what is left of the grace period.
        self._put(
            late_job_id(guild_id),
            args=[guild_id, recent],
            kwargs={"reschedule": False},
            name=f"late check-in {guild_id}",
            misfire_grace_time=max(1, int((self._grace - late).total_seconds())),
        )
        return "late"

    def _on_missed(self, event: JobExecutionEvent) -> None:
        ident: str = event.job_id
        if not ident.startswith(JOB_PREFIX):
            return
        guild_id = int(ident.removeprefix(JOB_PREFIX))
        missed: datetime = event.scheduled_run_time + self._ahead()
        log.warning(
            "check-in for guild %s due %s skipped: the process stalled beyond the grace period",
            guild_id,
            missed,
        )
        spec = self._specs.get(guild_id)
        if spec is not None:
            self._add_next(guild_id, spec, max(missed, self._clock()))

    def _remove(self, ident: str) -> None:
        with contextlib.suppress(JobLookupError):
            self._scheduler.remove_job(ident)

    def _forget_old(self, week: date) -> None:
        oldest = week - _FIRED_KEEP
        self._fired = {key for key in self._fired if key[1] >= oldest}


def _spec(weekday: int, local_time: time | str, tz_name: str) -> _Spec:
    if not isinstance(weekday, int) or not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday!r}")
    parsed = validate_time(local_time) if isinstance(local_time, str) else local_time
    if not is_valid_timezone(tz_name):
        raise ValueError(f"'{tz_name}' is not a time zone name I know, like Europe/London.")
    return _Spec(weekday, parsed, ZoneInfo(tz_name))


__all__ = [
    "DEFAULT_GRACE",
    "CheckInScheduler",
    "ScheduleLike",
    "job_id",
    "late_job_id",
]
