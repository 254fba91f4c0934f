"""The routine planner: a pure function from a runner's situation to a `Routine`.

It follows the routine rules in docs/ARCHITECTURE.md. Choice under the time budget is by
value, not first fit: the candidate pieces (the closing pair, each area's two stretches, the walk
with a short form of the dynamic sequence, the sequence in full, the upper-body block, second
passes, ...) are tried in order of value, each kept only if the whole routine, transitions and
side switches included, still fits. What does not fit is reported with the reason. Spare seconds
then lengthen the holds from 20 toward 30 s and the walk from 2 toward 3 minutes.

What can be worked out from the catalogue alone is worked out once, in `plan_tables`; a request
only chooses, and keeps the routine so far in routine order with its running seconds.
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from bot.rules.catalogue import Catalogue, Kind
from bot.rules.plan_tables import (
    FILLER,
    SECOND,
    Item,
    Pairs,
    Piece,
    Role,
    Slot,
    Tables,
    finished_steps,
    tables_for,
)
from bot.rules.routine import MAX_MINUTES, MIN_MINUTES, LeftOut, Routine, RunType


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


def plan(request: PlanRequest, catalogue: Catalogue) -> Routine:
    tables = tables_for(catalogue)
    _validate(request, tables)
    return _Planner(request, tables).build()


def _validate(request: PlanRequest, tables: Tables) -> None:
    if not MIN_MINUTES <= request.minutes <= MAX_MINUTES:
        raise PlanError(f"minutes must be between {MIN_MINUTES} and {MAX_MINUTES}")
    known = tables.area_names.keys()
    if not (known >= set(request.tight) and known >= set(request.today)):
        unknown = [a for a in (*request.tight, *request.today) if a not in known]
        raise PlanError(f"unknown area id {unknown[0]!r}")
    # A run type is a string enum: it finds its rules without its value.
    if request.run not in tables.runs:
        raise PlanError(f"no rules for run type {request.run.value!r}")


_RANK_AND_PASS = operator.attrgetter("rank", "pass_number")


class Draft:
    """The routine so far, kept in routine order with its running seconds.

    Trying one more piece costs a bisect and a look at its neighbours (the transitions it adds
    and the one it splits) instead of a rebuild of the whole routine.
    """

    def __init__(self) -> None:
        # Seconds of moving or holding per slot key: the shortest when placed, then grown. The
        # keys are what the routine holds, at most once each.
        self.seconds: dict[int, int] = {}
        # The slots in routine order, and their sort keys for bisecting. A new slot goes after
        # those with the same key, so the order of placing breaks ties, as a stable sort would.
        self.in_order: list[Slot] = []
        self.sort_keys: list[int] = []
        # Seconds of the routine so far: moving, holding and getting into each step.
        self.total = 0
        # The stretches in the order placed, and the seconds they would take to reach their
        # longest holds: what spare seconds go to.
        self.holds: list[Slot] = []
        self.room = 0

    def swap_if_fits(self, old: Slot, new: Slot, budget: int) -> bool:
        """Put `new` in the place of `old`, the same step at another length, if it fits."""
        extra = new.active - old.active
        if self.total + extra > budget:
            return False
        self.in_order[self.in_order.index(old)] = new
        self.seconds[new.key] = new.active
        self.total += extra
        return True

    def place_if_fits(self, candidate: list[Slot], budget: int) -> list[Slot]:
        """Place the slots not in the routine yet if it still fits the budget with them.

        The slots placed; none when there is nothing new, or it does not fit.
        """
        if len(candidate) == 1:
            return self._place_one_if_fits(candidate[0], budget)
        in_order, sort_keys, seconds = self.in_order, self.sort_keys, self.seconds
        total = self.total
        places = []
        extra = []
        for slot in candidate:
            if slot.key in seconds:
                continue
            extra.append(slot)
            at = bisect_right(sort_keys, slot.sort_key)
            # The seconds of getting into the slot, and of the transition it splits. The
            # reminder sorts last, so the step before a new one is never the reminder, and a
            # step after it costs nothing either way.
            before = in_order[at - 1].leaving if at else 0
            total += slot.active + slot.costs[before]
            if at < len(in_order) and not slot.is_reminder:
                after = in_order[at].costs
                total += after[slot.leaving] - after[before]
            in_order.insert(at, slot)
            sort_keys.insert(at, slot.sort_key)
            places.append(at)
        if total > budget:
            for at in reversed(places):
                del in_order[at], sort_keys[at]
            return []
        for slot in extra:
            seconds[slot.key] = slot.active
            if slot.room:
                self.holds.append(slot)
                self.room += slot.room
        self.total = total
        return extra

    def _place_one_if_fits(self, slot: Slot, budget: int) -> list[Slot]:
        """`place_if_fits` for a single slot, the common case: nothing to undo when it fails."""
        seconds = self.seconds
        if slot.key in seconds:
            return []
        in_order, sort_keys = self.in_order, self.sort_keys
        at = bisect_right(sort_keys, slot.sort_key)
        before = in_order[at - 1].leaving if at else 0
        total = self.total + slot.active + slot.costs[before]
        if at < len(in_order) and not slot.is_reminder:
            after = in_order[at].costs
            total += after[slot.leaving] - after[before]
        if total > budget:
            return []
        in_order.insert(at, slot)
        sort_keys.insert(at, slot.sort_key)
        seconds[slot.key] = slot.active
        if slot.room:
            self.holds.append(slot)
            self.room += slot.room
        self.total = total
        return [slot]


class _Planner:
    def __init__(self, request: PlanRequest, tables: Tables) -> None:
        self.request = request
        self.tables = tables
        self.avoid = request.avoid
        self.run = tables.runs[request.run]
        minutes = request.minutes
        self.budget = minutes * 60
        self.no_time = f"no time left in {minutes} min; the higher-priority parts came first"
        self.draft = Draft()
        # (group, what, why): merged into the routine's lines at the end.
        self.left_out: list[tuple[str, str, str]] = []
        self.notes: list[str] = []
        wanted = list(dict.fromkeys((*request.today, *request.tight)))
        self.general = not wanted
        self.areas = tuple(wanted or tables.general_areas)[: tables.max_areas]
        self.rank = {area: i for i, area in enumerate(self.areas)}
        emphasis = request.emphasis
        self.weight = {area: emphasis.get(area, 1.0) for area in self.areas}
        # The usual case: no area sorer or more settled than another.
        self.even = not emphasis or all(weight == 1.0 for weight in self.weight.values())
        self.picks: dict[str, list[Slot]] = {}
        # The area's pair when it picked it whole: its second pass can be the pair's own.
        self.pairs: dict[str, Pairs] = {}
        # Vectors (as masks of `Piece.vector_bit`) of the first-pass stretches in the routine,
        # per area they serve; and of those placed as targeted stretches alone (not the closing
        # pair's or the upper block's).
        self.covered: dict[str, int] = {}
        self.targeted: dict[str, int] = {}
        # Whether every area is complete changes only when a first-pass stretch is placed.
        self._complete: bool | None = None
        self._filled: list[str] = []
        self.walk: Slot | None = None
        # Movements of the dynamic sequence in the routine in their short form.
        self.shortened: dict[int, Slot] = {}
        for area in wanted[tables.max_areas :]:
            why = (
                f"one routine targets your {tables.max_areas} tightest areas; "
                "reorder your list to bring it in"
            )
            self._leave_out(tables.area_names[area], why)

    # -- building --------------------------------------------------------------------------

    def build(self) -> Routine:
        self._note_run_type()
        self._place_items()
        self._spend_spare_seconds()
        if self.shortened:
            self.notes.append(self._short_note())
        if self._filled:
            self.notes.append(
                f"Spare minutes went to the usual culprits: {', '.join(self._filled)}."
            )
        return Routine(
            steps=finished_steps(self.draft.in_order, self.draft.seconds),
            minutes=self.request.minutes,
            run=self.request.run,
            areas=self.areas,
            general=self.general,
            left_out=self._merged_left_out(),
            notes=tuple(dict.fromkeys(self.notes)),
        )

    def _place_items(self) -> None:
        """The candidate pieces in order of value, each kept if the routine still fits."""
        place = self._try
        place(self._finish_item())
        for area in self.areas:
            place(self._area_item(area))
        walk, *dynamic = self._opening_items()
        place(walk)
        for item in self._favour_items():
            place(item)
        for item in dynamic:
            short = self.shortened.get(item.slots[0].key) if item.slots else None
            if short is None:
                place(item)
            else:
                self._full_length(short, item.slots[0])
        for item in self._upper_body_items():
            place(item)
        for area in self._by_weight():
            place(self._second_pass_item(area))
        for item in self._filler_items():
            place(item)

    def _by_weight(self) -> Sequence[str]:
        """The areas, sore ones first, in their order otherwise."""
        if self.even:
            return self.areas
        return sorted(self.areas, key=lambda a: (-self.weight[a], self.rank[a]))

    def _leave_out(self, what: str, why: str, group: str = "") -> None:
        self.left_out.append((group, what, why))

    def _merged_left_out(self) -> tuple[LeftOut, ...]:
        """One line per group and reason: "Dynamic sequence (leg swings, ankle rolls)"."""
        if not self.left_out:
            return ()
        merged: dict[tuple[str, str], list[str]] = {}
        for group, what, why in self.left_out:
            merged.setdefault((group or what, why), []).append(what)
        left_out = self.tables.left_out
        return tuple(left_out(label, why, tuple(whats)) for (label, why), whats in merged.items())

    def _try(self, item: Item) -> None:
        if item.gated and not self._areas_complete():
            if item.report:
                self._leave_out(item.what, "not every area has its two stretches yet", item.group)
            return
        draft, budget = self.draft, self.budget
        placed = draft.place_if_fits(item.slots, budget) if item.slots else None
        if not placed and item.fallback:
            placed = draft.place_if_fits(item.fallback, budget)
            if placed and item.report:
                self._report_missing(item)
        if not placed:
            if item.slots and item.report:
                self._leave_out(item.what, item.why or self.no_time, item.group)
            return
        if item.group == FILLER:
            self._filled.append(item.what.lower())
        # What the placed slots serve, noted here rather than in a method of its own: this is
        # the planner's busiest loop.
        covered, targeted = self.covered, self.targeted
        for slot in placed:
            if slot.notable:
                self._note(slot)
            if slot.serves:
                self._complete = None
                bit = slot.piece.vector_bit
                for area in slot.serves:
                    covered[area] = covered.get(area, 0) | bit
                    if slot.is_target:
                        targeted[area] = targeted.get(area, 0) | bit

    def _report_missing(self, item: Item) -> None:
        missing = [s.piece.name for s in item.slots if s.key not in self.draft.seconds]
        if missing:
            self._leave_out(f"{item.what}: {', '.join(missing)}", self.no_time)

    def _note(self, slot: Slot) -> None:
        if slot.replaces is not None:
            replaced, chosen = slot.replaces.name.lower(), slot.piece.name.lower()
            self.notes.append(f"You avoid the {replaced}: {chosen} instead.")
        if slot.is_walk:
            self.walk = slot
        if slot.piece.full is not None:
            self.shortened[slot.key] = slot

    def _short_note(self) -> str:
        moves = " and ".join(s.piece.name.lower() for s in self.shortened.values())
        return f"Short on time: {moves} kept short."

    # -- candidate pieces ---------------------------------------------------------------------

    def _finish_item(self) -> Item:
        if self.avoid.isdisjoint(self.tables.finish_ids):
            return self.tables.shared(("finish",), lambda: [self._build_finish_item()])[0]
        return self._build_finish_item()

    def _build_finish_item(self) -> Item:
        slots = [
            slot
            for order, piece in enumerate(self.tables.finish)
            if (slot := self._usable(piece, Role.FINISH, rank=0, order=order)) is not None
        ]
        slots.append(self.tables.slot(self.tables.reminder, Role.REMINDER, rank=0))
        return Item(slots, "Closing quad and calf stretches")

    def _opening_items(self) -> list[Item]:
        if self.avoid.isdisjoint(self.tables.opening_ids):
            return self.tables.shared(("opening", self.run), self._build_opening_items)
        return self._build_opening_items()

    def _build_opening_items(self) -> list[Item]:
        """The walk first, then one item per dynamic movement; avoided ones are empty.

        The article opens with the walk, then the dynamic sequence: the walk comes with the
        short form of the sequence, so that a routine never keeps the walk without it.
        """
        items = []
        for piece in (self.run.walk, *self.tables.dynamic):
            if piece.id in self.avoid:
                self._leave_out(piece.name, "you avoid it")
                items.append(Item([], piece.name, report=False))
            elif piece.kind is Kind.WALK:
                slots = [self.tables.slot(piece, Role.WALK, rank=0), *self._short_sequence()]
                why = "not enough time; walk easy for a couple of minutes on your way back"
                items.append(Item(slots, piece.name, why=why))
            else:
                slot = self.tables.slot(piece, Role.DYNAMIC, rank=0)
                items.append(Item([slot], piece.name, group="Dynamic sequence"))
        return items

    def _short_sequence(self) -> list[Slot]:
        return [
            self.tables.slot(piece, Role.DYNAMIC, rank=0)
            for piece in self.tables.short_dynamic
            if piece.id not in self.avoid
        ]

    def _full_length(self, short: Slot, full: Slot) -> None:
        """A movement the walk brought in short grows to its full length rather than twice."""
        if self.draft.swap_if_fits(short, full, self.budget):
            del self.shortened[short.key]

    def _area_item(self, area: str) -> Item:
        pairs = self._pairs(area, self.rank[area])
        picks = self._unplaced(pairs)
        name = self.tables.area_names[area]
        if self.weight[area] < 1 and len(picks) > 1:
            picks = picks[:1]
            self.notes.append(f"{name} has settled lately: one stretch keeps it that way.")
        self.picks[area] = picks
        if picks is pairs.slots:
            self.pairs[area] = pairs
            return pairs.area_item
        if not picks:
            return Item([], name, why="every stretch for it is on your avoid list")
        return Item(picks, name, fallback=picks[:1])

    def _favour_items(self) -> Iterable[Item]:
        for piece in self.run.favour:
            slot = self._usable(piece, Role.TARGET, rank=len(self.areas))
            if slot is None or slot.piece.first_pass_key in self.draft.seconds:
                continue
            build = partial(self._favour_item, slot)
            yield self.tables.shared(("favour", slot, self.run), build)[0]

    def _favour_item(self, slot: Slot) -> list[Item]:
        return [Item([slot], f"{slot.piece.name} (after a {self.run.rule.label})")]

    def _upper_body_items(self) -> Iterable[Item]:
        if self.avoid.isdisjoint(self.tables.upper_ids):
            key = ("upper", len(self.areas))
            return self.tables.shared(key, lambda: list(self._build_upper_body_items()))
        return self._build_upper_body_items()

    def _build_upper_body_items(self) -> Iterable[Item]:
        """Lazily: a substitute's report waits its turn among the items."""
        for order, piece in enumerate(self.tables.upper_body):
            slot = self._usable(piece, Role.UPPER, rank=len(self.areas) + 1, order=order)
            if slot is not None:
                yield Item([slot], slot.piece.name, group="Upper-body block")

    def _second_pass_item(self, area: str) -> Item:
        keys = self.draft.seconds
        slots = [s.second for s in self.picks.get(area, []) if s.second and s.key in keys]
        pairs = self.pairs.get(area)
        if pairs is not None and len(slots) == len(pairs.second_item.slots):
            return pairs.second_item
        name = self.tables.area_names[area]
        return Item(slots, name, gated=True, report=bool(slots), group=SECOND)

    def _filler_items(self) -> Iterable[Item]:
        """Spare minutes go to the article's common culprits rather than sitting idle."""
        if self.general:
            return
        for area in self.tables.general_areas:
            if area in self.rank:
                continue
            pairs = self._pairs(area, rank=len(self.areas) + 2)
            picks = self._unplaced(pairs)
            if len(picks) + self._coverage(area) >= 2:
                if picks is pairs.slots:
                    yield pairs.filler_item
                else:
                    yield Item(picks, self.tables.area_names[area], report=False, group=FILLER)

    # -- choosing stretches --------------------------------------------------------------------

    def _usable(self, piece: Piece, role: Role, rank: int, order: int = 0) -> Slot | None:
        """A slot for the piece, or for the first substitute the member does not avoid."""
        if piece.id not in self.avoid:
            return self.tables.slot(piece, role, rank, order=order)
        for alt in self.tables.substitutes[piece.id]:
            if alt.id not in self.avoid:
                return self.tables.slot(alt, role, rank, replaces=piece, order=order)
        self._leave_out(piece.name, "you avoid it and nothing replaces it")
        return None

    def _pick(self, area: str, rank: int) -> list[Slot]:
        return self._unplaced(self._pairs(area, rank))

    def _pairs(self, area: str, rank: int) -> Pairs:
        """Two stretches for the area on different vectors.

        A stretch already placed in the routine for another reason (the closing quad stretch,
        a twist shared with another area) counts when the area would have chosen it anyway,
        so it is never repeated and never crowds out the article's own pair.
        """
        vectors = self.targeted.get(area, 0)
        return self.tables.pairs(self.run, area, self.avoid, rank, vectors)

    def _unplaced(self, pairs: Pairs) -> list[Slot]:
        """The pair's stretches not in the routine yet: the pair itself when none is."""
        keys = self.draft.seconds
        for slot in pairs.slots:
            if slot.key in keys:
                return [s for s in pairs.slots if s.key not in keys]
        return pairs.slots

    def _coverage(self, area: str) -> int:
        """Distinct vectors of the stretches in the routine that serve the area."""
        return self.covered.get(area, 0).bit_count()

    def _areas_complete(self) -> bool:
        if self._complete is None:
            self._complete = self._check_areas_complete()
        return self._complete

    def _check_areas_complete(self) -> bool:
        """Every targeted area has two vectors, or has used every stretch it could."""
        for area in self.areas:
            needed = 1 if self.weight[area] < 1 else 2
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
        """Round by round, each stretch, most important first, holds a step longer.

        Spare seconds only shrink, so a stretch whose step no longer fits is done for good.
        """
        spare = self.budget - self.draft.total
        if spare < self.tables.timing.hold_step:
            return  # not even one side of one stretch can grow
        seconds = self.draft.seconds
        if self.draft.room <= spare:
            # Every hold reaches its longest, so the order does not matter.
            for slot in self.draft.holds:
                seconds[slot.key] = slot.piece.longest
            self.draft.total += self.draft.room
            return
        growing = [(s.key, s.piece.grow, s.piece.hold_steps) for s in self._by_importance()]
        while growing:
            still = []
            for key, grow, steps in growing:
                if grow <= spare:
                    seconds[key] += grow
                    self.draft.total += grow
                    spare -= grow
                    if steps > 1:
                        still.append((key, grow, steps - 1))
            growing = still

    def _by_importance(self) -> list[Slot]:
        """The stretches, sore areas first, then by the area's rank, first passes first."""
        stretches = self.draft.holds
        if self.even:
            # The usual case, sorted without a key function of ours.
            return sorted(stretches, key=_RANK_AND_PASS)
        weight_of_rank = {rank: self.weight[area] for area, rank in self.rank.items()}
        return sorted(
            stretches, key=lambda s: (-weight_of_rank.get(s.rank, 1.0), s.rank, s.pass_number)
        )

    def _lengthen_walk(self) -> None:
        if self.walk is None:
            return
        spare = self.budget - self.draft.total
        now = self.draft.seconds[self.walk.key]
        room = self.walk.piece.stretch.walk_range[1] - now
        step = self.tables.timing.walk_step
        extra = min(room, spare) // step * step
        self.draft.seconds[self.walk.key] = now + extra
        self.draft.total += extra

    # -- the steps -----------------------------------------------------------------------------

    def _note_run_type(self) -> None:
        if self.run.note:
            self.notes.append(self.run.note)
        if self.general:
            self.notes.append(
                "No tight areas stored yet: a general routine for the usual culprits. "
                "Add yours with /tight add."
            )
