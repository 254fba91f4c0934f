"""Answers Discord would refuse: every answer fits its limits, however much a member typed or a
club stored. The fake Discord refuses what Discord refuses, and the fixtures fail a test in
which anything was refused, so each test here only has to provoke the big answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.adapter.client import CoachBot
from bot.rules.checkins.trends import week_start
from bot.storage import CheckIns
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.helpers import answer_to, assert_short_error, is_ephemeral, slash, text_of
from tests.fakediscord import FakeDiscord, FakeUser
from tests.fakediscord.models import ADMIN_PERMISSIONS

ADMIN = FakeUser(id=320000000000000001, username="organiser", permissions=ADMIN_PERMISSIONS)
# What a crafted request (or a member pasting a novel) can put in any text option.
NOVEL = ("hamstrngs and calfs, " * 300)[:6000]

TEXT_OPTIONS: list[tuple[str, dict[str, Any], FakeUser]] = [
    ("tight add", {"area": NOVEL}, ALICE),
    ("tight add", {"area": "calves", "note": NOVEL}, ALICE),
    ("tight remove", {"area": NOVEL}, ALICE),
    ("tight order", {"areas": NOVEL}, ALICE),
    ("stretch avoid", {"name": NOVEL}, ALICE),
    ("stretch allow", {"name": NOVEL}, ALICE),
    ("cooldown", {"today": NOVEL}, ALICE),
    ("cooldown", {"avoid": NOVEL}, ALICE),
    ("cooldown", {"run": NOVEL}, ALICE),
    ("cooldown", {"run": NOVEL, "group": True}, ALICE),
    ("checkin setup", {"weekday": 1, "time": NOVEL, "timezone": "UTC"}, ADMIN),
    ("checkin setup", {"weekday": 1, "time": "18:30", "timezone": NOVEL}, ADMIN),
]


@pytest.mark.parametrize(
    ("command", "options", "user"),
    TEXT_OPTIONS,
    ids=[f"{c}-{'-'.join(o)}" for c, o, _ in TEXT_OPTIONS],
)
async def test_six_thousand_characters_in_any_text_option_get_a_short_refusal(
    fake: FakeDiscord, bot: CoachBot, command: str, options: dict[str, Any], user: FakeUser
) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    if command.startswith("checkin"):
        options = {"channel": fake.guild.text_channel.id, **options}

    body = await slash(fake, command, options, user=user)

    # Refused privately in a few words that quote the typed text clipped, never whole.
    text = assert_short_error(body)
    assert NOVEL[:200] not in text


AUTOCOMPLETED = [
    ("tight add", "area"),
    ("tight remove", "area"),
    ("stretch avoid", "name"),
    ("stretch allow", "name"),
    ("checkin setup", "timezone"),
]


@pytest.mark.parametrize(("command", "option"), AUTOCOMPLETED)
@pytest.mark.parametrize("typed", ["", "a", NOVEL])
async def test_autocomplete_answers_fit_whatever_was_typed(
    fake: FakeDiscord, bot: CoachBot, command: str, option: str, typed: str
) -> None:
    user = ADMIN if command.startswith("checkin") else ALICE
    sent = await fake.send_autocomplete(command, option, typed, user=user)
    body = await fake.wait_for_interaction_response(sent)
    assert body["type"] == 8
    assert len(body["data"]["choices"]) <= 25


async def test_club_report_of_a_year_shows_every_week(fake: FakeDiscord, bot: CoachBot) -> None:
    # Two members answered every week for a year: 52 lines of participation, more than one
    # embed field (1,024 characters) holds.
    today = week_start(datetime.now(UTC).date())
    weeks = [today - timedelta(weeks=n) for n in range(52)]
    for user in (ALICE, BOB):
        for week in weeks:
            await CheckIns(bot.database).record(user.id, fake.guild.id, week, {"calves": 3})

    report = await slash(fake, "club report", {"weeks": 52}, user=ADMIN)

    assert is_ephemeral(report) and report["data"]["embeds"], text_of(report)
    text = text_of(report)
    for week in weeks:
        assert f"{week:%d %b}: 2 member(s)" in text
    names = [f["name"] for f in report["data"]["embeds"][0]["fields"]]
    assert names[:2] == ["Check-ins per week", "Check-ins per week (cont.)"]


async def test_a_refusal_quoting_a_huge_time_is_delivered(fake: FakeDiscord, bot: CoachBot) -> None:
    options = {
        "channel": fake.guild.text_channel.id,
        "weekday": 4,
        "time": "1" * 6000,
        "timezone": "Europe/London",
    }
    sent = await fake.send_slash_command("checkin setup", options, user=ADMIN)
    body = await answer_to(fake, sent)
    assert_short_error(body, "not a time I can read")
    assert await bot.desk.schedule(fake.guild.id) is None
