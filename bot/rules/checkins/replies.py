"""What the bot says back to a check-in answer, and the check-in post itself. Plain text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.rules.catalogue import Catalogue
from bot.rules.checkins.parser import ParsedCheckIn
from bot.rules.checkins.trends import TherapistReason, TherapistRule, Trends
from bot.rules.checkins.when import next_occurrence, validate_time
from bot.rules.inputs import quote
from bot.rules.limits import fit_embed, line_fields

THERAPIST_WHY = {
    TherapistRule.STAYS_TIGHT: "has stayed at 6 or more for three check-ins in a row",
    TherapistRule.KEEPS_COMING_BACK: "keeps coming back (6 or more in 3 of your last 5 check-ins)",
    TherapistRule.RISING: "has got sorer three check-ins running",
}
# Longer notes are summed up in the confirmation: their length and how they start.
NOTE_SHOWN = 120
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def checkin_post(week: date, reads_replies: bool) -> str:
    how = (
        "**Reply to this message** in plain words, for example:\n"
        "`calves 3, glutes 6, movement 8, efficiency better, legs felt fresh`\n"
        "or press **Answer** for a form."
        if reads_replies
        else "Press **Answer** for a short form. (Plain replies aren't read on this server: "
        "the bot's Message Content intent is off.)"
    )
    return (
        f"## Weekly check-in · week of {week:%d %b}\n"
        "How did this week's runs leave you? For each of your tight areas, soreness from "
        "0 (none) to 10 (worst); ease of daily movement 0-10; running efficiency better, "
        f"same or worse; and anything else worth noting.\n{how}"
    )


def schedule_line(
    channel_id: int, weekday: int, local_time: str, timezone: str, now: datetime
) -> str:
    """The schedule as `/checkin setup` and `/checkin show` state it, with the next post."""
    upcoming = next_occurrence(weekday, validate_time(local_time), ZoneInfo(timezone), now)
    return (
        f"Weekly check-in: {WEEKDAYS[weekday]}s at {local_time} ({timezone}) in <#{channel_id}>. "
        f"Next one <t:{round(upcoming.timestamp())}:R>."
    )


def therapist_line(reason: TherapistReason, catalogue: Catalogue) -> str:
    name = catalogue.area_name(reason.area)
    return (
        f"⚕️ {name} {THERAPIST_WHY[reason.rule]}: consider seeing a sports therapist "
        "to refine your routine."
    )


def confirmation(
    parsed: ParsedCheckIn,
    week: date,
    trends: Trends,
    catalogue: Catalogue,
    *,
    updated: bool = False,
    written: int | None = None,
) -> str:
    """What was recorded, what could not be read, and whether to see a therapist.

    `written` is how long the member's note was, when more was written than kept.
    """
    lines = []
    understood = _understood(parsed, catalogue, written)
    if understood:
        verb = "Updated" if updated else "Recorded"
        lines.append(f"{verb} for the week of {week:%d %b}: {understood}.")
    else:
        lines.append("I couldn't find any scores in that.")
    if parsed.unread:
        bits = ", ".join(f"“{quote(u)}”" for u in parsed.unread[:5])
        lines.append(f"I couldn't read {bits}. Reply again with just that part, e.g. `calves 3`.")
    if parsed.untracked:
        lines.append(untracked_line(parsed.untracked))
    if parsed.missing:
        names = ", ".join(catalogue.area_name(a) for a in parsed.missing)
        lines.append(f"No score yet for {names}: reply with e.g. `{parsed.missing[0]} 4`.")
    answered = set(parsed.soreness)
    lines += [therapist_line(r, catalogue) for r in trends.see_therapist if r.area in answered]
    return "\n".join(lines)


def _understood(parsed: ParsedCheckIn, catalogue: Catalogue, written: int | None) -> str:
    parts = [f"{catalogue.area_name(a)} {v}" for a, v in parsed.soreness.items()]
    if parsed.movement is not None:
        parts.append(f"movement {parsed.movement}")
    if parsed.efficiency is not None:
        parts.append(f"efficiency {parsed.efficiency.value}")
    if parsed.note:
        parts.append(note_summary(parsed.note, written))
    return ", ".join(parts)


def note_summary(note: str, written: int | None = None) -> str:
    """The note as the confirmation shows it: whole when short, else its length and start."""
    if written is not None and written > len(note):
        return f"the first {len(note):,} of the {written:,} characters of your note"
    if len(note) <= NOTE_SHOWN:
        return f"note “{note}”"
    return f"your whole note ({len(note):,} characters: “{quote(note, NOTE_SHOWN)}”)"


def untracked_line(parts: Sequence[str]) -> str:
    """Body parts the bot has no stretches for, said plainly: no score is kept for them."""
    names = list(parts)
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"I don't track {listed}, so no score is kept for them (your note keeps what you said)."


def not_a_checkin(parsed: ParsedCheckIn, catalogue: Catalogue) -> str:
    """The answer to a reply that is no check-in ("cheers!", "👍", "does this track shins?"):
    nothing at all, unless it names a body part the bot does not track."""
    if not parsed.untracked:
        return ""
    names = list(parsed.untracked)
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    areas = ", ".join(catalogue.area_name(a.id) for a in catalogue.areas)
    return f"I don't track {listed}. The areas I keep scores for: {areas}."


def expected_prefill(areas: Sequence[str]) -> str:
    """The form's soreness box, ready to fill in."""
    return ", ".join(f"{a.replace('_', ' ')} " for a in areas).rstrip()


def club_report_card(
    participation: Sequence[tuple[date, int]],
    common_areas: Sequence[tuple[str, int]],
    catalogue: Catalogue,
    min_members: int,
    colour: int,
) -> dict[str, Any]:
    """The organiser's report as an embed: counts only, every week listed (a year of weeks
    runs over one field, so it continues in the next)."""
    taking = [f"{week:%d %b}: {n} member(s)" for week, n in participation]
    common = [f"{catalogue.area_name(area)}: {n} members" for area, n in common_areas]
    return fit_embed(
        {
            "title": "Club report",
            "description": "Counts only: nobody's scores are shown, nor areas fewer than "
            f"{min_members} members listed.",
            "color": colour,
            "fields": [
                *line_fields("Check-ins per week", taking),
                *line_fields("Most common tight areas", common),
            ],
        }
    )
