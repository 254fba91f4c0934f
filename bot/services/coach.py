"""What the bot does for a member, between Discord and storage.

Cogs call these methods with what a member typed; the coach resolves names against the
catalogue, refuses bad input with a message meant for the member (`InputError`) before anything
is stored, and builds routines with the planner.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.rules.catalogue import Catalogue, Kind, UnknownArea, UnknownStretch
from bot.rules.checkins.trends import compute_trends, reprioritise
from bot.rules.checkins.trends import emphasis as trend_emphasis
from bot.rules.group import GroupTargets, group_targets
from bot.rules.inputs import MINUTES, InputError, quote, run_type
from bot.rules.members import AvoidedStretch, GroupCooldown, GroupState, JoinResult, TightArea
from bot.rules.planner import PlanRequest, plan
from bot.rules.recent import Recent
from bot.rules.routine import Routine, RunType
from bot.storage import AvoidedStretches, GroupCooldowns, Preferences, TightAreas

MAX_NOTE_LENGTH = 200
# How many weeks of check-ins steer a routine.
ADAPT_WEEKS = 6
# Routines kept by request (a routine is a few kilobytes).
PLANS_KEPT = 4096


@dataclass(frozen=True, slots=True)
class Change:
    """The outcome of an add or remove: which canonical item, and whether anything changed."""

    id: str
    name: str
    changed: bool


@dataclass(frozen=True, slots=True)
class GroupRoutine:
    routine: Routine
    targets: GroupTargets


class Coach:
    def __init__(
        self,
        catalogue: Catalogue,
        tight_areas: TightAreas,
        avoided: AvoidedStretches,
        groups: GroupCooldowns,
        preferences: Preferences,
    ) -> None:
        self.catalogue = catalogue
        self._tight = tight_areas
        self._avoided = avoided
        self._groups = groups
        self._preferences = preferences
        # The same routine, the very same object, for a request seen lately: members ask again
        # with the same minutes and run, and a club's runners share their tight areas.
        self._plans: Recent[Hashable, Routine] = Recent(PLANS_KEPT)

    # -- tight areas ---------------------------------------------------------------------------

    async def add_tight(self, user_id: int, typed: str, note: str | None = None) -> Change:
        area = self.area(typed)
        clean_note = (note or "").strip() or None
        if clean_note and len(clean_note) > MAX_NOTE_LENGTH:
            raise InputError(f"Keep the note under {MAX_NOTE_LENGTH} characters.")
        added = await self._tight.add(user_id, area, clean_note)
        return Change(area, self.catalogue.area_name(area), added)

    async def remove_tight(self, user_id: int, typed: str) -> Change:
        area = self.area(typed)
        removed = await self._tight.remove(user_id, area)
        return Change(area, self.catalogue.area_name(area), removed)

    async def tight_areas(self, user_id: int) -> list[TightArea]:
        return list((await self._preferences.read(user_id, ADAPT_WEEKS)).tight)

    async def clear_tight(self, user_id: int) -> int:
        return await self._tight.clear(user_id)

    async def reorder_tight(self, user_id: int, typed: str) -> list[TightArea]:
        wanted = self.areas(typed)
        if not wanted:
            raise InputError("Name your areas in order, for example `glutes, calves`.")
        have = {a.area for a in await self._tight.list(user_id)}
        missing = [self.catalogue.area_name(a) for a in wanted if a not in have]
        if missing:
            raise InputError(
                f"You have not listed {', '.join(missing)}; add it with `/tight add` first."
            )
        return await self._tight.reorder(user_id, wanted)

    # -- avoided stretches ----------------------------------------------------------------------

    async def avoid(self, user_id: int, typed: str) -> Change:
        stretch = self.stretch(typed)
        if self.catalogue.stretch(stretch).kind is Kind.REMINDER:
            raise InputError("The hydration reminder is always part of the routine.")
        added = await self._avoided.add(user_id, stretch)
        return Change(stretch, self.catalogue.stretch(stretch).name, added)

    async def allow(self, user_id: int, typed: str) -> Change:
        stretch = self.stretch(typed)
        removed = await self._avoided.remove(user_id, stretch)
        return Change(stretch, self.catalogue.stretch(stretch).name, removed)

    async def avoided(self, user_id: int) -> list[AvoidedStretch]:
        return list((await self._preferences.read(user_id, ADAPT_WEEKS)).avoided)

    # -- routines ----------------------------------------------------------------------------

    async def cooldown(
        self,
        user_id: int,
        minutes: int,
        run: str,
        today: str = "",
        avoid: str = "",
    ) -> Routine:
        minutes, run_type = self.minutes(minutes), self.run_type(run)
        today_areas, avoid_now = self.areas(today), self.stretches(avoid)
        member = await self._preferences.read(user_id, ADAPT_WEEKS)
        avoided = {a.stretch_id for a in member.avoided}
        order = [a.area for a in member.tight]
        emphasis: dict[str, float] = {}
        reasons: list[str] = []
        if member.history:
            # Weekly check-ins steer the routine: areas that stay sore move up and get more
            # time, settled ones less.
            order, reasons = reprioritise(order, member.history, self.catalogue)
            emphasis = trend_emphasis(compute_trends(member.history))
        request = PlanRequest(
            tight=tuple(order),
            minutes=minutes,
            run=run_type,
            today=tuple(today_areas),
            avoid=frozenset(avoided.union(avoid_now)),
            emphasis=emphasis,
        )
        key = (
            request.tight,
            minutes,
            run_type,
            request.today,
            request.avoid,
            tuple(sorted(emphasis.items())),
        )
        routine = self._plans.get(key, lambda: plan(request, self.catalogue))
        if reasons:
            routine = replace(routine, notes=(*reasons, *routine.notes))
        return routine

    async def group_cooldown(
        self, member_ids: Sequence[int], minutes: int, run: str
    ) -> GroupRoutine:
        """One routine for everyone who joined, weighted toward the areas most of them listed.

        A stretch any member avoids is left out for the whole group; the planner substitutes.
        """
        members_areas: dict[int, list[str]] = {}
        avoid: set[str] = set()
        for member_id in dict.fromkeys(member_ids):
            member = await self._preferences.read(member_id)
            members_areas[member_id] = [a.area for a in member.tight]
            avoid |= {a.stretch_id for a in member.avoided}
        rules = self.catalogue.rules
        targets = group_targets(members_areas, rules.max_areas)
        request = PlanRequest(
            tight=targets.areas,
            minutes=self.minutes(minutes),
            run=self.run_type(run),
            avoid=frozenset(avoid),
        )
        return GroupRoutine(plan(request, self.catalogue), targets)

    # -- group cooldowns ---------------------------------------------------------------------

    async def open_group(
        self,
        guild_id: int,
        channel_id: int,
        leader_id: int,
        minutes: object,
        run: str,
        closes_at: datetime,
    ) -> GroupCooldown:
        run_type = self.run_type(run)
        return await self._groups.create(
            guild_id, channel_id, leader_id, self.minutes(minutes), run_type.value, closes_at
        )

    async def attach_group_message(self, group_id: int, message_id: int) -> None:
        await self._groups.attach_message(group_id, message_id)

    async def group(self, group_id: int) -> GroupCooldown | None:
        return await self._groups.get(group_id)

    async def group_members(self, group_id: int) -> list[int]:
        return await self._groups.members(group_id)

    async def join_group(self, group_id: int, user_id: int) -> JoinResult:
        return await self._groups.join(group_id, user_id)

    async def leave_group(self, group_id: int, user_id: int) -> bool:
        return await self._groups.leave(group_id, user_id)

    async def cancel_group(self, group_id: int) -> bool:
        return await self._groups.close(group_id, GroupState.CANCELLED)

    async def build_group(self, group_id: int) -> GroupRoutine | None:
        """The group's routine, or None when the group was already built or cancelled.

        Closing is atomic, so a Build press racing the end of the join window (or a second
        process) builds it once; the member list cannot change after the close.
        """
        group = await self._groups.get(group_id)
        if group is None or not await self._groups.close(group_id, GroupState.BUILT):
            return None
        return await self.built_routine(group)

    async def built_routine(self, group: GroupCooldown) -> GroupRoutine:
        """A built group's routine: its members are fixed once it closed."""
        members = await self._groups.members(group.id)
        return await self.group_cooldown(members, group.minutes, group.run)

    async def built_without_card(self, since: datetime) -> list[GroupCooldown]:
        return await self._groups.built_without_card(since)

    async def open_groups(self) -> list[GroupCooldown]:
        return await self._groups.open_groups()

    # -- reading what members type ---------------------------------------------------------------

    def area(self, typed: str) -> str:
        try:
            return self.catalogue.resolve_area(typed)
        except UnknownArea as error:
            names = ", ".join(self.catalogue.area_name(a) for a in error.suggestions)
            raise InputError(
                f"I don't know the area “{quote(typed)}”. Closest: {names}."
            ) from error

    def areas(self, typed: str) -> list[str]:
        return list(dict.fromkeys(self.area(part) for part in _split(typed)))

    def stretch(self, typed: str) -> str:
        try:
            return self.catalogue.resolve_stretch(typed)
        except UnknownStretch as error:
            names = ", ".join(self.catalogue.stretch(s).name for s in error.suggestions)
            hint = f" Closest: {names}." if names else " Try `/stretch list`."
            raise InputError(f"I don't know the stretch “{quote(typed)}”.{hint}") from error

    def stretches(self, typed: str) -> list[str]:
        return list(dict.fromkeys(self.stretch(part) for part in _split(typed)))

    @staticmethod
    def minutes(minutes: object) -> int:
        return MINUTES.check(minutes)

    @staticmethod
    def run_type(run: str) -> RunType:
        return run_type(run)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
