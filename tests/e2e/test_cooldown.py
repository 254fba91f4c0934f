"""`/cooldown` for one runner, end to end: the real client against the fake Discord."""

from __future__ import annotations

import asyncio

from bot.adapter.client import CoachBot
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.helpers import (
    answer_to,
    assert_short_error,
    embeds_of,
    eventually,
    footer_total,
    is_ephemeral,
    public_messages,
    slash,
    text_of,
)
from tests.fakediscord import FakeDiscord, FakeUser


async def add_areas(fake: FakeDiscord, user: FakeUser, *areas: str) -> None:
    for area in areas:
        added = await slash(fake, "tight add", {"area": area}, user=user)
        assert "Added" in text_of(added), text_of(added)


async def test_routine_is_public_and_built_around_stored_areas(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await add_areas(fake, ALICE, "calves")

    body = await slash(fake, "cooldown", user=ALICE)

    assert body["type"] == 4
    assert not is_ephemeral(body)
    assert len(embeds_of(body)) == 1
    text = text_of(body)
    assert "Wall calf stretch" in text
    assert "Seated plantar fascia stretch" in text
    assert "/tight add" not in text  # no "add your areas" hint for a member who did
    seconds, budget = footer_total(body)
    assert budget == 10  # the default
    assert 0 < seconds <= 10 * 60
    # Everyone in the channel sees it.
    assert any(
        "Wall calf stretch" in (m["embeds"][0].get("description") or "")
        for m in public_messages(fake, fake.guild.text_channel.id)
        if m.get("embeds")
    )


async def test_minutes_option_sets_the_length(fake: FakeDiscord, bot: CoachBot) -> None:
    await add_areas(fake, ALICE, "calves", "glutes")

    short = await slash(fake, "cooldown", {"minutes": 5}, user=ALICE)
    long = await slash(fake, "cooldown", {"minutes": 20}, user=ALICE)

    short_seconds, short_budget = footer_total(short)
    long_seconds, long_budget = footer_total(long)
    assert (short_budget, long_budget) == (5, 20)
    assert 0 < short_seconds <= 5 * 60
    assert 0 < long_seconds <= 20 * 60
    # The longer routine actually uses the extra time, not just a bigger number on the card.
    assert long_seconds > short_seconds + 5 * 60
    assert "Wall calf stretch" in text_of(short)
    assert "Wall calf stretch" in text_of(long)


async def test_tempo_run_favours_the_seated_hamstring_hinge(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await add_areas(fake, ALICE, "calves")

    easy = await slash(fake, "cooldown", {"run": "easy"}, user=ALICE)
    tempo = await slash(fake, "cooldown", {"run": "tempo"}, user=ALICE)

    assert "Seated hamstring hinge" not in text_of(easy)
    assert "Seated hamstring hinge" in text_of(tempo)
    assert "tempo" in text_of(tempo).lower()


async def test_today_adds_a_sore_area_for_this_routine_only(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await add_areas(fake, ALICE, "calves")

    plain = await slash(fake, "cooldown", user=ALICE)
    sore = await slash(fake, "cooldown", {"today": "hip flexors"}, user=ALICE)

    assert "hip-flexor lunge" not in text_of(plain)
    assert "hip-flexor lunge" in text_of(sore)
    assert "Wall calf stretch" in text_of(sore)  # the stored area is still covered
    # `today` is not stored: the next plain routine is back to calves only.
    listed = await slash(fake, "tight list", user=ALICE)
    assert "Hip flexors" not in text_of(listed)


async def test_member_without_areas_gets_general_routine_and_a_hint(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    body = await slash(fake, "cooldown", user=BOB)

    assert not is_ephemeral(body)
    content = body["data"].get("content") or ""
    assert "/tight add" in content
    text = text_of(body)
    # The general routine covers the article's common culprits, calves and hip flexors first.
    assert "Wall calf stretch" in text
    assert "hip-flexor lunge" in text
    seconds, budget = footer_total(body)
    assert 0 < seconds <= budget * 60


async def test_minutes_out_of_range_is_refused_privately(fake: FakeDiscord, bot: CoachBot) -> None:
    await add_areas(fake, ALICE, "calves")
    channel = fake.guild.text_channel.id
    public_before = len(public_messages(fake, channel))

    # Discord enforces 3-60 in its client; a raw request can still carry 99.
    for minutes in (99, 2):
        body = await slash(fake, "cooldown", {"minutes": minutes}, user=ALICE)
        assert_short_error(body, "from 3 to 60")

    assert len(public_messages(fake, channel)) == public_before


async def test_unknown_today_area_is_refused_with_suggestions(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    channel = fake.guild.text_channel.id
    public_before = len(public_messages(fake, channel))

    body = await slash(fake, "cooldown", {"today": "calfs, hamstrngs"}, user=ALICE)

    text = assert_short_error(body, "hamstrngs", "Closest:")
    assert "Hamstrings" in text
    assert not embeds_of(body)
    assert len(public_messages(fake, channel)) == public_before


async def test_unknown_run_type_is_refused_privately(fake: FakeDiscord, bot: CoachBot) -> None:
    body = await slash(fake, "cooldown", {"run": "sprint"}, user=ALICE)

    assert_short_error(body, "Run type must be one of", "tempo")
    assert not embeds_of(body)


CALLBACK = r"/interactions/\d+/[^/]+/callback"


async def test_a_routine_whose_answer_meets_a_server_error_is_shown_once(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await add_areas(fake, ALICE, "calves")
    fault = fake.faults.fail("POST", CALLBACK, 503)

    body = await slash(fake, "cooldown", user=ALICE)

    assert fault.hits == 1
    assert "Wall calf stretch" in text_of(body)
    statuses = [r.status for r in fake.requests_to("POST", CALLBACK)]
    assert statuses[-2] == 503 and 200 <= statuses[-1] < 300, statuses
    shown = [
        m
        for m in public_messages(fake, fake.guild.text_channel.id)
        if "Wall calf stretch" in str(m.get("embeds"))
    ]
    assert len(shown) == 1


async def test_a_routine_whose_answer_loses_its_connection_is_sent_again(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await add_areas(fake, ALICE, "calves")
    fault = fake.faults.drop("POST", CALLBACK)

    body = await slash(fake, "cooldown", user=ALICE)

    assert fault.hits == 1
    assert "Wall calf stretch" in text_of(body)


async def test_a_routine_discord_took_before_the_connection_dropped_is_shown_once(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    # The answer is sent again on a fresh connection; Discord says it has it already.
    await add_areas(fake, ALICE, "calves")
    fault = fake.faults.accept_then_fail("POST", CALLBACK, None)

    sent = await fake.send_slash_command("cooldown", {}, user=ALICE)
    body = await answer_to(fake, sent)

    assert fault.hits == 1
    assert "Wall calf stretch" in text_of(body)
    # The copy, refused as answered already.
    await eventually(lambda: fake.requests_to("POST", CALLBACK)[-1].status == 400)
    await asyncio.sleep(0.3)  # nothing else follows: no error told, no second card
    assert len(fake.requests_to("POST", rf"/interactions/{sent.id}/[^/]+/callback")) == 2
    assert not fake.followups(sent)
    shown = [
        m
        for m in public_messages(fake, fake.guild.text_channel.id)
        if "Wall calf stretch" in str(m.get("embeds"))
    ]
    assert len(shown) == 1
