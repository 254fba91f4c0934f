"""`/stretch`: stretches a member never wants suggested (kneeling hurts, no mat...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.rules import limits
from cogs.common import Interaction, Reply, answer, choices, plain_embed

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot


class Stretch(commands.Cog):
    stretch = app_commands.Group(
        name="stretch", description="Stretches to leave out of your routines"
    )

    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot

    @stretch.command(name="avoid", description="Never suggest this stretch to me")
    async def avoid(self, interaction: Interaction, name: str) -> None:
        async def work() -> Reply:
            change = await self.bot.coach.avoid(interaction.user.id, name)
            if not change.changed:
                return Reply(f"You already avoid **{change.name}**.")
            return Reply(
                f"Got it: no more **{change.name}**. Your routines use another stretch "
                "for the same area."
            )

        await answer(interaction, work, ephemeral=True)

    @stretch.command(name="allow", description="Let a stretch you avoided come back")
    async def allow(self, interaction: Interaction, name: str) -> None:
        async def work() -> Reply:
            change = await self.bot.coach.allow(interaction.user.id, name)
            if not change.changed:
                return Reply(f"**{change.name}** wasn't on your avoid list.")
            return Reply(f"**{change.name}** can appear in your routines again.")

        await answer(interaction, work, ephemeral=True)

    @stretch.command(name="list", description="Show the stretches you avoid")
    async def list_(self, interaction: Interaction) -> None:
        async def work() -> Reply:
            avoided = await self.bot.coach.avoided(interaction.user.id)
            if not avoided:
                return Reply("You don't avoid any stretch. Use `/stretch avoid` if one hurts.")
            names = "\n".join(f"• {self.bot.catalogue.stretch(a.stretch_id).name}" for a in avoided)
            return Reply(embed=plain_embed("Stretches you avoid", names))

        await answer(interaction, work, ephemeral=True)

    @avoid.autocomplete("name")
    async def stretch_choices(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        catalogue = self.bot.catalogue
        found = catalogue.search_stretches(current[: limits.CHOICE_VALUE])
        return choices((catalogue.stretch(s).name, s) for s in found)

    @allow.autocomplete("name")
    async def avoided_choices(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        catalogue = self.bot.catalogue
        typed = current.lower()
        avoided = await self.bot.coach.avoided(interaction.user.id)
        names = [(catalogue.stretch(a.stretch_id).name, a.stretch_id) for a in avoided]
        return choices((name, sid) for name, sid in names if typed in name.lower())


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Stretch(bot))
