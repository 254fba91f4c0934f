"""`/tight`: the areas a member wants their routines built around."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.common import Interaction, OwnedView, Reply, answer, plain_embed

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)


class ConfirmClear(OwnedView):
    def __init__(self, bot: CoachBot, owner_id: int) -> None:
        super().__init__(owner_id, timeout=120)
        self.bot = bot

    @discord.ui.button(
        label="Clear them all", style=discord.ButtonStyle.danger, custom_id="tight:clear:yes"
    )
    async def clear(self, interaction: Interaction, _: discord.ui.Button[ConfirmClear]) -> None:
        removed = await self.bot.coach.clear_tight(self.owner_id)
        self.stop()
        await interaction.response.edit_message(
            content=f"Cleared {removed} tight area{'s' if removed != 1 else ''}.",
            embed=None,
            view=None,
        )

    @discord.ui.button(
        label="Keep them", style=discord.ButtonStyle.secondary, custom_id="tight:clear:no"
    )
    async def keep(self, interaction: Interaction, _: discord.ui.Button[ConfirmClear]) -> None:
        self.stop()
        await interaction.response.edit_message(content="Kept your list as it is.", view=None)


class Tight(commands.Cog):
    tight = app_commands.Group(name="tight", description="The areas your routines focus on")

    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot

    @tight.command(name="add", description="Add an area that feels tight after runs")
    @app_commands.describe(area="calves, hamstrings, hip flexors, glutes…", note="e.g. left worse")
    async def add(self, interaction: Interaction, area: str, note: str | None = None) -> None:
        async def work() -> Reply:
            change = await self.bot.coach.add_tight(interaction.user.id, area, note)
            if not change.changed:
                return Reply(f"**{change.name}** is already on your list.")
            return Reply(f"Added **{change.name}**. Your next `/cooldown` works on it.")

        await answer(interaction, work, ephemeral=True)

    @tight.command(name="remove", description="Remove an area from your list")
    async def remove(self, interaction: Interaction, area: str) -> None:
        async def work() -> Reply:
            change = await self.bot.coach.remove_tight(interaction.user.id, area)
            if not change.changed:
                return Reply(f"**{change.name}** wasn't on your list.")
            return Reply(f"Removed **{change.name}**.")

        await answer(interaction, work, ephemeral=True)

    @tight.command(name="list", description="Show your tight areas, first priority first")
    async def list_(self, interaction: Interaction) -> None:
        async def work() -> Reply:
            areas = await self.bot.coach.tight_areas(interaction.user.id)
            if not areas:
                return Reply("You haven't listed any tight areas yet. Try `/tight add calves`.")
            catalogue = self.bot.catalogue
            lines = []
            for number, item in enumerate(areas, 1):
                note = f" — {item.note}" if item.note else ""
                since = discord.utils.format_dt(item.added_at, "d")
                lines.append(
                    f"{number}. **{catalogue.area_name(item.area)}**{note} (since {since})"
                )
            return Reply(embed=plain_embed("Your tight areas", "\n".join(lines)))

        await answer(interaction, work, ephemeral=True)

    @tight.command(name="clear", description="Remove all your tight areas")
    async def clear(self, interaction: Interaction) -> None:
        async def work() -> Reply:
            areas = await self.bot.coach.tight_areas(interaction.user.id)
            if not areas:
                return Reply("Your list is already empty.")
            names = ", ".join(self.bot.catalogue.area_name(a.area) for a in areas)
            view = ConfirmClear(self.bot, interaction.user.id)
            return Reply(f"Clear all of these? {names}", view=view)

        await answer(interaction, work, ephemeral=True)

    @tight.command(name="order", description="Set which areas come first")
    @app_commands.describe(areas="Your areas in order, comma separated: glutes, calves")
    async def order(self, interaction: Interaction, areas: str) -> None:
        async def work() -> Reply:
            ordered = await self.bot.coach.reorder_tight(interaction.user.id, areas)
            names = " → ".join(self.bot.catalogue.area_name(a.area) for a in ordered)
            return Reply(f"New order: {names}")

        await answer(interaction, work, ephemeral=True)

    @add.autocomplete("area")
    async def area_choices(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        catalogue = self.bot.catalogue
        return [
            app_commands.Choice(name=catalogue.area_name(a), value=a)
            for a in catalogue.search_areas(current)
        ]

    @remove.autocomplete("area")
    async def own_area_choices(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        catalogue = self.bot.catalogue
        typed = current.lower()
        own = await self.bot.coach.tight_areas(interaction.user.id)
        return [
            app_commands.Choice(name=catalogue.area_name(a.area), value=a.area)
            for a in own
            if typed in a.area.replace("_", " ") or typed in catalogue.area_name(a.area).lower()
        ][:25]


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Tight(bot))
