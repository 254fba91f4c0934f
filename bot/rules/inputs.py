"""Every option a member types, checked in one place.

Discord declares ranges and choices to the client, but a crafted request (or a server that
edits a command) can send anything: 7.5 minutes, week -1, weekday "funday". Each check here
returns the clean value or raises `InputError` with a short sentence for the member; what
they typed is quoted back clipped, never whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.rules.routine import MAX_MINUTES, MIN_MINUTES, RunType

QUOTE_LIMIT = 40
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class InputError(ValueError):
    """Input a member can fix; the message is shown to them as it is."""


@dataclass(frozen=True, slots=True)
class Bounds:
    low: int
    high: int
    what: str

    def check(self, value: object) -> int:
        """The value as a whole number within the bounds, or a clear refusal."""
        number = _whole(value)
        if number is None or not self.low <= number <= self.high:
            raise InputError(
                f"{self.what} must be a whole number from {self.low} to {self.high}, "
                f"not “{quote(str(value))}”."
            )
        return number


MINUTES = Bounds(MIN_MINUTES, MAX_MINUTES, "Minutes")
JOIN_WINDOW = Bounds(1, 30, "The join window (minutes)")
WEEKS = Bounds(1, 52, "Weeks")


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """What a member typed, fit to quote back: one line, clipped with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def weekday(value: object) -> int:
    """0 (Monday) to 6 (Sunday), from the number or the day's name."""
    if isinstance(value, str) and value.strip().lower() in WEEKDAY_NAMES:
        return WEEKDAY_NAMES.index(value.strip().lower())
    number = _whole(value)
    if number is None or not 0 <= number <= 6:
        raise InputError(f"Pick a weekday from the list, not “{quote(str(value))}”.")
    return number


def run_type(value: str) -> RunType:
    try:
        return RunType(value.strip().lower())
    except ValueError:
        kinds = ", ".join(r.value for r in RunType)
        raise InputError(f"Run type must be one of: {kinds}, not “{quote(value)}”.") from None


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None
