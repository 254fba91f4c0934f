"""What the planner works out once per catalogue, so that a request only chooses.

The catalogue is fixed once loaded: each stretch's seconds, its place in the routine's order and
what getting into it costs, the substitutes for an avoided stretch, each area's candidates after
each run type, the slots a routine can hold and the finished steps are the same for every
request, so they are built once here and shared by the routines.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

from bot.rules.catalogue import Catalogue, Kind, Position, RunRule, Stretch
from bot.rules.routine import LeftOut, Side, Step


class Role(IntEnum):
    WALK = 0
    DYNAMIC = 1
    TARGET = 2
    UPPER = 3
    FINISH = 4
    REMINDER = 5


@dataclass(frozen=True, slots=True, eq=False)
class Piece:
    """A catalogue entry with the figures the planner asks of it, worked out once."""

    stretch: Stretch
    # Its place in the catalogue.
    number: int
    id: str
    name: str
    kind: Kind
    areas: tuple[str, ...]
    vector: str | None
    # The vector as a bit of its own among the catalogue's (no vector has one too): an area's
    # vectors are a mask, counted and compared without a set.
    vector_bit: int
    position: Position
    # Place of the position in the routine's order, standing first.
    position_rank: int
    demand: int
    sides: int
    # Seconds spent switching sides within the piece.
    switch: int
    # Seconds of moving or holding when placed: the shortest hold on every side and the
    # switch, a dynamic movement's duration, the walk's floor.
    seconds: int
    # Role and place in the upper-body block when an area picks it.
    pick_role: Role
    pick_order: int
    # Place in the dynamic sequence.
    dynamic_order: int
    # costs[before + 1]: seconds to get into it from position `before`, -1 opening the routine.
    costs: tuple[int, ...]
    # Seconds of holding at the longest hold spare time can reach, and what one step adds.
    longest: int
    grow: int
    # Steps of `grow` from the shortest hold to the longest.
    hold_steps: int
    # Whether it is held (a stretch), rather than moved through or a reminder. Enum members
    # are slow to look up, and the planner asks this constantly.
    is_stretch: bool
    # Its key in the routine's first pass (see `Slot.key`), asked for constantly.
    first_pass_key: int
    # For a movement cut short: the movement in full.
    full: Piece | None = None


@dataclass(frozen=True, slots=True, eq=False)
class RunTables:
    """What a run type changes: the walk's floor, the favoured stretches, area candidates."""

    rule: RunRule
    walk: Piece
    favour: tuple[Piece, ...]
    note: str | None
    # Per area, its stretches in preference order, each with the alternatives that serve the
    # same area, for when the member avoids it.
    pool: dict[str, tuple[tuple[Piece, tuple[Piece, ...]], ...]]
    # The same when the member avoids none of them, the common case.
    plain: Mapping[str, tuple[tuple[Piece, Piece | None], ...]]
    # Per area, the stretches whose avoidance changes its candidates.
    touching: dict[str, frozenset[str]]


class Tables:
    """The catalogue as the planner asks of it, built once per catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        rules = self.rules = catalogue.rules
        self.timing = rules.timing
        self.max_areas = rules.max_areas
        self.general_areas = catalogue.general_areas
        self.area_names = {area.id: area.name for area in catalogue.areas}
        position_rank = {p: i for i, p in enumerate(rules.position_order)}
        assert len(position_rank) < 1 << _LEAVING_BITS, "more positions than a step's key holds"
        vectors = dict.fromkeys(s.vector for s in catalogue.stretches)
        self.vector_bits = {vector: 1 << i for i, vector in enumerate(vectors)}
        self.moves = self._moves(len(rules.position_order), position_rank)
        self.pieces = {
            s.id: self._piece(number, s, position_rank)
            for number, s in enumerate(catalogue.stretches)
        }
        self.walk = self.pieces[rules.walk]
        self.dynamic = tuple(self.pieces[d] for d in rules.dynamic)
        self.short_dynamic = tuple(
            self._shortened(piece, rules.short_dynamic[piece.id])
            for piece in self.dynamic
            if piece.id in rules.short_dynamic
        )
        self.upper_body = tuple(self.pieces[u] for u in rules.upper_body)
        self.finish = tuple(self.pieces[f] for f in rules.finish)
        self.reminder = self.pieces[rules.reminder]
        self.by_area = {
            area: tuple(self.pieces[s.id] for s in catalogue.stretches_for(area))
            for area in self.area_names
        }
        self.substitutes = {piece.id: self._substitutes(piece) for piece in self.pieces.values()}
        self.runs = {run_id: self._run_tables(rule) for run_id, rule in rules.run.items()}
        self.opening_ids = frozenset((rules.walk, *rules.dynamic))
        self.finish_ids = frozenset(rules.finish)
        self.upper_ids = frozenset(rules.upper_body)
        # Filled as requests first need them; the catalogue bounds each.
        self._slots: dict[tuple[Piece, Role, int, int, Piece | None, int], Slot] = {}
        self._shared: dict[tuple[object, ...], list[Item]] = {}
        self._candidates: dict[
            tuple[RunTables, str, frozenset[str]], tuple[tuple[Piece, Piece | None], ...]
        ] = {}
        self._pairs: dict[tuple[object, ...], Pairs] = {}
        self._left_out: dict[tuple[str, str, tuple[str, ...]], LeftOut] = {}

    def _piece(self, number: int, stretch: Stretch, position_rank: dict[Position, int]) -> Piece:
        rules = self.rules
        sides = stretch.sides
        moving = stretch.kind in (Kind.STRETCH, Kind.DYNAMIC)
        switch = rules.timing.side_switch * (sides - 1) if moving else 0
        low, high = stretch.hold_range
        seconds = {
            Kind.STRETCH: low * sides + switch,
            Kind.DYNAMIC: stretch.dynamic_seconds * sides + switch,
            Kind.WALK: stretch.walk_range[0],
        }.get(stretch.kind, 0)
        step = rules.timing.hold_step
        longest_hold = low + (high - low) // step * step
        upper = stretch.id in rules.upper_body
        # The walk and the closing reminder are done on the move: nothing to get into.
        here = position_rank[stretch.position]
        costs = tuple(row[here] if moving else 0 for row in self.moves)
        return Piece(
            stretch=stretch,
            number=number,
            id=stretch.id,
            name=stretch.name,
            kind=stretch.kind,
            areas=stretch.areas,
            vector=stretch.vector,
            vector_bit=self.vector_bits[stretch.vector],
            position=stretch.position,
            position_rank=position_rank[stretch.position],
            demand=stretch.demand,
            sides=sides,
            switch=switch,
            seconds=seconds,
            pick_role=Role.UPPER if upper else Role.TARGET,
            pick_order=rules.upper_body.index(stretch.id) if upper else 0,
            dynamic_order=rules.dynamic.index(stretch.id) if stretch.id in rules.dynamic else 0,
            costs=costs,
            longest=longest_hold * sides + switch if stretch.kind is Kind.STRETCH else seconds,
            grow=step * sides,
            hold_steps=(longest_hold - low) // step if stretch.kind is Kind.STRETCH else 0,
            is_stretch=stretch.kind is Kind.STRETCH,
            first_pass_key=_slot_key(number, 1),
        )

    def _shortened(self, piece: Piece, seconds_a_side: int) -> Piece:
        """The same movement in the same place, for fewer seconds a side."""
        seconds = seconds_a_side * piece.sides + piece.switch
        return dataclasses.replace(piece, seconds=seconds, longest=seconds, full=piece)

    def _substitutes(self, piece: Piece) -> tuple[Piece, ...]:
        """Its own alternatives first, then anything for its first area, serving one of its."""
        alternatives = [self.pieces[alt] for alt in piece.stretch.alternatives]
        same_area = self.by_area.get(piece.areas[0], ()) if piece.areas else ()
        return tuple(
            alt for alt in (*alternatives, *same_area) if set(alt.areas) & set(piece.areas)
        )

    def _run_tables(self, rule: RunRule) -> RunTables:
        favour = tuple(self.pieces[s] for s in rule.favour)
        note = None
        if favour:
            names = " and the ".join(p.name.lower() for p in favour)
            note = (
                f"After a {rule.label} the {names} are favoured: "
                "slow holds for the posterior chain and the glutes."
            )
        low, high = self.walk.stretch.walk_range
        walk = dataclasses.replace(self.walk, seconds=high if rule.long_walk else low)
        pool = {area: self._pool(area, favour) for area in self.area_names}
        plain = {area: tuple((piece, None) for piece, _ in pool[area]) for area in pool}
        touching = {
            area: frozenset(p.id for piece, alts in pool[area] for p in (piece, *alts))
            for area in pool
        }
        return RunTables(rule, walk, favour, note, pool, plain, touching)

    def _pool(
        self, area: str, favour: tuple[Piece, ...]
    ) -> tuple[tuple[Piece, tuple[Piece, ...]], ...]:
        """The favoured stretches for the area first, then the catalogue's, each once."""
        ordered = {p.id: p for p in (*(f for f in favour if area in f.areas), *self.by_area[area])}
        return tuple(
            (piece, tuple(a for a in self._alternatives(piece) if area in a.areas))
            for piece in ordered.values()
        )

    def _alternatives(self, piece: Piece) -> tuple[Piece, ...]:
        return tuple(self.pieces[alt] for alt in piece.stretch.alternatives)

    def _moves(self, count: int, rank: dict[Position, int]) -> list[list[int]]:
        """moves[after + 1][here]: seconds to get into a position; after = -1 opens the routine.

        The routine opens standing, so only a first step on the ground costs a reposition.
        """
        settle, reposition = self.timing.settle, self.timing.reposition
        opening = [0 if here == rank[Position.STANDING] else reposition for here in range(count)]
        after = [
            [settle if here == before else reposition for here in range(count)]
            for before in range(count)
        ]
        return [opening, *after]

    def candidates(
        self, run: RunTables, area: str, avoid: frozenset[str]
    ) -> tuple[tuple[Piece, Piece | None], ...]:
        """Stretches for an area in preference order; an avoided one yields its alternatives.

        Only the avoided stretches that touch the area change the answer, so it is kept for
        each such set.
        """
        touched = _touching(run, area, avoid)
        if not touched:
            return run.plain[area]
        key = (run, area, touched)
        found = self._candidates.get(key)
        if found is None:
            found = self._candidates[key] = _rank_candidates(run.pool[area], touched)
        return found

    def pairs(
        self,
        run: RunTables,
        area: str,
        avoid: frozenset[str],
        rank: int,
        vectors: int,
    ) -> Pairs:
        """The stretches an area would pick, on vectors it does not have yet: two at most.

        The first candidate on each new vector until the area has two; the planner leaves out
        those already in the routine. The same few come back, so each answer is kept.
        """
        key = (run, area, _touching(run, area, avoid), rank, vectors)
        found = self._pairs.get(key)
        if found is None:
            candidates = self.candidates(run, area, avoid)
            slots = self._new_pairs(candidates, rank, vectors)
            found = self._pairs[key] = Pairs(slots, self.area_names[area])
        return found

    def _new_pairs(
        self,
        candidates: tuple[tuple[Piece, Piece | None], ...],
        rank: int,
        vectors: int,
    ) -> list[Slot]:
        picked = []
        for piece, replaced in candidates:
            if vectors.bit_count() >= 2:
                break
            if piece.vector_bit & vectors:
                continue
            vectors |= piece.vector_bit
            role, order = piece.pick_role, piece.pick_order
            picked.append(self.slot(piece, role, rank, replaces=replaced, order=order))
        return picked

    def left_out(self, label: str, why: str, whats: tuple[str, ...]) -> LeftOut:
        """A line of what was left out: the same few come back, so each is made once."""
        key = (label, why, whats)
        line = self._left_out.get(key)
        if line is None:
            if label != whats[0]:
                label = f"{label} ({', '.join(w.lower() for w in whats)})"
            if len(self._left_out) >= _LINES_KEPT:
                self._left_out.clear()
            line = self._left_out[key] = LeftOut(label, why)
        return line

    def shared(self, key: tuple[object, ...], build: Callable[[], list[Item]]) -> list[Item]:
        """Items that are the same for every member they apply to, built once.

        They are never changed once built, so routines can share them.
        """
        items = self._shared.get(key)
        if items is None:
            items = self._shared[key] = build()
        return items

    def slot(
        self,
        piece: Piece,
        role: Role,
        rank: int,
        pass_number: int = 1,
        replaces: Piece | None = None,
        order: int = 0,
    ) -> Slot:
        """Slots are few and never change, so each is made once and shared by routines."""
        key = (piece, role, rank, pass_number, replaces, order)
        slot = self._slots.get(key)
        if slot is None:
            second = None
            if role is Role.TARGET and pass_number == 1:
                second = self.slot(piece, role, rank, pass_number=2)
            slot = Slot(piece, role, rank, pass_number, replaces, order, second)
            self._slots[key] = slot
        return slot


def _touching(run: RunTables, area: str, avoid: frozenset[str]) -> frozenset[str]:
    """The avoided stretches that touch the area: only they change its candidates."""
    return avoid & run.touching[area] if avoid else avoid


def _slot_key(number: int, pass_number: int) -> int:
    return number * 2 + pass_number - 1


# Bits of a step's key for where the step before leaves the runner: a handful of positions.
_LEAVING_BITS = 4

# Lines of what was left out kept for reuse: a few hundred in use, all remade if ever more.
_LINES_KEPT = 4096

# Every field of a sort key is below this: a handful of areas, blocks and positions.
_FIELD = 1000
_FIELDS = 5


def _packed(fields: tuple[int, ...]) -> int:
    """A sort key as one number that orders as the tuple does.

    Keys of one role have the same length and the role comes first, so padding each key to the
    same length keeps the order.
    """
    number = 0
    for value in (*fields, *(0,) * (_FIELDS - len(fields))):
        assert 0 <= value < _FIELD, fields
        number = number * _FIELD + value
    return number


def _rank_candidates(
    pool: tuple[tuple[Piece, tuple[Piece, ...]], ...], avoid: frozenset[str]
) -> tuple[tuple[Piece, Piece | None], ...]:
    ordered: dict[str, tuple[Piece, Piece | None]] = {}
    for piece, alternatives in pool:
        if piece.id not in avoid:
            ordered.setdefault(piece.id, (piece, None))
            continue
        for alt in alternatives:
            if alt.id not in avoid:
                ordered.setdefault(alt.id, (alt, piece))
    return tuple(ordered.values())


def finished_steps(in_order: list[Slot], seconds: dict[int, int]) -> tuple[Step, ...]:
    """The routine's steps: each slot for its seconds, after where the step before left off."""
    steps = []
    before = 0
    for slot in in_order:
        active = seconds[slot.key]
        steps.append(slot.steps.get(active << _LEAVING_BITS | before) or slot.step(before, active))
        # The closing reminder sorts last: no step comes after it.
        before = slot.leaving
    return tuple(steps)


def _new_step(piece: Piece, pass_number: int, transition: int, active: int) -> Step:
    stretch = piece.stretch
    second = pass_number == 2
    stretching = piece.kind is Kind.STRETCH
    return Step(
        id=piece.id,
        name=f"{piece.name} (second pass)" if second else piece.name,
        kind=piece.kind,
        areas=piece.areas,
        vector=piece.vector,
        position=piece.position,
        demand=piece.demand,
        side=Side.EACH if stretch.per_side and piece.kind is not Kind.WALK else None,
        seconds=transition + active,
        hold_seconds=(active - piece.switch) // piece.sides if stretching else None,
        transition_seconds=transition,
        switch_seconds=piece.switch,
        how=stretch.how,
        cue=(stretch.second_pass or stretch.cue) if second else stretch.cue,
        pass_number=pass_number,
    )


# One set of tables per catalogue object; the bot loads one catalogue, tests a few more.
_BY_ID: dict[int, Tables] = {}
_BY_ID_KEPT = 8


def tables_for(catalogue: Catalogue) -> Tables:
    tables = _BY_ID.get(id(catalogue))
    if tables is None or tables.catalogue is not catalogue:
        if len(_BY_ID) >= _BY_ID_KEPT:
            _BY_ID.clear()
        tables = _BY_ID[id(catalogue)] = Tables(catalogue)
    return tables


@dataclass(frozen=True, slots=True, eq=False)
class Slot:
    """A piece placed in the routine: which pass, which block, how important."""

    piece: Piece
    role: Role
    rank: int
    pass_number: int = 1
    replaces: Piece | None = None
    # Place inside a fixed block (the closing pair keeps its order even when substituted).
    order: int = 0
    # The same stretch in the second pass, for a targeted stretch in the first.
    second: Slot | None = None
    # What the routine holds at most once: the stretch and the pass, as one number because it
    # is hashed constantly.
    key: int = field(init=False)
    # Its place in the routine's order, as one number because it is compared constantly.
    sort_key: int = field(init=False)
    # What getting into it costs (see `Piece.costs`), and where it leaves the runner as an
    # index into the costs of the step after it.
    costs: tuple[int, ...] = field(init=False)
    leaving: int = field(init=False)
    # Its role as flags: enum members are slow to look up, and the planner asks constantly.
    is_walk: bool = field(init=False)
    is_target: bool = field(init=False)
    is_reminder: bool = field(init=False)
    # Seconds of moving or holding when placed, and how many more its holds can grow by
    # (none for a movement, the walk or a reminder).
    active: int = field(init=False)
    room: int = field(init=False)
    # Whether placing it changes more than the areas served: a substitute, the walk, a
    # movement cut short.
    notable: bool = field(init=False)
    # The areas it serves as a first-pass stretch (the second pass and movements serve none).
    serves: tuple[str, ...] = field(init=False)
    # Its finished steps by seconds of moving or holding and where the step before leaves the
    # runner, packed in one number (`step`): the same few come back, so each is built once and
    # shared by routines.
    steps: dict[int, Step] = field(init=False)

    def __post_init__(self) -> None:
        piece = self.piece
        object.__setattr__(self, "key", _slot_key(piece.number, self.pass_number))
        object.__setattr__(self, "sort_key", _packed(self._sort_key()))
        object.__setattr__(self, "leaving", piece.position_rank + 1)
        object.__setattr__(self, "costs", piece.costs)
        object.__setattr__(self, "active", piece.seconds)
        object.__setattr__(self, "room", piece.longest - piece.seconds if piece.hold_steps else 0)
        object.__setattr__(self, "is_walk", self.role is Role.WALK)
        object.__setattr__(self, "is_target", self.role is Role.TARGET)
        object.__setattr__(self, "is_reminder", self.role is Role.REMINDER)
        notable = self.replaces is not None or self.role is Role.WALK or piece.full is not None
        object.__setattr__(self, "notable", notable)
        first_pass_stretch = piece.is_stretch and self.pass_number == 1
        object.__setattr__(self, "serves", piece.areas if first_pass_stretch else ())
        object.__setattr__(self, "steps", {})

    def step(self, before: int, active: int) -> Step:
        """The finished step after one that leaves the runner at `before` (see `leaving`)."""
        step = self.steps.get(active << _LEAVING_BITS | before)
        if step is None:
            step = _new_step(self.piece, self.pass_number, self.costs[before], active)
            self.steps[active << _LEAVING_BITS | before] = step
        return step

    def _sort_key(self) -> tuple[int, ...]:
        """Opening, targeted stretches by position then pass then demand, upper body, closing."""
        role, piece = self.role, self.piece
        if role is Role.DYNAMIC:
            return (role, piece.dynamic_order)
        if role is Role.TARGET:
            return (role, piece.position_rank, self.pass_number, piece.demand, self.rank)
        if role is Role.UPPER or role is Role.FINISH:
            return (role, self.order, self.pass_number)
        return (role,)


@dataclass(slots=True)
class Item:
    """A candidate piece of the routine, kept whole or not at all (or its fallback)."""

    slots: list[Slot]
    what: str
    why: str = ""
    fallback: list[Slot] | None = None
    report: bool = True
    gated: bool = False
    group: str = ""


class Pairs:
    """What an area picks in a routine that holds none of it yet, and the items it makes.

    Items are never changed once built, so routines share them.
    """

    __slots__ = ("area_item", "filler_item", "second_item", "slots")

    def __init__(self, slots: list[Slot], name: str) -> None:
        self.slots = slots
        self.area_item = Item(slots, name, fallback=slots[:1])
        seconds = [s.second for s in slots if s.second]
        self.second_item = Item(seconds, name, gated=True, report=bool(seconds), group=SECOND)
        self.filler_item = Item(slots, name, report=False, group=FILLER)


FILLER = "filler"
SECOND = "Second pass"
