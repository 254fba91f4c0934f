"""What the bot says back to a check-in answer, and to a reply that is no answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.rules.catalogue import default_catalogue
from bot.rules.checkins.parser import parse_reply
from bot.rules.checkins.replies import NOTE_SHOWN, confirmation, not_a_checkin, schedule_line
from bot.rules.checkins.trends import compute_trends

CATALOGUE = default_catalogue()
WEEK = date(2026, 11, 23)
NO_TRENDS = compute_trends([])


def say(text: str, areas: tuple[str, ...] = ("calves",)) -> str:
    return confirmation(parse_reply(text, CATALOGUE, areas), WEEK, NO_TRENDS, CATALOGUE)


def test_untracked_parts_are_named_plainly_not_asked_about() -> None:
    said = say("calves 3, shins 5, knees 2")
    assert said.startswith("Recorded for the week of 23 Nov: Calves 3")
    assert "I don't track shins or knees" in said
    assert "couldn't read" not in said


def test_questions_are_kept_for_what_could_not_be_read() -> None:
    said = say("calves a bit meh, movement 8")
    assert "movement 8" in said
    assert "I couldn't read “calves a bit meh”" in said


def test_the_whole_note_is_kept_though_only_its_start_is_repeated() -> None:
    story = "long run on the canal with the club, " * 10
    parsed = parse_reply(f"calves 3. {story}", CATALOGUE, ("calves",))
    assert parsed.note is not None and parsed.note.startswith("long run on the canal")
    assert len(parsed.note) > NOTE_SHOWN
    said = confirmation(parsed, WEEK, NO_TRENDS, CATALOGUE)
    assert parsed.note[: NOTE_SHOWN - 1] in said and "…”" in said


def test_a_reply_that_is_no_checkin_gets_nothing_or_a_plain_answer() -> None:
    assert not_a_checkin(parse_reply("cheers!", CATALOGUE, ("calves",)), CATALOGUE) == ""
    assert not_a_checkin(parse_reply("👍", CATALOGUE, ("calves",)), CATALOGUE) == ""
    shins = not_a_checkin(parse_reply("does this bot track shins?", CATALOGUE), CATALOGUE)
    assert shins.startswith("I don't track shins.")
    assert all(CATALOGUE.area_name(a.id) in shins for a in CATALOGUE.areas)


def test_the_schedule_says_when_the_next_post_is_in_the_clubs_time() -> None:
    # Sunday 18:00 in London is 18:00 UTC in winter: an hour after this "now", not next week.
    now = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
    said = schedule_line(42, 6, "18:00", "Europe/London", now)
    due = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
    assert said == (
        "Weekly check-in: Sundays at 18:00 (Europe/London) in <#42>. "
        f"Next one <t:{round(due.timestamp())}:R>."
    )
    # Once it has gone, the next one is a week later.
    later = schedule_line(42, 6, "18:00", "Europe/London", due + timedelta(minutes=1))
    assert f"<t:{round((due + timedelta(days=7)).timestamp())}:R>" in later


def test_the_confirmation_does_not_ask_about_harmless_words() -> None:
    said = say("calves 3, movement 8, legs fine, hips ok")
    assert said.startswith("Recorded for the week of 23 Nov: Calves 3, movement 8")
    assert "note “legs fine; hips ok”" in said
    assert "couldn't read" not in said
    alone = say("legs fine")
    assert "couldn't read" not in alone and "legs fine" in alone


def test_the_confirmation_records_a_table_and_short_forms() -> None:
    table = "| calves | glutes | mvmt | eff |\n|---|---|---|---|\n| 3 | 2 | 8 | same |"
    said = say(table, ("calves", "glutes"))
    assert said.startswith(
        "Recorded for the week of 23 Nov: Calves 3, Glutes 2, movement 8, efficiency same"
    )
    assert "couldn't read" not in said
    short = say("cvs 4 glts 3 mvmt 7", ("calves", "glutes"))
    assert short.startswith("Recorded for the week of 23 Nov: Calves 4, Glutes 3, movement 7")
