"""`/checkin` and `/club`: the weekly check-in a club schedules, and the answers to it."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import report_failure, tell
from bot.rules.checkins.replies import WEEKDAYS, expected_prefill
from bot.rules.checkins.when import next_occurrence, occurrence_week, timezone_names, validate_time
from bot.rules.members import CheckInPost
from bot.services.checkin_desk import MIN_MEMBERS_SHOWN
from bot.services.checkin_posting import WeekState, WeekStatus
from bot.services.checkin_scheduler import CheckInScheduler
from cogs.common import Interaction, Reply, Watched, answer, plain_embed

if TYPE_CHECKING:
    from bot.adapter.client import CoachBot

log = logging.getLogger(__name__)

MANAGE_SERVER = "This needs the Manage Server permission."
WEEKDAY_CHOICES = [app_commands.Choice(name=name, value=i) for i, name in enumerate(WEEKDAYS)]
FANOUT_CONCURRENCY = 8


def week_status_text(status: WeekStatus | None, channel_id: int) -> str:
    if status is None:
        return "I couldn't reach my database to post the check-in; try again in a minute."
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


class AnswerButton(
    Watched,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"checkin:answer:(?P<id>\d+)",
):
    def __init__(self, post_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Answer",
                emoji="📝",
                style=discord.ButtonStyle.primary,
                custom_id=f"checkin:answer:{post_id}",
            )
        )
        self.post_id = post_id

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> AnswerButton:
        return cls(int(match["id"]))

    async def callback(self, interaction: Interaction) -> None:  # type: ignore[override]
        cog = interaction.client.get_cog("CheckIns")
        if isinstance(cog, CheckIns):
            try:
                await cog.open_form(interaction, self.post_id)
            except Exception as error:
                await report_failure(interaction, error)


class AnswerForm(Watched, discord.ui.Modal, title="Weekly check-in"):
    soreness: discord.ui.TextInput[AnswerForm] = discord.ui.TextInput(
        label="Soreness 0-10 per area", placeholder="calves 3, glutes 6", max_length=400
    )
    movement: discord.ui.TextInput[AnswerForm] = discord.ui.TextInput(
        label="Ease of daily movement 0-10", required=False, max_length=10
    )
    efficiency: discord.ui.TextInput[AnswerForm] = discord.ui.TextInput(
        label="Running efficiency: better, same or worse", required=False, max_length=20
    )
    note: discord.ui.TextInput[AnswerForm] = discord.ui.TextInput(
        label="Anything else?", style=discord.TextStyle.paragraph, required=False, max_length=500
    )

    def __init__(self, cog: CheckIns, post: CheckInPost, prefill: str) -> None:
        super().__init__(custom_id=f"checkin:form:{post.id}")
        self.cog = cog
        self.post = post
        self.soreness.default = prefill or None

    async def on_submit(self, interaction: Interaction) -> None:  # type: ignore[override]
        guild_id = interaction.guild_id or self.post.guild_id

        async def work() -> Reply:
            result = await self.cog.bot.desk.answer_form(
                interaction.user.id,
                guild_id,
                self.post,
                self.soreness.value,
                self.movement.value,
                self.efficiency.value,
                self.note.value,
            )
            return Reply(result.message)

        await answer(interaction, work, ephemeral=True)

    async def on_error(self, interaction: Interaction, error: Exception) -> None:  # type: ignore[override]
        await report_failure(interaction, error)


class CheckIns(commands.Cog):
    checkin = app_commands.Group(
        name="checkin",
        description="The club's weekly check-in",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )
    club = app_commands.Group(
        name="club",
        description="Club-wide figures",
        guild_only=True,
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
        # Started here, in setup_hook, not in on_ready, which fires again on every reconnect.
        # The database is the source of truth: every job is rebuilt from it.
        self.scheduler.rebuild(await self.desk.schedules.enabled())
        self.scheduler.start()

    async def cog_unload(self) -> None:
        self.scheduler.shutdown()
        self.bot.remove_dynamic_items(AnswerButton)

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
            return Reply(self._describe(schedule.channel_id, weekday, time, timezone))

        await answer(interaction, work, ephemeral=True)

    @setup_.autocomplete("timezone")
    async def timezone_choices(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=n, value=n) for n in timezone_names(current)]

    @checkin.command(name="show", description="Show the check-in schedule")
    async def show(self, interaction: Interaction) -> None:
        require_manager(interaction)
        schedule = await self.desk.schedules.get(interaction.guild_id or 0)
        if schedule is None or not schedule.enabled:
            await tell(interaction, "No weekly check-in is set up. Use `/checkin setup`.")
            return
        text = self._describe(
            schedule.channel_id, schedule.weekday, schedule.local_time, schedule.timezone
        )
        await tell(interaction, text)

    @checkin.command(name="disable", description="Stop posting the weekly check-in")
    async def disable(self, interaction: Interaction) -> None:
        require_manager(interaction)
        guild_id = interaction.guild_id or 0
        stopped = await self.desk.schedules.disable(guild_id)
        self.scheduler.unschedule(guild_id)
        await tell(interaction, "Weekly check-ins stopped." if stopped else "None was set up.")

    @checkin.command(name="now", description="Post this week's check-in now, to try it out")
    async def now(self, interaction: Interaction) -> None:
        require_manager(interaction)
        guild_id = interaction.guild_id or 0
        schedule = await self.desk.schedules.get(guild_id)
        channel_id = schedule.channel_id if schedule else interaction.channel_id or 0
        tz = ZoneInfo(schedule.timezone if schedule else "UTC")
        week = occurrence_week(self.bot.clock(), tz)
        await interaction.response.defer(ephemeral=True, thinking=True)
        status = await self.bot.posting.post_now(guild_id, channel_id, week)
        await interaction.followup.send(week_status_text(status, channel_id), ephemeral=True)

    def _describe(self, channel_id: int, weekday: int, time: str, timezone: str) -> str:
        upcoming = next_occurrence(
            weekday, validate_time(time), ZoneInfo(timezone), self.bot.clock()
        )
        return (
            f"Weekly check-in: {WEEKDAYS[weekday]}s at {time} ({timezone}) in <#{channel_id}>. "
            f"Next one {discord.utils.format_dt(upcoming, 'R')}."
        )

    @club.command(name="report", description="Participation and the club's common tight areas")
    async def report(
        self, interaction: Interaction, weeks: app_commands.Range[int, 1, 52] = 8
    ) -> None:
        require_manager(interaction)
        guild_id = interaction.guild_id or 0

        async def work() -> Reply:
            report = await self.desk.club_report(guild_id, weeks)
            catalogue = self.bot.catalogue
            taking = "\n".join(f"{week:%d %b}: {n} member(s)" for week, n in report.participation)
            common = "\n".join(
                f"{catalogue.area_name(area)}: {n} members" for area, n in report.common_areas
            )
            embed = plain_embed(
                "Club report",
                "Counts only: nobody's scores are shown, nor areas fewer than "
                f"{MIN_MEMBERS_SHOWN} members listed.",
            )
            embed.add_field(name="Check-ins per week", value=taking or "none yet", inline=False)
            embed.add_field(
                name="Most common tight areas", value=common or "none yet", inline=False
            )
            return Reply(embed=embed)

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
        if post is None:
            await tell(interaction, "This check-in has expired.")
            return
        areas = [a.area for a in await self.bot.coach.tight_areas(interaction.user.id)]
        await interaction.response.send_modal(AnswerForm(self, post, expected_prefill(areas)))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is None or message.reference is None:
            return
        reference = message.reference.message_id
        if reference is None or not message.content:
            return
        post = await self.desk.posts.by_message(reference)
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
            await message.reply(result.message, mention_author=False)

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
        await self.desk.schedules.remove(guild.id)
        self.scheduler.unschedule(guild.id)


async def setup(bot: CoachBot) -> None:
    await bot.add_cog(CheckIns(bot))
