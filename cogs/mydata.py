"""`/mydata`: members own their data; they can take it with them or have it deleted."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.common import Interaction, OwnedView, Press, answer_press

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot


class ConfirmDelete(OwnedView):
    def __init__(self, bot: CoachBot, owner_id: int) -> None:
        super().__init__(owner_id, timeout=120)
        self.bot = bot

    @discord.ui.button(
        label="Delete everything", style=discord.ButtonStyle.danger, custom_id="mydata:delete:yes"
    )
    async def delete(self, interaction: Interaction, _: discord.ui.Button[ConfirmDelete]) -> None:
        self.stop()

        async def work() -> Press:
            removed = await self.bot.member_data.delete(self.owner_id)
            summary = ", ".join(
                f"{n} {table.replace('_', ' ')}" for table, n in removed.items() if n
            )
            text = f"Deleted: {summary or 'nothing was stored'}. Your slate is clean."
            return Press(content=text, view=None, edit=True)

        # A delete across every table can be slow on a busy database: answer in time.
        await answer_press(interaction, work)

    @discord.ui.button(
        label="Keep it", style=discord.ButtonStyle.secondary, custom_id="mydata:delete:no"
    )
    async def keep(self, interaction: Interaction, _: discord.ui.Button[ConfirmDelete]) -> None:
        self.stop()
        await interaction.response.edit_message(content="Nothing was deleted.", view=None)


class MyData(commands.Cog):
    mydata = app_commands.Group(name="mydata", description="Everything the bot stores about you")

    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot

    @mydata.command(name="export", description="Download everything stored about you (JSON)")
    async def export(self, interaction: Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await self.bot.member_data.export(interaction.user.id)
        blob = json.dumps(data, indent=2, default=str).encode()
        file = discord.File(io.BytesIO(blob), filename="cooldown-coach-data.json")
        await interaction.followup.send(
            "Here is everything stored about you.", file=file, ephemeral=True
        )

    @mydata.command(name="delete", description="Delete everything stored about you")
    async def delete(self, interaction: Interaction) -> None:
        await interaction.response.send_message(
            "Delete your tight areas, avoided stretches, check-ins and sessions? "
            "This cannot be undone.",
            view=ConfirmDelete(self.bot, interaction.user.id),
            ephemeral=True,
        )


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(MyData(bot))
