"""The Discord client: holds the bot's services, loads one extension per domain, syncs commands."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.backlog import InFlight, LoopLag, admission
from bot.adapter.gate import Gate
from bot.adapter.monitor import Monitor
from bot.adapter.observe import mark, watch
from bot.adapter.respond import defer, no_choices, send_json
from bot.metrics import EXPIRED, FAILED, REFUSED, SHED
from bot.rules import limits
from bot.rules.catalogue import Catalogue
from bot.rules.checkins.when import now_utc
from bot.rules.inputs import InputError, quote
from bot.rules.overload import BUSY, DEFAULT, Thresholds, Verdict
from bot.rules.shards import shard_owner
from bot.services.card_writer import CardWriter
from bot.services.checkin_desk import CheckInDesk
from bot.services.checkin_posting import CheckInPosting
from bot.services.coach import Coach
from bot.services.delivery import DeliveryService
from bot.services.groups import GroupService
from bot.services.member_data import MemberDataService
from bot.services.pacing import DISCORD_GLOBAL_PER_SECOND, Budget
from bot.services.sessions import SessionService
from bot.settings import Settings
from bot.storage import Database, DatabaseBusy, DatabaseUnavailable

log = logging.getLogger(__name__)

Button = discord.ui.DynamicItem[discord.ui.Item[Any]]
FormHandler = Callable[[discord.Interaction[Any], re.Match[str]], Awaitable[None]]

EXTENSIONS = (
    "cogs.dialogs",
    "cogs.tight",
    "cogs.stretch",
    "cogs.session",
    "cogs.cooldown",
    "cogs.checkins",
    "cogs.progress",
    "cogs.mydata",
)

GC_THRESHOLD = 20_000
# 95 % of Discord's 50 requests/s, in small bursts: a fixed one-second window on Discord's
# side must never see more than 50, wherever it starts.
BACKGROUND_REST_PER_SECOND = DISCORD_GLOBAL_PER_SECOND * 0.95
BACKGROUND_REST_BURST = 2
# Shared by every process of the token through Redis: 90 %, because a call taken in one
# process reaches Discord a little later than one taken in another, and two such delays can
# land in one of Discord's windows.
SHARED_REST_PER_SECOND = int(DISCORD_GLOBAL_PER_SECOND * 0.9)
DATABASE_DOWN = "I can't reach my database right now, so nothing was saved. Try again in a minute."
SOMETHING_WRONG = "Something went wrong on my side; nothing was saved. The details are in my log."
STALE_BUTTON = (
    "That button isn't on this message any more: it was just pressed, or the message changed. "
    "Look at the message again, or run the command again."
)
UNKNOWN_BUTTON = "That button is no longer in use; run the command again."
UNKNOWN_FORM = "That form is no longer in use; open it again from its message."
_TREE_INTERACTIONS = frozenset(
    {discord.InteractionType.application_command, discord.InteractionType.autocomplete}
)
# Set on an interaction acknowledged with a private "thinking…": its answer edits that message.
PRIVATE_THINKING = "private_thinking"


def intents(message_content: bool = False) -> discord.Intents:
    # Slash commands and buttons arrive as interactions, which need no intent; guilds gives
    # the channel and thread cache the cards and sessions use. Replies to check-ins are
    # messages: reading their text needs the privileged Message Content intent.
    wanted = discord.Intents.none()
    wanted.guilds = True
    if message_content:
        wanted.guild_messages = True
        wanted.message_content = True
    return wanted


class CoachTree(app_commands.CommandTree["CoachBot"]):
    async def interaction_check(self, interaction: discord.Interaction[CoachBot], /) -> bool:
        # Runs first, in the task that handles the command: its outcome is counted when it ends.
        return await self.client.admit(interaction)

    async def on_error(
        self, interaction: discord.Interaction[CoachBot], error: app_commands.AppCommandError
    ) -> None:
        await report_failure(interaction, error)


async def report_failure(interaction: discord.Interaction[Any], error: Exception) -> None:
    """Every failure a member meets: a short ephemeral answer; the detail goes to the log.

    What a member can fix (an option out of range, a thread where a channel is wanted, a
    missing permission) is logged at INFO: it is the member's mistake, not the bot's.
    """
    cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(cause, InputError):
        log.info("refused input from %s: %s", interaction.user.id, cause)
        mark(interaction, REFUSED)
        await tell(interaction, str(cause))
    elif isinstance(cause, app_commands.TransformerError):
        log.info("refused an option from %s: %s", interaction.user.id, cause)
        mark(interaction, REFUSED)
        await tell(interaction, transformer_refusal(cause))
    elif isinstance(cause, DatabaseBusy):
        # Past capacity: every connection was taken for the whole wait; nothing was stored.
        log.warning("no database connection in time for %s: %s", _what(interaction), cause)
        mark(interaction, SHED)
        await tell(interaction, BUSY)
    elif isinstance(cause, DatabaseUnavailable):
        log.error("database unavailable during %s", _what(interaction), exc_info=cause)
        mark(interaction, FAILED)
        await tell(interaction, DATABASE_DOWN)
    elif isinstance(cause, app_commands.CheckFailure):
        mark(interaction, REFUSED)
        log.info("refused %s to %s: %s", _what(interaction), interaction.user.id, cause)
        await tell(interaction, str(cause) or "You can't use this command here.")
    else:
        log.error("%s failed", _what(interaction), exc_info=cause)
        mark(interaction, FAILED)
        await tell(interaction, SOMETHING_WRONG)


class Dropped:
    """Interactions too late to answer, logged at most once a `period`: past capacity there
    are thousands a second, and a line each would only add to the backlog. Those counted
    after a line are logged at the end of the period, even if no more come."""

    def __init__(self, period: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._period = period
        self._clock = clock
        self._count = 0
        self._last = ""
        self._since: float | None = None
        self._flush: asyncio.TimerHandle | None = None

    def note(self, what: str) -> None:
        now = self._clock()
        self._count += 1
        self._last = what
        if self._since is None or now - self._since >= self._period:
            self._log(now)
        elif self._flush is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return  # no loop to wake it: the next note logs them
            wait = self._since + self._period - now
            self._flush = loop.call_later(wait, self._log_rest)

    def _log(self, now: float) -> None:
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        log.warning("dropped %d too late to answer, the last %s", self._count, self._last)
        self._count = 0
        self._since = now

    def _log_rest(self) -> None:
        self._flush = None
        if self._count:
            self._log(self._clock())


def transformer_refusal(error: app_commands.TransformerError) -> str:
    """An option Discord would normally have checked: what to pick instead."""
    if error.type is discord.AppCommandOptionType.channel:
        return "Pick a text channel of this server (not a thread, a voice channel or a DM)."
    kind = error.type.name.replace("_", " ")
    return f"“{quote(str(error.value))}” is not a {kind} I can use here; pick one from the list."


async def tell(interaction: discord.Interaction[Any], message: str) -> None:
    """A short ephemeral answer, whether or not the interaction was answered already.

    After a private "thinking…" deferral the answer replaces that message, as Discord asks;
    otherwise a private follow-up carries it (a press's deferral is an update of the card,
    which must not be overwritten, and a public "thinking…" was taken down).
    """
    message = limits.fit(message, limits.CONTENT)
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(message, ephemeral=True)
        elif interaction.extras.get(PRIVATE_THINKING):
            await interaction.edit_original_response(
                content=message, embed=None, attachments=[], view=None
            )
        else:
            await interaction.followup.send(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell %s: %s", interaction.user.id, message, exc_info=True)


async def think_privately(interaction: discord.Interaction[Any]) -> None:
    """Acknowledge now with a private "thinking…", which the answer will replace."""
    await defer(interaction, ephemeral=True, thinking=True)
    interaction.extras[PRIVATE_THINKING] = True


def carries(message: discord.Message | None, custom_id: str) -> bool:
    """Whether the message shows a component with this custom id (a press Discord accepted
    just after an edit removed the button, or a crafted one, is on a message that does not)."""
    if message is None:
        return False
    pending: list[Any] = list(message.components)
    while pending:
        component = pending.pop()
        if getattr(component, "custom_id", None) == custom_id:
            return True
        pending += list(getattr(component, "children", None) or [])
        inner = getattr(component, "component", None)
        if inner is not None:
            pending.append(inner)
        accessory = getattr(component, "accessory", None)
        if accessory is not None:
            pending.append(accessory)
    return False


def _what(interaction: discord.Interaction[Any]) -> str:
    command = interaction.command
    return f"/{command.qualified_name}" if command else f"interaction {interaction.id}"


def settle_collector() -> None:
    """Everything loaded so far lives as long as the process: moving it out of the collector's
    sight, and collecting less often, keeps collection pauses out of the answers members wait
    for."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


# The bot never joins voice; without this discord.py warns at every start about voice libraries.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


@dataclass(frozen=True, slots=True)
class Services:
    """What the extensions call into: the core, never the database directly."""

    coach: Coach
    desk: CheckInDesk
    member_data: MemberDataService
    card_writer: CardWriter
    delivery: DeliveryService
    sessions: SessionService
    posting: CheckInPosting
    groups: GroupService
    # One budget for the REST calls the bot makes on its own (session steps, the weekly
    # fan-out), so that together they stay under Discord's global limit.
    rest_budget: Budget


class CoachBot(commands.AutoShardedBot):
    def __init__(
        self,
        settings: Settings,
        database: Database,
        catalogue: Catalogue,
        services: Services,
        *,
        time_scale: float = 1.0,
        clock: Callable[[], datetime] = now_utc,
        **options: Any,
    ) -> None:
        sharding: dict[str, Any] = {}
        if settings.shard_count is not None:
            sharding["shard_count"] = settings.shard_count
        if settings.shard_ids:
            sharding["shard_ids"] = settings.shard_ids
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(settings.message_content),
            tree_cls=CoachTree,
            allowed_mentions=discord.AllowedMentions(everyone=False, roles=False, users=True),
            **sharding,
            **options,
        )
        self.settings = settings
        self.database = database
        self.catalogue = catalogue
        self.coach = services.coach
        self.desk = services.desk
        self.member_data = services.member_data
        self.card_writer = services.card_writer
        self.delivery = services.delivery
        self.sessions = services.sessions
        self.posting = services.posting
        self.groups = services.groups
        self.rest_budget = services.rest_budget
        # /metrics and /health, when METRICS_PORT is set; closed last, after the database.
        self.monitor: Monitor | None = None
        # Wall seconds per routine second: 1 in production; tests run routines faster.
        self.time_scale = time_scale
        # What time it is for the clubs (check-in schedules, session steps): the real clock in
        # production; tests and benchmarks run the bot on a day of their choosing.
        self.clock = clock
        # How late the event loop runs: with an interaction's age, what admits it (`admit`).
        self.loop_lag = LoopLag()
        self.in_flight = InFlight()
        self.overload: Thresholds = DEFAULT
        # Turns away at the gateway what cannot be answered in time (its own connections).
        self.gate = Gate(self)
        self._dropped = Dropped()
        self._buttons: list[type[Button]] = []
        self._forms: dict[str, tuple[re.Pattern[str], FormHandler]] = {}

    async def paced(self) -> None:
        """Wait for the token's REST budget before a call the bot makes for a member outside
        the interaction's own answer (a Start's thread and control card). Interaction callbacks
        and follow-ups are not under Discord's global limit; these calls are, and hundreds of
        Starts at once outside the budget queue at the REST proxy behind the steps the budget
        already let through, until every call waits longer than a post may
        (`bot.services.delivery`). A member is waiting: such a call goes with the steps."""
        await self.rest_budget.take(urgent=True)

    # -- every press and every form answered ---------------------------------------------------
    #
    # Every button the bot sends is a DynamicItem: it is answered from its custom id alone, so
    # it keeps working after a restart. discord.py drops a press silently when no item claims
    # it (an unknown id, or a button the message no longer carries), and Discord then shows
    # "This interaction failed"; the router below answers exactly those presses. Forms are
    # read from their submission in the same way, whether or not this process opened them.

    async def admit(self, interaction: discord.Interaction[Any]) -> bool:
        """Whether to handle the interaction; called first, in the task that handles it.

        Past capacity the bot sheds what it cannot answer in time: a short "I'm busy" and
        nothing stored, which frees the loop for the interactions queued behind. An
        interaction so late that no response could reach Discord in time gets none.
        """
        watch(interaction)
        thresholds = self.gate.thresholds(self._connection)
        verdict = admission(interaction, self.loop_lag, self.in_flight, thresholds).verdict
        if verdict is Verdict.EXPIRED:
            mark(interaction, EXPIRED)
            self.note_dropped(_what(interaction))
            return False
        if verdict is Verdict.SHED:
            mark(interaction, SHED)
            if interaction.type is discord.InteractionType.autocomplete:
                try:
                    await no_choices(interaction)
                except discord.HTTPException:
                    log.warning("could not shed an autocomplete", exc_info=True)
            else:
                # The cheapest answer there is: one callback, nothing asked back, no objects.
                try:
                    await send_json(interaction, {"content": BUSY}, ephemeral=True)
                except discord.HTTPException:
                    log.warning("could not shed %s", _what(interaction), exc_info=True)
            return False
        return True

    def note_dropped(self, what: str) -> None:
        """An interaction too late to answer (logged in batches)."""
        self._dropped.note(what)

    def add_dynamic_items(self, *items: type[Button]) -> None:
        super().add_dynamic_items(*items)
        self._buttons += [item for item in items if item not in self._buttons]

    def remove_dynamic_items(self, *items: type[Button]) -> None:
        super().remove_dynamic_items(*items)
        self._buttons = [item for item in self._buttons if item not in items]

    def add_form(self, template: str, handler: FormHandler) -> None:
        """Answer submitted forms whose custom id matches `template` with `handler`."""
        self._forms[template] = (re.compile(template), handler)

    def remove_form(self, template: str) -> None:
        self._forms.pop(template, None)

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        # Commands and autocompletes are answered by the command tree, in its own task;
        # `on_interaction` is for presses and forms, and a task per command that does nothing
        # would cost at every rate.
        if event_name == "interaction" and args[0].type in _TREE_INTERACTIONS:
            return
        if event_name == "socket_event_type":
            # Said of every gateway event, and listened to by nothing here: past capacity its
            # listener lookups were a twentieth of the CPU of an interaction turned away.
            return
        super().dispatch(event_name, *args, **kwargs)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        try:
            if interaction.type is discord.InteractionType.component:
                await self._unclaimed_press(interaction)
            elif interaction.type is discord.InteractionType.modal_submit:
                await self._submitted(interaction)
        except Exception as error:
            await report_failure(interaction, error)

    async def _unclaimed_press(self, interaction: discord.Interaction[Any]) -> None:
        data: Mapping[str, Any] = interaction.data or {}
        custom_id = str(data.get("custom_id") or "")
        for item in self._buttons:
            match = item.__discord_ui_compiled_template__.fullmatch(custom_id)
            if match is None:
                continue
            if carries(interaction.message, custom_id):
                return  # discord.py runs the item's callback
            if not await self.admit(interaction):
                return
            stale = getattr(item, "stale_press", None)
            if stale is not None:
                await stale(interaction, match)
            else:
                await tell(interaction, STALE_BUTTON)
            return
        if not await self.admit(interaction):
            return
        log.info("answered a press on unknown button %r", limits.fit(custom_id, 100))
        await tell(interaction, UNKNOWN_BUTTON)

    async def _submitted(self, interaction: discord.Interaction[Any]) -> None:
        if not await self.admit(interaction):
            return
        data: Mapping[str, Any] = interaction.data or {}
        custom_id = str(data.get("custom_id") or "")
        for pattern, handler in self._forms.values():
            match = pattern.fullmatch(custom_id)
            if match is not None:
                await handler(interaction, match)
                return
        log.info("answered a submission of unknown form %r", limits.fit(custom_id, 100))
        await tell(interaction, UNKNOWN_FORM)

    def owns(self, guild_id: int | None) -> bool:
        """Whether this process runs the guild's shard (its check-ins, its sessions' timers)."""
        return guild_id is None or shard_owner(self.shard_ids, self.shard_count)(guild_id)

    async def setup_hook(self) -> None:
        self.loop_lag.start()
        self.gate.install(self._connection)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        # Sessions of this process's guilds resume (or are taken over) before posting starts.
        await self.sessions.load()
        await self.groups.load()
        self.delivery.start()
        await self.sync_commands()
        settle_collector()

    async def sync_commands(self) -> None:
        guild_id = self.settings.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))

    async def on_ready(self) -> None:
        log.info("logged in as %s in %d servers", self.user, len(self.guilds))

    async def close(self) -> None:
        """Stop taking work, finish or hand back what is in flight, then close the database.

        The order matters: timers stop first (no new posts), in-flight posts get a few seconds
        to finish while the HTTP session is still open, leases are handed back so the next
        process takes over at once, and the database closes last.
        """
        try:
            self.posting.close()
            await self.groups.close()
            await self.sessions.close()
            await self.delivery.close()
        except Exception:
            log.exception("stopping the timers and the outbox failed")
        for extension in list(self.extensions):
            try:
                await self.unload_extension(extension)
            except commands.ExtensionError:
                log.exception("unloading %s failed", extension)
        try:
            await super().close()
        finally:
            try:
                self.gate.close()
                await self.loop_lag.stop()
                await self.card_writer.close()
                await self.database.dispose()
            finally:
                if self.monitor is not None:
                    await self.monitor.stop()
