"""`/mydata`: members own their data; they can take it with them or have it deleted."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import think_privately
from cogs.common import Interaction
from cogs.dialogs import DialogKind, ask, register

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot


async def delete_all(bot: CoachBot, owner_id: int) -> str:
    forgotten = await bot.member_data.delete(owner_id)
    deleted = _listed(forgotten.deleted, DELETED)
    anonymised = _listed(forgotten.anonymised, ANONYMISED)
    if not deleted and not anonymised:
        return "Nothing is stored about you any more; your slate is clean."
    said = [f"Deleted: {deleted}." if deleted else "Nothing of yours was left to delete."]
    if anonymised:
        said.append(f"Your name was taken out of what others keep: {anonymised}.")
    return " ".join([*said, "Your slate is clean."])


def _listed(counts: dict[str, int], words: dict[str, str]) -> str:
    return ", ".join(f"{n} {words.get(table, table)}" for table, n in counts.items() if n)


DELETED = {
    "tight_areas": "tight areas",
    "avoided_stretches": "avoided stretches",
    "checkins": "check-ins",
    "group_members": "group memberships",
    "cooldown_sessions": "routine cards and sessions",
    "deliveries": "messages to you",
}
ANONYMISED = {
    "group_cooldowns": "group cooldowns you led",
    "checkin_schedules": "check-in schedules you set",
    "cooldown_sessions": "group sessions of others",
    "deliveries": "posts that mentioned you",
}


DELETE = register(
    DialogKind(
        name="mydata-delete",
        command="/mydata delete",
        yes="Delete everything",
        no="Keep it",
        act=delete_all,
        declined="Nothing was deleted.",
    )
)


class MyData(commands.Cog):
    mydata = app_commands.Group(name="mydata", description="Everything the bot stores about you")

    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot

    @mydata.command(name="export", description="Download everything stored about you (JSON)")
    async def export(self, interaction: Interaction) -> None:
        await think_privately(interaction)
        data = await self.bot.member_data.export(interaction.user.id)
        blob = json.dumps(data, indent=2, default=str).encode()
        file = discord.File(io.BytesIO(blob), filename="cooldown-coach-data.json")
        await interaction.edit_original_response(
            content="Here is everything stored about you.", attachments=[file]
        )

    @mydata.command(name="delete", description="Delete everything stored about you")
    async def delete(self, interaction: Interaction) -> None:
        await interaction.response.send_message(
            "Delete your tight areas, avoided stretches, check-ins, sessions and messages to "
            "you, and take your name out of the groups you led? This cannot be undone.",
            view=ask(interaction, DELETE),
            ephemeral=True,
        )


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(MyData(bot))
