"""Every press answered: double presses, expired and restarted dialogs, older copies, buttons an
edit just removed, and buttons the bot does not know. "This interaction failed" is what a
member sees when the bot does not answer within 3 s: `wait_for_interaction_response` fails
the test then, and the fixtures fail it when an answer was refused."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.adapter.client import STALE_BUTTON, UNKNOWN_BUTTON, CoachBot
from bot.rules import dialogs
from tests.e2e.conftest import ALICE, BOB, RunningBot
from tests.e2e.helpers import (
    answer_to,
    assert_short_error,
    custom_ids,
    is_ephemeral,
    press,
    slash,
    text_of,
)
from tests.fakediscord import FakeDiscord, FakeUser


async def ask(fake: FakeDiscord, command: str, user: FakeUser) -> tuple[int, list[str]]:
    """Run a command that asks for confirmation: (the question's message id, its buttons)."""
    sent = await fake.send_slash_command(command, {}, user=user)
    body = await answer_to(fake, sent)
    message = fake.original_message(sent)
    assert message is not None and is_ephemeral(body), text_of(body)
    return int(message["id"]), custom_ids(body)


async def areas_of(fake: FakeDiscord, user: FakeUser) -> str:
    return text_of(await slash(fake, "tight list", user=user))


async def two_presses(
    fake: FakeDiscord, custom_id: str, message_id: int, user: FakeUser, gap: float = 0.005
) -> list[dict[str, Any]]:
    first = await fake.send_component(custom_id, message_id, user=user)
    await asyncio.sleep(gap)
    second = await fake.send_component(custom_id, message_id, user=user)
    return [
        await fake.wait_for_interaction_response(first),
        await fake.wait_for_interaction_response(second),
    ]


async def test_a_second_press_on_clear_shows_the_first_outcome(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    for area in ("calves", "glutes"):
        await slash(fake, "tight add", {"area": area}, user=ALICE)
    message_id, (clear, _) = await ask(fake, "tight clear", ALICE)

    answers = await two_presses(fake, clear, message_id, ALICE)

    # Both presses answered (no "This interaction failed"), both with what was done once.
    for body in answers:
        assert body["type"] == 7 and text_of(body) == "Cleared 2 tight areas."
    assert fake.messages[message_id]["content"] == "Cleared 2 tight areas."
    assert fake.messages[message_id]["components"] == []
    assert "haven't listed any tight areas" in await areas_of(fake, ALICE)


async def test_a_second_press_on_delete_everything_deletes_once(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    await slash(fake, "tight add", {"area": "neck"}, user=ALICE)
    message_id, (delete, _) = await ask(fake, "mydata delete", ALICE)

    answers = await two_presses(fake, delete, message_id, ALICE)

    texts = [text_of(body) for body in answers]
    assert texts[0].startswith("Deleted: 1 tight areas") and texts[1] == texts[0]
    assert await bot.coach.tight_areas(ALICE.id) == []


async def test_a_press_after_the_buttons_went_shows_the_outcome(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    # The second press of a double click arrives after the first answer took the buttons away.
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    message_id, (_, keep) = await ask(fake, "tight clear", ALICE)
    kept = await press(fake, keep, message_id, user=ALICE)
    assert text_of(kept) == "Kept your list as it is."
    assert fake.messages[message_id]["components"] == []

    again = await press(fake, keep, message_id, user=ALICE)

    assert again["type"] == 7 and text_of(again) == "Kept your list as it is."
    assert "Calves" in await areas_of(fake, ALICE)


async def test_an_expired_dialog_disables_its_buttons_and_says_so(
    fake: FakeDiscord, bot: CoachBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "DIALOG_SECONDS", 0.5)
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    message_id, (clear, _) = await ask(fake, "tight clear", ALICE)

    await fake.wait_for_request("PATCH", r"/webhooks/\d+/[^/]+/messages/@original", timeout=3)

    message = fake.messages[message_id]
    assert "expired" in message["content"] and "/tight clear" in message["content"]
    buttons = [b for row in message["components"] for b in row["components"]]
    assert len(buttons) == 2 and all(b.get("disabled") for b in buttons)
    # A press that still reaches the bot (sent before the member's screen updated) is
    # answered the same way, and nothing is cleared.
    late = await press(fake, clear, message_id, user=ALICE)
    assert late["type"] == 7 and "expired" in text_of(late)
    assert "Calves" in await areas_of(fake, ALICE)


async def test_dialogs_survive_a_restart(
    fake: FakeDiscord, run_bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with run_bot():
        await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
        await slash(fake, "tight add", {"area": "glutes"}, user=BOB)
        alice_id, (_, keep) = await ask(fake, "tight clear", ALICE)
        bob_id, (clear, _) = await ask(fake, "tight clear", BOB)

    async with run_bot():
        kept = await press(fake, keep, alice_id, user=ALICE)
        assert kept["type"] == 7 and text_of(kept) == "Kept your list as it is."
        cleared = await press(fake, clear, bob_id, user=BOB)
        assert text_of(cleared) == "Cleared 1 tight area."
        assert "Calves" in await areas_of(fake, ALICE)
        assert "haven't listed any tight areas" in await areas_of(fake, BOB)

        # A dialog whose time ran out while the bot was down says so when pressed.
        monkeypatch.setattr(dialogs, "DIALOG_SECONDS", 0.2)
        late_id, (late_clear, _) = await ask(fake, "tight clear", ALICE)
    await asyncio.sleep(0.3)
    async with run_bot():
        late = await press(fake, late_clear, late_id, user=ALICE)
        assert "expired" in text_of(late) and "/tight clear" in text_of(late)
        assert "Calves" in await areas_of(fake, ALICE)


async def test_an_older_copy_of_a_dialog_is_answered(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    old_id, (old_clear, old_keep) = await ask(fake, "tight clear", ALICE)
    new_id, (new_clear, _) = await ask(fake, "tight clear", ALICE)

    kept = await press(fake, old_keep, old_id, user=ALICE)
    assert text_of(kept) == "Kept your list as it is."
    cleared = await press(fake, new_clear, new_id, user=ALICE)
    assert text_of(cleared) == "Cleared 1 tight area."
    # The older copy's other button, pressed last, keeps its own answer.
    again = await press(fake, old_clear, old_id, user=ALICE)
    assert text_of(again) == "Kept your list as it is."


async def test_a_press_on_a_button_an_edit_removed_is_answered(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    sent = await fake.send_slash_command("cooldown", {"group": True, "minutes": 10}, user=ALICE)
    await answer_to(fake, sent)
    card = fake.original_message(sent)
    assert card is not None
    join, _, _, cancel = custom_ids({"data": card})
    cancelled = await press(fake, cancel, int(card["id"]), user=ALICE)
    assert "called off" in text_of(cancelled)

    late = await press(fake, join, int(card["id"]), user=BOB)

    assert_short_error(late)
    assert text_of(late) == STALE_BUTTON


@pytest.mark.parametrize("custom_id", ["poll:vote:3", "session:start:abc", "x" * 100])
async def test_an_unknown_button_is_answered(
    fake: FakeDiscord, bot: CoachBot, custom_id: str
) -> None:
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    message_id, _ = await ask(fake, "tight clear", ALICE)
    fake.messages[message_id]["components"][0]["components"][0]["custom_id"] = custom_id

    body = await press(fake, custom_id, message_id, user=ALICE)

    assert_short_error(body)
    assert text_of(body) == UNKNOWN_BUTTON
