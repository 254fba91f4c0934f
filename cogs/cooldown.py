"""`/cooldown`: a routine for one runner, or one for a whole group after a club run."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import report_failure, tell
from bot.rules.members import GroupCooldown, GroupState, JoinResult
from bot.rules.routine import DEFAULT_MINUTES, Routine, RunType
from bot.services.coach import GroupRoutine
from bot.services.timers import TimerLoop
from cogs.common import (
    BRAND_COLOUR,
    Interaction,
    Press,
    Reply,
    answer,
    answer_press,
    routine_embed,
)
from cogs.session import card_snapshot, new_card, start_view

if TYPE_CHECKING:
    from collections.abc import Hashable

    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)

RUN_CHOICES = [app_commands.Choice(name=r.value.capitalize(), value=r.value) for r in RunType]
DEFAULT_WINDOW_MINUTES = 5
CLOSED = "This group cooldown is closed."


class GroupButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"group:(?P<action>join|leave|build|cancel):(?P<id>\d+)",
):
    """The buttons of a group card. The state lives in the custom id and the database, so the
    buttons keep working after a restart."""

    LOOKS: ClassVar[dict[str, tuple[str, discord.ButtonStyle]]] = {
        "join": ("Join", discord.ButtonStyle.success),
        "leave": ("Leave", discord.ButtonStyle.secondary),
        "build": ("Build routine", discord.ButtonStyle.primary),
        "cancel": ("Cancel", discord.ButtonStyle.danger),
    }

    def __init__(self, action: str, group_id: int) -> None:
        label, style = self.LOOKS[action]
        super().__init__(
            discord.ui.Button(label=label, style=style, custom_id=f"group:{action}:{group_id}")
        )
        self.action = action
        self.group_id = group_id

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> GroupButton:
        return cls(match["action"], int(match["id"]))

    async def callback(self, interaction: Interaction) -> None:
        cog = interaction.client.get_cog("Cooldown")
        if not isinstance(cog, Cooldown):
            return
        try:
            await cog.on_group_button(interaction, self.action, self.group_id)
        except Exception as error:
            await report_failure(interaction, error)


def group_view(group_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in ("join", "leave", "build", "cancel"):
        view.add_item(GroupButton(action, group_id))
    return view


class Cooldown(commands.Cog):
    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot
        self.windows = TimerLoop(self._window_closed)
        self._card_locks: dict[int, asyncio.Lock] = {}

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(GroupButton)
        self.windows.start()
        # Join windows that were open when the bot stopped: close the overdue ones now,
        # wait for the others as before.
        for group in await self.bot.coach.open_groups():
            self.windows.schedule(group.id, group.closes_at.timestamp())

    async def cog_unload(self) -> None:
        await self.windows.stop()
        self.bot.remove_dynamic_items(GroupButton)

    @app_commands.command(name="cooldown", description="A post-run stretching routine for you")
    @app_commands.describe(
        minutes="Minutes you have (3-60, default 10)",
        run="What you just ran",
        today="Areas that feel sore today, comma separated",
        avoid="Stretches to leave out today, comma separated",
        group="Post one routine for everyone who joins (run leaders)",
        window="Group mode: minutes members have to join (1-30, default 5)",
        tts="Read each step aloud when you press Start (text-to-speech)",
    )
    @app_commands.choices(run=RUN_CHOICES)
    async def cooldown(
        self,
        interaction: Interaction,
        minutes: app_commands.Range[int, 3, 60] = DEFAULT_MINUTES,
        run: str = RunType.EASY.value,
        today: str = "",
        avoid: str = "",
        group: bool = False,
        window: app_commands.Range[int, 1, 30] = DEFAULT_WINDOW_MINUTES,
        tts: bool = False,
    ) -> None:
        if group:
            await self._open_group(interaction, minutes, run, window)
            return

        built: list[Routine] = []

        async def work() -> Reply:
            routine = await self.bot.coach.cooldown(interaction.user.id, minutes, run, today, avoid)
            built.append(routine)
            content = None
            if routine.general:
                content = (
                    "You haven't listed tight areas yet, so here is a general routine. "
                    "Add yours with `/tight add`."
                )
            embed = routine_embed(routine, self.bot.catalogue)
            return Reply(content, embed=embed, view=start_view(interaction.id))

        await answer(interaction, work, ephemeral=False)
        # Written after the answer, off the path Discord times: Start finds it by the key.
        new_card(self.bot, interaction, built[0], card_key=interaction.id, tts=tts)

    # -- group mode ----------------------------------------------------------------------------

    async def _open_group(
        self, interaction: Interaction, minutes: int, run: str, window: int
    ) -> None:
        guild_id, channel_id = interaction.guild_id, interaction.channel_id
        if guild_id is None or channel_id is None:
            await tell(interaction, "Group cooldowns happen in a server channel.")
            return
        if not 1 <= window <= 30:
            await tell(interaction, "The join window must be between 1 and 30 minutes.")
            return
        closes_at = datetime.now(UTC) + timedelta(minutes=window)
        opened: list[GroupCooldown] = []

        async def work() -> Reply:
            coach = self.bot.coach
            group = await coach.open_group(
                guild_id, channel_id, interaction.user.id, minutes, run, closes_at
            )
            opened.append(group)
            members = await coach.group_members(group.id)
            return Reply(embed=self._card(group, members), view=group_view(group.id))

        await answer(interaction, work, ephemeral=False)
        group = opened[0]
        message = await interaction.original_response()
        await self.bot.coach.attach_group_message(group.id, message.id)
        self.windows.schedule(group.id, closes_at.timestamp())

    def _card(self, group: GroupCooldown, members: list[int]) -> discord.Embed:
        run = self.bot.catalogue.rules.run[group.run].label
        closes = discord.utils.format_dt(group.closes_at, "R")
        embed = discord.Embed(
            title=f"Group cooldown after the {run}: {group.minutes} min",
            description=(
                f"Led by <@{group.leader_id}>. Press **Join** and the routine will cover the "
                f"areas most of you listed with `/tight add`.\nJoining closes {closes}, or "
                "when the leader presses **Build routine**."
            ),
            colour=BRAND_COLOUR,
        )
        joined = " ".join(f"<@{m}>" for m in members) or "nobody yet"
        embed.add_field(name=f"Joined ({len(members)})", value=joined[:1024], inline=False)
        return embed

    def _card_lock(self, group_id: int) -> asyncio.Lock:
        # A join's card update and the build's routine must not cross: whichever edits the
        # card second would win. Group buttons of a guild always reach the process that owns
        # its shard, so a lock in this process is enough.
        return self._card_locks.setdefault(group_id, asyncio.Lock())

    async def on_group_button(self, interaction: Interaction, action: str, group_id: int) -> None:
        await answer_press(
            interaction,
            lambda: self._press(interaction, action, group_id),
            lock=self._card_lock(group_id),
        )

    async def _press(self, interaction: Interaction, action: str, group_id: int) -> Press:
        group = await self.bot.coach.group(group_id)
        user_id = interaction.user.id
        if group is None or group.state != GroupState.OPEN:
            return Press(tell=CLOSED)
        if action == "join":
            return await self._join(group, user_id)
        if action == "leave":
            return await self._leave(group, user_id)
        if user_id != group.leader_id:
            return Press(tell="Only the run leader can do that.")
        if action == "build":
            return await self._build(group)
        return await self._cancel(group)

    async def _join(self, group: GroupCooldown, user_id: int) -> Press:
        result = await self.bot.coach.join_group(group.id, user_id)
        if result is JoinResult.ALREADY_JOINED:
            return Press(tell="You're already in.")
        if result is JoinResult.CLOSED:
            return Press(tell=CLOSED)
        members = await self.bot.coach.group_members(group.id)
        return Press(embed=self._card(group, members), view=group_view(group.id), edit=True)

    async def _leave(self, group: GroupCooldown, user_id: int) -> Press:
        if user_id == group.leader_id:
            return Press(tell="You lead this one; press Cancel to call it off.")
        if not await self.bot.coach.leave_group(group.id, user_id):
            return Press(tell="You weren't in this group.")
        members = await self.bot.coach.group_members(group.id)
        return Press(embed=self._card(group, members), view=group_view(group.id), edit=True)

    async def _cancel(self, group: GroupCooldown) -> Press:
        if not await self.bot.coach.cancel_group(group.id):
            return Press(tell=CLOSED)
        self.windows.cancel(group.id)
        embed = discord.Embed(title="Group cooldown called off", colour=BRAND_COLOUR)
        return Press(embed=embed, view=None, edit=True)

    async def _build(self, group: GroupCooldown) -> Press:
        built = await self.bot.coach.build_group(group.id)
        if built is None:  # the window timer or another press got there first
            return Press(tell=CLOSED)
        self.windows.cancel(group.id)
        card_key = await self.bot.sessions.group_card(
            group.guild_id,
            group.channel_id,
            group.leader_id,
            group.id,
            card_snapshot(built.routine, built.targets.members),
        )
        embed = self._routine_card(group, built)
        return Press(embed=embed, view=start_view(card_key), edit=True)

    def _routine_card(self, group: GroupCooldown, built: GroupRoutine) -> discord.Embed:
        catalogue = self.bot.catalogue
        run = catalogue.rules.run[group.run].label
        heading = f"Group cooldown after the {run}: {group.minutes} min"
        embed = routine_embed(built.routine, catalogue, heading)
        targets = built.targets
        covers = ", ".join(f"{catalogue.area_name(a)} ({targets.share(a)})" for a in targets.areas)
        embed.insert_field_at(
            0, name="Covers", value=covers[:1024] or "general areas", inline=False
        )
        runners = " ".join(f"<@{m}>" for m in targets.members)
        embed.insert_field_at(
            1, name=f"For {len(targets.members)}", value=runners[:1024], inline=False
        )
        return embed

    async def _window_closed(self, key: Hashable) -> None:
        group_id = int(str(key))
        async with self._card_lock(group_id):
            group = await self.bot.coach.group(group_id)
            if group is None or group.state != GroupState.OPEN or group.message_id is None:
                return
            press = await self._build(group)
            if press.edit:
                channel = self.bot.get_partial_messageable(group.channel_id)
                message = channel.get_partial_message(group.message_id)
                await message.edit(embed=press.embed, view=press.view)
        self._card_locks.pop(group_id, None)


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Cooldown(bot))
