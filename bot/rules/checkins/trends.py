"""What a member's weekly check-ins say over time, and how the routine should adapt.

Rules, per area, on the area's own scores in week order (a check-in that did not score the area
neither breaks nor extends its runs: a missing answer is not a low score):

- Direction over the last `RECENT` scores: improving when soreness fell by `CHANGE` points or
  more from the first to the last of them, worsening when it rose by as much, steady otherwise;
  "stays tight" when the last `TIGHT_RUN` scores are all `TIGHT` or more; "new" with one score.
- See a sports therapist (docs/ARCHITECTURE.md; the article: "persistent tightness or recurring
  pain"),
  first matching rule per area:
  1. stays tight: the last `TIGHT_RUN` (3) scores are all `TIGHT` (6) or more;
  2. keeps coming back: `TIGHT` or more in at least `RECURRING_COUNT` (3) of the last
     `RECURRING_WINDOW` (5) scores, not necessarily in a row;
  3. rising: the last `RISING_RUN` (3) scores strictly rise (w1 < w2 < w3) and the last is at
     least `RISING_FLOOR` (4), so that 0 -> 1 -> 2 is not sent to a therapist.
- Settled: the last `SETTLED_RUN` (4) scores are all `SETTLED` (2) or less; the area may no
  longer need targeting.

History is taken as given: pass the window that matters (the bot passes the last weeks it
keeps). Several check-ins in one week keep the last one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from bot.rules.catalogue import Catalogue, default_catalogue
from bot.rules.checkins.parser import Efficiency

TIGHT = 6
TIGHT_RUN = 3
RECURRING_WINDOW = 5
RECURRING_COUNT = 3
RISING_RUN = 3
RISING_FLOOR = 4
SETTLED = 2
SETTLED_RUN = 4
RECENT = 4
CHANGE = 2

# Planner weights: more of the time budget for areas that stay sore, less for settled ones.
WEIGHT_TIGHT = 1.5
WEIGHT_SORE = 1.25
WEIGHT_SETTLED = 0.5
# An area moves up the priority order when it is at least this sore and not improving...
SORE_UP = 6
# ...or when it is worsening and at least this sore.
WORSENING_UP = 4

THERAPIST = "consider seeing a sports therapist"


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeeklyCheckIn:
    week: date
    soreness: dict[str, int] = field(default_factory=dict)
    movement: int | None = None
    efficiency: Efficiency | None = None


class Direction(StrEnum):
    IMPROVING = "improving"
    STEADY = "steady"
    WORSENING = "worsening"
    STAYS_TIGHT = "stays_tight"
    NEW = "new"


class TherapistRule(StrEnum):
    STAYS_TIGHT = "stays_tight"
    KEEPS_COMING_BACK = "keeps_coming_back"
    RISING = "rising"


@dataclass(frozen=True)
class TherapistReason:
    area: str
    rule: TherapistRule
    # The scores the rule looked at, oldest first.
    scores: tuple[int, ...]


@dataclass(frozen=True)
class AreaTrend:
    area: str
    direction: Direction
    # Every score of the area and its week, oldest first.
    scores: tuple[int, ...]
    weeks: tuple[date, ...]

    @property
    def latest(self) -> int:
        return self.scores[-1]

    @property
    def recent(self) -> tuple[int, ...]:
        return self.scores[-RECENT:]

    @property
    def recent_weeks(self) -> int:
        """Calendar weeks the recent scores span, both ends included."""
        window = self.weeks[-RECENT:]
        return (window[-1] - window[0]).days // 7 + 1

    @property
    def tight_run(self) -> int:
        """How many of the latest scores in a row are `TIGHT` or more."""
        return _run_length(self.scores, lambda v: v >= TIGHT)


@dataclass(frozen=True)
class Trends:
    areas: dict[str, AreaTrend]
    see_therapist: tuple[TherapistReason, ...]
    settled: tuple[str, ...]
    movement: tuple[int, ...]
    efficiency: tuple[Efficiency, ...]
    check_ins: int
    latest_week: date | None

    def therapist_reason(self, area: str) -> TherapistReason | None:
        return next((r for r in self.see_therapist if r.area == area), None)

    def summary_lines(self, catalogue: Catalogue) -> list[str]:
        """Plain sentences for /progress, the areas needing attention first."""
        if not self.check_ins:
            return ["No check-ins yet."]
        flagged = {r.area for r in self.see_therapist}
        order = sorted(
            self.areas.values(),
            key=lambda t: (t.area not in flagged, t.area in self.settled, -t.latest),
        )
        lines = [self._area_line(trend, _Name(catalogue, trend.area)) for trend in order]
        lines += _movement_lines(self.movement)
        lines += _efficiency_lines(self.efficiency)
        return lines

    def _area_line(self, trend: AreaTrend, name: _Name) -> str:
        reason = self.therapist_reason(trend.area)
        if trend.direction is Direction.STAYS_TIGHT:
            return (
                f"{name} {name.verb('stay', 'stays')} tight ({TIGHT} or more for "
                f"{trend.tight_run} check-ins in a row): {THERAPIST}."
            )
        if trend.area in self.settled:
            line = (
                f"{name} {name.verb('have', 'has')} settled ({SETTLED} or less for "
                f"{SETTLED_RUN} check-ins in a row): {name.pronoun} may no longer need targeting."
            )
        elif trend.direction is Direction.NEW:
            line = f"{name}: {trend.latest} at the first check-in."
        else:
            words = {
                Direction.IMPROVING: "improving",
                Direction.WORSENING: "getting worse",
                Direction.STEADY: "steady",
            }[trend.direction]
            line = (
                f"{name} {name.verb('are', 'is')} {words}: {_arrow(trend.recent)} "
                f"over {_weeks(trend.recent_weeks)}."
            )
        if reason is not None and reason.rule is TherapistRule.KEEPS_COMING_BACK:
            line += (
                f" {name.pronoun.capitalize()} {name.verb('keep', 'keeps')} coming back "
                f"({TIGHT} or more in {sum(v >= TIGHT for v in reason.scores)} of the last "
                f"{len(reason.scores)} check-ins): {THERAPIST}."
            )
        elif reason is not None and reason.rule is TherapistRule.RISING:
            line += (
                f" Soreness rose {len(reason.scores)} check-ins in a row "
                f"({' → '.join(map(str, reason.scores))}): {THERAPIST}."
            )
        return line


def compute_trends(history: Iterable[WeeklyCheckIn]) -> Trends:
    by_week = {c.week: c for c in sorted(history, key=lambda c: c.week)}
    check_ins = list(by_week.values())
    series: dict[str, list[tuple[date, int]]] = {}
    for check_in in check_ins:
        for area, value in check_in.soreness.items():
            series.setdefault(area, []).append((check_in.week, value))
    areas = {
        area: AreaTrend(
            area,
            _direction([v for _, v in points]),
            tuple(v for _, v in points),
            tuple(w for w, _ in points),
        )
        for area, points in series.items()
    }
    reasons = [r for t in areas.values() if (r := _therapist(t)) is not None]
    settled = [
        t.area
        for t in areas.values()
        if len(t.scores) >= SETTLED_RUN and all(v <= SETTLED for v in t.scores[-SETTLED_RUN:])
    ]
    return Trends(
        areas=areas,
        see_therapist=tuple(reasons),
        settled=tuple(settled),
        movement=tuple(c.movement for c in check_ins if c.movement is not None),
        efficiency=tuple(c.efficiency for c in check_ins if c.efficiency is not None),
        check_ins=len(check_ins),
        latest_week=check_ins[-1].week if check_ins else None,
    )


def emphasis(trends: Trends) -> dict[str, float]:
    """A weight per area for the planner's time budget: > 1 more time, < 1 less, 1 as usual."""
    weights: dict[str, float] = {}
    for area, trend in trends.areas.items():
        if area in trends.settled:
            weights[area] = WEIGHT_SETTLED
        elif trend.direction is Direction.STAYS_TIGHT or trends.therapist_reason(area):
            weights[area] = WEIGHT_TIGHT
        elif _stays_sore(trend):
            weights[area] = WEIGHT_SORE
        else:
            weights[area] = 1.0
    return weights


def reprioritise(
    tight_in_order: Sequence[str],
    history: Iterable[WeeklyCheckIn],
    catalogue: Catalogue | None = None,
) -> tuple[list[str], list[str]]:
    """The member's tight areas in a new priority order, and why each move happened.

    Sore areas that are not getting better move to the front (sorest first); settled areas
    move to the back; the rest keep the member's order. Areas the check-ins never scored stay
    where the member put them relative to the others.
    """
    catalogue = catalogue or default_catalogue()
    trends = compute_trends(history)
    order = list(dict.fromkeys(tight_in_order))
    up = [a for a in order if a in trends.areas and _moves_up(trends, trends.areas[a])]
    down = [a for a in order if a in trends.settled and a not in up]
    up.sort(key=lambda a: -trends.areas[a].latest)
    new_order = up + [a for a in order if a not in up and a not in down] + down
    reasons: list[str] = []
    for area in new_order:
        name = _Name(catalogue, area)
        trend = trends.areas.get(area)
        if trend is None:
            continue
        before, after = order.index(area), new_order.index(area)
        if area in up and after < before:
            reasons.append(f"{name} moved up: {_why_up(trends, trend)}.")
        elif area in down and after > before:
            reasons.append(
                f"{name} moved down: {SETTLED} or less for {SETTLED_RUN} check-ins in a row."
            )
    return new_order, reasons


# -- rules -------------------------------------------------------------------------------------


def _direction(scores: Sequence[int]) -> Direction:
    if len(scores) < 2:
        return Direction.NEW
    if len(scores) >= TIGHT_RUN and all(v >= TIGHT for v in scores[-TIGHT_RUN:]):
        return Direction.STAYS_TIGHT
    window = scores[-RECENT:]
    change = window[-1] - window[0]
    if change <= -CHANGE:
        return Direction.IMPROVING
    if change >= CHANGE:
        return Direction.WORSENING
    return Direction.STEADY


def _therapist(trend: AreaTrend) -> TherapistReason | None:
    scores = trend.scores
    last = scores[-TIGHT_RUN:]
    if len(last) == TIGHT_RUN and all(v >= TIGHT for v in last):
        return TherapistReason(trend.area, TherapistRule.STAYS_TIGHT, last)
    window = scores[-RECURRING_WINDOW:]
    if sum(v >= TIGHT for v in window) >= RECURRING_COUNT:
        return TherapistReason(trend.area, TherapistRule.KEEPS_COMING_BACK, window)
    rising = scores[-RISING_RUN:]
    if (
        len(rising) == RISING_RUN
        and all(a < b for a, b in pairwise(rising))
        and rising[-1] >= RISING_FLOOR
    ):
        return TherapistReason(trend.area, TherapistRule.RISING, rising)
    return None


def _stays_sore(trend: AreaTrend) -> bool:
    if trend.direction is Direction.WORSENING:
        return trend.latest >= WORSENING_UP
    return trend.latest >= SORE_UP and trend.direction is not Direction.IMPROVING


def _moves_up(trends: Trends, trend: AreaTrend) -> bool:
    if trend.area in trends.settled:
        return False
    return trend.direction is Direction.STAYS_TIGHT or _stays_sore(trend)


def _why_up(trends: Trends, trend: AreaTrend) -> str:
    if trend.direction is Direction.STAYS_TIGHT:
        run = trend.scores[-trend.tight_run :]
        return f"{TIGHT} or more for {len(run)} check-ins in a row ({', '.join(map(str, run))})"
    if trend.direction is Direction.WORSENING:
        return f"soreness rising, {_arrow(trend.recent)} over {_weeks(trend.recent_weeks)}"
    if trend.weeks[-1] == trends.latest_week:
        when = "at the last check-in"
    else:
        week = trend.weeks[-1]
        when = f"in the week of {week.day} {week:%b}"
    return f"sore {trend.latest} {when}"


def _run_length(scores: Sequence[int], keep: Callable[[int], bool]) -> int:
    count = 0
    for value in reversed(scores):
        if not keep(value):
            break
        count += 1
    return count


# -- wording -----------------------------------------------------------------------------------


class _Name:
    """An area's display name, with the grammar its sentences need."""

    def __init__(self, catalogue: Catalogue, area: str) -> None:
        try:
            full = catalogue.area_name(area)
        except KeyError:
            full = area.replace("_", " ").capitalize()
        self.text = full
        core = full.split(" (")[0]
        self.plural = core.endswith("s") or " and " in core

    def __str__(self) -> str:
        return self.text

    def verb(self, plural: str, singular: str) -> str:
        return plural if self.plural else singular

    @property
    def pronoun(self) -> str:
        return "they" if self.plural else "it"


def _arrow(scores: Sequence[int]) -> str:
    return f"{scores[0]} → {scores[-1]}"


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def _movement_lines(movement: Sequence[int]) -> list[str]:
    if not movement:
        return []
    if len(movement) == 1:
        return [f"Ease of daily movement: {movement[0]} out of 10 at the first check-in."]
    window = movement[-RECENT:]
    change = window[-1] - window[0]
    if change >= CHANGE:
        how = "is easier"
    elif change <= -CHANGE:
        how = "is harder"
    else:
        how = "is about the same"
    return [f"Daily movement {how}: {_arrow(window)} out of 10 over {len(window)} check-ins."]


def _efficiency_lines(answers: Sequence[Efficiency]) -> list[str]:
    if not answers:
        return []
    window = answers[-RECENT:]
    counts = [f"{e.value} {window.count(e)}" for e in Efficiency if e in window]
    last = "answer" if len(window) == 1 else f"{len(window)} answers"
    return [f"Running efficiency in your last {last}: {', '.join(counts)}."]


__all__ = [
    "AreaTrend",
    "Direction",
    "TherapistReason",
    "TherapistRule",
    "Trends",
    "WeeklyCheckIn",
    "compute_trends",
    "emphasis",
    "reprioritise",
    "week_start",
]
