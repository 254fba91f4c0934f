"""`/stretch` end to end: avoided stretches leave the routine and a substitute takes over."""

from __future__ import annotations

import pytest

from bot.adapter.client import CoachBot
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.helpers import assert_short_error, is_ephemeral, slash, text_of
from tests.fakediscord import FakeDiscord, FakeUser

KNEELING = "Kneeling hip-flexor lunge"
STANDING = "Standing hip-flexor lunge"


async def hip_flexor_routine(fake: FakeDiscord, user: FakeUser) -> str:
    body = await slash(fake, "cooldown", user=user)
    assert not is_ephemeral(body)
    return text_of(body)


@pytest.mark.parametrize("typed", ["kneeling_lunge", "kneeling hip-flexor lunge"])
async def test_avoided_stretch_is_replaced_in_the_routine(
    fake: FakeDiscord, bot: CoachBot, typed: str
) -> None:
    await slash(fake, "tight add", {"area": "hip flexors"}, user=ALICE)
    before = await hip_flexor_routine(fake, ALICE)
    assert KNEELING in before
    assert STANDING not in before

    avoided = await slash(fake, "stretch avoid", {"name": typed}, user=ALICE)
    assert is_ephemeral(avoided)
    assert f"no more **{KNEELING}**" in text_of(avoided)

    after = await hip_flexor_routine(fake, ALICE)
    # The step itself is gone (a note may still name it as the one replaced).
    assert f"**{KNEELING}**" not in after
    assert f"**{STANDING}**" in after
    # Only Alice avoids it.
    await slash(fake, "tight add", {"area": "hip flexors"}, user=BOB)
    assert f"**{KNEELING}**" in await hip_flexor_routine(fake, BOB)


async def test_list_shows_avoided_stretch_and_allow_brings_it_back(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await slash(fake, "tight add", {"area": "hip flexors"}, user=ALICE)
    await slash(fake, "stretch avoid", {"name": "kneeling_lunge"}, user=ALICE)

    listed = await slash(fake, "stretch list", user=ALICE)
    assert is_ephemeral(listed)
    assert KNEELING in text_of(listed)

    again = await slash(fake, "stretch avoid", {"name": "kneeling_lunge"}, user=ALICE)
    assert "already avoid" in text_of(again)

    allowed = await slash(fake, "stretch allow", {"name": "kneeling_lunge"}, user=ALICE)
    assert is_ephemeral(allowed)
    assert "can appear in your routines again" in text_of(allowed)

    listed = await slash(fake, "stretch list", user=ALICE)
    assert KNEELING not in text_of(listed)
    assert "You don't avoid any stretch" in text_of(listed)
    after = await hip_flexor_routine(fake, ALICE)
    assert f"**{KNEELING}**" in after
    assert f"**{STANDING}**" not in after


async def test_avoid_autocomplete_offers_matching_stretches(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    sent = await fake.send_autocomplete("stretch avoid", "name", "lunge", user=ALICE)
    body = await fake.wait_for_interaction_response(sent)

    assert body["type"] == 8
    choices = body["data"]["choices"]
    assert 1 <= len(choices) <= 25
    by_name = {c["name"]: c["value"] for c in choices}
    assert by_name[KNEELING] == "kneeling_lunge"
    assert STANDING in by_name
    assert all("lunge" in c["name"].lower() or "lunge" in c["value"] for c in choices)


async def test_allow_autocomplete_offers_only_own_avoided_stretches(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await slash(fake, "stretch avoid", {"name": "kneeling_lunge"}, user=ALICE)

    mine = await fake.send_autocomplete("stretch allow", "name", "", user=ALICE)
    theirs = await fake.send_autocomplete("stretch allow", "name", "", user=BOB)

    mine_body = await fake.wait_for_interaction_response(mine)
    theirs_body = await fake.wait_for_interaction_response(theirs)
    assert mine_body["type"] == theirs_body["type"] == 8
    assert [c["value"] for c in mine_body["data"]["choices"]] == ["kneeling_lunge"]
    assert theirs_body["data"]["choices"] == []


async def test_unknown_stretch_is_refused_and_nothing_stored(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    body = await slash(fake, "stretch avoid", {"name": "kneeling lunj"}, user=ALICE)

    text = assert_short_error(body, "I don't know the stretch", "kneeling lunj")
    assert KNEELING in text  # the closest one is suggested
    listed = await slash(fake, "stretch list", user=ALICE)
    assert "You don't avoid any stretch" in text_of(listed)


async def test_allowing_a_stretch_not_avoided_changes_nothing(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    body = await slash(fake, "stretch allow", {"name": "kneeling_lunge"}, user=ALICE)

    assert is_ephemeral(body)
    assert "wasn't on your avoid list" in text_of(body)
    listed = await slash(fake, "stretch list", user=ALICE)
    assert "You don't avoid any stretch" in text_of(listed)


async def test_the_hydration_reminder_cannot_be_avoided(fake: FakeDiscord, bot: CoachBot) -> None:
    sent = await fake.send_autocomplete("stretch avoid", "name", "hydrate", user=ALICE)
    offered = (await fake.wait_for_interaction_response(sent))["data"]["choices"]
    assert "hydrate_and_refuel" not in [c["value"] for c in offered]

    refused = await slash(fake, "stretch avoid", {"name": "hydrate_and_refuel"}, user=ALICE)
    assert_short_error(refused)
    assert "always part of the routine" in text_of(refused)
    assert await bot.coach.avoided(ALICE.id) == []
    routine = await slash(fake, "cooldown", user=ALICE)
    assert "Hydrate and refuel" in text_of(routine)
