"""`/tight` end to end: the real client against the fake Discord."""

from __future__ import annotations

from bot.client import CoachBot
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.helpers import custom_ids, is_ephemeral, press, slash, text_of
from tests.fakediscord import FakeDiscord


async def test_add_then_list_shows_the_area(fake: FakeDiscord, bot: CoachBot) -> None:
    added = await slash(fake, "tight add", {"area": "glutes"}, user=ALICE)
    assert "Added **Glutes**" in text_of(added)
    assert is_ephemeral(added)
    listed = await slash(fake, "tight list", user=ALICE)
    assert "Glutes" in text_of(listed)
    assert is_ephemeral(listed)
