"""Small pieces every extension uses: who may press a button, answering in time, embeds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord

from bot.adapter.client import CoachBot, report_failure
from bot.adapter.observe import mark, watch
from bot.metrics import REFUSED
from bot.rules.cards import routine_card
from bot.rules.catalogue import Catalogue
from bot.rules.routine import Routine

log = logging.getLogger(__name__)

# Discord drops an interaction not acknowledged within 3 s; past this much work, defer first.
DEFER_AFTER = 1.5
BRAND_COLOUR = discord.Colour.from_rgb(46, 160, 120)

Interaction = discord.Interaction[CoachBot]


@dataclass
class Reply:
    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None


async def answer(
    interaction: Interaction, work: Callable[[], Awaitable[Reply]], *, ephemeral: bool
) -> None:
    """Answer with the result of `work`, deferring first when it is slow (a busy database).

    The fast path is one REST call; the slow path acknowledges inside Discord's 3-second
    window and then sends the result as a follow-up.
    """
    responding = asyncio.Lock()
    deferral = _defer_when_slow(
        interaction,
        responding,
        lambda: interaction.response.defer(ephemeral=ephemeral, thinking=True),
    )
    try:
        try:
            reply = await work()
        except Exception:
            async with responding:
                if interaction.response.is_done() and not ephemeral:
                    # A follow-up would replace the public "thinking…" message and show the
                    # error to the channel; taking it down lets it go to the member alone.
                    with contextlib.suppress(discord.HTTPException):
                        await interaction.delete_original_response()
            raise
        kwargs = _without_none({"content": reply.content, "embed": reply.embed, "view": reply.view})
        async with responding:
            if interaction.response.is_done():
                await interaction.followup.send(ephemeral=ephemeral, **kwargs)
            else:
                await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
    finally:
        deferral.cancel()


@dataclass
class Press:
    """What a button press does to its message: edit it, or tell the presser privately."""

    tell: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    edit: bool = False
    content: str | None = None


async def answer_press(
    interaction: Interaction,
    work: Callable[[], Awaitable[Press]],
    lock: asyncio.Lock | None = None,
) -> None:
    """Like `answer`, for components: a slow press is deferred as an update, then applied.

    With `lock`, the work and the edit it makes happen while holding it, and the wait for
    the lock counts towards the defer timer: a queue of presses is acknowledged in time.
    """
    responding = asyncio.Lock()
    deferral = _defer_when_slow(interaction, responding, interaction.response.defer)
    try:
        async with lock or contextlib.nullcontext():
            press = await work()
            async with responding:
                await _apply(interaction, press)
    finally:
        deferral.cancel()


async def _apply(interaction: Interaction, press: Press) -> None:
    done = interaction.response.is_done()
    if press.edit:
        changes: dict[str, Any] = {"embed": press.embed, "view": press.view}
        if press.content is not None:
            changes["content"] = press.content
        if done:
            await interaction.edit_original_response(**changes)
        else:
            await interaction.response.edit_message(**changes)
    elif press.tell:
        if done:
            await interaction.followup.send(press.tell, ephemeral=True)
        else:
            await interaction.response.send_message(press.tell, ephemeral=True)


def _defer_when_slow(
    interaction: Interaction, responding: asyncio.Lock, defer: Callable[[], Awaitable[Any]]
) -> asyncio.Task[None]:
    """Acknowledge the interaction if no answer has gone out well inside Discord's 3 s.

    `responding` is held by whoever answers, so the deferral and the answer never cross.
    """

    async def later() -> None:
        await asyncio.sleep(DEFER_AFTER)
        async with responding:
            if not interaction.response.is_done():
                await defer()

    return asyncio.create_task(later())


def _without_none(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in kwargs.items() if value is not None}


class Watched:
    """For buttons and forms: discord.py runs this check first, in the task that handles the
    press, so the press's outcome is counted when that task ends (see bot.adapter.observe)."""

    async def interaction_check(self, interaction: Interaction, /) -> bool:
        watch(interaction)
        return True


class OwnedView(Watched, discord.ui.View):
    """A view only one member may press; anyone else is told so and nothing changes."""

    refusal = "These buttons aren't for you."

    def __init__(self, owner_id: int, *, timeout: float | None = 180) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: Interaction, /) -> bool:
        await super().interaction_check(interaction)
        if interaction.user.id == self.owner_id:
            return True
        log.info("refused a press by %s on a view of %s", interaction.user.id, self.owner_id)
        mark(interaction, REFUSED)
        await interaction.response.send_message(self.refusal, ephemeral=True)
        return False

    async def on_error(
        self, interaction: Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report_failure(interaction, error)


def routine_embed(
    routine: Routine, catalogue: Catalogue, heading: str | None = None
) -> discord.Embed:
    """The routine as a card a runner can read at a glance on a phone."""
    return discord.Embed.from_dict(routine_card(routine, catalogue, heading))  # type: ignore[arg-type]


def plain_embed(title_text: str, description: str) -> discord.Embed:
    return discord.Embed(title=title_text, description=description, colour=BRAND_COLOUR)
