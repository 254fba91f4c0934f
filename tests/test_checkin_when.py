"""When weekly check-ins fall: ordinary weeks, daylight-saving changes in both hemispheres, a
zone without DST and a half-hour offset, ISO weeks, late posts, time and zone input."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules.checkins.when import (
    is_valid_timezone,
    local_instant,
    missed_occurrence,
    next_occurrence,
    occurrence_week,
    timezone_names,
    validate_time,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


# (zone, weekday, local time, after, expected UTC instant)
CASES = [
    # --- ordinary weeks
    ("Europe/London", WED, time(18, 30), utc(2025, 1, 6), utc(2025, 1, 8, 18, 30)),
    ("Europe/London", WED, time(18, 30), utc(2025, 7, 7), utc(2025, 7, 9, 17, 30)),
    ("America/New_York", MON, time(7, 0), utc(2025, 1, 1), utc(2025, 1, 6, 12, 0)),
    ("America/New_York", MON, time(7, 0), utc(2025, 7, 1), utc(2025, 7, 7, 11, 0)),
    ("Australia/Sydney", SUN, time(19, 0), utc(2025, 1, 1), utc(2025, 1, 5, 8, 0)),
    ("Australia/Sydney", SUN, time(19, 0), utc(2025, 7, 1), utc(2025, 7, 6, 9, 0)),
    ("Asia/Kolkata", FRI, time(6, 15), utc(2025, 3, 1), utc(2025, 3, 7, 0, 45)),
    # Kolkata local date is ahead of UTC: Friday 00:10 IST is Thursday 18:40 UTC.
    ("Asia/Kolkata", FRI, time(0, 10), utc(2025, 3, 1), utc(2025, 3, 6, 18, 40)),
    # --- spring forward, time inside the gap: posted that day at the end of the gap
    # London 2025-03-30: 01:00 GMT -> 02:00 BST; 01:30 never happens -> 02:00 BST.
    ("Europe/London", SUN, time(1, 30), utc(2025, 3, 29), utc(2025, 3, 30, 1, 0)),
    ("Europe/London", SUN, time(1, 0), utc(2025, 3, 29), utc(2025, 3, 30, 1, 0)),
    ("Europe/London", SUN, time(1, 59), utc(2025, 3, 29), utc(2025, 3, 30, 1, 0)),
    # New York 2025-03-09: 02:00 EST -> 03:00 EDT; 02:30 -> 03:00 EDT = 07:00 UTC.
    ("America/New_York", SUN, time(2, 30), utc(2025, 3, 8), utc(2025, 3, 9, 7, 0)),
    # Sydney 2025-10-05: 02:00 AEST -> 03:00 AEDT; 02:15 -> 03:00 AEDT = 16:00 UTC the day before.
    ("Australia/Sydney", SUN, time(2, 15), utc(2025, 10, 3), utc(2025, 10, 4, 16, 0)),
    # --- spring forward, time outside the gap: the ordinary wall time, new offset
    ("Europe/London", SUN, time(0, 30), utc(2025, 3, 29), utc(2025, 3, 30, 0, 30)),
    ("Europe/London", SUN, time(2, 0), utc(2025, 3, 29), utc(2025, 3, 30, 1, 0)),
    ("Europe/London", SUN, time(9, 0), utc(2025, 3, 29), utc(2025, 3, 30, 8, 0)),
    ("America/New_York", SUN, time(18, 0), utc(2025, 3, 8), utc(2025, 3, 9, 22, 0)),
    ("Australia/Sydney", SUN, time(19, 0), utc(2025, 10, 3), utc(2025, 10, 5, 8, 0)),
    # --- fall back, time inside the repeated hour: the FIRST occurrence
    # London 2025-10-26: 02:00 BST -> 01:00 GMT; 01:30 BST = 00:30 UTC.
    ("Europe/London", SUN, time(1, 30), utc(2025, 10, 25), utc(2025, 10, 26, 0, 30)),
    # New York 2025-11-02: 02:00 EDT -> 01:00 EST; 01:30 EDT = 05:30 UTC.
    ("America/New_York", SUN, time(1, 30), utc(2025, 11, 1), utc(2025, 11, 2, 5, 30)),
    # Sydney 2025-04-06: 03:00 AEDT -> 02:00 AEST; 02:30 AEDT = 15:30 UTC the day before.
    ("Australia/Sydney", SUN, time(2, 30), utc(2025, 4, 4), utc(2025, 4, 5, 15, 30)),
    # --- fall back, time outside the repeated hour
    ("Europe/London", SUN, time(18, 0), utc(2025, 10, 25), utc(2025, 10, 26, 18, 0)),
    ("America/New_York", SUN, time(12, 0), utc(2025, 11, 1), utc(2025, 11, 2, 17, 0)),
    ("Australia/Sydney", SUN, time(19, 0), utc(2025, 4, 4), utc(2025, 4, 6, 9, 0)),
]


@pytest.mark.parametrize(("tz", "weekday", "at", "after", "expected"), CASES)
def test_next_occurrence_table(
    tz: str, weekday: int, at: time, after: datetime, expected: datetime
) -> None:
    got = next_occurrence(weekday, at, zone(tz), after)
    assert got == expected
    assert got.tzinfo is UTC
    assert got.astimezone(zone(tz)).weekday() == weekday


# (zone, weekday, local time, local change day, expected instants that day)
CHANGE_DAYS = [
    ("Europe/London", SUN, time(1, 30), date(2025, 10, 26), [utc(2025, 10, 26, 0, 30)]),
    ("Europe/London", SUN, time(1, 30), date(2025, 3, 30), [utc(2025, 3, 30, 1, 0)]),
    ("America/New_York", SUN, time(1, 0), date(2025, 11, 2), [utc(2025, 11, 2, 5, 0)]),
    ("America/New_York", SUN, time(1, 59), date(2025, 11, 2), [utc(2025, 11, 2, 5, 59)]),
    ("America/New_York", SUN, time(2, 0), date(2025, 3, 9), [utc(2025, 3, 9, 7, 0)]),
    ("Australia/Sydney", SUN, time(2, 0), date(2025, 4, 6), [utc(2025, 4, 5, 15, 0)]),
    ("Australia/Sydney", SUN, time(2, 59), date(2025, 10, 5), [utc(2025, 10, 4, 16, 0)]),
    ("Asia/Kolkata", SUN, time(1, 30), date(2025, 10, 26), [utc(2025, 10, 25, 20, 0)]),
]


@pytest.mark.parametrize(("tz", "weekday", "at", "day", "expected"), CHANGE_DAYS)
def test_exactly_one_occurrence_on_change_days(
    tz: str, weekday: int, at: time, day: date, expected: list[datetime]
) -> None:
    """Walk next_occurrence from two days before to two days after, minute by minute around
    the change too, and count the distinct instants whose local date is the change day."""
    info = zone(tz)
    start = datetime.combine(day - timedelta(days=2), time(), info).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=2), time(), info).astimezone(UTC)
    seen: set[datetime] = set()
    cursor = start
    while cursor < end:
        seen.add(next_occurrence(weekday, at, info, cursor))
        cursor += timedelta(minutes=7)
    on_day = sorted(o for o in seen if o.astimezone(info).date() == day)
    assert on_day == expected
    # Iterating from the occurrence itself jumps to the next week.
    following = next_occurrence(weekday, at, info, on_day[0])
    assert following.astimezone(info).date() == day + timedelta(days=7)


@pytest.mark.parametrize(("tz", "weekday", "at", "after", "expected"), CASES)
def test_after_equal_to_an_occurrence_gives_next_week(
    tz: str, weekday: int, at: time, after: datetime, expected: datetime
) -> None:
    info = zone(tz)
    following = next_occurrence(weekday, at, info, expected)
    assert following > expected
    assert following.astimezone(info).date() == expected.astimezone(info).date() + timedelta(7)
    # One microsecond earlier still gives the occurrence itself.
    assert next_occurrence(weekday, at, info, expected - timedelta(microseconds=1)) == expected


def test_local_instant_gap_and_repeat_in_london() -> None:
    london = zone("Europe/London")
    assert local_instant(date(2025, 3, 30), time(1, 30), london) == utc(2025, 3, 30, 1, 0)
    assert local_instant(date(2025, 10, 26), time(1, 30), london) == utc(2025, 10, 26, 0, 30)
    # A fold=1 on the input is ignored: still the first occurrence.
    assert local_instant(date(2025, 10, 26), time(1, 30, fold=1), london) == utc(
        2025, 10, 26, 0, 30
    )
    # The gap answer is 02:00 BST on the same local date.
    gap = local_instant(date(2025, 3, 30), time(1, 30), london).astimezone(london)
    assert (gap.date(), gap.time(), gap.tzname()) == (date(2025, 3, 30), time(2, 0), "BST")


def test_naive_after_and_bad_weekday_are_rejected() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_occurrence(MON, time(9), zone("UTC"), datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="weekday"):
        next_occurrence(7, time(9), zone("UTC"), utc(2025, 1, 1))


ZONES = [
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "UTC",
    "Europe/Berlin",
    "Europe/Lisbon",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/St_Johns",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Africa/Cairo",
]


@settings(max_examples=150, deadline=None)
@given(
    tz=st.sampled_from(ZONES),
    weekday=st.integers(0, 6),
    at=st.times(),
    after=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
    ),
)
def test_next_occurrence_properties(tz: str, weekday: int, at: time, after: datetime) -> None:
    info = zone(tz)
    current = next_occurrence(weekday, at, info, after)
    assert after < current <= after + timedelta(days=8)
    assert current.astimezone(info).weekday() == weekday
    for _ in range(60):
        following = next_occurrence(weekday, at, info, current)
        assert timedelta(days=6) <= following - current <= timedelta(days=8)
        assert following.astimezone(info).weekday() == weekday
        assert following.astimezone(info).date() == current.astimezone(info).date() + timedelta(7)
        current = following


def test_occurrence_week_uses_the_local_date() -> None:
    sydney = zone("Australia/Sydney")
    # Sunday 19:00 in Sydney (AEDT, +11) is Sunday 08:00 UTC: same week both ways.
    sunday_evening = next_occurrence(SUN, time(19, 0), sydney, utc(2025, 2, 1))
    assert sunday_evening == utc(2025, 2, 2, 8, 0)
    assert occurrence_week(sunday_evening, sydney) == date(2025, 1, 27)
    assert occurrence_week(sunday_evening, zone("UTC")) == date(2025, 1, 27)
    # Monday 07:00 in Sydney is still Sunday 20:00 UTC: Sydney's week starts, UTC's has not.
    monday_morning = next_occurrence(MON, time(7, 0), sydney, utc(2025, 2, 1))
    assert monday_morning == utc(2025, 2, 2, 20, 0)
    assert occurrence_week(monday_morning, sydney) == date(2025, 2, 3)
    assert occurrence_week(monday_morning, zone("UTC")) == date(2025, 1, 27)
    # New York Sunday 21:00 is Monday 02:00 UTC: the post belongs to the local week.
    new_york = zone("America/New_York")
    late_sunday = next_occurrence(SUN, time(21, 0), new_york, utc(2025, 2, 1))
    assert late_sunday == utc(2025, 2, 3, 2, 0)
    assert occurrence_week(late_sunday, new_york) == date(2025, 1, 27)
    assert occurrence_week(late_sunday, zone("UTC")) == date(2025, 2, 3)


def test_missed_occurrence_within_and_beyond_grace() -> None:
    london = zone("Europe/London")
    grace = timedelta(hours=6)
    due = utc(2025, 1, 8, 18, 30)  # Wednesday 18:30 GMT
    assert missed_occurrence(WED, time(18, 30), london, due, grace) == due
    assert missed_occurrence(WED, time(18, 30), london, due + timedelta(hours=5), grace) == due
    assert missed_occurrence(WED, time(18, 30), london, due + grace, grace) is None
    assert missed_occurrence(WED, time(18, 30), london, due - timedelta(seconds=1), grace) is None
    # A grace longer than a week coalesces to the latest occurrence.
    now = due + timedelta(days=7, hours=1)
    assert missed_occurrence(WED, time(18, 30), london, now, timedelta(days=20)) == (
        due + timedelta(days=7)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:30", time(18, 30)),
        (" 7:05 ", time(7, 5)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("18.30", time(18, 30)),
        ("18h30", time(18, 30)),
    ],
)
def test_validate_time_accepts(text: str, expected: time) -> None:
    assert validate_time(text) == expected


@pytest.mark.parametrize("text", ["", "18", "24:00", "18:60", "6pm", "18:3", "18:30:00", "ab:cd"])
def test_validate_time_rejects_with_a_friendly_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"like 18:30"):
        validate_time(text)


def test_timezone_names_for_autocomplete() -> None:
    assert timezone_names("europe/lon") == ["Europe/London"]
    # Case-insensitive; names starting with the text come first.
    found = timezone_names("lon")
    assert "Europe/London" in found
    assert found.index("Europe/London") < found.index("America/Blanc-Sablon")
    assert timezone_names("AMERICA/new")[0].startswith("America/New")
    assert timezone_names("new york") == ["America/New_York"]
    assert timezone_names("kolkata") == ["Asia/Kolkata"]
    assert len(timezone_names("")) == 25
    assert len(timezone_names("a", limit=5)) == 5
    assert timezone_names("no such place") == []
    prefix_first = timezone_names("us")
    starts = [n.casefold().startswith("us") for n in prefix_first]
    assert starts == sorted(starts, reverse=True)


def test_is_valid_timezone() -> None:
    assert is_valid_timezone("Europe/London")
    assert is_valid_timezone("Asia/Kolkata")
    assert is_valid_timezone("UTC")
    for bad in ["", "Europe", "europe/london", "Mars/Olympus", "../etc/passwd", "Factory"]:
        assert not is_valid_timezone(bad)
