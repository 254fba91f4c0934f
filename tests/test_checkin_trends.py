"""Trends over a member's weekly check-ins: directions, the therapist rule, settled areas,
weights for the planner and the new priority order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.rules.catalogue import default_catalogue
from bot.rules.checkins.parser import Efficiency
from bot.rules.checkins.trends import (
    Direction,
    TherapistRule,
    WeeklyCheckIn,
    compute_trends,
    emphasis,
    reprioritise,
    week_start,
)

CATALOGUE = default_catalogue()
MONDAY = date(2025, 3, 3)


def history(
    weeks: list[int] | None = None,
    movement: list[int | None] | None = None,
    efficiency: list[Efficiency | None] | None = None,
    **areas: list[int | None],
) -> list[WeeklyCheckIn]:
    """One check-in per week from MONDAY (or at the given week offsets); None = not scored."""
    count = max([len(v) for v in areas.values()] + [len(movement or []), len(efficiency or [])])
    offsets = weeks or list(range(count))
    return [
        WeeklyCheckIn(
            MONDAY + timedelta(weeks=offsets[i]),
            {a: v[i] for a, v in areas.items() if i < len(v) and v[i] is not None},
            (movement or [None] * count)[i] if i < len(movement or []) else None,
            (efficiency or [None] * count)[i] if i < len(efficiency or []) else None,
        )
        for i in range(count)
    ]


def rules(hist: list[WeeklyCheckIn]) -> dict[str, TherapistRule]:
    return {r.area: r.rule for r in compute_trends(hist).see_therapist}


def direction(hist: list[WeeklyCheckIn], area: str) -> Direction:
    return compute_trends(hist).areas[area].direction


# -- directions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([7, 6, 5, 3], Direction.IMPROVING),
        ([3, 4, 5], Direction.WORSENING),
        ([4, 5, 4, 5], Direction.STEADY),
        ([4, 3], Direction.STEADY),
        ([5, 3], Direction.IMPROVING),
        ([6, 7, 6], Direction.STAYS_TIGHT),
        ([2, 6, 7, 8], Direction.STAYS_TIGHT),
        ([5], Direction.NEW),
        # Only the last four scores count: an old drop does not make it improving now.
        ([9, 8, 3, 3, 3, 3], Direction.STEADY),
    ],
)
def test_direction_over_recent_scores(scores: list[int | None], expected: Direction) -> None:
    assert direction(history(calves=scores), "calves") is expected


def test_missing_weeks_and_gaps_neither_break_nor_extend_a_run() -> None:
    hist = history(calves=[7, None, 7, 8], glutes=[1, 2, 1, 1])
    trends = compute_trends(hist)
    assert trends.areas["calves"].scores == (7, 7, 8)
    assert trends.areas["calves"].direction is Direction.STAYS_TIGHT
    spread = history(weeks=[0, 3, 9], calves=[7, 6, 6])
    assert compute_trends(spread).areas["calves"].direction is Direction.STAYS_TIGHT
    assert compute_trends(spread).areas["calves"].recent_weeks == 10


def test_history_is_sorted_and_one_check_in_per_week_kept() -> None:
    hist = history(calves=[7, 5, 3])
    again = WeeklyCheckIn(hist[-1].week, {"calves": 2})
    trends = compute_trends([hist[2], hist[0], again, hist[1]])
    assert trends.areas["calves"].scores == (7, 5, 2)
    assert trends.check_ins == 3
    assert trends.latest_week == hist[-1].week


def test_empty_and_single_check_in() -> None:
    empty = compute_trends([])
    assert empty.areas == {} and empty.see_therapist == () and empty.latest_week is None
    assert empty.summary_lines(CATALOGUE) == ["No check-ins yet."]
    one = compute_trends(history(calves=[8], movement=[6], efficiency=[Efficiency.SAME]))
    assert one.areas["calves"].direction is Direction.NEW
    assert one.see_therapist == ()
    assert one.settled == ()
    assert one.summary_lines(CATALOGUE) == [
        "Calves: 8 at the first check-in.",
        "Ease of daily movement: 6 out of 10 at the first check-in.",
        "Running efficiency in your last answer: same 1.",
    ]


def test_week_start_is_the_iso_monday() -> None:
    assert week_start(date(2025, 3, 9)) == date(2025, 3, 3)  # a Sunday
    assert week_start(date(2025, 3, 3)) == date(2025, 3, 3)


# -- the sports therapist rule ---------------------------------------------------------------


def test_six_or_more_three_check_ins_in_a_row() -> None:
    assert rules(history(glutes=[6, 6, 6])) == {"glutes": TherapistRule.STAYS_TIGHT}
    assert rules(history(glutes=[6, 6])) == {}
    assert rules(history(glutes=[6, 5, 6])) == {}
    assert rules(history(glutes=[6, None, 7, 9])) == {"glutes": TherapistRule.STAYS_TIGHT}


def test_a_run_that_ended_does_not_count_as_staying_tight() -> None:
    # 7, 7, 7 then 2, 2: no longer tight, but 3 of the last 5 at 6+ is pain that came back.
    assert rules(history(glutes=[7, 7, 7, 2, 2])) == {"glutes": TherapistRule.KEEPS_COMING_BACK}
    assert rules(history(glutes=[7, 7, 7, 2, 2, 2])) == {}


def test_pain_that_keeps_coming_back() -> None:
    assert rules(history(calves=[6, 2, 7, 1, 6])) == {"calves": TherapistRule.KEEPS_COMING_BACK}
    assert rules(history(calves=[6, 2, 7, 1, 3])) == {}
    # Only the last five count.
    assert rules(history(calves=[7, 7, 2, 6, 1, 2, 1, 6])) == {}


def test_soreness_rising_three_check_ins_in_a_row() -> None:
    assert rules(history(hamstrings=[2, 3, 5])) == {"hamstrings": TherapistRule.RISING}
    assert rules(history(hamstrings=[2, 3, 3])) == {}  # not strictly rising
    assert rules(history(hamstrings=[3, 5])) == {}  # two check-ins are not three
    assert rules(history(hamstrings=[0, 1, 2])) == {}  # below the floor: noise
    assert rules(history(hamstrings=[5, 3, 4, 5])) == {"hamstrings": TherapistRule.RISING}


def test_one_reason_per_area_the_strongest_first() -> None:
    reasons = compute_trends(history(calves=[3, 6, 7, 8])).see_therapist
    assert [(r.area, r.rule, r.scores) for r in reasons] == [
        ("calves", TherapistRule.STAYS_TIGHT, (6, 7, 8))
    ]


# -- settled -----------------------------------------------------------------------------------


def test_settled_after_four_low_check_ins_in_a_row() -> None:
    assert compute_trends(history(calves=[5, 2, 1, 2, 0])).settled == ("calves",)
    assert compute_trends(history(calves=[2, 1, 2])).settled == ()
    assert compute_trends(history(calves=[2, 1, 3, 2])).settled == ()
    assert compute_trends(history(calves=[2, None, 1, 2, 0])).settled == ("calves",)


# -- summary -------------------------------------------------------------------------------------


def test_summary_lines_read_as_plain_sentences() -> None:
    hist = history(
        calves=[7, 6, 5, 3],
        glutes=[5, 6, 7, 6],
        lower_back=[None, 3, 4, 3],
        hamstrings=[2, 1, 2, 1],
        movement=[5, 6, 7, 8],
        efficiency=[Efficiency.SAME, Efficiency.BETTER, Efficiency.BETTER, Efficiency.BETTER],
    )
    assert compute_trends(hist).summary_lines(CATALOGUE) == [
        "Glutes stay tight (6 or more for 3 check-ins in a row): "
        "consider seeing a sports therapist.",
        "Calves are improving: 7 → 3 over 4 weeks.",
        "Lower back is steady: 3 → 3 over 3 weeks.",
        "Hamstrings have settled (2 or less for 4 check-ins in a row): "
        "they may no longer need targeting.",
        "Daily movement is easier: 5 → 8 out of 10 over 4 check-ins.",
        "Running efficiency in your last 4 answers: better 3, same 1.",
    ]


def test_summary_explains_rising_and_recurring_pain() -> None:
    lines = compute_trends(history(hamstrings=[2, 4, 5], lower_back=[6, 2, 7, 1, 6])).summary_lines(
        CATALOGUE
    )
    assert lines == [
        "Lower back is getting worse: 2 → 6 over 4 weeks. It keeps coming back "
        "(6 or more in 3 of the last 5 check-ins): consider seeing a sports therapist.",
        "Hamstrings are getting worse: 2 → 5 over 3 weeks. Soreness rose 3 check-ins in a row "
        "(2 → 4 → 5): consider seeing a sports therapist.",
    ]


def test_summary_names_unknown_areas_without_failing() -> None:
    lines = compute_trends(history(old_area=[3, 3])).summary_lines(CATALOGUE)
    assert lines == ["Old area is steady: 3 → 3 over 2 weeks."]


# -- emphasis and priorities ---------------------------------------------------------------------


def test_emphasis_weights() -> None:
    trends = compute_trends(
        history(
            glutes=[6, 7, 7],
            calves=[1, 2, 1, 0],
            hamstrings=[3, 4, 6],
            quads=[4, 4, 4],
            neck=[8, 5, 3],
            lower_back=[6, 1, 7, 2, 6],
        )
    )
    weights = emphasis(trends)
    assert weights["glutes"] > 1 and weights["lower_back"] > 1 and weights["hamstrings"] > 1
    assert weights["glutes"] >= weights["hamstrings"]
    assert weights["calves"] < 1
    assert weights["quads"] == 1.0
    assert weights["neck"] == 1.0  # still 3 but improving fast
    assert emphasis(compute_trends([])) == {}


def test_reprioritise_moves_sore_areas_up_and_settled_down() -> None:
    hist = history(calves=[2, 1, 2, 1], hip_flexors=[3, 3, 3, 3], glutes=[4, 5, 7, 7])
    order, reasons = reprioritise(["calves", "hip_flexors", "glutes"], hist, CATALOGUE)
    assert order == ["glutes", "hip_flexors", "calves"]
    assert reasons == [
        "Glutes moved up: soreness rising, 4 → 7 over 4 weeks.",
        "Calves moved down: 2 or less for 4 check-ins in a row.",
    ]


def test_reprioritise_reasons_for_tight_and_recently_sore() -> None:
    hist = history(calves=[3, 3, 3], glutes=[6, 7, 7], hamstrings=[5, 6, 6])
    order, reasons = reprioritise(["calves", "glutes", "hamstrings"], hist, CATALOGUE)
    assert order == ["glutes", "hamstrings", "calves"]
    assert reasons == [
        "Glutes moved up: 6 or more for 3 check-ins in a row (6, 7, 7).",
        "Hamstrings moved up: sore 6 at the last check-in.",
    ]
    hist = history(calves=[3, 3, 3], glutes=[7, 7, None])
    order, reasons = reprioritise(["calves", "glutes"], hist, CATALOGUE)
    assert order == ["glutes", "calves"]
    assert reasons == ["Glutes moved up: sore 7 in the week of 10 Mar."]


def test_reprioritise_keeps_order_without_history_or_changes() -> None:
    assert reprioritise(["glutes", "calves"], [], CATALOGUE) == (["glutes", "calves"], [])
    hist = history(calves=[8, 8, 8])
    # Already first: no move, no reason; unknown-to-history areas keep their place.
    assert reprioritise(["calves", "quads", "calves"], hist, CATALOGUE) == (
        ["calves", "quads"],
        [],
    )


def test_reprioritise_does_not_move_improving_areas() -> None:
    hist = history(calves=[2, 2, 2], glutes=[9, 7, 5])
    assert reprioritise(["calves", "glutes"], hist, CATALOGUE) == (["calves", "glutes"], [])
