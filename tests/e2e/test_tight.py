"""`/tight` end to end: the real client against the fake Discord."""

from __future__ import annotations

from bot.adapter.client import CoachBot
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.helpers import answer_to, custom_ids, is_ephemeral, slash, text_of
from tests.fakediscord import FakeDiscord


async def listed_areas(bot: CoachBot, user_id: int) -> list[str]:
    return [a.area for a in await bot.coach.tight_areas(user_id)]


async def test_add_then_list_shows_the_area(fake: FakeDiscord, bot: CoachBot) -> None:
    added = await slash(fake, "tight add", {"area": "glutes", "note": "left worse"}, user=ALICE)
    assert "Added **Glutes**" in text_of(added)
    assert is_ephemeral(added)
    listed = await slash(fake, "tight list", user=ALICE)
    assert "Glutes" in text_of(listed) and "left worse" in text_of(listed)
    assert is_ephemeral(listed)


async def test_the_list_is_one_callback_that_asks_nothing_back(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    # Asking Discord for the message back costs the bot parsing it, on every answer.
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    sent = await fake.send_slash_command("tight list", {}, user=ALICE)
    assert "Calves" in text_of(await answer_to(fake, sent))
    calls = [r for r in fake.requests if f"/interactions/{sent.id}/" in r.path]
    assert [(r.method, r.query, r.status) for r in calls] == [("POST", {}, 204)]


async def test_an_alias_is_stored_under_its_canonical_area(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await slash(fake, "tight add", {"area": "Hammies"}, user=ALICE)
    await slash(fake, "tight add", {"area": "IT-band"}, user=ALICE)
    assert await listed_areas(bot, ALICE.id) == ["hamstrings", "it_band"]
    listed = text_of(await slash(fake, "tight list", user=ALICE))
    assert listed.index("Hamstrings") < listed.index("IT band")


async def test_a_duplicate_is_refused_politely(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    again = await slash(fake, "tight add", {"area": "calf"}, user=ALICE)
    assert "already on your list" in text_of(again)
    assert await listed_areas(bot, ALICE.id) == ["calves"]


async def test_an_unknown_area_is_refused_with_suggestions_and_nothing_stored(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    refused = await slash(fake, "tight add", {"area": "shins"}, user=ALICE)
    text = text_of(refused)
    assert is_ephemeral(refused)
    assert "shins" in text and "Calves" in text
    assert len(text) < 200 and "Traceback" not in text
    typo = text_of(await slash(fake, "tight add", {"area": "glutse"}, user=ALICE))
    assert "Glutes" in typo
    assert await listed_areas(bot, ALICE.id) == []


async def test_a_note_that_is_too_long_stores_nothing(fake: FakeDiscord, bot: CoachBot) -> None:
    refused = await slash(fake, "tight add", {"area": "neck", "note": "x" * 300}, user=ALICE)
    assert is_ephemeral(refused) and "200" in text_of(refused)
    assert await listed_areas(bot, ALICE.id) == []


async def test_autocomplete_offers_matching_areas(fake: FakeDiscord, bot: CoachBot) -> None:
    sent = await fake.send_autocomplete(("tight", "add"), "area", "ham", user=ALICE)
    body = await fake.wait_for_interaction_response(sent)
    assert body["type"] == 8
    choices = body["data"]["choices"]
    assert {"name": "Hamstrings", "value": "hamstrings"} in choices


async def test_remove_autocompletes_from_the_members_own_areas(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    for area in ("calves", "glutes"):
        await slash(fake, "tight add", {"area": area}, user=ALICE)
    await slash(fake, "tight add", {"area": "neck"}, user=BOB)
    sent = await fake.send_autocomplete(("tight", "remove"), "area", "", user=ALICE)
    choices = (await fake.wait_for_interaction_response(sent))["data"]["choices"]
    assert [c["value"] for c in choices] == ["calves", "glutes"]
    removed = await slash(fake, "tight remove", {"area": "calves"}, user=ALICE)
    assert "Removed **Calves**" in text_of(removed)
    assert await listed_areas(bot, ALICE.id) == ["glutes"]


async def test_order_sets_priorities(fake: FakeDiscord, bot: CoachBot) -> None:
    for area in ("calves", "glutes", "neck"):
        await slash(fake, "tight add", {"area": area}, user=ALICE)
    answer = await slash(fake, "tight order", {"areas": "neck, glutes"}, user=ALICE)
    assert "Neck → Glutes → Calves" in text_of(answer)
    assert await listed_areas(bot, ALICE.id) == ["neck", "glutes", "calves"]
    refused = await slash(fake, "tight order", {"areas": "quads"}, user=ALICE)
    assert is_ephemeral(refused) and "/tight add" in text_of(refused)


async def test_clear_asks_first_and_only_the_member_can_confirm(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    for area in ("calves", "glutes"):
        await slash(fake, "tight add", {"area": area}, user=ALICE)
    sent = await fake.send_slash_command("tight clear", {}, user=ALICE)
    asked = await answer_to(fake, sent)
    assert is_ephemeral(asked) and "Clear all of these?" in text_of(asked)
    confirm, _keep = custom_ids(asked)
    card = fake.original_message(sent)
    assert card is not None
    assert await listed_areas(bot, ALICE.id) == ["calves", "glutes"]

    foreign = await fake.send_component(confirm, int(card["id"]), user=BOB)
    refused = await fake.wait_for_interaction_response(foreign)
    assert is_ephemeral(refused) and "aren't for you" in text_of(refused)
    assert await listed_areas(bot, ALICE.id) == ["calves", "glutes"]

    mine = await fake.send_component(confirm, int(card["id"]), user=ALICE)
    done = await fake.wait_for_interaction_response(mine)
    assert done["type"] == 7 and "Cleared 2 tight areas" in text_of(done)
    assert await listed_areas(bot, ALICE.id) == []


async def test_members_do_not_see_each_others_areas(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    bobs = text_of(await slash(fake, "tight list", user=BOB))
    assert "Calves" not in bobs and "/tight add" in bobs
