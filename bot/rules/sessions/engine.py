"""The timed-holds session: commands in, events out, the time always passed in.

Nothing here sleeps, reads the clock or talks to Discord, so a whole session (a restart in the
middle included) can be driven step by step from a test. The runner owns the clock and the timer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Self

from bot.rules.routine import Routine, Step
from bot.rules.sessions.schedule import (
    Schedule,
    ScheduledStep,
    build_schedule,
    routine_from_dict,
    routine_to_dict,
    schedule_from_list,
    schedule_to_list,
    shift_from,
)

SNAPSHOT_VERSION = 1
BAR_WIDTH = 10


class SessionState(StrEnum):
    """Where a session (and the routine card it comes from) stands; stored as it is."""

    READY = "ready"  # created, Start not pressed yet
    STARTING = "starting"  # Start pressed; the thread is being opened
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class SessionError(Exception):
    """A command a session cannot take; the message is fit to show the user."""


class SessionNotFound(SessionError, LookupError):
    pass


class SessionOver(SessionError):
    """The session has finished or was stopped."""


class InvalidCommand(SessionError):
    """Not in this state: pausing a paused session, starting one twice, ..."""


@dataclass(frozen=True, slots=True)
class Progress:
    step_number: int  # 1-based, counting timed steps only (the closing reminder has none)
    step_count: int
    seconds_left: int  # in the whole session
    bar: str


@dataclass(frozen=True, slots=True)
class Summary:
    steps_done: int
    step_count: int
    seconds: int  # spent stretching, pauses left out
    skipped: int
    stopped_early: bool


@dataclass(frozen=True, slots=True)
class StepStarted:
    session_id: str
    index: int
    step: ScheduledStep
    progress: Progress
    # Several steps came due at once (a restart, a stalled loop): only the latest is announced.
    caught_up: bool = False
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class Paused:
    session_id: str
    index: int
    progress: Progress
    step_seconds_left: float
    hold_seconds_left: float | None  # None between holds (getting into position, switching)


@dataclass(frozen=True, slots=True)
class Resumed:
    session_id: str
    index: int
    step: ScheduledStep  # shifted: its times are the ones to show now
    progress: Progress
    paused_seconds: float


@dataclass(frozen=True, slots=True)
class Skipped:
    session_id: str
    index: int
    seconds_saved: float


@dataclass(frozen=True, slots=True)
class Finished:
    session_id: str
    summary: Summary
    reminders: tuple[Step, ...]
    while_offline: bool = False


@dataclass(frozen=True, slots=True)
class Stopped:
    session_id: str
    summary: Summary


Event = StepStarted | Paused | Resumed | Skipped | Finished | Stopped


def progress_bar(fraction: float, width: int = BAR_WIDTH) -> str:
    # Floor, not round: a full bar must mean done, not "more than 95 %".
    filled = min(width, max(0, math.floor(fraction * width + 1e-9)))
    return "▓" * filled + "░" * (width - filled)


@dataclass(slots=True)
class Session:
    """One run of a routine. Mutable; `to_snapshot` is what survives a restart."""

    id: str
    owner_id: int
    routine: Routine
    guild_id: int | None = None
    channel_id: int | None = None
    thread_id: int | None = None
    members: tuple[int, ...] = ()  # a group session's runners; the owner leads it
    time_scale: float = 1.0  # wall seconds per routine second
    state: SessionState = SessionState.READY
    schedule: Schedule = ()
    current: int = -1  # index into routine.steps of the step last announced
    started_at: float | None = None
    paused_at: float | None = None
    paused_seconds: float = 0.0
    ended_at: float | None = None
    skipped: tuple[int, ...] = ()

    # -- queries ---------------------------------------------------------------------------

    @property
    def is_over(self) -> bool:
        return self.state in (SessionState.FINISHED, SessionState.STOPPED)

    @property
    def participants(self) -> tuple[int, ...]:
        return (self.owner_id, *(m for m in self.members if m != self.owner_id))

    @property
    def ends_at(self) -> float:
        return self.schedule[-1].ends_at if self.schedule else self.started_at or 0.0

    def next_due(self) -> float | None:
        """When `advance` next has something to say; None when nothing will happen by itself."""
        if self.state is not SessionState.RUNNING:
            return None
        upcoming = self._next_timed(self.current)
        return self.ends_at if upcoming is None else min(upcoming.starts_at, self.ends_at)

    def progress(self, now: float) -> Progress | None:
        if self.current < 0 or self.started_at is None:
            return None
        return self._progress(self.current, self._frame(now))

    # -- commands --------------------------------------------------------------------------

    def start(self, now: float) -> list[Event]:
        if self.state is not SessionState.READY:
            raise InvalidCommand("This session has already started.")
        self.started_at = now
        self.schedule = build_schedule(self.routine, now, self.time_scale)
        self.state = SessionState.RUNNING
        return self.advance(now)

    def advance(self, now: float) -> list[Event]:
        """Everything that came due by `now`: at most one step start, or the end."""
        if self.state is not SessionState.RUNNING:
            return []
        if now >= self.ends_at:
            return [self._finish()]
        target = self._latest_started(now)
        if target is None or target.index <= self.current:
            return []
        skipped = self._number(target.index) - self._number(self.current) - 1
        self.current = target.index
        return [self._started(target, now, skipped)]

    def pause(self, now: float) -> list[Event]:
        self._require(SessionState.RUNNING, "The session is already paused.")
        events = self.advance(now)
        if self.is_over:
            return events
        self.state, self.paused_at = SessionState.PAUSED, now
        return [*events, self._paused(now)]

    def resume(self, now: float) -> list[Event]:
        self._require(SessionState.PAUSED, "The session is not paused.")
        assert self.paused_at is not None
        # The clock stood still for the session: the current step keeps its place within it.
        delta = max(0.0, now - self.paused_at)
        self.schedule = shift_from(self.schedule, self.current, delta)
        self.paused_seconds += delta
        self.state, self.paused_at = SessionState.RUNNING, None
        step = self.schedule[self.current]
        return [Resumed(self.id, self.current, step, self._progress(self.current, now), delta)]

    def skip(self, now: float) -> list[Event]:
        self._require_live()
        events = self.advance(now)
        if self.is_over:
            return events
        return [*events, *self._skip_current(now)]

    def stop(self, now: float) -> list[Event]:
        self._require_live()
        events = self.advance(now)
        if self.is_over:
            return events
        at = self._frame(now)
        self.state, self.ended_at = SessionState.STOPPED, at
        return [*events, Stopped(self.id, self._summary(at, stopped_early=True))]

    @classmethod
    def restore(cls, snapshot: Mapping[str, Any], now: float) -> tuple[Self, list[Event]]:
        """The session as saved before a restart, brought up to `now`.

        A running one that would have ended meanwhile finishes (`while_offline`); otherwise it
        goes on at the step the clock says. A paused one stays paused: its pause simply lasted.
        """
        session = cls.from_snapshot(snapshot)
        if session.state is not SessionState.RUNNING:
            return session, []
        if now >= session.ends_at:
            return session, [session._finish(while_offline=True)]
        return session, session.advance(now)

    # -- snapshots -------------------------------------------------------------------------

    def to_snapshot(self) -> dict[str, Any]:
        return {
            "version": SNAPSHOT_VERSION,
            "id": self.id,
            "owner_id": self.owner_id,
            "guild_id": self.guild_id,
            "channel_id": self.channel_id,
            "thread_id": self.thread_id,
            "members": list(self.members),
            "time_scale": self.time_scale,
            "state": self.state.value,
            "current": self.current,
            "started_at": self.started_at,
            "paused_at": self.paused_at,
            "paused_seconds": self.paused_seconds,
            "ended_at": self.ended_at,
            "skipped": list(self.skipped),
            "routine": routine_to_dict(self.routine),
            "schedule": schedule_to_list(self.schedule),
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> Self:
        if data.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"unknown session snapshot version {data.get('version')!r}")
        routine = routine_from_dict(data["routine"])
        schedule = schedule_from_list(data["schedule"], routine)
        if schedule and len(schedule) != len(routine.steps):
            raise ValueError("session snapshot: schedule and routine disagree")
        return cls(
            id=str(data["id"]),
            owner_id=int(data["owner_id"]),
            routine=routine,
            guild_id=_optional_int(data["guild_id"]),
            channel_id=_optional_int(data["channel_id"]),
            thread_id=_optional_int(data["thread_id"]),
            members=tuple(int(m) for m in data["members"]),
            time_scale=float(data["time_scale"]),
            state=SessionState(data["state"]),
            schedule=schedule,
            current=int(data["current"]),
            started_at=_optional_float(data["started_at"]),
            paused_at=_optional_float(data["paused_at"]),
            paused_seconds=float(data["paused_seconds"]),
            ended_at=_optional_float(data["ended_at"]),
            skipped=tuple(int(i) for i in data["skipped"]),
        )

    # -- internals -------------------------------------------------------------------------

    def _require_live(self) -> None:
        if self.is_over:
            raise SessionOver("This session is over.")
        if self.state is SessionState.READY:
            raise InvalidCommand("This session has not started yet.")

    def _require(self, state: SessionState, message: str) -> None:
        self._require_live()
        if self.state is not state:
            raise InvalidCommand(message)

    def _frame(self, now: float) -> float:
        """The session's own time: it stands still while paused."""
        if self.state is SessionState.PAUSED and self.paused_at is not None:
            return self.paused_at
        return now

    def _timed(self) -> list[ScheduledStep]:
        return [s for s in self.schedule if s.timed]

    def _number(self, index: int) -> int:
        return sum(1 for s in self.schedule if s.timed and s.index <= index)

    def _next_timed(self, index: int) -> ScheduledStep | None:
        return next((s for s in self.schedule if s.timed and s.index > index), None)

    def _latest_started(self, now: float) -> ScheduledStep | None:
        started = [s for s in self._timed() if s.starts_at <= now]
        return started[-1] if started else None

    def _skip_current(self, now: float) -> list[Event]:
        current = self.schedule[self.current]
        at = max(self._frame(now), current.starts_at)
        delta = at - current.ends_at
        cut = current.cut(at)
        shifted = shift_from(self.schedule, self.current + 1, delta)
        self.schedule = (*shifted[: self.current], cut, *shifted[self.current + 1 :])
        self.skipped = (*self.skipped, self.current)
        events: list[Event] = [Skipped(self.id, self.current, -delta)]
        upcoming = self._next_timed(self.current)
        if upcoming is None:
            return [*events, self._finish()]
        self.current = upcoming.index
        return [*events, self._started(upcoming, at, 0)]

    def _started(self, step: ScheduledStep, now: float, skipped: int) -> StepStarted:
        progress = self._progress(step.index, self._frame(now))
        return StepStarted(self.id, step.index, step, progress, skipped > 0, skipped)

    def _paused(self, now: float) -> Paused:
        step = self.schedule[self.current]
        hold = step.hold_at(now)
        hold_left = None if hold is None else hold.ends_at - now
        progress = self._progress(self.current, now)
        return Paused(self.id, self.current, progress, step.ends_at - now, hold_left)

    def _progress(self, index: int, at: float) -> Progress:
        assert self.started_at is not None
        # Measured in session time: pauses are neither progress nor time left.
        elapsed = at - self.started_at - self.paused_seconds
        total = self.ends_at - self.started_at - self.paused_seconds
        fraction = elapsed / total if total > 0 else 1.0
        left = max(0, math.ceil(self.ends_at - at - 1e-6))
        return Progress(self._number(index), len(self._timed()), left, progress_bar(fraction))

    def _finish(self, while_offline: bool = False) -> Finished:
        self.state, self.ended_at = SessionState.FINISHED, self.ends_at
        summary = self._summary(self.ends_at, stopped_early=False)
        reminders = tuple(s.step for s in self.schedule if not s.timed)
        return Finished(self.id, summary, reminders, while_offline)

    def _summary(self, at: float, stopped_early: bool) -> Summary:
        timed = self._timed()
        done = sum(1 for s in timed if s.ends_at <= at and s.index not in self.skipped)
        spent = at - (self.started_at or at) - self.paused_seconds
        return Summary(done, len(timed), max(0, round(spent)), len(self.skipped), stopped_early)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)
