"""A routine laid out on the wall clock, and routines as plain JSON-able dicts.

Every time is absolute (seconds since the epoch). A session never chains sleeps: it compares
the clock against this timeline, so a late wake-up costs accuracy of one message, never drift of
all the ones after it. Pausing and skipping rewrite the timeline by shifting it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.rules.catalogue import Kind, Position
from bot.rules.routine import LeftOut, Routine, RunType, Side, Step


@dataclass(frozen=True, slots=True)
class ScheduledHold:
    """One hold on the clock; `side` is None for a symmetric stretch, walk or dynamic block."""

    side: Side | None
    starts_at: float
    ends_at: float

    def shifted(self, delta: float) -> ScheduledHold:
        return replace(self, starts_at=self.starts_at + delta, ends_at=self.ends_at + delta)

    def cut(self, at: float) -> ScheduledHold:
        return replace(self, starts_at=min(self.starts_at, at), ends_at=min(self.ends_at, at))


@dataclass(frozen=True, slots=True)
class ScheduledStep:
    """A step on the clock: getting into position from `starts_at`, then its holds."""

    index: int
    step: Step
    starts_at: float
    holds: tuple[ScheduledHold, ...]
    ends_at: float

    @property
    def timed(self) -> bool:
        """Whether a session announces this step; a reminder is shown at the end instead."""
        return self.step.kind is not Kind.REMINDER

    def hold_at(self, at: float) -> ScheduledHold | None:
        return next((h for h in self.holds if h.starts_at <= at < h.ends_at), None)

    def shifted(self, delta: float) -> ScheduledStep:
        return replace(
            self,
            starts_at=self.starts_at + delta,
            holds=tuple(h.shifted(delta) for h in self.holds),
            ends_at=self.ends_at + delta,
        )

    def cut(self, at: float) -> ScheduledStep:
        """This step ended early at `at` (skipped); holds not reached shrink to nothing."""
        return replace(self, holds=tuple(h.cut(at) for h in self.holds), ends_at=at)


Schedule = tuple[ScheduledStep, ...]


def build_schedule(routine: Routine, starts_at: float, scale: float = 1.0) -> Schedule:
    """Lay out every step from `starts_at`; `scale` is wall seconds per routine second."""
    steps: list[ScheduledStep] = []
    at = starts_at
    for index, step in enumerate(routine.steps):
        steps.append(_schedule_step(index, step, at, scale))
        at = steps[-1].ends_at
    return tuple(steps)


def _schedule_step(index: int, step: Step, starts_at: float, scale: float) -> ScheduledStep:
    holds: list[ScheduledHold] = []
    at = starts_at + step.transition_seconds * scale
    for number, hold in enumerate(step.holds()):
        if number:
            at += step.switch_seconds * scale
        holds.append(ScheduledHold(hold.side, at, at + hold.seconds * scale))
        at = holds[-1].ends_at
    # The step's own length is the routine's truth: an odd split of a dynamic block between
    # two sides may leave a second over, and the totals must still add up to the routine's.
    ends_at = starts_at + step.seconds * scale
    return ScheduledStep(index, step, starts_at, tuple(holds), ends_at)


def shift_from(schedule: Schedule, index: int, delta: float) -> Schedule:
    """Move step `index` and every later one by `delta` seconds."""
    return tuple(s.shifted(delta) if s.index >= index else s for s in schedule)


def schedule_to_list(schedule: Schedule) -> list[dict[str, Any]]:
    return [
        {
            "index": s.index,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "holds": [_hold_to_dict(h) for h in s.holds],
        }
        for s in schedule
    ]


def _hold_to_dict(hold: ScheduledHold) -> dict[str, Any]:
    side = hold.side.value if hold.side else None
    return {"side": side, "starts_at": hold.starts_at, "ends_at": hold.ends_at}


def schedule_from_list(items: Sequence[Mapping[str, Any]], routine: Routine) -> Schedule:
    return tuple(
        ScheduledStep(
            index=int(item["index"]),
            step=routine.steps[int(item["index"])],
            starts_at=float(item["starts_at"]),
            holds=tuple(_hold_from_dict(h) for h in item["holds"]),
            ends_at=float(item["ends_at"]),
        )
        for item in items
    )


def _hold_from_dict(item: Mapping[str, Any]) -> ScheduledHold:
    side = Side(item["side"]) if item["side"] else None
    return ScheduledHold(side, float(item["starts_at"]), float(item["ends_at"]))


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    """`Routine.to_dict`, plus what it leaves out but a session needs back (side switches)."""
    data = routine.to_dict()
    for item, step in zip(data["steps"], routine.steps, strict=True):
        item["switch_seconds"] = step.switch_seconds
    return data


def routine_from_dict(data: Mapping[str, Any]) -> Routine:
    """The reverse of `routine_to_dict`; also reads `Routine.to_dict` output (see `_switch`)."""
    return Routine(
        steps=tuple(_step_from_dict(item) for item in data["steps"]),
        minutes=int(data["minutes"]),
        run=RunType(data["run"]),
        areas=tuple(data["areas"]),
        general=bool(data.get("general", False)),
        left_out=tuple(LeftOut(i["what"], i["why"]) for i in data.get("left_out", ())),
        notes=tuple(data.get("notes", ())),
    )


def _step_from_dict(item: Mapping[str, Any]) -> Step:
    side = Side(item["side"]) if item["side"] else None
    hold = item["hold_seconds"]
    return Step(
        id=item["id"],
        name=item["name"],
        kind=Kind(item["kind"]),
        areas=tuple(item["areas"]),
        vector=item["vector"],
        position=Position(item["position"]),
        demand=int(item["demand"]),
        side=side,
        seconds=int(item["seconds"]),
        hold_seconds=None if hold is None else int(hold),
        transition_seconds=int(item["transition_seconds"]),
        switch_seconds=_switch(item, side),
        how=item["how"],
        cue=item["cue"],
        pass_number=int(item.get("pass", 1)),
    )


def _switch(item: Mapping[str, Any], side: Side | None) -> int:
    if "switch_seconds" in item:
        return int(item["switch_seconds"])
    # `Routine.to_dict` has no switch; a timed stretch gives it back as what its holds leave
    # over. A two-sided dynamic block cannot tell, and gets 0 (its holds lengthen instead).
    if side is not Side.EACH or item["hold_seconds"] is None:
        return 0
    holds = 2 * int(item["hold_seconds"])
    return max(0, int(item["seconds"]) - int(item["transition_seconds"]) - holds)
