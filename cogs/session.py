"""Timed holds in a thread: the Start button of a routine card, and the session controls.

The engine (bot.rules.sessions) owns the clock; this extension only turns its events into thread
messages and button presses into its commands. Each step is one message whose end time is a
Discord relative timestamp, so every phone counts down by itself with no edits per second.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import TYPE_CHECKING, Any, ClassVar

import discord
from discord.ext import commands

from bot.adapter.client import report_failure, tell
from bot.rules.catalogue import Kind
from bot.rules.members import CardDraft, StoredSession
from bot.rules.members import SessionState as StoredState
from bot.rules.plan_text import clock, step_timing
from bot.rules.routine import Routine, Side
from bot.rules.sessions import (
    Event,
    Finished,
    Paused,
    Progress,
    Resumed,
    ScheduledStep,
    Session,
    SessionError,
    SessionState,
    StepStarted,
    Stopped,
    routine_from_dict,
    routine_to_dict,
)
from bot.services.pacing import SESSION_CAPACITY
from bot.services.session_runner import SessionRunner
from cogs.common import BRAND_COLOUR, Interaction, Press, answer_press

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)


NOT_YOURS = "This is not your session."
CARD_WAITS = 10


def card_snapshot(routine: Routine, members: tuple[int, ...] = (), tts: bool = False) -> str:
    """What a routine card stores until Start is pressed."""
    return json.dumps({"routine": routine_to_dict(routine), "members": members, "tts": tts})


class StartButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"session:start:(?P<id>\d+)"
):
    def __init__(self, session_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Start",
                emoji="▶️",
                style=discord.ButtonStyle.success,
                custom_id=f"session:start:{session_id}",
            )
        )
        self.session_id = session_id

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StartButton:
        return cls(int(match["id"]))

    async def callback(self, interaction: Interaction) -> None:  # type: ignore[override]
        await _with_cog(interaction, lambda cog: cog.on_start(interaction, self.session_id))


class ControlButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"session:(?P<action>pause|resume|skip|stop|leave):(?P<id>\d+)",
):
    LOOKS: ClassVar[dict[str, tuple[str, discord.ButtonStyle]]] = {
        "pause": ("Pause", discord.ButtonStyle.secondary),
        "resume": ("Resume", discord.ButtonStyle.success),
        "skip": ("Skip", discord.ButtonStyle.primary),
        "stop": ("Stop", discord.ButtonStyle.danger),
        "leave": ("Leave", discord.ButtonStyle.secondary),
    }

    def __init__(self, action: str, session_id: int) -> None:
        label, style = self.LOOKS[action]
        super().__init__(
            discord.ui.Button(label=label, style=style, custom_id=f"session:{action}:{session_id}")
        )
        self.action = action
        self.session_id = session_id

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ControlButton:
        return cls(match["action"], int(match["id"]))

    async def callback(self, interaction: Interaction) -> None:  # type: ignore[override]
        await _with_cog(
            interaction, lambda cog: cog.on_control(interaction, self.action, self.session_id)
        )


async def _with_cog(interaction: Interaction, call: Any) -> None:
    cog = interaction.client.get_cog("Sessions")
    if not isinstance(cog, Sessions):
        return
    try:
        await call(cog)
    except Exception as error:
        await report_failure(interaction, error)


def new_card(
    bot: CoachBot,
    interaction: Interaction,
    routine: Routine,
    *,
    card_key: int,
    tts: bool = False,
) -> None:
    """Store the routine a card shows, so that Start runs exactly that routine."""
    bot.card_writer.add(
        CardDraft(
            card_key=card_key,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id or 0,
            owner_id=interaction.user.id,
            snapshot=card_snapshot(routine, (), tts),
        )
    )


def start_view(card_key: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(StartButton(card_key))
    return view


def control_view(session: Session) -> discord.ui.View | None:
    if session.is_over:
        return None
    view = discord.ui.View(timeout=None)
    sid = int(session.id)
    first = "resume" if session.state is SessionState.PAUSED else "pause"
    actions = [first, "skip", "stop"] + (["leave"] if session.members else [])
    for action in actions:
        view.add_item(ControlButton(action, sid))
    return view


def progress_line(progress: Progress | None) -> str:
    if progress is None:
        return "Starting…"
    return (
        f"Step {progress.step_number} of {progress.step_count} {progress.bar} "
        f"{clock(progress.seconds_left)} left"
    )


def stamp(seconds: float) -> str:
    return f"<t:{round(seconds)}:R>"


def step_message(started: StepStarted) -> str:
    scheduled = started.step
    step = scheduled.step
    lines = [f"**{progress_line(started.progress)}**", f"## {step.name}", step.how]
    if step.kind is Kind.STRETCH:
        lines.append(f"> {step.cue}  *({step_timing(step)}, no bouncing)*")
    lines.append(_when(scheduled))
    if started.caught_up:
        lines.append(f"*Picked up where the clock is: {started.skipped} step(s) passed.*")
    return "\n".join(lines)


def _when(scheduled: ScheduledStep) -> str:
    holds = scheduled.holds
    if len(holds) == 2 and holds[0].side is Side.LEFT:
        return (
            f"Left side until {stamp(holds[0].ends_at)}, then **switch sides**: "
            f"right side until {stamp(holds[1].ends_at)}."
        )
    verb = "Hold" if scheduled.step.kind is Kind.STRETCH else "Go"
    if holds:
        return f"{verb} from {stamp(holds[0].starts_at)} until {stamp(holds[-1].ends_at)}."
    return f"{verb} until {stamp(scheduled.ends_at)}."


class Sessions(commands.Cog):
    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot
        self.store = bot.session_cards
        self.budget = bot.rest_budget
        self.runner = SessionRunner(self._deliver, clock=self._now, on_change=self._save)
        self.control_messages: dict[str, int] = {}
        self.tts: set[str] = set()
        self.time_scale = bot.time_scale

    def _now(self) -> float:
        return self.bot.clock().timestamp()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(StartButton, ControlButton)
        rows = [row for row in await self.store.active() if self.bot.owns(row.guild_id)]
        for row in rows:
            if row.control_message_id is not None:
                self.control_messages[str(row.id)] = row.control_message_id
        restored = await self.runner.restore(json.loads(row.snapshot) for row in rows)
        log.info("resumed %d of %d stored sessions", len(restored), len(rows))

    async def cog_unload(self) -> None:
        await self.runner.close()
        self.bot.remove_dynamic_items(StartButton, ControlButton)

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
        stored = await self._card(card_key)
        if stored is None:
            await tell(interaction, "This card has expired; run `/cooldown` again.")
            return
        if interaction.user.id != stored.owner_id:
            await tell(interaction, "Only the runner this routine is for can start it.")
            return
        if stored.state is not StoredState.READY:
            await tell(interaction, "This routine has already been started; see its thread.")
            return
        if len(self.runner.active()) >= SESSION_CAPACITY:
            await tell(
                interaction,
                "I'm timing as many sessions as Discord lets me right now. "
                "Follow the card at your own pace, or press Start again in a minute.",
            )
            return
        await self._start(interaction, stored)

    async def _card(self, card_key: int) -> StoredSession | None:
        # The card's row is written just after the card is posted; a very quick press may
        # arrive first, so give it a moment (well inside Discord's 3 s) before giving up.
        if self.bot.card_writer.pending(card_key):
            await self.bot.card_writer.flush()
        for _ in range(CARD_WAITS):
            stored = await self.store.by_key(card_key)
            if stored is not None:
                return stored
            await asyncio.sleep(0.1)
        return await self.store.by_key(card_key)

    async def _start(self, interaction: Interaction, stored: StoredSession) -> None:
        card = json.loads(stored.snapshot)
        session = Session(
            id=str(stored.id),
            owner_id=stored.owner_id,
            routine=routine_from_dict(card["routine"]),
            guild_id=stored.guild_id,
            channel_id=stored.channel_id,
            members=tuple(card.get("members", ())),
            time_scale=self.time_scale,
        )
        if not await self.store.start(stored.id, json.dumps(session.to_snapshot())):
            await tell(interaction, "This routine has already been started; see its thread.")
            return
        try:
            await self._open_thread(interaction, session, bool(card.get("tts")))
        except BaseException:
            # Nothing half-started: the card goes back to READY with its Start button.
            await asyncio.shield(self._put_back(interaction, stored))
            raise
        await self.runner.start(session)

    async def _open_thread(self, interaction: Interaction, session: Session, tts: bool) -> None:
        await interaction.response.edit_message(view=None)
        message = interaction.message
        if message is None:
            raise RuntimeError("a Start press always comes from its card")
        thread = await message.create_thread(
            name=f"Cooldown · {interaction.user.display_name}"[:100], auto_archive_duration=60
        )
        session.thread_id = thread.id
        if tts:
            self.tts.add(session.id)
        control = await thread.send(embed=self._control_embed(session), view=control_view(session))
        self.control_messages[session.id] = control.id
        await self.store.save(
            int(session.id),
            StoredState.RUNNING,
            json.dumps(session.to_snapshot()),
            thread_id=thread.id,
            control_message_id=control.id,
        )

    async def _put_back(self, interaction: Interaction, stored: StoredSession) -> None:
        try:
            await self.store.save(stored.id, StoredState.READY, stored.snapshot)
            if interaction.response.is_done() and stored.card_key is not None:
                await interaction.edit_original_response(view=start_view(stored.card_key))
        except Exception:
            log.exception("could not put card %s back after a failed Start", stored.id)

    # -- controls ----------------------------------------------------------------------------

    async def on_control(self, interaction: Interaction, action: str, session_id: int) -> None:
        await answer_press(interaction, lambda: self._control(interaction, action, session_id))

    async def _control(self, interaction: Interaction, action: str, session_id: int) -> Press:
        session = self.runner.get(str(session_id))
        if session is None or session.is_over:
            return Press(tell="This session is over.")
        user_id = interaction.user.id
        if action == "leave":
            return self._leave(session, user_id)
        if user_id != session.owner_id:
            if user_id in session.members:
                return Press(tell="The run leader controls the clock; you can Leave any time.")
            return Press(tell=NOT_YOURS)
        command = {
            "pause": self.runner.pause,
            "resume": self.runner.resume,
            "skip": self.runner.skip,
            "stop": self.runner.stop,
        }[action]
        try:
            await command(session.id)
        except SessionError as error:
            return Press(tell=str(error))
        return Press(embed=self._control_embed(session), view=control_view(session), edit=True)

    def _leave(self, session: Session, user_id: int) -> Press:
        if user_id == session.owner_id:
            return Press(tell="You lead this session; press Stop to end it for everyone.")
        if user_id not in session.members:
            return Press(tell=NOT_YOURS)
        session.members = tuple(m for m in session.members if m != user_id)
        return Press(tell="You left the session. Nice work today.")

    def _control_embed(self, session: Session) -> discord.Embed:
        now = self._now()
        state = {
            SessionState.RUNNING: "Running",
            SessionState.PAUSED: "Paused: press Resume to carry on",
            SessionState.FINISHED: "Finished",
            SessionState.STOPPED: "Stopped",
            SessionState.READY: "Starting",
        }[session.state]
        embed = discord.Embed(
            title="Cooldown session", description=progress_line(session.progress(now)),
            colour=BRAND_COLOUR,
        )  # fmt: skip
        embed.add_field(name="State", value=state, inline=True)
        runners = " ".join(f"<@{m}>" for m in session.participants)
        embed.add_field(name="Runners", value=runners[:1024], inline=True)
        return embed

    # -- engine events → thread messages -----------------------------------------------------

    async def _deliver(self, event: Event) -> None:
        session = self.runner.get(event.session_id)
        if session is None or session.thread_id is None:
            return
        thread = self.bot.get_partial_messageable(session.thread_id)
        if isinstance(event, StepStarted):
            await self.budget.take()
            await thread.send(step_message(event), tts=session.id in self.tts)
            await self._refresh_control(session, thread, must=False)
        elif isinstance(event, Paused):
            # The step message's countdown keeps running on phones; say that the clock stopped.
            await self.budget.take()
            await thread.send("⏸️ **Paused.** The clock stops until Resume is pressed.")
        elif isinstance(event, Resumed):
            await self.budget.take()
            step = event.step.step
            await thread.send(
                f"▶️ **Resumed: {step.name}.** {_when(event.step)}", tts=session.id in self.tts
            )
        elif isinstance(event, Finished | Stopped):
            await self._close(session, thread, event)

    async def _refresh_control(
        self, session: Session, thread: discord.PartialMessageable, *, must: bool
    ) -> None:
        control_id = self.control_messages.get(session.id)
        if control_id is None:
            return
        # The progress line can wait for the next step when the budget is tight.
        if must:
            await self.budget.take()
        elif not self.budget.try_take():
            return
        await thread.get_partial_message(control_id).edit(
            embed=self._control_embed(session), view=control_view(session)
        )

    async def _close(
        self, session: Session, thread: discord.PartialMessageable, event: Finished | Stopped
    ) -> None:
        summary = event.summary
        if isinstance(event, Stopped):
            skipped = f", {summary.skipped} skipped" if summary.skipped else ""
            head = f"Stopped: {summary.steps_done} of {summary.step_count} steps done{skipped}."
        elif event.while_offline:
            head = "This session ended while I was offline; here is the wrap-up."
        else:
            head = f"Done: {summary.steps_done} steps in {clock(summary.seconds)}. Well stretched!"
        reminder = self.bot.catalogue.stretch(self.bot.catalogue.rules.reminder)
        text = (
            f"**{head}**\n💧 **{reminder.name}**: {reminder.how}\n"
            "How did it feel? If an area is still tight, tell me with `/tight add` so the "
            "next routine works on it."
        )
        await self.budget.take()
        await thread.send(text)
        await self._refresh_control(session, thread, must=True)
        self.control_messages.pop(session.id, None)
        self.tts.discard(session.id)
        await self.budget.take()
        channel = await self.bot.fetch_channel(session.thread_id or 0)
        if isinstance(channel, discord.Thread):
            await channel.edit(archived=True)

    async def _save(self, session: Session) -> None:
        await self.store.save(
            int(session.id), StoredState(session.state.value), json.dumps(session.to_snapshot())
        )


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(Sessions(bot))
