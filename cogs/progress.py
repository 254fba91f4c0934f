"""`/progress`: a member's weeks as a chart and in words."""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import tell, think_privately
from bot.rules.checkins.chart import draw_progress_chart
from bot.rules.checkins.replies import therapist_line
from bot.rules.checkins.trends import compute_trends
from cogs.common import BRAND_COLOUR, Interaction, fitted

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot


class Progress(commands.Cog):
    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot

    @app_commands.command(name="progress", description="Your weekly check-ins as a chart")
    @app_commands.describe(weeks="How many weeks back (default 12)")
    async def progress(
        self, interaction: Interaction, weeks: app_commands.Range[int, 1, 52] = 12
    ) -> None:
        # Drawing takes a moment: acknowledge first, draw off the event loop.
        await think_privately(interaction)
        history = await self.bot.desk.history(interaction.user.id, weeks)
        if not history:
            await tell(
                interaction,
                "No check-ins yet. Answer the weekly check-in and your weeks show up here.",
            )
            return
        catalogue = self.bot.catalogue
        names = {a.id: a.name for a in catalogue.areas}
        png = await asyncio.to_thread(draw_progress_chart, history, names)
        trends = compute_trends(history)
        lines = trends.summary_lines(catalogue)
        lines += [therapist_line(r, catalogue) for r in trends.see_therapist]
        embed = discord.Embed(
            title=f"Your last {len(history)} check-in(s)",
            description="\n".join(dict.fromkeys(lines)),
            colour=BRAND_COLOUR,
        )
        embed.set_image(url="attachment://progress.png")
        file = discord.File(io.BytesIO(png), filename="progress.png")
        await interaction.edit_original_response(embed=fitted(embed), attachments=[file])


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Progress(bot))
