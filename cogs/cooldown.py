"""`/cooldown`: a routine for one runner, or one for a whole group after a club run."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.rules import inputs
from bot.rules.cards import (
    GROUP_LOOKS,
    called_off_card,
    group_open_card,
    group_routine_card,
    routine_card,
)
from bot.rules.cards import group_id as group_custom_id
from bot.rules.catalogue import Catalogue
from bot.rules.members import GroupCooldown
from bot.rules.recent import Recent
from bot.rules.routine import DEFAULT_MINUTES, Routine, RunType
from bot.rules.session_text import routine_json, start_payload, stored_card
from cogs.common import (
    CogButton,
    Interaction,
    Press,
    Reply,
    answer,
    answer_press,
)
from cogs.session import new_card, start_view

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)

RUN_CHOICES = [app_commands.Choice(name=r.value.capitalize(), value=r.value) for r in RunType]
DEFAULT_WINDOW_MINUTES = 5
# Cards kept by routine, for routines asked for again (see `Coach.cooldown`).
CARDS_KEPT = 1024
GENERAL_ROUTINE = (
    "You haven't listed tight areas yet, so here is a general routine. Add yours with `/tight add`."
)


class GroupButton(CogButton, template=r"group:(?P<action>join|leave|build|cancel):(?P<id>\d+)"):
    """The buttons of a group card. The state lives in the custom id and the database, so the
    buttons keep working after a restart."""

    cog_name = "Cooldown"

    def __init__(self, action: str, group_id: int) -> None:
        label, style = GROUP_LOOKS[action]
        super().__init__(group_custom_id(action, group_id), label, discord.ButtonStyle(style))
        self.action = action
        self.group_id = group_id

    @classmethod
    def from_match(cls, match: re.Match[str]) -> GroupButton:
        return cls(match["action"], int(match["id"]))

    async def pressed(self, cog: Cooldown, interaction: Interaction) -> None:
        await cog.on_group_button(interaction, self.action, self.group_id)


def group_view(group_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in GROUP_LOOKS:
        view.add_item(GroupButton(action, group_id))
    return view


@dataclass(frozen=True, slots=True)
class _Card:
    routine: Routine  # held, so that its id stays its own while the card is kept
    embed: dict[str, Any]  # shared by every answer that shows it: never changed
    routine_json: str

    @classmethod
    def of(cls, routine: Routine, catalogue: Catalogue) -> _Card:
        return cls(routine, routine_card(routine, catalogue), routine_json(routine))


class Cooldown(commands.Cog):
    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot
        self.groups = bot.groups
        self._cards: Recent[int, _Card] = Recent(CARDS_KEPT)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(GroupButton)

    async def cog_unload(self) -> None:
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
        minutes: app_commands.Range[int, inputs.MINUTES.low, inputs.MINUTES.high] = DEFAULT_MINUTES,
        run: str = RunType.EASY.value,
        today: str = "",
        avoid: str = "",
        group: bool = False,
        window: app_commands.Range[
            int, inputs.JOIN_WINDOW.low, inputs.JOIN_WINDOW.high
        ] = DEFAULT_WINDOW_MINUTES,
        tts: bool = False,
    ) -> None:
        if group:
            await self._open_group(interaction, minutes, run, window)
            return

        built: list[_Card] = []

        async def work() -> Reply:
            routine = await self.bot.coach.cooldown(interaction.user.id, minutes, run, today, avoid)
            card = self._card(routine)
            built.append(card)
            # The card is Discord JSON already, and Start is answered from its custom id: the
            # answer goes out as JSON, with no embed or view objects built on the way.
            message: dict[str, Any] = {"embeds": [card.embed], **start_payload(interaction.id)}
            if routine.general:
                message["content"] = GENERAL_ROUTINE
            return Reply(json=message)

        await answer(interaction, work, ephemeral=False)
        # Written after the answer, off the path Discord times: Start finds it by the key.
        card = built[0]
        snapshot = stored_card(card.routine_json, (), tts)
        new_card(self.bot, interaction, card.routine, card_key=interaction.id, snapshot=snapshot)

    def _card(self, routine: Routine) -> _Card:
        """The routine's card and stored form, built once for a routine the coach hands back
        again (the very same object for a request seen lately)."""
        # Keyed by identity: a kept card holds its routine, so no other object has that id.
        return self._cards.get(id(routine), lambda: _Card.of(routine, self.bot.catalogue))

    # -- group mode ----------------------------------------------------------------------------

    async def _open_group(
        self, interaction: Interaction, minutes: int, run: str, window: int
    ) -> None:
        opened: list[GroupCooldown] = []

        async def work() -> Reply:
            group = await self.groups.open(
                interaction.guild_id,
                interaction.channel_id,
                interaction.user.id,
                minutes,
                run,
                window,
            )
            opened.append(group)
            members = await self.groups.members(group.id)
            return Reply(embed=self._open_card(group, members), view=group_view(group.id))

        await answer(interaction, work, ephemeral=False)
        if not opened:
            return  # refused: the member was told why
        message_id = None
        try:
            message_id = (await interaction.original_response()).id
        finally:
            await self.groups.posted(opened[0], message_id)

    def _open_card(self, group: GroupCooldown, members: list[int]) -> discord.Embed:
        card = group_open_card(group, members, self.groups.run_label(group.run))
        return discord.Embed.from_dict(card)

    async def on_group_button(self, interaction: Interaction, action: str, group_id: int) -> None:
        await answer_press(interaction, lambda: self._press(interaction, action, group_id))

    async def _press(self, interaction: Interaction, action: str, group_id: int) -> Press:
        message = interaction.message
        outcome = await self.groups.press(
            group_id,
            interaction.user.id,
            action,
            guild_id=interaction.guild_id,
            message_id=message.id if message else None,
        )
        group = outcome.group
        if outcome.cancelled:
            return Press(embed=discord.Embed.from_dict(called_off_card()), view=None, edit=True)
        if outcome.built is not None and outcome.card_key is not None:
            card = group_routine_card(
                group,
                outcome.built.routine,
                outcome.built.targets,
                self.bot.catalogue,
                self.groups.run_label(group.run),
            )
            return Press(
                embed=discord.Embed.from_dict(card), view=start_view(outcome.card_key), edit=True
            )
        members = outcome.members or []
        return Press(embed=self._open_card(group, members), view=group_view(group.id), edit=True)


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Cooldown(bot))
