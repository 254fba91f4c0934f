"""`/checkin` and `/club`: the weekly check-in a club schedules, and the answers to it."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import tell, think_privately
from bot.rules import limits
from bot.rules.checkins.replies import (
    WEEKDAYS,
    club_report_card,
    expected_prefill,
    schedule_line,
)
from bot.rules.checkins.when import timezone_names, validate_time
from bot.rules.inputs import InputError
from bot.rules.members import CheckInPost
from bot.services.checkin_desk import MIN_MEMBERS_SHOWN, NOTE_LENGTH, SORENESS_LENGTH
from bot.services.checkin_posting import WeekState, WeekStatus
from bot.services.checkin_scheduler import CheckInScheduler
from cogs.common import BRAND_COLOUR, CogButton, Interaction, Reply, answer, submitted

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)

MANAGE_SERVER = "This needs the Manage Server permission."
WEEKDAY_CHOICES = [app_commands.Choice(name=name, value=i) for i, name in enumerate(WEEKDAYS)]
FANOUT_CONCURRENCY = 8


def week_status_text(status: WeekStatus | None) -> str:
    if status is None:
        return "I couldn't reach my database to post the check-in; try again in a minute."
    channel_id = status.post.channel_id
    if status.state is WeekState.POSTED and status.fresh:
        return f"Posted this week's check-in in <#{channel_id}>: {status.link}"
    if status.state is WeekState.POSTED:
        return f"This week's check-in is already out (one per week): {status.link}"
    if status.state is WeekState.STARTED:
        return f"Posting this week's check-in in <#{channel_id}> now."
    if status.state is WeekState.POSTING:
        why = f" (last try: {status.reason})" if status.reason else ""
        return f"This week's check-in is being posted{why}; I keep trying."
    return (
        f"This week's check-in could not be posted: {status.reason or 'Discord refused it'}. "
        "Check my permissions in that channel, then run `/checkin now` again to retry."
    )


def require_manager(interaction: Interaction) -> None:
    """Discord hides these commands from members by default; the bot checks again itself,
    because a server can override the command's permissions."""
    if interaction.guild_id is None:
        raise app_commands.CheckFailure("This works in a server.")
    if not interaction.permissions.manage_guild:
        raise app_commands.CheckFailure(MANAGE_SERVER)


class AnswerButton(CogButton, template=r"checkin:answer:(?P<id>\d+)"):
    cog_name = "CheckIns"

    def __init__(self, post_id: int) -> None:
        super().__init__(
            f"checkin:answer:{post_id}", "Answer", discord.ButtonStyle.primary, emoji="📝"
        )
        self.post_id = post_id

    @classmethod
    def from_match(cls, match: re.Match[str]) -> AnswerButton:
        return cls(int(match["id"]))

    async def pressed(self, cog: CheckIns, interaction: Interaction) -> None:
        await cog.open_form(interaction, self.post_id)


FORM = r"checkin:form:(?P<post>\d+)"
EFFICIENCY_CHOICES = (("Better", "better"), ("The same", "same"), ("Worse", "worse"))


def answer_form(post_id: int, prefill: str) -> discord.ui.Modal:
    """The check-in form, each box under a Label with a hint below it.

    The form is never held by discord.py (it is finished before it is sent): its submission
    is read from the payload alone, so an answer sent after a restart, or to another process,
    is kept all the same.
    """
    form = discord.ui.Modal(title="Weekly check-in", custom_id=f"checkin:form:{post_id}")
    form.add_item(
        discord.ui.Label(
            text="Soreness 0-10 per area",
            description="0 is none, 10 the worst, e.g. calves 3, glutes 6",
            component=discord.ui.TextInput(
                custom_id="soreness",
                style=discord.TextStyle.paragraph,
                placeholder="calves 3, glutes 6",
                default=limits.fit(prefill, SORENESS_LENGTH) or None,
                max_length=SORENESS_LENGTH,
            ),
        )
    )
    form.add_item(
        discord.ui.Label(
            text="Ease of daily movement",
            description="0 (stiff all day) to 10 (moving freely)",
            component=discord.ui.TextInput(custom_id="movement", required=False, max_length=10),
        )
    )
    form.add_item(
        discord.ui.Label(
            text="Running efficiency",
            description="Compared with last week",
            component=discord.ui.Select(
                custom_id="efficiency",
                required=False,
                min_values=0,
                max_values=1,
                options=[discord.SelectOption(label=n, value=v) for n, v in EFFICIENCY_CHOICES],
            ),
        )
    )
    form.add_item(
        discord.ui.Label(
            text="Anything else?",
            description="Kept word for word",
            component=discord.ui.TextInput(
                custom_id="note",
                style=discord.TextStyle.paragraph,
                required=False,
                max_length=NOTE_LENGTH,
            ),
        )
    )
    form.stop()
    return form


# Server commands, declared the current way: `contexts` (in a server only) and the install
# type. discord.py 2.7 still sends the deprecated `dm_permission` too; `guild_only` keeps it
# consistent (false) rather than contradicting `contexts`.
IN_A_SERVER = app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False)
INSTALLED_IN_A_SERVER = app_commands.AppInstallationType(guild=True, user=False)


class CheckIns(commands.Cog):
    checkin = app_commands.Group(
        name="checkin",
        description="The club's weekly check-in",
        guild_only=True,
        allowed_contexts=IN_A_SERVER,
        allowed_installs=INSTALLED_IN_A_SERVER,
        default_permissions=discord.Permissions(manage_guild=True),
    )
    club = app_commands.Group(
        name="club",
        description="Club-wide figures",
        guild_only=True,
        allowed_contexts=IN_A_SERVER,
        allowed_installs=INSTALLED_IN_A_SERVER,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: CoachBot) -> None:
        self.bot = bot
        self.desk = bot.desk
        self.budget = bot.rest_budget
        self._posting = asyncio.Semaphore(FANOUT_CONCURRENCY)
        self.scheduler = CheckInScheduler(self.scheduled_post, clock=bot.clock, owns=bot.owns)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(AnswerButton)
        self.bot.add_form(FORM, self.on_form)
        # Started here, in setup_hook, not in on_ready, which fires again on every reconnect.
        # The database is the source of truth: every job is rebuilt from it.
        self.scheduler.rebuild(await self.desk.enabled_schedules())
        self.scheduler.start()

    async def cog_unload(self) -> None:
        self.scheduler.shutdown()
        self.bot.remove_dynamic_items(AnswerButton)
        self.bot.remove_form(FORM)

    # -- admin commands ----------------------------------------------------------------------

    @checkin.command(name="setup", description="When and where the weekly check-in is posted")
    @app_commands.describe(
        channel="Where to post it",
        weekday="Day of the week",
        time="Local time, 24-hour, e.g. 18:30",
        timezone="Your club's time zone, e.g. Europe/London",
    )
    @app_commands.choices(weekday=WEEKDAY_CHOICES)
    async def setup_(
        self,
        interaction: Interaction,
        channel: discord.TextChannel,
        weekday: int,
        time: str,
        timezone: str,
    ) -> None:
        require_manager(interaction)
        guild_id = interaction.guild_id or 0

        async def work() -> Reply:
            schedule = await self.desk.set_schedule(
                guild_id, channel.id, weekday, time, timezone, interaction.user.id
            )
            self.scheduler.schedule(guild_id, weekday, validate_time(time), timezone)
            return Reply(
                schedule_line(schedule.channel_id, weekday, time, timezone, self.bot.clock())
            )

        await answer(interaction, work, ephemeral=True)

    @setup_.autocomplete("timezone")
    async def timezone_choices(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        pairs = limits.choices((n, n) for n in timezone_names(current[: limits.CHOICE_VALUE]))
        return [app_commands.Choice(name=name, value=value) for name, value in pairs]

    @checkin.command(name="show", description="Show the check-in schedule")
    async def show(self, interaction: Interaction) -> None:
        require_manager(interaction)
        schedule = await self.desk.schedule(interaction.guild_id or 0)
        if schedule is None or not schedule.enabled:
            await tell(interaction, "No weekly check-in is set up. Use `/checkin setup`.")
            return
        text = schedule_line(
            schedule.channel_id,
            schedule.weekday,
            schedule.local_time,
            schedule.timezone,
            self.bot.clock(),
        )
        await tell(interaction, text)

    @checkin.command(name="disable", description="Stop posting the weekly check-in")
    async def disable(self, interaction: Interaction) -> None:
        require_manager(interaction)
        guild_id = interaction.guild_id or 0
        stopped = await self.desk.stop_schedule(guild_id)
        self.scheduler.unschedule(guild_id)
        await tell(interaction, "Weekly check-ins stopped." if stopped else "None was set up.")

    @checkin.command(name="now", description="Post this week's check-in now, to try it out")
    async def now(self, interaction: Interaction) -> None:
        require_manager(interaction)
        here = interaction.channel_id or 0
        await think_privately(interaction)
        status = await self.bot.posting.post_now(interaction.guild_id or 0, here)
        await tell(interaction, week_status_text(status))

    @club.command(name="report", description="Participation and the club's common tight areas")
    async def report(
        self, interaction: Interaction, weeks: app_commands.Range[int, 1, 52] = 8
    ) -> None:
        require_manager(interaction)
        guild_id = interaction.guild_id or 0

        async def work() -> Reply:
            report = await self.desk.club_report(guild_id, weeks)
            card = club_report_card(
                report.participation,
                report.common_areas,
                self.bot.catalogue,
                MIN_MEMBERS_SHOWN,
                BRAND_COLOUR.value,
            )
            return Reply(embed=discord.Embed.from_dict(card))

        await answer(interaction, work, ephemeral=True)

    # -- posting -------------------------------------------------------------------------------

    async def scheduled_post(self, guild_id: int, week: date, scheduled_for: datetime) -> None:
        # Every club that picked Sunday 18:00 London time fires at once; a few at a time is
        # all Discord's limit lets through anyway, and it keeps the database pool free.
        async with self._posting:
            await self.bot.posting.post_scheduled(guild_id, week, scheduled_for)

    async def post_checkin(
        self, guild_id: int, channel_id: int, week: date, due: datetime | None = None
    ) -> WeekStatus | None:
        return await self.bot.posting.post_week(guild_id, channel_id, week, due)

    # -- answers -------------------------------------------------------------------------------

    async def open_form(self, interaction: Interaction, post_id: int) -> None:
        message = interaction.message
        post = await self.bot.posting.post_of(post_id, message.id if message else None)
        if post is None or post.guild_id != interaction.guild_id:
            await tell(interaction, "This check-in has expired; answer this week's one.")
            return
        areas = [a.area for a in await self.bot.coach.tight_areas(interaction.user.id)]
        await interaction.response.send_modal(answer_form(post.id, expected_prefill(areas)))

    async def on_form(self, interaction: Interaction, match: re.Match[str]) -> None:
        """A submitted check-in form, read from its payload (see `answer_form`)."""
        boxes = submitted(interaction.data or {})

        async def work() -> Reply:
            post = await self.bot.posting.post_of(int(match["post"]), None)
            if post is None or post.guild_id != interaction.guild_id:
                raise InputError("This check-in has expired; answer this week's one.")
            result = await self.desk.answer_form(
                interaction.user.id,
                post.guild_id,
                post,
                boxes.get("soreness", ""),
                boxes.get("movement", ""),
                boxes.get("efficiency", ""),
                boxes.get("note", ""),
            )
            return Reply(result.message)

        await answer(interaction, work, ephemeral=True)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is None or message.reference is None:
            return
        reference = message.reference.message_id
        if reference is None or not message.content:
            return
        post = await self.desk.post_for_message(reference)
        if post is None:
            post = await self._unrecorded_post(message.reference.resolved, reference)
        if post is None:
            return
        try:
            result = await self.desk.answer_text(
                message.author.id, message.guild.id, post, message.content
            )
        except Exception:
            log.exception("reading a check-in reply from %s failed", message.author.id)
            await message.reply("I couldn't save that just now; please try again.")
            return
        if result.message:
            await message.reply(limits.fit(result.message, limits.CONTENT), mention_author=False)

    async def _unrecorded_post(self, replied_to: object, message_id: int) -> CheckInPost | None:
        """A reply to a check-in whose message id was never recorded (cut short by a crash):
        its Answer button still names the post."""
        if not isinstance(replied_to, discord.Message) or self.bot.user is None:
            return None
        if replied_to.author.id != self.bot.user.id:
            return None
        for row in replied_to.components:
            for item in getattr(row, "children", ()):
                match = re.fullmatch(r"checkin:answer:(\d+)", getattr(item, "custom_id", "") or "")
                if match:
                    return await self.bot.posting.post_of(int(match[1]), message_id)
        return None

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Removed from a server: that club's schedule stops."""
        await self.desk.forget_guild(guild.id)
        self.scheduler.unschedule(guild.id)


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(CheckIns(bot))
