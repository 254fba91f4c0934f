"""What Discord usually checks, checked again by the bot: options out of their declared range
or of the wrong type, and presses crafted to act on another card, member or server. Each is
refused privately in a sentence, logged at INFO (a member's mistake, not the bot's), and
nothing is stored or posted."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.adapter.client import CoachBot
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.helpers import (
    answer_to,
    assert_short_error,
    custom_ids,
    embeds_of,
    press,
    public_messages,
    slash,
    text_of,
)
from tests.fakediscord import FakeChannel, FakeDiscord, FakeGuild, FakeUser
from tests.fakediscord.models import ADMIN_PERMISSIONS

ADMIN = FakeUser(id=320000000000000001, username="organiser", permissions=ADMIN_PERMISSIONS)
THREAD = FakeChannel(name="a thread", type=11, parent_id=1)
VOICE = FakeChannel(name="voice", type=2)
OTHER_GUILD = FakeGuild(name="Another Club")


@pytest.fixture
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Any:
    caplog.set_level(logging.INFO)
    yield caplog
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors


def setup_options(**changes: Any) -> dict[str, Any]:
    return {"weekday": 2, "time": "18:30", "timezone": "Europe/London", **changes}


REFUSED: list[tuple[str, dict[str, Any], FakeUser, str]] = [
    ("cooldown", {"minutes": 7.5}, ALICE, "Minutes must be a whole number from 3 to 60"),
    ("cooldown", {"minutes": 10**9}, ALICE, "from 3 to 60"),
    ("cooldown", {"group": True, "window": 2.5}, ALICE, "join window"),
    ("progress", {"weeks": 0}, ALICE, "Weeks must be a whole number from 1 to 52"),
    ("progress", {"weeks": -1}, ALICE, "from 1 to 52"),
    ("progress", {"weeks": 10**9}, ALICE, "from 1 to 52"),
    ("club report", {"weeks": 0}, ADMIN, "from 1 to 52"),
    ("club report", {"weeks": -1}, ADMIN, "from 1 to 52"),
    ("club report", {"weeks": 10**9}, ADMIN, "from 1 to 52"),
    ("checkin setup", setup_options(weekday="funday"), ADMIN, "Pick a weekday"),
    ("checkin setup", setup_options(weekday=9), ADMIN, "Pick a weekday"),
    ("checkin setup", setup_options(channel=THREAD), ADMIN, "Pick a text channel"),
    ("checkin setup", setup_options(channel=VOICE), ADMIN, "Pick a text channel"),
]


@pytest.mark.parametrize(
    ("command", "options", "user", "expected"),
    REFUSED,
    ids=[f"{c}-{'-'.join(f'{k}={v}' for k, v in o.items())}"[:60] for c, o, _, _ in REFUSED],
)
async def test_options_outside_their_declared_range_are_refused(
    fake: FakeDiscord,
    bot: CoachBot,
    no_errors_logged: pytest.LogCaptureFixture,
    command: str,
    options: dict[str, Any],
    user: FakeUser,
    expected: str,
) -> None:
    if command == "checkin setup":
        options = {"channel": fake.guild.text_channel, **options}
    channel = fake.guild.text_channel.id
    public_before = len(public_messages(fake, channel))

    body = await slash(fake, command, options, user=user)

    assert_short_error(body, expected)
    assert not embeds_of(body)
    assert len(public_messages(fake, channel)) == public_before
    assert await bot.desk.schedule(fake.guild.id) is None
    assert any(
        r.levelno == logging.INFO and "refused" in r.getMessage() for r in no_errors_logged.records
    )


async def test_a_server_command_sent_from_a_dm_is_refused(
    fake: FakeDiscord, bot: CoachBot, no_errors_logged: pytest.LogCaptureFixture
) -> None:
    for command, options in (
        ("checkin setup", {"channel": fake.guild.text_channel, **setup_options()}),
        ("club report", {}),
        ("checkin now", {}),
    ):
        sent = await fake.send_slash_command(
            command, options, user=ADMIN, dm=True, command_guild_id=None
        )
        assert_short_error(await answer_to(fake, sent))
    assert await bot.desk.schedule(fake.guild.id) is None


async def test_guild_only_commands_declare_their_contexts(fake: FakeDiscord, bot: CoachBot) -> None:
    commands = {c["name"]: c for c in fake.commands_for()}
    for name in ("checkin", "club"):
        # Discord's current way to keep a command out of DMs: contexts (0 = in a server).
        assert commands[name]["contexts"] == [0], commands[name]
        assert commands[name]["integration_types"] == [0]
        # discord.py still sends the deprecated field; it must not contradict `contexts`.
        assert commands[name].get("dm_permission", False) is False


# -- presses crafted to act on something else --------------------------------------------------


async def routine_card(fake: FakeDiscord, user: FakeUser) -> tuple[int, str]:
    sent = await fake.send_slash_command("cooldown", {"minutes": 3}, user=user)
    body = await answer_to(fake, sent)
    card = fake.original_message(sent)
    assert card is not None
    (start,) = custom_ids(body)
    return int(card["id"]), start


async def test_a_start_pressed_on_another_cards_message_opens_nothing(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    alice_card, alice_start = await routine_card(fake, ALICE)
    bob_card, _ = await routine_card(fake, BOB)
    threads_before = [c for c in fake.channels.values() if c.get("type") == 11]

    # Alice's Start button, crafted into a press on Bob's card.
    crafted = await press(fake, alice_start, bob_card, user=ALICE)

    assert_short_error(crafted)
    assert [c for c in fake.channels.values() if c.get("type") == 11] == threads_before
    # Both cards still offer Start: nothing was claimed.
    assert custom_ids({"data": fake.messages[bob_card]})
    assert custom_ids({"data": fake.messages[alice_card]}) == [alice_start]
    started = await press(fake, alice_start, alice_card, user=ALICE)
    assert started["type"] == 7


async def test_a_group_join_from_another_server_is_refused(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    sent = await fake.send_slash_command("cooldown", {"group": True, "minutes": 10}, user=ALICE)
    await answer_to(fake, sent)
    card = fake.original_message(sent)
    assert card is not None
    join = custom_ids({"data": card})[0]
    group_id = int(join.rsplit(":", 1)[1])

    # The card's own message, sent as if pressed in another server.
    crafted = await fake.send_component(join, int(card["id"]), user=BOB, guild_id=OTHER_GUILD.id)
    body = await answer_to(fake, crafted)

    assert_short_error(body, "does not belong")
    assert await bot.groups.members(group_id) == [ALICE.id]
    assert str(BOB.id) not in text_of({"data": fake.messages[int(card["id"])]})
