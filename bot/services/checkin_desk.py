"""Weekly check-ins between Discord and storage: schedules, answers, progress, club reports."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.rules import inputs, limits
from bot.rules.catalogue import Catalogue
from bot.rules.checkins.parser import Efficiency, ParsedCheckIn, parse_reply
from bot.rules.checkins.replies import confirmation, not_a_checkin
from bot.rules.checkins.trends import Trends, WeeklyCheckIn, compute_trends
from bot.rules.checkins.when import is_valid_timezone, timezone_names, validate_time
from bot.rules.inputs import InputError, quote
from bot.rules.members import CheckIn, CheckInPost, CheckInSchedule
from bot.storage import CheckInPosts, CheckIns, CheckInSchedules, ClubReports, TightAreas
from bot.storage.checkins import CHECKIN_NOTE_LENGTH

HISTORY_WEEKS = 12
# An area listed by one or two members points at them (each of two would know the other's):
# reports leave it out.
MIN_MEMBERS_SHOWN = 3
# The form's boxes (Discord caps a text box at its max_length, at most 4,000): a reply or a
# whole form always fits the stored note, which is never refused for its length.
SORENESS_LENGTH = 1000
NOTE_LENGTH = limits.INPUT_VALUE


@dataclass(frozen=True, slots=True)
class Answer:
    parsed: ParsedCheckIn
    week: date
    trends: Trends
    updated: bool
    # What to say back; empty when the reply needs no answer ("cheers!", "👍").
    message: str
    recorded: bool = True


@dataclass(frozen=True, slots=True)
class ClubReport:
    participation: list[tuple[date, int]]
    common_areas: list[tuple[str, int]]


class CheckInDesk:
    def __init__(
        self,
        catalogue: Catalogue,
        schedules: CheckInSchedules,
        posts: CheckInPosts,
        checkins: CheckIns,
        tight_areas: TightAreas,
        reports: ClubReports,
    ) -> None:
        self.catalogue = catalogue
        self._schedules = schedules
        self._posts = posts
        self._checkins = checkins
        self._tight = tight_areas
        self._reports = reports

    async def schedule(self, guild_id: int) -> CheckInSchedule | None:
        return await self._schedules.get(guild_id)

    async def enabled_schedules(self) -> list[CheckInSchedule]:
        return await self._schedules.enabled()

    async def stop_schedule(self, guild_id: int) -> bool:
        return await self._schedules.disable(guild_id)

    async def forget_guild(self, guild_id: int) -> bool:
        """The bot left the server: its schedule goes; members' own data stays theirs."""
        return await self._schedules.remove(guild_id)

    async def post_for_message(self, message_id: int) -> CheckInPost | None:
        """The week a reply answers, from the check-in message it replies to."""
        return await self._posts.by_message(message_id)

    async def answer_for_week(self, user_id: int, week: date) -> CheckIn | None:
        return await self._checkins.for_week(user_id, week)

    async def set_schedule(
        self,
        guild_id: int,
        channel_id: int,
        weekday: int,
        time_text: str,
        tz_name: str,
        by: int,
    ) -> CheckInSchedule:
        try:
            local_time = validate_time(time_text)
        except ValueError as error:
            raise InputError(str(error)) from None
        if not is_valid_timezone(tz_name):
            close = ", ".join(timezone_names(tz_name.split("/")[-1], limit=3))
            hint = f" Did you mean {close}?" if close else " Use a name like Europe/London."
            raise InputError(f"I don't know the time zone “{quote(tz_name)}”.{hint}")
        weekday = inputs.weekday(weekday)
        return await self._schedules.set(
            guild_id, channel_id, weekday, local_time.strftime("%H:%M"), tz_name, by
        )

    async def answer_text(
        self, user_id: int, guild_id: int, post: CheckInPost, text: str
    ) -> Answer:
        expected = [a.area for a in await self._tight.list(user_id)]
        parsed = parse_reply(text, self.catalogue, expected)
        if parsed.rest:
            # Past what is read for scores, a long reply is still the member's words: kept.
            parsed = replace(parsed, note="\n".join(n for n in (parsed.note, parsed.rest) if n))
        if not parsed.is_checkin:
            # Thanks, an emoji, a question about the bot: this week's check-in stays as it is.
            message = not_a_checkin(parsed, self.catalogue)
            return Answer(parsed, post.week, compute_trends([]), False, message, recorded=False)
        return await self._record(user_id, guild_id, post.week, parsed)

    async def answer_form(
        self,
        user_id: int,
        guild_id: int,
        post: CheckInPost,
        soreness: str,
        movement: str,
        efficiency: str,
        note: str,
    ) -> Answer:
        """The form's boxes read like one reply, so the same parser and rules apply; the
        words of the soreness box that are no score and the "anything else" box are both
        kept in the note, whole."""
        parts = [soreness]
        if movement.strip():
            parts.append(f"movement {movement.strip()}")
        if efficiency.strip():
            parts.append(f"efficiency {efficiency.strip()}")
        expected = [a.area for a in await self._tight.list(user_id)]
        parsed = parse_reply(", ".join(p for p in parts if p.strip()), self.catalogue, expected)
        # The form is always an answer; its note keeps the soreness box's words that are no
        # score and the "anything else" box, both whole.
        notes = [n for n in (parsed.note, note.strip()) if n]
        parsed = replace(parsed, note="\n".join(notes) or None, is_checkin=True)
        return await self._record(user_id, guild_id, post.week, parsed)

    async def _record(
        self, user_id: int, guild_id: int, week: date, parsed: ParsedCheckIn
    ) -> Answer:
        updated = False
        written = len(parsed.note or "")
        if written > CHECKIN_NOTE_LENGTH:
            # Only a crafted answer gets here (Discord caps what a member can send): keep
            # what fits and say so, rather than refuse the scores with it.
            parsed = replace(parsed, note=limits.fit(parsed.note or "", CHECKIN_NOTE_LENGTH))
        if parsed.soreness or parsed.movement is not None or parsed.efficiency or parsed.note:
            efficiency = parsed.efficiency.value if parsed.efficiency else None
            _, created = await self._checkins.record(
                user_id,
                guild_id,
                week,
                parsed.soreness,
                parsed.movement,
                efficiency,
                parsed.note,
            )
            updated = not created
        trends = compute_trends(await self._checkins.history(user_id, HISTORY_WEEKS))
        text = confirmation(parsed, week, trends, self.catalogue, updated=updated, written=written)
        return Answer(parsed, week, trends, updated, text)

    async def history(self, user_id: int, weeks: object = HISTORY_WEEKS) -> list[WeeklyCheckIn]:
        return await self._checkins.history(user_id, inputs.WEEKS.check(weeks))

    async def club_report(self, guild_id: int, weeks: object = 8) -> ClubReport:
        weeks_ = inputs.WEEKS.check(weeks)
        areas = await self._reports.club_tight_areas(guild_id)
        return ClubReport(
            participation=await self._checkins.participation(guild_id, weeks_),
            common_areas=[(area, n) for area, n in areas if n >= MIN_MEMBERS_SHOWN],
        )


def efficiency_word(value: str) -> Efficiency | None:
    try:
        return Efficiency(value)
    except ValueError:
        return None
