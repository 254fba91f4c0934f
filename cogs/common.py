"""Small pieces every extension uses: who may press a button, answering in time, embeds."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import discord
from discord import app_commands

from bot.adapter.backlog import admitted
from bot.adapter.client import CoachBot, report_failure, tell, think_privately
from bot.adapter.respond import defer as defer_answer
from bot.adapter.respond import edit_json, send_json
from bot.rules import limits
from bot.rules.cards import routine_card
from bot.rules.catalogue import Catalogue
from bot.rules.overload import Verdict
from bot.rules.routine import Routine

log = logging.getLogger(__name__)

# Discord drops an interaction not acknowledged within 3 s; past this much work, defer first
# (for an interaction no check admitted; otherwise the admission says when, `_defer_delay`).
DEFER_AFTER = 1.5
BRAND_COLOUR = discord.Colour.from_rgb(46, 160, 120)

Interaction = discord.Interaction[CoachBot]


@dataclass
class Reply:
    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    # Or the whole message as Discord JSON, within Discord's limits already, for an answer
    # built as JSON whose buttons are answered from their custom ids: sent as it is.
    json: dict[str, Any] | None = None


async def answer(
    interaction: Interaction, work: Callable[[], Awaitable[Reply]], *, ephemeral: bool
) -> None:
    """Answer with the result of `work`, deferring first when it is slow (a busy database).

    The fast path is one REST call; the slow path acknowledges inside Discord's 3-second
    window and then edits that "thinking…" message into the answer.
    """
    responding = asyncio.Lock()

    async def defer() -> None:
        if ephemeral:
            await think_privately(interaction)
        else:
            await defer_answer(interaction, thinking=True)

    await _defer_if_late(interaction, defer)
    deferral = _Deferral(interaction, responding, defer)
    try:
        try:
            reply = await work()
        except Exception:
            async with responding:
                if interaction.response.is_done() and not ephemeral:
                    # The public "thinking…" would show the error to the channel; taking it
                    # down lets the error go to the member alone.
                    with contextlib.suppress(discord.HTTPException):
                        await interaction.delete_original_response()
            raise
        message = reply.json if reply.json is not None else _as_json(reply)
        if message is not None:
            async with responding:
                if interaction.response.is_done():
                    await edit_json(interaction, message)
                else:
                    await send_json(interaction, message, ephemeral=ephemeral)
            return
        content = limits.fit(reply.content, limits.CONTENT) if reply.content else None
        embed = fitted(reply.embed) if reply.embed else None
        async with responding:
            if interaction.response.is_done():
                changes = {"content": content, "embed": embed, "view": reply.view}
                await interaction.edit_original_response(**_without_none(changes))
            else:
                kwargs = _without_none({"content": content, "embed": embed, "view": reply.view})
                await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
    finally:
        deferral.cancel()


def _as_json(reply: Reply) -> dict[str, Any] | None:
    """A reply of text and an embed as Discord JSON, sent in one callback that asks Discord for
    nothing back (discord.py's `send_message` asks for the message and builds it, as much CPU
    as the rest of a cheap answer); None for a reply with buttons, which needs the view."""
    if reply.view is not None:
        return None
    message: dict[str, Any] = {}
    if reply.content:
        message["content"] = limits.fit(reply.content, limits.CONTENT)
    if reply.embed:
        message["embeds"] = [limits.fit_embed(reply.embed.to_dict())]
    return message


def choices(pairs: Iterable[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices within Discord's limits (25, names and values of 100)."""
    return [app_commands.Choice(name=n, value=v) for n, v in limits.choices(pairs)]


def fitted(embed: discord.Embed) -> discord.Embed:
    """The embed within Discord's limits (clipped where it is over)."""
    return discord.Embed.from_dict(limits.fit_embed(embed.to_dict()))


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
    defer = functools.partial(defer_answer, interaction)
    await _defer_if_late(interaction, defer)
    deferral = _Deferral(interaction, responding, defer)
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
        changes: dict[str, Any] = {
            "embed": fitted(press.embed) if press.embed else None,
            "view": press.view,
        }
        if press.content is not None:
            changes["content"] = limits.fit(press.content, limits.CONTENT)
        if done:
            await interaction.edit_original_response(**changes)
        else:
            await interaction.response.edit_message(**changes)
    elif press.tell:
        await tell(interaction, press.tell)


class _Deferral:
    """Acknowledge the interaction if no answer has gone out well inside Discord's 3 s (at
    the admission's time), unless the answer goes out first.

    `responding` is held by whoever answers, so the deferral and the answer never cross. A
    timer, not a task waiting on one: nearly every answer beats it, and cancelling a timer
    costs nothing, where a task costs a loop turn to start and another to cancel. Once
    cancelled it sends nothing, even if its timer had fired and its task not yet started:
    an error answered in that moment would otherwise race a "thinking…" to Discord, and the
    one that lost would be refused as a second acknowledgement.
    """

    def __init__(
        self,
        interaction: Interaction,
        responding: asyncio.Lock,
        defer: Callable[[], Awaitable[Any]],
    ) -> None:
        self._interaction = interaction
        self._responding = responding
        self._defer = defer
        self._off = False
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(_defer_delay(interaction), self._fire)

    def cancel(self) -> None:
        self._off = True
        self._timer.cancel()

    def _fire(self) -> None:
        task = asyncio.create_task(self._later())
        _deferrals.add(task)
        task.add_done_callback(_deferrals.discard)

    async def _later(self) -> None:
        async with self._responding:
            if not self._off and not self._interaction.response.is_done():
                await self._defer()


# Deferrals under way, held until they end (the loop keeps only weak references to tasks).
_deferrals: set[asyncio.Task[None]] = set()


async def _defer_if_late(interaction: Interaction, defer: Callable[[], Awaitable[Any]]) -> None:
    """When the backlog says the answer will be late, acknowledge before anything else."""
    if _defer_delay(interaction) <= 0 and not interaction.response.is_done():
        await defer()


def _defer_delay(interaction: Interaction) -> float:
    """Seconds from now until an unanswered interaction is deferred."""
    decided = admitted(interaction)
    if decided is None:
        return DEFER_AFTER
    if decided.verdict is Verdict.DEFER:
        return 0.0
    return decided.defer_in


def _without_none(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in kwargs.items() if value is not None}


class Watched:
    """For buttons and forms: discord.py runs this check first, in the task that handles the
    press, so the press's outcome is counted when that task ends (see bot.adapter.observe)."""

    # Typed as discord.py's base does: the client is ours, but the base cannot say so.
    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        admitted: bool = await interaction.client.admit(interaction)
        return admitted


def routine_embed(
    routine: Routine, catalogue: Catalogue, heading: str | None = None
) -> discord.Embed:
    """The routine as a card a runner can read at a glance on a phone."""
    return discord.Embed.from_dict(routine_card(routine, catalogue, heading))


def plain_embed(title_text: str, description: str) -> discord.Embed:
    return discord.Embed(title=title_text, description=description, colour=BRAND_COLOUR)


def submitted(data: Mapping[str, Any]) -> dict[str, str]:
    """What a member typed or picked in a form, by component custom id, from the raw
    submission (action rows, or Labels holding one component each)."""
    values: dict[str, str] = {}
    pending: list[Any] = list(data.get("components") or [])
    while pending:
        component = pending.pop()
        if not isinstance(component, Mapping):
            continue
        custom_id = component.get("custom_id")
        if isinstance(custom_id, str) and "value" in component:
            values[custom_id] = str(component.get("value") or "")
        elif isinstance(custom_id, str) and "values" in component:
            values[custom_id] = ", ".join(str(v) for v in component.get("values") or [])
        pending += list(component.get("components") or [])
        if isinstance(component.get("component"), Mapping):
            pending.append(component["component"])
    return values


class CogButton(Watched, discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"(?!)"):
    """A button answered from its custom id alone, so it keeps working after a restart.

    A subclass gives its `template`, `cog_name`, how to rebuild itself from the id's match
    (`from_match`) and what a press does (`pressed`). The base finds the cog, answers when it
    is not loaded (a restart in progress), and turns any failure into a short private answer.
    """

    cog_name: ClassVar[str]

    def __init__(
        self,
        custom_id: str,
        label: str,
        style: discord.ButtonStyle,
        *,
        emoji: str | None = None,
        disabled: bool = False,
    ) -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=limits.fit(label, limits.BUTTON_LABEL),
            style=style,
            custom_id=custom_id,
            emoji=emoji,
            disabled=disabled,
        )
        super().__init__(button)

    @classmethod
    def from_match(cls, match: re.Match[str]) -> Self:
        raise NotImplementedError

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls.from_match(match)

    async def callback(self, interaction: Interaction) -> None:  # type: ignore[override]
        cog = interaction.client.get_cog(self.cog_name)
        if cog is None:
            await tell(interaction, "I'm restarting; press it again in a minute.")
            return
        try:
            await self.pressed(cog, interaction)
        except Exception as error:
            await report_failure(interaction, error)

    async def pressed(self, cog: Any, interaction: Interaction) -> None:
        raise NotImplementedError
