"""Group cooldowns: the run leader's card that members join, and its join window.

The rules of who may press what live here; the cog only shows the outcome. A window belongs
to the process that owns the guild's shard, and closing it takes a short lease and a
conditional state change, so a window closes once even when two processes overlap; the
closed card is posted through the outbox, so a failed edit is retried, not lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.rules import inputs
from bot.rules.cards import group_routine_card, group_routine_message
from bot.rules.catalogue import Catalogue
from bot.rules.delivery import Action, Outgoing
from bot.rules.members import GroupCooldown, GroupState, JoinResult
from bot.rules.session_text import card_snapshot
from bot.services.coach import Coach, GroupRoutine
from bot.services.delivery import DeliveryService
from bot.services.sessions import SessionService
from bot.services.timers import TimerLoop
from bot.storage.deliveries import Leases

log = logging.getLogger(__name__)

CLOSED = "This group cooldown is closed."
CLOSE_LEASE = timedelta(seconds=30)
# How far back a restart looks for groups built without their card.
UNFINISHED_BUILDS = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class GroupOutcome:
    """The card's new look after a press (a press refused raises InputError instead)."""

    group: GroupCooldown
    members: list[int] | None = None  # the open card, with who joined
    built: GroupRoutine | None = None  # the routine card
    card_key: int | None = None
    cancelled: bool = False


class GroupService:
    def __init__(
        self,
        coach: Coach,
        sessions: SessionService,
        delivery: DeliveryService,
        leases: Leases,
        catalogue: Catalogue,
        *,
        owns: Callable[[int], bool],
    ) -> None:
        self._coach = coach
        self._sessions = sessions
        self._delivery = delivery
        self._leases = leases
        self._catalogue = catalogue
        self._owns = owns
        self._windows = TimerLoop(self._window_closed)
        self._locks: dict[int, asyncio.Lock] = {}

    async def load(self) -> None:
        """Windows open when the bot stopped: the overdue close now, the others on time."""
        self._windows.start()
        for group in await self._coach.open_groups():
            if self._owns(group.guild_id):
                self._windows.schedule(group.id, group.closes_at.timestamp())
        await self._finish_builds()

    async def close(self) -> None:
        await self._windows.stop()

    def run_label(self, run: str) -> str:
        return self._catalogue.rules.run[run].label

    async def open(
        self,
        guild_id: int | None,
        channel_id: int | None,
        leader_id: int,
        minutes: object,
        run: str,
        window: object,
    ) -> GroupCooldown:
        if guild_id is None or channel_id is None:
            raise inputs.InputError("Group cooldowns happen in a server channel.")
        # Minutes and run type are checked by the coach, with every other routine's.
        closes_at = datetime.now(UTC) + timedelta(minutes=inputs.JOIN_WINDOW.check(window))
        return await self._coach.open_group(
            guild_id, channel_id, leader_id, minutes, run, closes_at
        )

    async def posted(self, group: GroupCooldown, message_id: int | None) -> None:
        """The card is out: remember where, and close the window on time."""
        try:
            if message_id is not None:
                await self._coach.attach_group_message(group.id, message_id)
        finally:
            # Scheduled even if recording the card failed: the window must still close.
            if self._owns(group.guild_id):
                self._windows.schedule(group.id, group.closes_at.timestamp())

    async def members(self, group_id: int) -> list[int]:
        return await self._coach.group_members(group_id)

    async def press(
        self,
        group_id: int,
        user_id: int,
        action: str,
        *,
        guild_id: int | None,
        message_id: int | None,
    ) -> GroupOutcome:
        async with self._lock(group_id):
            outcome = await self._press(group_id, user_id, action, guild_id, message_id)
        if outcome.built is not None or outcome.cancelled:
            self._locks.pop(group_id, None)
        return outcome

    def _lock(self, group_id: int) -> asyncio.Lock:
        # A join's card update and the build's routine must not cross: whichever edits the
        # card second would win. A guild's presses reach the process owning its shard.
        return self._locks.setdefault(group_id, asyncio.Lock())

    async def _press(
        self,
        group_id: int,
        user_id: int,
        action: str,
        guild_id: int | None,
        message_id: int | None,
    ) -> GroupOutcome:
        group = await self._coach.group(group_id)
        if group is None or group.guild_id != guild_id:
            raise inputs.InputError("This button does not belong to a group here.")
        if group.message_id is not None and message_id != group.message_id:
            raise inputs.InputError("This button does not belong to this card.")
        if group.state != GroupState.OPEN:
            raise inputs.InputError(CLOSED)
        if action == "join":
            return await self._join(group, user_id)
        if action == "leave":
            return await self._leave(group, user_id)
        if user_id != group.leader_id:
            raise inputs.InputError("Only the run leader can do that.")
        if action == "build":
            return await self._build(group)
        if action == "cancel":
            if not await self._coach.cancel_group(group.id):
                raise inputs.InputError(CLOSED)
            self._windows.cancel(group.id)
            return GroupOutcome(group=group, cancelled=True)
        raise inputs.InputError("That button is not one I know.")

    async def _join(self, group: GroupCooldown, user_id: int) -> GroupOutcome:
        result = await self._coach.join_group(group.id, user_id)
        if result is JoinResult.ALREADY_JOINED:
            raise inputs.InputError("You're already in.")
        if result is JoinResult.CLOSED:
            raise inputs.InputError(CLOSED)
        return GroupOutcome(group=group, members=await self._coach.group_members(group.id))

    async def _leave(self, group: GroupCooldown, user_id: int) -> GroupOutcome:
        if user_id == group.leader_id:
            raise inputs.InputError("You lead this one; press Cancel to call it off.")
        if not await self._coach.leave_group(group.id, user_id):
            raise inputs.InputError("You weren't in this group.")
        return GroupOutcome(group=group, members=await self._coach.group_members(group.id))

    async def _build(self, group: GroupCooldown) -> GroupOutcome:
        built = await self._coach.build_group(group.id)
        if built is None:  # the window timer or another press got there first
            raise inputs.InputError(CLOSED)
        self._windows.cancel(group.id)
        card_key = await self._store_card(group, built)
        if card_key is None:
            raise inputs.InputError(CLOSED)
        return GroupOutcome(group=group, built=built, card_key=card_key)

    async def _store_card(self, group: GroupCooldown, built: GroupRoutine) -> int | None:
        """The routine card stored and posted over the open card, through the outbox: a
        press answers with the same card, but only the outbox survives a crash."""
        card = group_routine_card(
            group, built.routine, built.targets, self._catalogue, self.run_label(group.run)
        )

        def posts(card_key: int) -> list[Outgoing]:
            if group.message_id is None:
                return []
            return [
                Outgoing(
                    stream=f"group:{group.id}",
                    channel_id=group.channel_id,
                    guild_id=group.guild_id,
                    label="the group's routine card",
                    payload=group_routine_message(card, card_key),
                    action=Action.EDIT,
                    target_message_id=group.message_id,
                )
            ]

        snapshot = card_snapshot(built.routine, built.targets.members)
        return await self._sessions.group_card(group, snapshot, posts)

    async def _finish_builds(self) -> None:
        """Groups a stopped process closed but never gave their card: give it now."""
        since = datetime.now(UTC) - UNFINISHED_BUILDS
        for group in await self._coach.built_without_card(since):
            if not self._owns(group.guild_id):
                continue
            resource = f"group:{group.id}"
            if not await self._leases.acquire(resource, self._delivery.owner, CLOSE_LEASE):
                continue
            try:
                built = await self._coach.built_routine(group)
                if await self._store_card(group, built) is not None:
                    log.info("group %s: routine card given after a restart", group.id)
            finally:
                await self._leases.release([resource], self._delivery.owner)

    async def _window_closed(self, key: Hashable) -> None:
        group_id = int(str(key))
        resource = f"group:{group_id}"
        delivery = self._delivery
        if not await self._leases.acquire(resource, delivery.owner, CLOSE_LEASE):
            return  # another process is closing it
        try:
            async with self._lock(group_id):
                group = await self._coach.group(group_id)
                if group is None or group.state != GroupState.OPEN:
                    return
                with contextlib.suppress(inputs.InputError):  # closed meanwhile
                    await self._build(group)
        finally:
            self._locks.pop(group_id, None)
            await self._leases.release([resource], delivery.owner)
