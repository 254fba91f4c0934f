"""When a club's weekly check-in is posted: a weekday and a wall-clock time in an IANA zone.

Pure date arithmetic (no scheduler, no I/O), so every daylight-saving rule is tested here.

The rules, for a check-in set to weekday `W` at local time `T` in zone `Z`:

- One occurrence per local date: every local date whose weekday is `W` has exactly one.
- Ordinary days: the instant when the clocks in `Z` read `T`.
- Repeated hour (autumn, clocks go back): `T` happens twice; the check-in is posted at the
  FIRST of the two (``fold=0``), and never again that day.
- Skipped hour (spring, clocks go forward): `T` never happens; the check-in is still posted
  that day, at the first valid instant after the gap, that is the moment of the change.
  Example: Europe/London, Sunday 01:30 on 2025-03-30, when clocks jump from 01:00 GMT to
  02:00 BST: posted at 02:00 BST (01:00 UTC).

A zone that skips a whole calendar date (Pacific/Apia on 2011-12-30) would move that date's
occurrence to the next day; no zone does so in the years the bot runs.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from bot.rules.inputs import quote

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Names the tz database ships that are not places a club would pick.
_HIDDEN_ZONES = frozenset({"Factory", "localtime", "posixrules"})

_TIME = re.compile(r"(\d{1,2})[:.h](\d{2})")


def now_utc() -> datetime:
    """The current instant, as an aware UTC datetime."""
    return datetime.now(UTC)


def local_instant(day: date, local_time: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of `local_time` on the local date `day` in `tz`, by the rules above:
    the first occurrence of a repeated time, the end of the gap for a skipped time."""
    wall = datetime.combine(day, local_time.replace(tzinfo=None, fold=0))
    first = wall.replace(tzinfo=tz).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first  # exists (fold=0 is the first of two when repeated)
    # Inside a gap. With fold=0 the wall time is read with the offset from before the change,
    # which lands after the change; with fold=1, with the offset from after it, which lands
    # before. The change itself lies between: find it to the second (tz data is in seconds).
    before = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    return _transition(tz, min(before, first), max(before, first))


def _transition(tz: ZoneInfo, lo: datetime, hi: datetime) -> datetime:
    """The first whole second in (lo, hi] whose UTC offset in `tz` differs from lo's; hi itself
    when none does (cannot happen for a real gap, kept as a safe answer)."""
    start = lo.astimezone(tz).utcoffset()
    low = int(lo.timestamp())
    high = int(hi.timestamp())
    if _at(high).astimezone(tz).utcoffset() == start:
        return hi
    while high - low > 1:  # invariant: offset(low) == start != offset(high)
        middle = (low + high) // 2
        if _at(middle).astimezone(tz).utcoffset() == start:
            low = middle
        else:
            high = middle
    return _at(high)


def _at(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {moment!r}")


def _check_weekday(weekday: int) -> None:
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday}")


def next_occurrence(weekday: int, local_time: time, tz: ZoneInfo, after: datetime) -> datetime:
    """The first occurrence strictly after `after`, as an aware UTC datetime.

    `weekday` is 0 for Monday to 6 for Sunday (`date.weekday()`); `local_time` is read as a
    wall-clock time in `tz` (any tzinfo or fold on it is ignored). An `after` equal to an
    occurrence gives the next week's.
    """
    _check_weekday(weekday)
    _require_aware(after, "after")
    after = after.astimezone(UTC)
    # Start a day early: an occurrence on the previous local date cannot be after `after`, but
    # starting there costs nothing and keeps the search obviously complete.
    day = after.astimezone(tz).date() - timedelta(days=1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    while True:
        occurrence = local_instant(day, local_time, tz)
        if occurrence > after:
            return occurrence
        day += timedelta(days=7)


def occurrence_week(occurrence_utc: datetime, tz: ZoneInfo) -> date:
    """The Monday of the ISO week holding the LOCAL date of the occurrence in `tz`."""
    _require_aware(occurrence_utc, "occurrence_utc")
    local_day = occurrence_utc.astimezone(tz).date()
    return local_day - timedelta(days=local_day.weekday())


def missed_occurrence(
    weekday: int, local_time: time, tz: ZoneInfo, now: datetime, grace: timedelta
) -> datetime | None:
    """The most recent occurrence in (now - grace, now], or None.

    With a grace longer than a week several occurrences fit; only the latest is returned (late
    posts are coalesced to one).
    """
    _require_aware(now, "now")
    latest: datetime | None = None
    candidate = next_occurrence(weekday, local_time, tz, now - grace)
    while candidate <= now:
        latest = candidate
        candidate = next_occurrence(weekday, local_time, tz, candidate)
    return latest


def validate_time(text: str) -> time:
    """Read a 24-hour time such as "18:30" (also "7:05", "18.30", "18h30").

    Raises ValueError with a message that can be shown to the member as is.
    """
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"“{quote(text)}” is not a time I can read. "
            "Use the 24-hour clock, hours and minutes, like 18:30 or 07:15."
        )
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(
            f"“{quote(text)}” is not a time of day. Hours go from 00 to 23 and "
            "minutes from 00 to 59, like 18:30."
        )
    return time(hour, minute)


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones() - _HIDDEN_ZONES))


@cache
def _zone_set() -> frozenset[str]:
    return frozenset(_zone_names())


def is_valid_timezone(name: str) -> bool:
    """Whether `name` is an IANA zone name the bot accepts, spelt exactly ("Europe/London")."""
    return name in _zone_set()


def timezone_names(prefix: str, limit: int = 25) -> list[str]:
    """Zone names for autocomplete: case-insensitive "contains" match of `prefix` (spaces match
    underscores, so "new york" finds "America/New_York").

    Ordered: names starting with the text first, then names where a part after a "/" starts
    with it ("lon" -> "Europe/London"), then the other matches; alphabetical within each.
    At most `limit` names (Discord shows 25).
    """
    needle = prefix.strip().casefold().replace(" ", "_")
    ranked: tuple[list[str], list[str], list[str]] = ([], [], [])
    for name in _zone_names():
        folded = name.casefold()
        if needle not in folded:
            continue
        if folded.startswith(needle):
            ranked[0].append(name)
        elif any(part.startswith(needle) for part in folded.split("/")[1:]):
            ranked[1].append(name)
        else:
            ranked[2].append(name)
    return [*ranked[0], *ranked[1], *ranked[2]][: max(limit, 0)]


__all__ = [
    "WEEKDAYS",
    "is_valid_timezone",
    "local_instant",
    "missed_occurrence",
    "next_occurrence",
    "now_utc",
    "occurrence_week",
    "timezone_names",
    "validate_time",
]
