"""What a runner gets back: a `Routine` of timed `Step`s, and what was left out and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.rules.catalogue import Kind, Position

MIN_MINUTES = 3
MAX_MINUTES = 60
DEFAULT_MINUTES = 10


class RunType(StrEnum):
    EASY = "easy"
    LONG = "long"
    TEMPO = "tempo"
    INTERVALS = "intervals"
    RACE = "race"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    EACH = "each"


@dataclass(frozen=True, slots=True)
class Hold:
    """One timed stretch on one side (or both, for a symmetric stretch)."""

    side: Side | None
    seconds: int


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    name: str
    kind: Kind
    areas: tuple[str, ...]
    vector: str | None
    position: Position
    demand: int
    side: Side | None
    seconds: int
    hold_seconds: int | None
    transition_seconds: int
    switch_seconds: int
    how: str
    cue: str
    pass_number: int = 1

    def holds(self) -> tuple[Hold, ...]:
        """The holds a session times for this step, side by side."""
        per_hold = self.hold_seconds if self.hold_seconds is not None else self._active_seconds()
        if self.side is Side.EACH:
            return (Hold(Side.LEFT, per_hold), Hold(Side.RIGHT, per_hold))
        return (Hold(self.side, per_hold),)

    def _active_seconds(self) -> int:
        sides = 2 if self.side is Side.EACH else 1
        return (self.seconds - self.transition_seconds - self.switch_seconds) // sides

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "areas": list(self.areas),
            "vector": self.vector,
            "position": self.position.value,
            "demand": self.demand,
            "side": self.side.value if self.side else None,
            "seconds": self.seconds,
            "hold_seconds": self.hold_seconds,
            "transition_seconds": self.transition_seconds,
            "how": self.how,
            "cue": self.cue,
            "pass": self.pass_number,
        }


@dataclass(frozen=True, slots=True)
class LeftOut:
    what: str
    why: str

    def to_dict(self) -> dict[str, str]:
        return {"what": self.what, "why": self.why}


@dataclass(frozen=True, slots=True)
class Routine:
    steps: tuple[Step, ...]
    minutes: int
    run: RunType
    areas: tuple[str, ...]
    general: bool = False
    left_out: tuple[LeftOut, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "minutes": self.minutes,
            "run": self.run.value,
            "areas": list(self.areas),
            "general": self.general,
            "total_seconds": self.total_seconds,
            "steps": [step.to_dict() for step in self.steps],
            "left_out": [item.to_dict() for item in self.left_out],
            "notes": list(self.notes),
        }
