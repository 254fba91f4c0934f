"""The routine planner: a pure function from a runner's situation to a `Routine`.

It follows the routine rules of DESIGN.md. Choice under the time budget is by value, not first
fit: the candidate pieces (the closing pair, each area's two stretches, the walk, the dynamic
sequence, the upper-body block, second passes, ...) are tried in order of value, each kept only if
the whole routine, transitions and side switches included, still fits. What does not fit is
reported with the reason. Spare seconds then lengthen the holds from 20 toward 30 s and the walk
from 2 toward 3 minutes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from bot.rules.catalogue import Catalogue, Kind, Position, Stretch
from bot.rules.routine import MAX_MINUTES, MIN_MINUTES, LeftOut, Routine, RunType, Side, Step

FILLER = "filler"


class PlanError(ValueError):
    """The request itself is wrong (minutes out of range, an area id that does not exist)."""


@dataclass(frozen=True)
class PlanRequest:
    tight: Sequence[str] = ()
    minutes: int = 10
    run: RunType = RunType.EASY
    today: Sequence[str] = ()
    avoid: frozenset[str] = frozenset()
    # From the weekly check-ins: > 1 for areas that stay sore (their second pass and longer
    # holds come first), < 1 for settled ones (one stretch keeps them loose).
    emphasis: Mapping[str, float] = field(default_factory=dict)


class Role(IntEnum):
    WALK = 0
    DYNAMIC = 1
    TARGET = 2
    UPPER = 3
    FINISH = 4
    REMINDER = 5


@dataclass(frozen=True, slots=True)
class Slot:
    """A stretch placed in the routine: which pass, which block, how important."""

    stretch: Stretch
    role: Role
    rank: int
    pass_number: int = 1
    replaces: Stretch | None = None
    # Place inside a fixed block (the closing pair keeps its order even when substituted).
    order: int = 0
    # (stretch id, pass): what the routine holds at most once. Stored, as the planner's
    # inner loops ask for it constantly.
    key: tuple[str, int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (self.stretch.id, self.pass_number))


@dataclass
class Item:
    """A candidate piece of the routine, kept whole or not at all (or its fallback)."""

    slots: list[Slot]
    what: str
    why: str = ""
    fallback: list[Slot] | None = None
    report: bool = True
    gated: bool = False
    group: str = ""


@dataclass
class Draft:
    slots: list[Slot] = field(default_factory=list)
    walk_seconds: int = 0
    holds: dict[tuple[str, int], int] = field(default_factory=dict)
    keys: set[tuple[str, int]] = field(default_factory=set)
    # Kept sorted in routine order, with the running sum of seconds spent moving or holding,
    # so trying one more piece costs a merge and one pass instead of a rebuild.
    layout: list[tuple[tuple[int, ...], Position, Role]] = field(default_factory=list)
    active_seconds: int = 0
    serving: dict[str, list[Slot]] = field(default_factory=dict)

    def has(self, stretch_id: str, pass_number: int = 1) -> bool:
        return (stretch_id, pass_number) in self.keys


def plan(request: PlanRequest, catalogue: Catalogue) -> Routine:
    _validate(request, catalogue)
    return _Planner(request, catalogue).build()


def _validate(request: PlanRequest, catalogue: Catalogue) -> None:
    if not MIN_MINUTES <= request.minutes <= MAX_MINUTES:
        raise PlanError(f"minutes must be between {MIN_MINUTES} and {MAX_MINUTES}")
    known = {area.id for area in catalogue.areas}
    unknown = [a for a in (*request.tight, *request.today) if a not in known]
    if unknown:
        raise PlanError(f"unknown area id {unknown[0]!r}")
    if request.run.value not in catalogue.rules.run:
        raise PlanError(f"no rules for run type {request.run.value!r}")


class _Planner:
    def __init__(self, request: PlanRequest, catalogue: Catalogue) -> None:
        self.request = request
        self.catalogue = catalogue
        self.rules = catalogue.rules
        self.timing = catalogue.rules.timing
        self.run_rule = catalogue.rules.run[request.run.value]
        self.budget = request.minutes * 60
        self.draft = Draft()
        self.left_out: list[tuple[str, LeftOut]] = []
        self.notes: list[str] = []
        wanted = list(dict.fromkeys((*request.today, *request.tight)))
        self.general = not wanted
        self.areas = tuple(wanted or catalogue.general_areas)[: self.rules.max_areas]
        self.rank = {area: i for i, area in enumerate(self.areas)}
        self.picks: dict[str, list[Slot]] = {}
        self._candidate_cache: dict[str, list[tuple[Stretch, Stretch | None]]] = {}
        self._filled: list[str] = []
        self._position_rank = {p: i for i, p in enumerate(self.rules.position_order)}
        for area in wanted[self.rules.max_areas :]:
            why = (
                f"one routine targets your {self.rules.max_areas} tightest areas; "
                "reorder your list to bring it in"
            )
            self._leave_out(catalogue.area_name(area), why)

    # -- building --------------------------------------------------------------------------

    def build(self) -> Routine:
        self._note_run_type()
        for item in self._items():
            self._try(item)
        self._spend_spare_seconds()
        if self._filled:
            self.notes.append(
                f"Spare minutes went to the usual culprits: {', '.join(self._filled)}."
            )
        steps = self._steps(self._ordered(self.draft.slots))
        return Routine(
            steps=tuple(steps),
            minutes=self.request.minutes,
            run=self.request.run,
            areas=self.areas,
            general=self.general,
            left_out=self._merged_left_out(),
            notes=tuple(dict.fromkeys(self.notes)),
        )

    def _items(self) -> Iterable[Item]:
        yield self._finish_item()
        for area in self.areas:
            yield self._area_item(area)
        walk, *dynamic = self._opening_items()
        yield walk
        yield from self._favour_items()
        yield from dynamic
        yield from self._upper_body_items()
        for area in sorted(self.areas, key=lambda a: (-self._weight(a), self.rank[a])):
            yield self._second_pass_item(area)
        yield from self._filler_items()

    def _leave_out(self, what: str, why: str, group: str = "") -> None:
        self.left_out.append((group, LeftOut(what, why)))

    def _merged_left_out(self) -> tuple[LeftOut, ...]:
        """One line per group and reason: "Dynamic sequence (leg swings, ankle rolls)"."""
        merged: dict[tuple[str, str], list[str]] = {}
        for group, item in self.left_out:
            key = (group or item.what, item.why)
            merged.setdefault(key, []).append(item.what)
        return tuple(
            LeftOut(
                f"{label} ({', '.join(w.lower() for w in whats)})" if label != whats[0] else label,
                why,
            )
            for (label, why), whats in merged.items()
        )

    def _try(self, item: Item) -> None:
        if item.gated and not self._areas_complete():
            if item.report:
                self._leave_out(item.what, "not every area has its two stretches yet", item.group)
            return
        for candidate in (item.slots, item.fallback):
            fresh = [s for s in candidate or [] if not self.draft.has(*s.key)]
            if fresh and self._fits(fresh):
                self._add(fresh)
                if item.group == FILLER:
                    self._filled.append(item.what.lower())
                if candidate is item.fallback and item.report:
                    self._report_missing(item)
                return
        if item.slots and item.report:
            self._leave_out(item.what, item.why or self._no_time(), item.group)

    def _report_missing(self, item: Item) -> None:
        missing = [s.stretch.name for s in item.slots if not self.draft.has(*s.key)]
        if missing:
            self._leave_out(f"{item.what}: {', '.join(missing)}", self._no_time())

    def _add(self, slots: list[Slot]) -> None:
        for slot in slots:
            self.draft.slots.append(slot)
            self.draft.keys.add(slot.key)
            if slot.replaces is not None:
                self.notes.append(
                    f"You avoid the {slot.replaces.name.lower()}: "
                    f"{slot.stretch.name.lower()} instead."
                )
            if slot.role is Role.WALK:
                self.draft.walk_seconds = self._walk_floor()
            elif slot.stretch.kind is Kind.STRETCH:
                self.draft.holds[slot.key] = slot.stretch.hold_range[0]
            self.draft.active_seconds += self._active(slot, self.draft)
            bisect.insort(self.draft.layout, self._place(slot))
            if slot.pass_number == 1 and slot.stretch.kind is Kind.STRETCH:
                for area in slot.stretch.areas:
                    self.draft.serving.setdefault(area, []).append(slot)

    def _fits(self, extra: list[Slot]) -> bool:
        layout = list(self.draft.layout)
        active = self.draft.active_seconds
        for slot in extra:
            bisect.insort(layout, self._place(slot))
            active += self._initial_active(slot)
        return active + self._transitions(layout) <= self.budget

    def _place(self, slot: Slot) -> tuple[tuple[int, ...], Position, Role]:
        return (self._sort_key(slot), slot.stretch.position, slot.role)

    def _initial_active(self, slot: Slot) -> int:
        stretch = slot.stretch
        if stretch.kind is Kind.STRETCH:
            switch = self.timing.side_switch * (stretch.sides - 1)
            return stretch.hold_range[0] * stretch.sides + switch
        if stretch.kind is Kind.WALK:
            return self._walk_floor()
        return self._active(slot, self.draft)

    def _transitions(self, layout: list[tuple[tuple[int, ...], Position, Role]]) -> int:
        settle, reposition = self.timing.settle, self.timing.reposition
        total = 0
        previous: Position | None = None
        for _, position, role in layout:
            if role is Role.WALK or role is Role.REMINDER:
                pass
            elif previous is None:
                total += 0 if position is Position.STANDING else reposition
            else:
                total += settle if position is previous else reposition
            if role is not Role.REMINDER:
                previous = position
        return total

    def _walk_floor(self) -> int:
        """2 minutes, or the full 3 after a long run or a race, where the walk matters most."""
        low, high = self.catalogue.stretch(self.rules.walk).walk_range
        return high if self.run_rule.long_walk else low

    def _no_time(self) -> str:
        return f"no time left in {self.request.minutes} min; the higher-priority parts came first"

    # -- candidate pieces ---------------------------------------------------------------------

    def _finish_item(self) -> Item:
        slots = [
            slot
            for order, stretch_id in enumerate(self.rules.finish)
            if (slot := self._usable(stretch_id, Role.FINISH, rank=0, order=order)) is not None
        ]
        reminder = self.catalogue.stretch(self.rules.reminder)
        slots.append(Slot(reminder, Role.REMINDER, rank=0))
        return Item(slots, "Closing quad and calf stretches")

    def _opening_items(self) -> list[Item]:
        """The walk first, then one item per dynamic movement; avoided ones are empty."""
        items = []
        for stretch_id in (self.rules.walk, *self.rules.dynamic):
            stretch = self.catalogue.stretch(stretch_id)
            role = Role.WALK if stretch.kind is Kind.WALK else Role.DYNAMIC
            if stretch.id in self.request.avoid:
                self._leave_out(stretch.name, "you avoid it")
                items.append(Item([], stretch.name, report=False))
                continue
            why = ""
            if role is Role.WALK:
                why = "not enough time; walk easy for a couple of minutes on your way back"
            group = "" if role is Role.WALK else "Dynamic sequence"
            items.append(Item([Slot(stretch, role, rank=0)], stretch.name, why=why, group=group))
        return items

    def _weight(self, area: str) -> float:
        return self.request.emphasis.get(area, 1.0)

    def _area_item(self, area: str) -> Item:
        rank = self.rank[area]
        picks = self._pick(area, rank)
        name = self.catalogue.area_name(area)
        if self._weight(area) < 1 and len(picks) > 1:
            picks = picks[:1]
            self.notes.append(f"{name} has settled lately: one stretch keeps it that way.")
        self.picks[area] = picks
        if not picks:
            return Item([], name, why="every stretch for it is on your avoid list")
        return Item(picks, name, fallback=picks[:1])

    def _favour_items(self) -> Iterable[Item]:
        for stretch_id in self.run_rule.favour:
            slot = self._usable(stretch_id, Role.TARGET, rank=len(self.areas))
            if slot is None or self._planned_anywhere(slot.stretch.id):
                continue
            yield Item([slot], f"{slot.stretch.name} (after a {self.run_rule.label})")

    def _upper_body_items(self) -> Iterable[Item]:
        for order, stretch_id in enumerate(self.rules.upper_body):
            slot = self._usable(stretch_id, Role.UPPER, rank=len(self.areas) + 1, order=order)
            if slot is not None:
                yield Item([slot], slot.stretch.name, group="Upper-body block")

    def _second_pass_item(self, area: str) -> Item:
        slots = [
            Slot(s.stretch, s.role, s.rank, pass_number=2)
            for s in self.picks.get(area, [])
            if s.role is Role.TARGET and self.draft.has(s.stretch.id)
        ]
        name = self.catalogue.area_name(area)
        return Item(slots, name, gated=True, report=bool(slots), group="Second pass")

    def _filler_items(self) -> Iterable[Item]:
        """Spare minutes go to the article's common culprits rather than sitting idle."""
        if self.general:
            return
        for area in self.catalogue.general_areas:
            if area in self.areas:
                continue
            picks = self._pick(area, rank=len(self.areas) + 2)
            if len(picks) + self._coverage(area) >= 2:
                yield Item(picks, self.catalogue.area_name(area), report=False, group=FILLER)

    # -- choosing stretches --------------------------------------------------------------------

    def _usable(self, stretch_id: str, role: Role, rank: int, order: int = 0) -> Slot | None:
        """A slot for the stretch, or for the first alternative the member does not avoid."""
        stretch = self.catalogue.stretch(stretch_id)
        if stretch.id not in self.request.avoid:
            return Slot(stretch, role, rank, order=order)
        alternatives = [self.catalogue.stretch(alt_id) for alt_id in stretch.alternatives]
        same_area = self.catalogue.stretches_for(stretch.areas[0]) if stretch.areas else ()
        for alt in (*alternatives, *same_area):
            if alt.id not in self.request.avoid and set(alt.areas) & set(stretch.areas):
                return Slot(alt, role, rank, replaces=stretch, order=order)
        self._leave_out(stretch.name, "you avoid it and nothing replaces it")
        return None

    def _candidates(self, area: str) -> list[tuple[Stretch, Stretch | None]]:
        """Stretches for an area in preference order; an avoided one yields its alternatives."""
        if area not in self._candidate_cache:
            self._candidate_cache[area] = self._rank_candidates(area)
        return self._candidate_cache[area]

    def _rank_candidates(self, area: str) -> list[tuple[Stretch, Stretch | None]]:
        favoured = [
            self.catalogue.stretch(sid)
            for sid in self.run_rule.favour
            if area in self.catalogue.stretch(sid).areas
        ]
        pool: dict[str, Stretch] = {}
        for stretch in (*favoured, *self.catalogue.stretches_for(area)):
            pool.setdefault(stretch.id, stretch)
        ordered: list[tuple[Stretch, Stretch | None]] = []
        for stretch in pool.values():
            if stretch.id not in self.request.avoid:
                ordered.append((stretch, None))
                continue
            for alt_id in stretch.alternatives:
                alt = self.catalogue.stretch(alt_id)
                if area in alt.areas and alt.id not in self.request.avoid:
                    ordered.append((alt, stretch))
        first_seen = {stretch.id: (stretch, replaced) for stretch, replaced in reversed(ordered)}
        return [first_seen[sid] for sid in dict.fromkeys(s.id for s, _ in ordered)]

    def _pick(self, area: str, rank: int) -> list[Slot]:
        """Two stretches for the area on different vectors.

        A stretch already placed in the routine for another reason (the closing quad stretch,
        a twist shared with another area) counts when the area would have chosen it anyway,
        so it is never repeated and never crowds out the article's own pair.
        """
        vectors = {s.stretch.vector for s in self._serving(area) if s.role is Role.TARGET}
        picks: list[Slot] = []
        for stretch, replaced in self._candidates(area):
            if len(vectors) >= 2:
                break
            if stretch.vector in vectors:
                continue
            vectors.add(stretch.vector)
            if not self._planned_anywhere(stretch.id):
                role, order = self._role_for(stretch.id), self._block_order(stretch.id)
                picks.append(Slot(stretch, role, rank, replaces=replaced, order=order))
        return picks

    def _block_order(self, stretch_id: str) -> int:
        block = self.rules.upper_body
        return block.index(stretch_id) if stretch_id in block else 0

    def _role_for(self, stretch_id: str) -> Role:
        if stretch_id in self.rules.upper_body:
            return Role.UPPER
        return Role.TARGET

    def _serving(self, area: str) -> list[Slot]:
        """First-pass stretches already in the routine that serve the area."""
        return self.draft.serving.get(area, [])

    def _coverage(self, area: str) -> int:
        """Distinct vectors of the stretches in the routine that serve the area."""
        return len({s.stretch.vector for s in self._serving(area)})

    def _planned_anywhere(self, stretch_id: str) -> bool:
        return self.draft.has(stretch_id)

    def _areas_complete(self) -> bool:
        """Every targeted area has two vectors, or has used every stretch it could."""
        for area in self.areas:
            needed = 1 if self._weight(area) < 1 else 2
            if self._coverage(area) >= needed:
                continue
            if self._pick(area, self.rank[area]):
                return False
        return True

    # -- spare seconds -------------------------------------------------------------------------

    def _spend_spare_seconds(self) -> None:
        self._lengthen_holds()
        self._lengthen_walk()

    def _lengthen_holds(self) -> None:
        step = self.timing.hold_step
        weight_of_rank = {rank: self._weight(area) for area, rank in self.rank.items()}
        stretches = sorted(
            (s for s in self.draft.slots if s.stretch.kind is Kind.STRETCH),
            key=lambda s: (-weight_of_rank.get(s.rank, 1.0), s.rank, s.pass_number),
        )
        spare = self.budget - self._total(self.draft)
        grew = True
        while grew:
            grew = False
            for slot in stretches:
                now = self.draft.holds[slot.key]
                cost = step * slot.stretch.sides
                if now + step <= slot.stretch.hold_range[1] and cost <= spare:
                    self.draft.holds[slot.key] = now + step
                    self.draft.active_seconds += cost
                    spare -= cost
                    grew = True

    def _lengthen_walk(self) -> None:
        if not any(s.role is Role.WALK for s in self.draft.slots):
            return
        walk = self.catalogue.stretch(self.rules.walk)
        spare = self.budget - self._total(self.draft)
        room = walk.walk_range[1] - self.draft.walk_seconds
        step = self.timing.walk_step
        extra = min(room, spare) // step * step
        self.draft.walk_seconds += extra
        self.draft.active_seconds += extra

    # -- order and time ------------------------------------------------------------------------

    def _ordered(self, slots: list[Slot]) -> list[Slot]:
        return sorted(slots, key=self._sort_key)

    def _sort_key(self, slot: Slot) -> tuple[int, ...]:
        """Opening, targeted stretches by position then pass then demand, upper body, closing."""
        stretch = slot.stretch
        if slot.role is Role.DYNAMIC:
            return (slot.role, self.rules.dynamic.index(stretch.id))
        if slot.role is Role.TARGET:
            group = self._position_rank[stretch.position]
            return (slot.role, group, slot.pass_number, stretch.demand, slot.rank)
        if slot.role in (Role.UPPER, Role.FINISH):
            return (slot.role, slot.order, slot.pass_number)
        return (slot.role,)

    def _total(self, draft: Draft) -> int:
        return draft.active_seconds + self._transitions(draft.layout)

    def _active(self, slot: Slot, draft: Draft) -> int:
        stretch = slot.stretch
        switch = self.timing.side_switch * (stretch.sides - 1)
        if stretch.kind is Kind.STRETCH:
            return draft.holds[slot.key] * stretch.sides + switch
        if stretch.kind is Kind.DYNAMIC:
            return stretch.dynamic_seconds * stretch.sides + switch
        if stretch.kind is Kind.WALK:
            return draft.walk_seconds
        return 0

    def _steps(self, ordered: list[Slot], draft: Draft | None = None) -> list[Step]:
        draft = draft or self.draft
        steps: list[Step] = []
        previous: Position | None = None
        for slot in ordered:
            transition = self._transition(slot, previous)
            steps.append(self._step(slot, transition, draft))
            if slot.role is not Role.REMINDER:
                previous = slot.stretch.position
        return steps

    def _transition(self, slot: Slot, previous: Position | None) -> int:
        return self._transition_between(slot.role, slot.stretch.position, previous)

    def _transition_between(self, role: Role, here: Position, previous: Position | None) -> int:
        if role in (Role.WALK, Role.REMINDER):
            return 0
        if previous is None:
            return 0 if here is Position.STANDING else self.timing.reposition
        return self.timing.settle if here is previous else self.timing.reposition

    def _step(self, slot: Slot, transition: int, draft: Draft) -> Step:
        stretch = slot.stretch
        sides = stretch.sides
        switch = self.timing.side_switch * (sides - 1)
        hold: int | None = None
        if stretch.kind is Kind.STRETCH:
            hold = draft.holds[slot.key]
            seconds = transition + hold * sides + switch
        elif stretch.kind is Kind.DYNAMIC:
            seconds = transition + stretch.dynamic_seconds * sides + switch
        elif stretch.kind is Kind.WALK:
            seconds, switch = draft.walk_seconds, 0
        else:
            seconds, switch = 0, 0
        second = slot.pass_number == 2
        return Step(
            id=stretch.id,
            name=f"{stretch.name} (second pass)" if second else stretch.name,
            kind=stretch.kind,
            areas=stretch.areas,
            vector=stretch.vector,
            position=stretch.position,
            demand=stretch.demand,
            side=Side.EACH if stretch.per_side and stretch.kind is not Kind.WALK else None,
            seconds=seconds,
            hold_seconds=hold,
            transition_seconds=transition,
            switch_seconds=switch,
            how=stretch.how,
            cue=(stretch.second_pass or stretch.cue) if second else stretch.cue,
            pass_number=slot.pass_number,
        )

    def _note_run_type(self) -> None:
        favour = [self.catalogue.stretch(s).name.lower() for s in self.run_rule.favour]
        if favour:
            self.notes.append(
                f"After a {self.run_rule.label} the {' and the '.join(favour)} are favoured: "
                "slow holds for the posterior chain and the glutes."
            )
        if self.general:
            self.notes.append(
                "No tight areas stored yet: a general routine for the usual culprits. "
                "Add yours with /tight add."
            )
