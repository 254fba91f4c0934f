"""What the bot remembers about a member: areas to stretch first, stretches to skip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TightArea:
    """A body area the member wants their routines to focus on; priority 1 comes first."""

    area: str
    priority: int
    note: str | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class AvoidedStretch:
    """A stretch the member never wants suggested (an injury, no mat, a dislike)."""

    stretch_id: str
    added_at: datetime
