"""The timed-holds session engine on a fake clock, and its runner on a real (scaled) one."""

from __future__ import annotations

import asyncio
import itertools
import json
import subprocess
import sys
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules.catalogue import Kind, Position, default_catalogue
from bot.rules.planner import PlanRequest, plan
from bot.rules.routine import Routine, RunType, Side, Step
from bot.rules.sessions import (
    Event,
    Finished,
    InvalidCommand,
    Paused,
    Resumed,
    Session,
    SessionNotFound,
    SessionOver,
    SessionState,
    Skipped,
    StepStarted,
    Stopped,
    build_schedule,
    progress_bar,
    routine_from_dict,
    routine_to_dict,
)
from bot.services.session_runner import SessionRunner

T0 = 1_700_000_000.0
CATALOGUE = default_catalogue()
# 0 walk 0-120, 1 hip circles -145, 2 wall calf -195, 3 plantar fascia -255, 4 twist -305,
# 5 figure four -365, 6 quad -425, 7 standing calf -475, 8 the closing reminder at 475. (A member
# who avoids leg swings and ankle rolls: the walk comes without its short dynamic sequence.)
ROUTINE = plan(
    PlanRequest(("calves", "glutes"), 8, avoid=frozenset({"leg_swings", "ankle_rolls"})), CATALOGUE
)
# Twenty minutes brings the dynamic block, two-sided leg swings among it.
LONG = plan(PlanRequest(("calves", "hamstrings"), 20), CATALOGUE)
TIMED = len(ROUTINE.steps) - 1


def new_session(routine: Routine = ROUTINE, session_id: str = "s1", **extra: Any) -> Session:
    return Session(session_id, 11, routine, guild_id=22, channel_id=33, thread_id=44, **extra)


def started(routine: Routine = ROUTINE) -> Session:
    session = new_session(routine)
    session.start(T0)
    return session


def run_out(session: Session) -> list[Event]:
    """Wake the session exactly when it asks to, until it has nothing more to do."""
    events: list[Event] = []
    while (due := session.next_due()) is not None:
        events += session.advance(due)
    return events


def step_indices(events: list[Event]) -> list[int]:
    return [e.index for e in events if isinstance(e, StepStarted)]


def test_the_example_routine_is_the_one_the_times_below_assume() -> None:
    assert [s.seconds for s in ROUTINE.steps] == [120, 25, 50, 60, 50, 60, 60, 50, 0]
    assert ROUTINE.steps[-1].kind is Kind.REMINDER


# -- the schedule --------------------------------------------------------------------------


@pytest.mark.parametrize("routine", [ROUTINE, LONG], ids=["8min", "20min"])
def test_schedule_is_back_to_back_and_adds_up_to_the_routine(routine: Routine) -> None:
    schedule = build_schedule(routine, T0)
    assert schedule[0].starts_at == T0
    for before, after in itertools.pairwise(schedule):
        assert after.starts_at == before.ends_at
    for item in schedule:
        assert item.ends_at - item.starts_at == item.step.seconds
        assert item.step is routine.steps[item.index]
    assert schedule[-1].ends_at == T0 + routine.total_seconds


@pytest.mark.parametrize("routine", [ROUTINE, LONG], ids=["8min", "20min"])
def test_each_side_holds_left_then_switch_then_right(routine: Routine) -> None:
    two_sided = [s for s in build_schedule(routine, T0) if s.step.side is Side.EACH]
    assert two_sided
    for item in two_sided:
        left, right = item.holds
        assert (left.side, right.side) == (Side.LEFT, Side.RIGHT)
        assert left.starts_at == item.starts_at + item.step.transition_seconds
        assert right.starts_at - left.ends_at == item.step.switch_seconds
        assert right.ends_at == item.ends_at
        for hold, planned in zip(item.holds, item.step.holds(), strict=True):
            assert hold.ends_at - hold.starts_at == planned.seconds


def test_walk_is_one_block_and_the_reminder_a_point_at_the_end() -> None:
    schedule = build_schedule(ROUTINE, T0)
    (walk,) = schedule[0].holds
    assert (walk.side, walk.starts_at, walk.ends_at) == (None, T0, T0 + 120)
    (circles,) = schedule[1].holds
    assert (circles.starts_at, circles.ends_at) == (T0 + 125, T0 + 145)
    reminder = schedule[-1]
    assert not reminder.timed
    assert reminder.starts_at == reminder.ends_at == T0 + 475


def test_time_scale_stretches_the_whole_timeline() -> None:
    schedule = build_schedule(ROUTINE, T0, scale=0.5)
    assert schedule[-1].ends_at == T0 + 475 / 2
    assert schedule[2].holds[1].starts_at == T0 + (145 + 5 + 20 + 5) / 2


# -- a full run ----------------------------------------------------------------------------


def test_full_run_announces_every_step_once_in_order_then_finishes() -> None:
    session = new_session()
    events = session.start(T0) + run_out(session)
    assert [type(e) for e in events] == [StepStarted] * TIMED + [Finished]
    assert step_indices(events) == list(range(TIMED))
    starts = [e for e in events if isinstance(e, StepStarted)]
    assert not any(e.caught_up for e in starts)
    assert [e.progress.step_number for e in starts] == list(range(1, TIMED + 1))
    assert {e.progress.step_count for e in starts} == {TIMED}
    assert starts[0].progress.seconds_left == 475
    assert starts[0].progress.bar == "░" * 10
    assert starts[1].progress.seconds_left == 475 - 120
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.summary.steps_done == finished.summary.step_count == TIMED
    assert finished.summary.seconds == 475
    assert not finished.summary.stopped_early and not finished.while_offline
    assert [r.id for r in finished.reminders] == ["hydrate_and_refuel"]
    assert session.state is SessionState.FINISHED and session.next_due() is None


def test_advance_between_steps_says_nothing_and_wakes_at_the_next_start() -> None:
    session = started()
    assert session.advance(T0 + 60) == []
    assert session.next_due() == T0 + 120
    assert step_indices(session.advance(T0 + 120)) == [1]
    assert session.next_due() == T0 + 145


def test_a_slow_wake_announces_only_the_latest_step() -> None:
    session = started()
    (event,) = session.advance(T0 + 200)  # steps 1 and 2 went by unannounced
    assert isinstance(event, StepStarted)
    assert (event.index, event.caught_up, event.skipped) == (3, True, 2)
    (finished,) = session.advance(T0 + 10_000)  # the end, without the steps before it
    assert isinstance(finished, Finished) and finished.summary.steps_done == TIMED


def test_commands_out_of_turn_are_refused() -> None:
    session = new_session()
    with pytest.raises(InvalidCommand):
        session.pause(T0)
    session.start(T0)
    with pytest.raises(InvalidCommand):
        session.start(T0)
    with pytest.raises(InvalidCommand):
        session.resume(T0 + 1)
    session.pause(T0 + 2)
    with pytest.raises(InvalidCommand):
        session.pause(T0 + 3)


# -- pause and resume ----------------------------------------------------------------------


def test_pause_remembers_what_is_left_and_freezes() -> None:
    session = started()
    session.advance(T0 + 120)
    (paused,) = session.pause(T0 + 130)  # hip circles: in position at 125, done at 145
    assert isinstance(paused, Paused)
    assert (paused.index, paused.step_seconds_left, paused.hold_seconds_left) == (1, 15, 15)
    assert paused.progress.seconds_left == 475 - 130
    assert session.next_due() is None
    assert session.advance(T0 + 10_000) == []
    assert session.state is SessionState.PAUSED


def test_pause_while_getting_into_position_has_no_hold_left() -> None:
    session = started()
    session.advance(T0 + 145)
    (paused,) = session.pause(T0 + 147)  # wall calf: transition 145-150
    assert isinstance(paused, Paused)
    assert paused.hold_seconds_left is None and paused.step_seconds_left == 48


def test_resume_shifts_the_rest_of_the_schedule_by_the_pause() -> None:
    session = started()
    session.advance(T0 + 130)
    before = session.schedule
    session.pause(T0 + 130)
    (resumed,) = session.resume(T0 + 190)
    assert isinstance(resumed, Resumed)
    assert (resumed.index, resumed.paused_seconds) == (1, 60)
    assert resumed.step.ends_at == T0 + 145 + 60
    assert resumed.progress.seconds_left == 475 - 130
    assert session.schedule[0] == before[0]
    for old, new in zip(before[1:], session.schedule[1:], strict=True):
        assert new == old.shifted(60)
        assert [h.starts_at for h in new.holds] == [h.starts_at + 60 for h in old.holds]
    assert session.next_due() == T0 + 145 + 60
    assert session.advance(T0 + 475 + 59) != [] and not session.is_over
    (finished,) = session.advance(T0 + 475 + 60)
    assert isinstance(finished, Finished)
    assert finished.summary.seconds == 475  # the pause is not time spent stretching


def test_a_pause_after_the_end_finishes_instead() -> None:
    session = started()
    events = session.pause(T0 + 500)
    assert [type(e) for e in events] == [Finished]
    assert session.state is SessionState.FINISHED


# -- skip ----------------------------------------------------------------------------------


def test_skip_starts_the_next_step_now_and_pulls_the_rest_earlier() -> None:
    session = started()
    before = session.schedule
    skipped, next_step = session.skip(T0 + 30)
    assert skipped == Skipped("s1", 0, 90)
    assert isinstance(next_step, StepStarted)
    assert next_step.index == 1 and next_step.step.starts_at == T0 + 30
    assert not next_step.caught_up
    assert session.schedule[0].ends_at == T0 + 30
    for old, new in zip(before[1:], session.schedule[1:], strict=True):
        assert new == old.shifted(-90)
    assert session.ends_at == T0 + 475 - 90
    finished = run_out(session)[-1]
    assert isinstance(finished, Finished)
    assert finished.summary.skipped == 1
    assert finished.summary.steps_done == TIMED - 1
    assert finished.summary.seconds == 475 - 90


def test_skipping_the_last_step_finishes() -> None:
    session = started()
    session.advance(T0 + 430)
    skipped, finished = session.skip(T0 + 430)
    assert skipped == Skipped("s1", 7, 45)
    assert isinstance(finished, Finished) and finished.summary.seconds == 430
    assert session.ended_at == T0 + 430


def test_skip_while_paused_moves_on_but_stays_paused() -> None:
    session = started()
    session.pause(T0 + 30)
    _, next_step = session.skip(T0 + 100)
    assert isinstance(next_step, StepStarted)
    assert next_step.step.starts_at == T0 + 30  # the session's clock stood at the pause
    assert session.state is SessionState.PAUSED
    session.resume(T0 + 100)
    assert session.schedule[1].starts_at == T0 + 100
    assert session.ends_at == T0 + 475 - 90 + 70


# -- stop ----------------------------------------------------------------------------------


def test_stop_emits_stopped_and_nothing_after() -> None:
    session = started()
    session.advance(T0 + 195)
    (stopped,) = session.stop(T0 + 200)
    assert isinstance(stopped, Stopped)
    assert stopped.summary.stopped_early
    assert (stopped.summary.steps_done, stopped.summary.seconds) == (3, 200)
    assert session.state is SessionState.STOPPED and session.next_due() is None
    assert session.advance(T0 + 10_000) == []
    for command in (session.pause, session.resume, session.skip, session.stop):
        with pytest.raises(SessionOver):
            command(T0 + 300)


# -- restarts ------------------------------------------------------------------------------


def snapshot_through_json(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(session.to_snapshot()))
    return data


def test_restore_mid_session_catches_up_to_the_step_the_clock_says() -> None:
    session = started()
    session.advance(T0 + 150)  # wall calf (2) announced, then the bot went down
    restored, events = Session.restore(snapshot_through_json(session), T0 + 310)
    assert restored.state is SessionState.RUNNING
    (event,) = events
    assert isinstance(event, StepStarted)
    assert (event.index, event.caught_up, event.skipped) == (5, True, 2)
    assert restored.next_due() == T0 + 365
    assert step_indices(run_out(restored)) == [6, 7]


def test_restore_within_the_same_step_says_nothing() -> None:
    session = started()
    session.advance(T0 + 150)
    restored, events = Session.restore(snapshot_through_json(session), T0 + 160)
    assert events == [] and restored.next_due() == T0 + 195


def test_restore_after_the_end_finishes_while_offline() -> None:
    session = started()
    session.advance(T0 + 150)
    restored, events = Session.restore(snapshot_through_json(session), T0 + 3600)
    (event,) = events
    assert isinstance(event, Finished) and event.while_offline
    assert event.summary.steps_done == TIMED and not event.summary.stopped_early
    assert restored.state is SessionState.FINISHED and restored.ended_at == T0 + 475


def test_restore_keeps_a_paused_session_paused() -> None:
    session = started()
    session.pause(T0 + 60)
    restored, events = Session.restore(snapshot_through_json(session), T0 + 3600)
    assert events == [] and restored.state is SessionState.PAUSED
    assert restored.next_due() is None
    restored.resume(T0 + 3600)
    assert restored.ends_at == T0 + 475 + 3540
    assert restored.next_due() == T0 + 120 + 3540


# -- snapshots -----------------------------------------------------------------------------


def busy_session() -> Session:
    session = new_session(LONG, members=(11, 12, 13))
    session.start(T0)
    session.skip(T0 + 40)
    session.pause(T0 + 70)
    return session


@pytest.mark.parametrize(
    "make",
    [new_session, started, busy_session],
    ids=["ready", "running", "paused-after-skip"],
)
def test_snapshot_round_trip(make: Any) -> None:
    session: Session = make()
    assert Session.from_snapshot(snapshot_through_json(session)) == session


def test_snapshot_of_an_ended_session_round_trips() -> None:
    session = started()
    session.stop(T0 + 99)
    assert Session.from_snapshot(snapshot_through_json(session)) == session


@pytest.mark.parametrize("routine", [ROUTINE, LONG], ids=["8min", "20min"])
def test_routine_dict_round_trip(routine: Routine) -> None:
    assert routine_from_dict(json.loads(json.dumps(routine_to_dict(routine)))) == routine


def test_routine_to_dict_output_reads_back_for_timed_stretches() -> None:
    # Routine.to_dict has no side switch; a stretch gives it back from its holds.
    assert routine_from_dict(ROUTINE.to_dict()) == ROUTINE


def test_snapshot_with_an_unknown_version_is_refused() -> None:
    data = started().to_snapshot()
    data["version"] = 99
    with pytest.raises(ValueError, match="version"):
        Session.from_snapshot(data)


def test_participants_put_the_leader_first() -> None:
    assert new_session(members=(12, 11, 13)).participants == (11, 12, 13)


@pytest.mark.parametrize(
    ("fraction", "bar"),
    [
        (0, "░" * 10),
        (0.05, "░" * 10),
        (0.3, "▓▓▓" + "░" * 7),
        (0.999, "▓" * 9 + "░"),
        (1, "▓" * 10),
    ],
)
def test_progress_bar(fraction: float, bar: str) -> None:
    assert progress_bar(fraction) == bar


# -- any sequence of commands --------------------------------------------------------------

COMMANDS = st.lists(
    st.tuples(
        st.sampled_from(["pause", "resume", "skip", "advance"]),
        st.integers(1, 240).map(lambda quarters: quarters / 4),
    ),
    max_size=30,
)


def apply(session: Session, name: str, now: float) -> list[Event]:
    if name == "pause" and session.state is SessionState.RUNNING:
        return session.pause(now)
    if name == "resume" and session.state is SessionState.PAUSED:
        return session.resume(now)
    if name == "skip":
        return session.skip(now)
    return session.advance(now)


@settings(max_examples=300, deadline=None)
@given(routine=st.sampled_from([ROUTINE, LONG]), commands=COMMANDS)
def test_any_commands_keep_order_and_finish_in_time(
    routine: Routine, commands: list[tuple[str, float]]
) -> None:
    session = new_session(routine)
    events, now = session.start(T0), T0
    for name, gap in commands:
        if session.is_over:
            break
        now += gap
        events += apply(session, name, now)
        due = session.next_due()
        assert session.state is not SessionState.RUNNING or (due is not None and due > now)
    if session.state is SessionState.PAUSED:
        now += 1
        events += session.resume(now)
    deadline = T0 + routine.total_seconds + session.paused_seconds
    events += session.advance(deadline)
    assert session.state is SessionState.FINISHED
    assert session.ended_at is not None and session.ended_at <= deadline
    indices = step_indices(events)
    assert indices == sorted(set(indices))
    assert [type(e) for e in events].count(Finished) == 1 and isinstance(events[-1], Finished)


# -- the runner ----------------------------------------------------------------------------


def tiny_step(step_id: str, kind: Kind, seconds: int, **timing: Any) -> Step:
    return Step(
        id=step_id,
        name=step_id.title(),
        kind=kind,
        areas=(),
        vector=None,
        position=Position.STANDING,
        demand=1,
        side=timing.pop("side", None),
        seconds=seconds,
        hold_seconds=timing.pop("hold", None),
        transition_seconds=timing.pop("transition", 0),
        switch_seconds=timing.pop("switch", 0),
        how="",
        cue="",
    )


# 8 routine seconds; at 1/40 of a second each, a session lasts 0.2 s, a step 0.05-0.1 s.
TINY = Routine(
    steps=(
        tiny_step("walk", Kind.WALK, 2),
        tiny_step("lunge", Kind.STRETCH, 4, side=Side.EACH, hold=1, transition=1, switch=1),
        tiny_step("hinge", Kind.STRETCH, 2, hold=2),
        tiny_step("drink", Kind.REMINDER, 0),
    ),
    minutes=3,
    run=RunType.EASY,
    areas=(),
)
TINY_SCALE = 1 / 40


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


class Recorder:
    """The store's stand-in: what each change would persist (and then post).

    `all_over` is set once `expect` sessions have ended."""

    def __init__(self, expect: int = 0, fail_for: frozenset[str] = frozenset()) -> None:
        self.events: dict[str, list[Event]] = defaultdict(list)
        self.fail_for = fail_for
        self.expect = expect
        self.ended = 0
        self.all_over = asyncio.Event()
        self.saved: list[SessionState] = []

    async def __call__(self, session: Session, events: list[Event]) -> None:
        self.saved.append(session.state)
        for event in events:
            self.events[event.session_id].append(event)
            if isinstance(event, Finished | Stopped):
                self.ended += 1
                if self.ended == self.expect:
                    self.all_over.set()
        if session.id in self.fail_for:
            raise RuntimeError("the database is down")


async def wait_until_over(sink: Recorder, seconds: float = 15.0) -> None:
    # Generous: the routines take well under a second; a loaded machine may stall a few.
    async with asyncio.timeout(seconds):
        await sink.all_over.wait()


async def test_runner_commands_reach_the_sink_and_the_store() -> None:
    clock, sink = FakeClock(), Recorder()
    saved = sink.saved
    runner = SessionRunner(sink, clock=clock)
    try:
        await runner.start(new_session())
        clock.now += 10
        assert [type(e) for e in await runner.pause("s1")] == [Paused]
        clock.now += 20
        await runner.resume("s1")
        await runner.skip("s1")
        await runner.stop("s1")
        kinds = [type(e) for e in sink.events["s1"]]
        assert kinds == [StepStarted, Paused, Resumed, Skipped, StepStarted, Stopped]
        state = SessionState
        assert saved == [state.RUNNING, state.PAUSED, state.RUNNING, state.RUNNING, state.STOPPED]
        assert runner.active() == []
        stopped = runner.get("s1")
        assert stopped is not None and stopped.state is SessionState.STOPPED
        with pytest.raises(SessionOver):
            await runner.pause("s1")
        with pytest.raises(SessionNotFound):
            await runner.pause("nope")
        with pytest.raises(InvalidCommand):
            await runner.start(new_session())
    finally:
        await runner.close()


async def test_runner_restores_snapshots_and_skips_broken_ones() -> None:
    clock, sink = FakeClock(), Recorder()
    running, over = started(), new_session(session_id="s2")
    over.start(T0 - 3600)
    clock.now = T0 + 310
    runner = SessionRunner(sink, clock=clock)
    try:
        snapshots = [running.to_snapshot(), {"version": 1, "id": "bad"}, over.to_snapshot()]
        restored = await runner.restore(snapshots)
        assert [s.id for s in restored] == ["s1", "s2"]
        assert [s.id for s in runner.active()] == ["s1"]
        (caught_up,) = sink.events["s1"]
        assert isinstance(caught_up, StepStarted) and caught_up.index == 5
        (finished,) = sink.events["s2"]
        assert isinstance(finished, Finished) and finished.while_offline
    finally:
        await runner.close()


# Slower than TINY_SCALE: a loop that wakes after a session's end finishes it without the
# steps it did not announce (`test_a_slow_wake_announces_only_the_latest_step`), and starting
# two hundred sessions on a loaded machine stalled the loop past the 50 ms last step of the
# tiny routine. At this scale the last step lasts half a second.
CROWD_SCALE = 1 / 4


async def test_two_hundred_sessions_on_one_timer_loop() -> None:
    ids = [f"tiny-{n}" for n in range(200)]
    sink = Recorder(expect=len(ids))
    runner = SessionRunner(sink)
    try:
        for session_id in ids:
            await runner.start(Session(session_id, 1, TINY, time_scale=CROWD_SCALE))
        await wait_until_over(sink)
    finally:
        await runner.close()
    for session_id in ids:
        events = sink.events[session_id]
        starts = [e for e in events if isinstance(e, StepStarted)]
        assert [e.index for e in starts] == sorted({e.index for e in starts})
        assert len(starts) + sum(e.skipped for e in starts) == 3
        assert isinstance(events[-1], Finished)


async def test_a_failing_save_stops_neither_its_session_nor_the_others() -> None:
    ids = [f"tiny-{n}" for n in range(20)]
    sink = Recorder(expect=len(ids), fail_for=frozenset(ids[::2]))
    runner = SessionRunner(sink)
    try:
        for session_id in ids:
            await runner.start(Session(session_id, 1, TINY, time_scale=TINY_SCALE))
        await wait_until_over(sink)
    finally:
        await runner.close()
    for session_id in ids:
        session = runner.get(session_id)
        assert session is not None and session.state is SessionState.FINISHED
        assert isinstance(sink.events[session_id][-1], Finished)


def test_the_engine_needs_neither_discord_nor_sqlalchemy() -> None:
    code = (
        "import sys, bot.rules.sessions; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'discord', 'sqlalchemy'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


class _Deadlock(Exception):
    sqlstate = "40P01"  # as asyncpg says it: the server rolled the transaction back


async def test_a_save_the_database_rolled_back_is_run_again_and_no_step_is_lost() -> None:
    sink = Recorder(expect=1)
    tries: list[int] = []
    record = sink.__call__

    async def rolled_back_once(session: Session, events: list[Event]) -> None:
        tries.append(len(events))
        if len(tries) == 2:  # the second save: a step's start, with its post
            raise _Deadlock("deadlock detected")
        await record(session, events)

    runner = SessionRunner(rolled_back_once)
    try:
        await runner.start(Session("s1", 1, TINY, time_scale=TINY_SCALE))
        await wait_until_over(sink)
    finally:
        await runner.close()
    assert tries[1] == tries[2]  # the same change, saved again
    starts = [e for e in sink.events["s1"] if isinstance(e, StepStarted)]
    assert len(starts) + sum(e.skipped for e in starts) == 3
    assert isinstance(sink.events["s1"][-1], Finished)
