"""Confirm dialogs ("Clear them all?", "Delete everything?") that answer every press.

A dialog's buttons carry all a press needs: the dialog, the choice, the member, and the id
of the command's interaction, whose time says when the dialog expires. Any process answers a
press the same way, before or after a restart. A second press gets the first one's outcome
(never a second deletion report), a press after the dialog expired says so, and an expired
dialog's buttons are disabled on the message itself.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.adapter.client import report_failure, tell
from bot.adapter.observe import mark
from bot.metrics import REFUSED
from bot.rules.dialogs import expired_text, expires_at
from cogs.common import CogButton, Interaction, Press, answer_press

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)

REFUSAL = "These buttons aren't for you."


@dataclass(frozen=True, slots=True)
class DialogKind:
    name: str  # in the custom id: lowercase letters and dashes
    command: str  # what to run again, e.g. "/tight clear"
    yes: str
    no: str
    act: Callable[[CoachBot, int], Awaitable[str]]  # does it; what to tell the member
    declined: str


KINDS: dict[str, DialogKind] = {}


def register(kind: DialogKind) -> DialogKind:
    KINDS[kind.name] = kind
    return kind


class DialogButton(
    CogButton,
    template=r"dialog:(?P<kind>[a-z-]+):(?P<choice>yes|no):(?P<owner>\d+):(?P<id>\d+)",
):
    cog_name = "Dialogs"

    def __init__(
        self, kind: str, choice: str, owner_id: int, dialog_id: int, *, disabled: bool = False
    ) -> None:
        known = KINDS.get(kind)
        label = (known.yes if choice == "yes" else known.no) if known else choice
        style = discord.ButtonStyle.danger if choice == "yes" else discord.ButtonStyle.secondary
        custom_id = f"dialog:{kind}:{choice}:{owner_id}:{dialog_id}"
        super().__init__(custom_id, label, style, disabled=disabled)
        self.kind = kind
        self.choice = choice
        self.owner_id = owner_id
        self.dialog_id = dialog_id

    @classmethod
    def from_match(cls, match: re.Match[str]) -> DialogButton:
        return cls(match["kind"], match["choice"], int(match["owner"]), int(match["id"]))

    async def pressed(self, cog: Dialogs, interaction: Interaction) -> None:
        await cog.pressed(interaction, self, stale=False)

    @classmethod
    async def stale_press(cls, interaction: Interaction, match: re.Match[str]) -> None:
        """A press on a dialog whose buttons an answer already took away (a double click)."""
        button = cls.from_match(match)
        cog = interaction.client.get_cog(cls.cog_name)
        if not isinstance(cog, Dialogs):
            await tell(interaction, "I'm restarting; run the command again in a minute.")
            return
        try:
            await cog.pressed(interaction, button, stale=True)
        except Exception as error:
            await report_failure(interaction, error)


def dialog_view(kind: str, owner_id: int, dialog_id: int, *, disabled: bool = False) -> Any:
    view = discord.ui.View(timeout=None)
    for choice in ("yes", "no"):
        view.add_item(DialogButton(kind, choice, owner_id, dialog_id, disabled=disabled))
    return view


def ask(interaction: Interaction, kind: DialogKind) -> Any:
    """The dialog's buttons for the answer to `interaction`; it expires on its own."""
    desk = interaction.client.get_cog("Dialogs")
    if not isinstance(desk, Dialogs):
        raise RuntimeError("the dialogs extension is not loaded")
    return desk.ask(interaction, kind)


class Dialogs(commands.Cog):
    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot
        # What each dialog answered, while it can still be pressed: a second press shows it.
        self._outcomes: dict[int, str] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._timers: dict[int, asyncio.Task[None]] = {}

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(DialogButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(DialogButton)
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

    def ask(self, interaction: Interaction, kind: DialogKind) -> Any:
        dialog_id = interaction.id
        self._timers[dialog_id] = asyncio.create_task(self._expire(interaction, dialog_id, kind))
        return dialog_view(kind.name, interaction.user.id, dialog_id)

    async def _expire(
        self, interaction: Interaction | None, dialog_id: int, kind: DialogKind
    ) -> None:
        """At the dialog's end: disable its buttons unless it was answered, then forget it."""
        try:
            wait = (expires_at(dialog_id) - datetime.now(UTC)).total_seconds()
            await asyncio.sleep(max(wait, 0))
            async with self._lock(dialog_id):
                if dialog_id in self._outcomes or interaction is None:
                    return  # answered: the message already says what was done
                view = dialog_view(kind.name, interaction.user.id, dialog_id, disabled=True)
                await interaction.edit_original_response(
                    content=expired_text(kind.command), view=view
                )
        except discord.HTTPException as error:
            log.info("could not mark dialog %s expired: %s", dialog_id, error)
        finally:
            self._timers.pop(dialog_id, None)
            self._outcomes.pop(dialog_id, None)
            self._locks.pop(dialog_id, None)

    def _lock(self, dialog_id: int) -> asyncio.Lock:
        return self._locks.setdefault(dialog_id, asyncio.Lock())

    async def pressed(self, interaction: Interaction, button: DialogButton, *, stale: bool) -> None:
        kind = KINDS.get(button.kind)
        if kind is None:
            await tell(interaction, "That question is no longer asked; run the command again.")
            return
        if interaction.user.id != button.owner_id:
            log.info(
                "refused a press by %s on a dialog of %s", interaction.user.id, button.owner_id
            )
            mark(interaction, REFUSED)
            await tell(interaction, REFUSAL)
            return
        dialog_id = button.dialog_id

        async def work() -> Press:
            outcome = self._outcomes.get(dialog_id)
            if outcome is not None:
                return Press(content=outcome, view=None, edit=True)
            if stale:
                return Press(tell=f"This question is closed; run `{kind.command}` again.")
            if datetime.now(UTC) >= expires_at(dialog_id):
                view = dialog_view(kind.name, button.owner_id, dialog_id, disabled=True)
                return Press(content=expired_text(kind.command), view=view, edit=True)
            if button.choice == "yes":
                outcome = await kind.act(self.bot, button.owner_id)
            else:
                outcome = kind.declined
            self._outcomes[dialog_id] = outcome
            if dialog_id not in self._timers:  # asked before a restart: forget it in time
                self._timers[dialog_id] = asyncio.create_task(self._expire(None, dialog_id, kind))
            return Press(content=outcome, view=None, edit=True)

        # Presses of one dialog queue up: the second one sees what the first one did.
        await answer_press(interaction, work, lock=self._lock(dialog_id))


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Dialogs(bot))
