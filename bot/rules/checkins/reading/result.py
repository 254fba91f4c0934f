"""What a reply said: the values, the note, and what to ask about."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Efficiency(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"

    @property
    def sign(self) -> int:
        """+1 better, 0 same, -1 worse: for charts and sums."""
        return {"better": 1, "same": 0, "worse": -1}[self.value]


@dataclass(frozen=True)
class ParsedCheckIn:
    """What a reply said. `soreness` maps canonical area ids to 0..10."""

    soreness: dict[str, int] = field(default_factory=dict)
    movement: int | None = None
    efficiency: Efficiency | None = None
    # What the member wrote besides the values, whole.
    note: str | None = None
    # Fragments of the reply a coach would ask about, as the member typed them.
    unread: tuple[str, ...] = ()
    # Expected areas with no score (and not skipped with "n/a").
    missing: tuple[str, ...] = ()
    # Areas the member explicitly skipped with "n/a".
    skipped: tuple[str, ...] = ()
    # Body parts the member mentioned that the bot does not track ("shins", "knees").
    untracked: tuple[str, ...] = ()
    # False for a reply that is no answer at all ("cheers!", "ok", a question about the bot).
    is_checkin: bool = True
    # The text past where reading stopped (a very long reply), as written: not read for
    # scores, but the member's words all the same.
    rest: str = ""

    @property
    def empty(self) -> bool:
        """Nothing to record: no score, no movement, no efficiency and no note."""
        return (
            not self.soreness
            and self.movement is None
            and self.efficiency is None
            and self.note is None
        )
