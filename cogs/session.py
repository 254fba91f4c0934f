"""Timed holds in a thread: the Start button of a routine card, and the session controls.

Discord glue only: the rules of starting, controlling, saving and posting live in
`bot.services.sessions`; this extension opens the thread and turns presses into calls.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.adapter.client import tell
from bot.rules import limits
from bot.rules.members import CardDraft
from bot.rules.routine import Routine
from bot.rules.session_text import CONTROL_LOOKS, card_snapshot, control_actions, control_id
from bot.rules.session_text import start_id as start_custom_id
from bot.rules.sessions import Session
from bot.services.sessions import SessionService, StartTicket
from cogs.common import CogButton, Interaction, Press, answer_press

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)

__all__ = ["card_snapshot", "new_card", "setup", "start_view"]


class StartButton(CogButton, template=r"session:start:(?P<id>\d+)"):
    cog_name = "Sessions"

    def __init__(self, card_key: int) -> None:
        super().__init__(start_custom_id(card_key), "Start", discord.ButtonStyle.success, emoji="▶️")
        self.card_key = card_key

    @classmethod
    def from_match(cls, match: re.Match[str]) -> StartButton:
        return cls(int(match["id"]))

    async def pressed(self, cog: Sessions, interaction: Interaction) -> None:
        await cog.on_start(interaction, self.card_key)


class ControlButton(
    CogButton, template=r"session:(?P<action>pause|resume|skip|stop|leave):(?P<id>\d+)"
):
    cog_name = "Sessions"

    def __init__(self, action: str, session_id: int) -> None:
        label, style = CONTROL_LOOKS[action]
        super().__init__(control_id(action, session_id), label, discord.ButtonStyle(style))
        self.action = action
        self.session_id = session_id

    @classmethod
    def from_match(cls, match: re.Match[str]) -> ControlButton:
        return cls(match["action"], int(match["id"]))

    async def pressed(self, cog: Sessions, interaction: Interaction) -> None:
        await cog.on_control(interaction, self.action, self.session_id)


def new_card(
    bot: CoachBot,
    interaction: Interaction,
    routine: Routine,
    *,
    card_key: int,
    tts: bool = False,
    snapshot: str | None = None,
) -> None:
    """Store the routine a card shows, so that Start runs exactly that routine (`snapshot`:
    its `card_snapshot`, when the caller has it already)."""
    bot.card_writer.add(
        CardDraft(
            card_key=card_key,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id or 0,
            owner_id=interaction.user.id,
            snapshot=snapshot or card_snapshot(routine, (), tts),
        )
    )


def start_view(card_key: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(StartButton(card_key))
    return view


def control_view(session: Session) -> discord.ui.View | None:
    actions = control_actions(session)
    if not actions:
        return None
    view = discord.ui.View(timeout=None)
    for action in actions:
        view.add_item(ControlButton(action, int(session.id)))
    return view


class Sessions(commands.Cog):
    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot
        self.service: SessionService = bot.sessions

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(StartButton, ControlButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(StartButton, ControlButton)

    def _control_embed(self, session: Session) -> discord.Embed:
        payload = self.service.control_payload(session)
        embeds: Any = payload["embeds"]
        return discord.Embed.from_dict(embeds[0])

    # -- Start -----------------------------------------------------------------------------

    async def on_start(self, interaction: Interaction, card_key: int) -> None:
        if interaction.guild_id is None or isinstance(interaction.channel, discord.Thread):
            # A session needs a thread of its own, which only a server channel can hold.
            await tell(
                interaction,
                "Timed sessions run in a thread of a server channel; here, follow the card "
                "at your own pace.",
            )
            return
        message = interaction.message
        ticket = await self.service.begin_start(
            card_key,
            interaction.user.id,
            message.id if message else None,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
        )
        try:
            await self._open_thread(interaction, ticket)
        except BaseException:
            # Nothing half-started: the card goes back to READY with its Start button.
            await asyncio.shield(self._put_back(interaction, ticket, card_key))
            raise

    async def _open_thread(self, interaction: Interaction, ticket: StartTicket) -> None:
        await interaction.response.edit_message(view=None)
        message = interaction.message
        if message is None:
            raise RuntimeError("a Start press always comes from its card")
        thread = await self._thread(interaction, message, ticket)
        session = ticket.session
        view = control_view(session)
        embed = self._control_embed(session)
        await self.bot.paced()
        control = await (thread.send(embed=embed, view=view) if view else thread.send(embed=embed))
        await self.service.opened(ticket, thread.id, control.id)

    async def _thread(
        self, interaction: Interaction, message: discord.Message, ticket: StartTicket
    ) -> discord.Thread:
        thread = await self._earlier_thread(ticket)
        if thread is None:
            await self.bot.paced()
            thread = await message.create_thread(
                name=limits.fit(f"Cooldown · {interaction.user.display_name}", limits.THREAD_NAME),
                auto_archive_duration=60,
            )
        await self.service.thread_opened(ticket, thread.id)
        return thread

    async def _earlier_thread(self, ticket: StartTicket) -> discord.Thread | None:
        # An earlier Start was cut short after opening the card's thread, and Discord gives
        # a message only one thread: run in that one, unless it has since been deleted.
        if ticket.stored.thread_id is None:
            return None
        await self.bot.paced()
        try:
            channel = await self.bot.fetch_channel(ticket.stored.thread_id)
        except discord.NotFound:
            return None
        return channel if isinstance(channel, discord.Thread) else None

    async def _put_back(self, interaction: Interaction, ticket: StartTicket, key: int) -> None:
        try:
            await self.service.abandon(ticket)
            if interaction.response.is_done():
                await interaction.edit_original_response(view=start_view(key))
        except Exception:
            log.exception("could not put card %s back after a failed Start", ticket.stored.id)

    # -- controls ----------------------------------------------------------------------------

    async def on_control(self, interaction: Interaction, action: str, session_id: int) -> None:
        async def work() -> Press:
            outcome = await self.service.control(
                session_id, interaction.user.id, action, channel_id=interaction.channel_id
            )
            if outcome.session is None:
                return Press(tell=outcome.tell)
            session = outcome.session
            return Press(embed=self._control_embed(session), view=control_view(session), edit=True)

        await answer_press(interaction, work)


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Sessions(bot))
