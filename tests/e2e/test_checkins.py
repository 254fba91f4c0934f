"""Weekly check-ins end to end: setup, the post, answers by reply and by form, /progress,
the therapist suggestion, the routine that adapts, the club report and a member's data."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.adapter.client import CoachBot
from bot.app import create_bot
from bot.rules.checkins.trends import week_start
from bot.storage import CheckIns, CheckInSchedules
from tests.e2e.conftest import ALICE, BOB, CARA, bot_settings
from tests.e2e.helpers import (
    answer_to,
    custom_ids,
    field_value,
    is_ephemeral,
    press,
    slash,
    text_of,
)
from tests.fakediscord import FakeDiscord, FakeUser, pointed_at, running_client
from tests.fakediscord.models import ADMIN_PERMISSIONS, MEMBER_PERMISSIONS
from tests.storage.test_storage_member_data import cells_holding, every_row

ADMIN = FakeUser(id=320000000000000001, username="organiser", permissions=ADMIN_PERMISSIONS)


@pytest.fixture
async def bot(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[CoachBot]:
    """The bot with plain replies switched on (the Message Content intent)."""
    async with pointed_at(fake):
        settings = bot_settings(fake, tmp_path, message_content=True)
        client = await create_bot(settings, guild_ready_timeout=0.05)
        async with running_client(client, fake):
            yield client
    assert not fake.errors, fake.errors


def this_week() -> date:
    return week_start(datetime.now(UTC).date())


async def post_now(fake: FakeDiscord) -> dict[str, Any]:
    """An organiser posts this week's check-in; the message members answer."""
    sent = await fake.send_slash_command("checkin now", {}, user=ADMIN)
    done = await answer_to(fake, sent)
    assert "Posted this week's check-in" in text_of(done), text_of(done)
    channel = fake.guild.text_channel.id
    return next(
        m for m in fake.channel_messages(channel) if m["content"].startswith("## Weekly check-in")
    )


async def reply(fake: FakeDiscord, post: dict[str, Any], user: FakeUser, text: str) -> str:
    seen = len(fake.requests)
    await fake.send_message_create(
        text, author=user, channel_id=int(post["channel_id"]), message_reference=int(post["id"])
    )
    sent = await fake.wait_for_request(
        "POST",
        rf"/channels/{post['channel_id']}/messages",
        after=seen,
        predicate=lambda r: bool((r.json or {}).get("message_reference")),
    )
    return str(sent.json["content"])


async def seed_weeks(bot: CoachBot, user_id: int, weeks: list[dict[str, int]]) -> None:
    """Earlier weeks' answers, oldest first, ending the week before this one."""
    start = this_week() - timedelta(weeks=len(weeks))
    for offset, soreness in enumerate(weeks):
        await CheckIns(bot.database).record(
            user_id, 0, start + timedelta(weeks=offset), soreness, None, None, None
        )


async def test_an_organiser_sets_up_the_weekly_checkin(fake: FakeDiscord, bot: CoachBot) -> None:
    channel = fake.guild.text_channel
    done = await slash(
        fake,
        "checkin setup",
        {"channel": channel.id, "weekday": 6, "time": "18:30", "timezone": "Europe/London"},
        user=ADMIN,
    )
    text = text_of(done)
    assert is_ephemeral(done)
    assert "Sundays at 18:30 (Europe/London)" in text and f"<#{channel.id}>" in text
    stored = await bot.desk.schedule(fake.guild.id)
    assert stored is not None and (stored.weekday, stored.local_time) == (6, "18:30")
    cog = bot.get_cog("CheckIns")
    assert [guild for guild, _ in cog.scheduler.jobs()] == [fake.guild.id]  # type: ignore[union-attr]
    shown = await slash(fake, "checkin show", user=ADMIN)
    assert "Sundays at 18:30" in text_of(shown)

    sent = await fake.send_autocomplete(("checkin", "setup"), "timezone", "london", user=ADMIN)
    choices = (await fake.wait_for_interaction_response(sent))["data"]["choices"]
    assert {"name": "Europe/London", "value": "Europe/London"} in choices


async def test_members_without_manage_server_are_refused(fake: FakeDiscord, bot: CoachBot) -> None:
    member = FakeUser(id=330000000000000001, username="member", permissions=MEMBER_PERMISSIONS)
    channel = fake.guild.text_channel
    refused = await slash(
        fake,
        "checkin setup",
        {"channel": channel.id, "weekday": 1, "time": "07:00", "timezone": "UTC"},
        user=member,
    )
    assert is_ephemeral(refused) and "Manage Server" in text_of(refused)
    assert await bot.desk.schedule(fake.guild.id) is None
    for command in ("checkin now", "club report"):
        answer = await slash(fake, command, user=member)
        assert is_ephemeral(answer) and "Manage Server" in text_of(answer)
    channel_posts = [m for m in fake.channel_messages(channel.id) if "Weekly" in m["content"]]
    assert channel_posts == []


@pytest.mark.parametrize(
    ("time", "timezone", "complaint"),
    [("25:00", "Europe/London", "time"), ("18:30", "Mars/Olympus", "time zone")],
)
async def test_bad_schedule_input_is_refused(
    fake: FakeDiscord, bot: CoachBot, time: str, timezone: str, complaint: str
) -> None:
    options = {"channel": fake.guild.text_channel.id, "weekday": 2, "time": time}
    refused = await slash(fake, "checkin setup", {**options, "timezone": timezone}, user=ADMIN)
    assert is_ephemeral(refused) and complaint in text_of(refused).lower()
    assert await bot.desk.schedule(fake.guild.id) is None


async def test_the_check_in_is_posted_once_a_week(fake: FakeDiscord, bot: CoachBot) -> None:
    post = await post_now(fake)
    assert custom_ids({"data": post})[0].startswith("checkin:answer:")
    again = await answer_to(fake, await fake.send_slash_command("checkin now", {}, user=ADMIN))
    assert "already out" in text_of(again)
    # A job that fires twice (or two processes racing) still posts once.
    cog = bot.get_cog("CheckIns")
    await CheckInSchedules(bot.database).set(
        fake.guild.id, fake.guild.text_channel.id, 0, "09:00", "UTC", 1
    )
    await asyncio.gather(
        *(cog.scheduled_post(fake.guild.id, this_week(), datetime.now(UTC)) for _ in range(3))  # type: ignore[union-attr]
    )
    channel = fake.guild.text_channel.id
    assert (
        len([m for m in fake.channel_messages(channel) if "Weekly check-in" in m["content"]]) == 1
    )


async def test_a_plain_reply_is_recorded_and_confirmed(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    await slash(fake, "tight add", {"area": "glutes"}, user=ALICE)
    post = await post_now(fake)
    said = await reply(
        fake, post, ALICE, "calves 3, glutes 6/10, efficiency better, legs felt fresh"
    )
    assert "Recorded" in said and "Calves 3" in said and "Glutes 6" in said
    assert "efficiency better" in said and "legs felt fresh" in said
    stored = await bot.desk.answer_for_week(ALICE.id, this_week())
    assert stored is not None and stored.soreness == {"calves": 3, "glutes": 6}

    # A second answer the same week updates the same row, and says plainly what it does not track.
    said = await reply(fake, post, ALICE, "calves two, shins 4")
    assert "Updated" in said and "don't track shins" in said
    stored = await bot.desk.answer_for_week(ALICE.id, this_week())
    assert stored is not None and stored.soreness == {"calves": 2, "glutes": 6}
    assert stored.note == "shins 4"
    assert len(await bot.desk.history(ALICE.id)) == 1


async def test_a_reply_that_is_no_checkin_changes_nothing(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    post = await post_now(fake)
    await reply(fake, post, ALICE, "calves 3, efficiency better, legs felt fresh")
    before = await bot.desk.answer_for_week(ALICE.id, this_week())

    # "cheers!" gets no answer; the question about shins gets the only one.
    seen = len(fake.requests)
    await fake.send_message_create(
        "cheers!",
        author=ALICE,
        channel_id=int(post["channel_id"]),
        message_reference=int(post["id"]),
    )
    said = await reply(fake, post, ALICE, "does this bot track shins?")
    assert "don't track shins" in said and "Calves" in said
    replies = [
        r
        for r in fake.requests[seen:]
        if r.method == "POST" and (r.json or {}).get("message_reference")
    ]
    assert len(replies) == 1
    assert await bot.desk.answer_for_week(ALICE.id, this_week()) == before
    assert before is not None and before.note == "legs felt fresh"


def form_boxes(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The form's boxes by the text of their Label (Discord's current modal layout)."""
    boxes = {}
    for item in modal["data"]["components"]:
        assert item["type"] == 18, f"not a Label component: {item}"
        boxes[item["label"]] = item["component"]
    return boxes


def filled(modal: dict[str, Any], answers: dict[str, str]) -> list[dict[str, Any]]:
    """The submission Discord sends for a form filled in with `answers` (by Label)."""
    components = []
    for label, box in form_boxes(modal).items():
        answer = answers.get(label, "")
        inner: dict[str, Any] = {"type": box["type"], "custom_id": box["custom_id"]}
        if box["type"] == 3:  # a select: the values picked
            inner["values"] = [answer] if answer else []
        else:
            inner["value"] = answer
        components.append({"type": 18, "component": inner})
    return components


async def open_form(fake: FakeDiscord, post: dict[str, Any], user: FakeUser) -> dict[str, Any]:
    (answer_id,) = custom_ids({"data": post})
    opened = await fake.send_component(answer_id, int(post["id"]), user=user)
    modal = await fake.wait_for_interaction_response(opened)
    assert modal["type"] == 9
    return modal


async def test_the_form_is_prefilled_and_recorded(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "hamstrings"}, user=BOB)
    post = await post_now(fake)
    modal = await open_form(fake, post, BOB)
    boxes = form_boxes(modal)
    assert boxes["Soreness 0-10 per area"].get("value", "").startswith("hamstrings")
    efficiency = boxes["Running efficiency"]
    assert [o["value"] for o in efficiency["options"]] == ["better", "same", "worse"]
    answers = {
        "Soreness 0-10 per area": "hamstrings 5",
        "Ease of daily movement": "7",
        "Running efficiency": "worse",
        "Anything else?": "tight on hills",
    }
    submitted = await fake.send_modal_submit(
        modal["data"]["custom_id"], components=filled(modal, answers), user=BOB
    )
    answer = await answer_to(fake, submitted)
    assert is_ephemeral(answer)
    assert "Hamstrings 5" in text_of(answer) and "movement 7" in text_of(answer)
    stored = await bot.desk.answer_for_week(BOB.id, this_week())
    assert stored is not None and stored.efficiency == "worse" and stored.movement == 7
    assert stored.note == "tight on hills"


async def test_three_high_weeks_suggest_a_sports_therapist(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await slash(fake, "tight add", {"area": "glutes"}, user=ALICE)
    await seed_weeks(bot, ALICE.id, [{"glutes": 7}, {"glutes": 6}])
    post = await post_now(fake)
    said = await reply(fake, post, ALICE, "glutes 8")
    assert "sports therapist" in said and "Glutes" in said


async def test_progress_returns_a_chart_and_sentences(fake: FakeDiscord, bot: CoachBot) -> None:
    empty = await answer_to(fake, await fake.send_slash_command("progress", {}, user=ALICE))
    assert "No check-ins yet" in text_of(empty)
    await seed_weeks(bot, ALICE.id, [{"calves": 7}, {"calves": 5}, {"calves": 4}, {"calves": 2}])
    sent = await fake.send_slash_command("progress", {}, user=ALICE)
    body = await fake.wait_for_interaction_response(sent)
    assert body["type"] == 5  # deferred: the chart is drawn off the event loop
    answer = (await answer_to(fake, sent))["data"]
    # The "thinking…" message becomes the answer, as Discord asks, rather than a follow-up.
    assert answer["id"] == fake.original_message(sent)["id"] and not fake.followups(sent)
    request = next(r for r in reversed(fake.requests) if r.files and r.method == "PATCH")
    (chart,) = request.files
    assert chart.filename == "progress.png" and chart.data.startswith(b"\x89PNG")
    embed = answer["embeds"][0]
    assert embed["image"]["url"] == "attachment://progress.png"
    assert "Calves" in embed["description"] and "improving" in embed["description"].lower()


async def test_the_routine_adapts_to_check_ins(fake: FakeDiscord, bot: CoachBot) -> None:
    for area in ("calves", "glutes"):
        await slash(fake, "tight add", {"area": area}, user=ALICE)
    await seed_weeks(
        bot,
        ALICE.id,
        [
            {"calves": 1, "glutes": 6},
            {"calves": 2, "glutes": 7},
            {"calves": 1, "glutes": 7},
            {"calves": 0, "glutes": 8},
        ],
    )
    card = await slash(fake, "cooldown", {"minutes": 12}, user=ALICE)
    why = text_of(card)
    assert "Glutes moved up" in why
    assert "settled" in why.lower()


async def test_club_report_is_aggregated(fake: FakeDiscord, bot: CoachBot) -> None:
    for user in (ALICE, BOB, CARA):
        await slash(fake, "tight add", {"area": "calves"}, user=user)
    # Glutes are listed by two members only: shown, each would know the other's area.
    for user in (ALICE, BOB):
        await slash(fake, "tight add", {"area": "glutes"}, user=user)
    post = await post_now(fake)
    await reply(fake, post, ALICE, "calves 4, glutes 2")
    await reply(fake, post, BOB, "calves 6, glutes 3")
    await reply(fake, post, CARA, "calves 5")
    report = await slash(fake, "club report", user=ADMIN)
    text = text_of(report)
    assert is_ephemeral(report)
    assert "3 member(s)" in text and "Calves: 3 members" in text
    assert "Glutes" not in text
    assert "fewer than 3 members" in text
    for user in (ALICE, BOB, CARA):
        assert str(user.id) not in text
    embed = report["data"]["embeds"][0]
    # Their scores appear nowhere: only counts of members.
    assert field_value(embed, "Most common tight areas") == "Calves: 3 members"
    assert field_value(embed, "Check-ins per week").endswith(": 3 member(s)")


async def test_members_export_and_delete_their_data(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "neck", "note": "desk job"}, user=ALICE)
    await slash(fake, "stretch avoid", {"name": "kneeling_lunge"}, user=ALICE)
    await slash(fake, "tight add", {"area": "calves"}, user=BOB)
    post = await post_now(fake)
    await reply(fake, post, ALICE, "neck 4")

    sent = await fake.send_slash_command("mydata export", {}, user=ALICE)
    await answer_to(fake, sent)
    exported = next(r for r in reversed(fake.requests) if r.files)
    data = json.loads(exported.files[0].data)
    assert "neck" in json.dumps(data) and "desk job" in json.dumps(data)
    assert "kneeling_lunge" in json.dumps(data)

    asked = await slash(fake, "mydata delete", user=ALICE)
    confirm, _ = custom_ids(asked)
    message = next(
        m for m in fake.messages.values() if "cannot be undone" in (m.get("content") or "")
    )
    foreign = await press(fake, confirm, int(message["id"]), user=BOB)
    assert "aren't for you" in text_of(foreign)
    done = await press(fake, confirm, int(message["id"]), user=ALICE)
    assert "Deleted" in text_of(done)
    assert await bot.coach.tight_areas(ALICE.id) == []
    assert await bot.coach.avoided(ALICE.id) == []
    assert await bot.desk.history(ALICE.id) == []
    assert [a.area for a in await bot.coach.tight_areas(BOB.id)] == ["calves"]


async def test_removing_the_bot_stops_the_clubs_schedule(fake: FakeDiscord, bot: CoachBot) -> None:
    channel = fake.guild.text_channel
    await slash(
        fake,
        "checkin setup",
        {"channel": channel.id, "weekday": 0, "time": "07:15", "timezone": "Asia/Kolkata"},
        user=ADMIN,
    )
    cog = bot.get_cog("CheckIns")
    assert cog.scheduler.jobs()  # type: ignore[union-attr]
    await fake.send_dispatch("GUILD_DELETE", {"id": str(fake.guild.id)}, guild_id=fake.guild.id)
    for _ in range(50):
        if not cog.scheduler.jobs():  # type: ignore[union-attr]
            break
        await asyncio.sleep(0.05)
    assert cog.scheduler.jobs() == []  # type: ignore[union-attr]
    assert await bot.desk.schedule(fake.guild.id) is None


# -- every word kept ----------------------------------------------------------------------------

CHATTY = (
    "calves 4, glutes 6, movement 7, efficiency better. "
    + "Long run on Sunday went well until the last hill, where my left calf started to "
    "complain; I walked the descent, iced it at home and it felt fine by Tuesday. " * 30
)


@pytest.mark.parametrize("length", [1_000, 4_000])
async def test_a_chatty_reply_is_stored_whole(
    fake: FakeDiscord, bot: CoachBot, length: int, caplog: pytest.LogCaptureFixture
) -> None:
    text = CHATTY[:length]
    post = await post_now(fake)

    said = await reply(fake, post, ALICE, text)

    stored = await bot.desk.answer_for_week(ALICE.id, this_week())
    assert stored is not None
    assert stored.soreness == {"calves": 4, "glutes": 6} and stored.movement == 7
    assert stored.note is not None and "iced it at home" in stored.note
    # Every word that is no score is in the note: nothing of the reply was dropped.
    assert len(stored.note) > length - 80
    assert "couldn't save" not in said
    assert "Recorded" in said and f"your whole note ({len(stored.note):,} characters" in said
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_a_form_with_long_boxes_is_stored_whole(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=BOB)
    post = await post_now(fake)
    modal = await open_form(fake, post, BOB)
    boxes = form_boxes(modal)
    soreness_box = boxes["Soreness 0-10 per area"]["max_length"]
    note_box = boxes["Anything else?"]["max_length"]
    assert note_box == 4000  # as much as Discord lets a text box hold
    # The soreness box filled to the brim with words around the score, and a full note.
    soreness = ("calves 5, the left one mostly after hills and stairs " * 40)[:soreness_box]
    note = ("Slept badly, long week at work, ran anyway; " * 100)[:note_box]
    answers = {"Soreness 0-10 per area": soreness, "Anything else?": note}

    submitted = await fake.send_modal_submit(
        modal["data"]["custom_id"], components=filled(modal, answers), user=BOB
    )
    answer = text_of(await answer_to(fake, submitted))

    stored = await bot.desk.answer_for_week(BOB.id, this_week())
    assert stored is not None and stored.soreness == {"calves": 5}
    assert stored.note is not None and note in stored.note
    assert "after hills and stairs" in stored.note
    assert "Recorded" in answer and "Calves 5" in answer and "your whole note" in answer


async def test_a_form_sent_to_a_restarted_bot_is_kept(fake: FakeDiscord, bot: CoachBot) -> None:
    # A form opened before a restart (or by another process) is unknown to this one: its
    # submission carries all it needs.
    post = await post_now(fake)
    post_id = custom_ids({"data": post})[0].rsplit(":", 1)[1]
    components = [
        {"type": 18, "component": {"type": 4, "custom_id": "soreness", "value": "glutes 3"}},
        {"type": 18, "component": {"type": 3, "custom_id": "efficiency", "values": ["same"]}},
    ]
    submitted = await fake.send_modal_submit(
        f"checkin:form:{post_id}", components=components, user=ALICE
    )
    answer = text_of(await answer_to(fake, submitted))
    assert "Glutes 3" in answer and "efficiency same" in answer
    stored = await bot.desk.answer_for_week(ALICE.id, this_week())
    assert stored is not None and stored.soreness == {"glutes": 3}


async def test_an_unknown_form_gets_an_answer(fake: FakeDiscord, bot: CoachBot) -> None:
    submitted = await fake.send_modal_submit("survey:2019:q1", {"q": "yes"}, user=ALICE)
    body = await fake.wait_for_interaction_response(submitted)
    assert is_ephemeral(body) and "no longer in use" in text_of(body)


async def test_an_organiser_takes_all_their_data_and_then_deletes_it(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    channel = fake.guild.text_channel
    await slash(
        fake,
        "checkin setup",
        {"channel": channel.id, "weekday": 6, "time": "18:00", "timezone": "Europe/London"},
        user=ADMIN,
    )
    await slash(fake, "tight add", {"area": "calves"}, user=ADMIN)
    post = await post_now(fake)
    await reply(fake, post, ADMIN, "calves 5, legs heavy after the hills")
    # The organiser leads a group cooldown that Bob joins.
    sent = await fake.send_slash_command("cooldown", {"group": True, "minutes": 10}, user=ADMIN)
    await answer_to(fake, sent)
    card = fake.original_message(sent)
    assert card is not None
    join = custom_ids({"data": card})[0]
    await press(fake, join, int(card["id"]), user=BOB)

    exported = await answer_to(fake, await fake.send_slash_command("mydata export", {}, user=ADMIN))
    assert "everything stored about you" in text_of(exported)
    data = json.loads(next(r for r in reversed(fake.requests) if r.files).files[0].data)
    assert [g["minutes"] for g in data["group_cooldowns_you_led"]] == [10]
    assert [s["local_time"] for s in data["checkin_schedules_you_set"]] == ["18:00"]
    assert "legs heavy after the hills" in json.dumps(data["checkins"])
    assert str(BOB.id) not in json.dumps(data)

    asked = await slash(fake, "mydata delete", user=ADMIN)
    confirm, _ = custom_ids(asked)
    message = next(
        m for m in fake.messages.values() if "cannot be undone" in (m.get("content") or "")
    )
    done = text_of(await press(fake, confirm, int(message["id"]), user=ADMIN))

    assert done.startswith("Deleted: ")
    for part in ("1 tight areas", "1 check-ins", "1 group memberships"):
        assert part in done
    assert "group cooldowns you led" in done and "check-in schedules you set" in done
    rows = await every_row(bot.database)
    assert cells_holding(rows, ADMIN.id) == set()
    group_id = int(join.rsplit(":", 1)[1])
    assert await bot.groups.members(group_id) == [BOB.id]
    # The club's schedule still runs: it was the club's, only the organiser's name is gone.
    schedule = await bot.desk.schedule(fake.guild.id)
    assert schedule is not None and schedule.enabled and schedule.updated_by == 0
