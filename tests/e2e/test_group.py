"""Group cooldowns end to end: the card, its buttons, the build, and a restart mid-window."""

from __future__ import annotations

import asyncio
import copy
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update

from bot.rules.members import GroupCooldown, GroupState
from bot.storage import Database, GroupCooldowns
from bot.storage.models import GroupCooldownRow
from tests.e2e.conftest import ALICE, BOB, CARA, DAN, RunningBot
from tests.e2e.helpers import (
    answer_to,
    assert_short_error,
    custom_ids,
    embeds_of,
    field_value,
    footer_total,
    is_ephemeral,
    press,
    slash,
    text_of,
)
from tests.fakediscord import FakeDiscord, FakeUser


@asynccontextmanager
async def groups_repository(tmp_path: Path) -> AsyncIterator[tuple[Database, GroupCooldowns]]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    try:
        yield database, GroupCooldowns(database)
    finally:
        await database.dispose()


async def open_group(
    fake: FakeDiscord, leader: FakeUser, options: dict[str, Any] | None = None
) -> tuple[dict[str, Any], int, int]:
    """The leader opens a group: (the answer, the card's message id, the group id)."""
    sent = await fake.send_slash_command(
        "cooldown", {"group": True, "minutes": 10, **(options or {})}, user=leader
    )
    body = await answer_to(fake, sent)
    card = fake.original_message(sent)
    assert card is not None
    ids = custom_ids(body)
    found = re.fullmatch(r"group:join:(\d+)", ids[0])
    assert found, ids
    return body, int(card["id"]), int(found[1])


async def wait_for_card_attached(tmp_path: Path, group_id: int) -> GroupCooldown:
    """The bot records the card's message id just after posting it; wait until it has."""
    async with groups_repository(tmp_path) as (_, groups):
        async with asyncio.timeout(2):
            while True:
                group = await groups.get(group_id)
                if group is not None and group.message_id is not None:
                    return group
                await asyncio.sleep(0.02)


@contextmanager
def stale_buttons(fake: FakeDiscord, message_id: int, buttons: list[Any]) -> Iterator[None]:
    """Put the card's old buttons back while a press is sent, as for a press Discord accepted
    just before the card was updated (discord.py ignores presses on buttons a message lacks)."""
    message = fake.messages[message_id]
    current = message["components"]
    message["components"] = buttons
    try:
        yield
    finally:
        message["components"] = current


def joined_field(fake: FakeDiscord, message_id: int) -> str:
    embed = fake.messages[message_id]["embeds"][0]
    return field_value(embed, "Joined")


async def store_areas(fake: FakeDiscord, areas: dict[FakeUser, tuple[str, ...]]) -> None:
    for user, names in areas.items():
        for name in names:
            added = await slash(fake, "tight add", {"area": name}, user=user)
            assert "Added" in text_of(added)


async def test_group_card_join_build_and_closed(
    fake: FakeDiscord, run_bot: RunningBot, tmp_path: Path
) -> None:
    async with run_bot():
        await store_areas(
            fake,
            {
                ALICE: ("calves", "hamstrings"),
                BOB: ("calves", "glutes"),
                CARA: ("calves", "glutes", "neck"),
                DAN: ("calves", "quads", "adductors"),
            },
        )

        body, card_id, group_id = await open_group(fake, ALICE)

        # A public card with the four buttons, the leader already in.
        assert body["type"] == 4
        assert not is_ephemeral(body)
        assert custom_ids(body) == [
            f"group:{action}:{group_id}" for action in ("join", "leave", "build", "cancel")
        ]
        assert "Group cooldown after the" in text_of(body)
        assert joined_field(fake, card_id) == f"<@{ALICE.id}>"

        for count, member in enumerate((BOB, CARA, DAN), start=2):
            joined = await press(fake, f"group:join:{group_id}", card_id, user=member)
            assert joined["type"] == 7, joined
            assert f"Joined ({count})" in text_of(joined)
            assert f"<@{member.id}>" in joined_field(fake, card_id)
        everyone = joined_field(fake, card_id)

        again = await press(fake, f"group:join:{group_id}", card_id, user=BOB)
        assert_short_error(again, "already in")
        assert joined_field(fake, card_id) == everyone

        buttons = copy.deepcopy(fake.messages[card_id]["components"])
        refused = await press(fake, f"group:build:{group_id}", card_id, user=CARA)
        assert_short_error(refused, "Only the run leader")
        assert fake.messages[card_id]["components"], "the card lost its buttons"
        async with groups_repository(tmp_path) as (_, groups):
            group = await groups.get(group_id)
            assert group is not None and group.state is GroupState.OPEN

        built = await press(fake, f"group:build:{group_id}", card_id, user=ALICE)

        # The card itself becomes the routine: one embed, and only Start left to press.
        assert built["type"] == 7
        assert not is_ephemeral(built)
        embeds = embeds_of(built)
        assert len(embeds) == 1
        (start,) = custom_ids(built)
        assert re.fullmatch(r"session:start:\d+", start)
        covers = field_value(embeds[0], "Covers")
        assert covers.startswith("Calves (4 of 4), Glutes (2 of 4)"), covers
        # Four areas at most: the ones listed lower down by a single member are left out.
        assert "Neck" not in covers
        assert "Adductors" not in covers
        for_field = field_value(embeds[0], "For ")
        assert field_value(embeds[0], "For 4") == for_field
        for member in (ALICE, BOB, CARA, DAN):
            assert f"<@{member.id}>" in for_field
        assert "Wall calf stretch" in text_of(built)
        seconds, budget = footer_total(built)
        assert budget == 10
        assert 0 < seconds <= 10 * 60

        # A press that raced the build (Discord accepted it against the card as it was a moment
        # before) is told the group is closed, and the routine stays as built.
        with stale_buttons(fake, card_id, buttons):
            late = await press(
                fake, f"group:join:{group_id}", card_id, user=FakeUser(username="eve")
            )
            assert_short_error(late, "closed")
            again_build = await press(fake, f"group:build:{group_id}", card_id, user=ALICE)
            assert_short_error(again_build, "closed")
        assert fake.messages[card_id]["embeds"] == embeds


async def test_leave_and_cancel(fake: FakeDiscord, run_bot: RunningBot) -> None:
    async with run_bot():
        _, card_id, group_id = await open_group(fake, ALICE)
        buttons = copy.deepcopy(fake.messages[card_id]["components"])
        await press(fake, f"group:join:{group_id}", card_id, user=BOB)
        assert f"<@{BOB.id}>" in joined_field(fake, card_id)

        left = await press(fake, f"group:leave:{group_id}", card_id, user=BOB)
        assert left["type"] == 7
        assert f"<@{BOB.id}>" not in joined_field(fake, card_id)
        assert "Joined (1)" in text_of(left)

        not_in = await press(fake, f"group:leave:{group_id}", card_id, user=CARA)
        assert_short_error(not_in, "weren't in")
        leader_leaves = await press(fake, f"group:leave:{group_id}", card_id, user=ALICE)
        assert_short_error(leader_leaves, "Cancel")
        not_leader = await press(fake, f"group:cancel:{group_id}", card_id, user=BOB)
        assert_short_error(not_leader, "Only the run leader")

        cancelled = await press(fake, f"group:cancel:{group_id}", card_id, user=ALICE)
        assert cancelled["type"] == 7
        assert "called off" in text_of(cancelled)
        assert fake.messages[card_id]["components"] == []
        with stale_buttons(fake, card_id, buttons):
            late = await press(fake, f"group:join:{group_id}", card_id, user=BOB)
            assert_short_error(late, "closed")


async def test_group_with_bad_options_is_refused_and_nothing_posted(
    fake: FakeDiscord, run_bot: RunningBot
) -> None:
    async with run_bot():
        for options, expected in (
            ({"minutes": 99}, "from 3 to 60"),
            ({"window": 0}, "join window"),
            ({"window": 45}, "join window"),
        ):
            sent = await fake.send_slash_command("cooldown", {"group": True, **options}, user=ALICE)
            body = await answer_to(fake, sent)
            assert_short_error(body, expected)
            assert not custom_ids(body)


async def test_overdue_window_is_built_after_a_restart(
    fake: FakeDiscord, run_bot: RunningBot, tmp_path: Path
) -> None:
    async with run_bot():
        await store_areas(fake, {ALICE: ("calves",), BOB: ("calves", "glutes")})
        _, card_id, group_id = await open_group(fake, ALICE, {"window": 30})
        await press(fake, f"group:join:{group_id}", card_id, user=BOB)
        group = await wait_for_card_attached(tmp_path, group_id)
        assert group.message_id == card_id
    channel_id = group.channel_id

    # While the bot is down, the join window runs out.
    async with groups_repository(tmp_path) as (database, groups):
        async with database.session() as session:
            await session.execute(
                update(GroupCooldownRow)
                .where(GroupCooldownRow.id == group_id)
                .values(closes_at=datetime.now(UTC) - timedelta(minutes=1))
            )
        overdue = await groups.get(group_id)
        assert overdue is not None and overdue.state is GroupState.OPEN
        assert overdue.closes_at < datetime.now(UTC)

    seen = len(fake.requests)
    async with run_bot():
        edit = await fake.wait_for_request(
            "PATCH", rf"/channels/{channel_id}/messages/{card_id}", timeout=3, after=seen
        )
        assert edit.json is not None
        embed = edit.json["embeds"][0]
        (start,) = custom_ids({"data": edit.json})
        assert start.startswith("session:start:")
        assert embed["title"].startswith("Group cooldown after the")
        assert field_value(embed, "Covers").startswith("Calves (2 of 2)")
        assert f"<@{BOB.id}>" in field_value(embed, "For 2")
        assert "Wall calf stretch" in embed["description"]
        card = fake.messages[card_id]
        assert custom_ids({"data": card}) == [start]
        assert field_value(card["embeds"][0], "Covers").startswith("Calves")

    async with groups_repository(tmp_path) as (_, groups):
        done = await groups.get(group_id)
        assert done is not None and done.state is GroupState.BUILT
    # Built exactly once.
    assert len(fake.requests_to("PATCH", rf"/channels/{channel_id}/messages/{card_id}")) == 1


async def test_a_group_closed_by_a_process_that_then_died_gets_its_card_after_a_restart(
    fake: FakeDiscord, run_bot: RunningBot, tmp_path: Path
) -> None:
    async with run_bot():
        await store_areas(fake, {ALICE: ("calves",), BOB: ("glutes",)})
        _, card_id, group_id = await open_group(fake, ALICE)
        await press(fake, f"group:join:{group_id}", card_id, user=BOB)
        group = await wait_for_card_attached(tmp_path, group_id)
    # What a process leaves when it stops between closing the group and storing its card.
    async with groups_repository(tmp_path) as (_, groups):
        assert await groups.close(group_id, GroupState.BUILT)

    seen = len(fake.requests)
    async with run_bot():
        edit = await fake.wait_for_request(
            "PATCH", rf"/channels/{group.channel_id}/messages/{card_id}", timeout=5, after=seen
        )
        assert edit.json is not None
        (start,) = custom_ids({"data": edit.json})
        assert f"<@{BOB.id}>" in field_value(edit.json["embeds"][0], "For 2")
        started = await press(fake, start, card_id, user=ALICE)
        assert started["type"] == 7, text_of(started)
    async with run_bot():  # and a second restart finds nothing left to finish
        await asyncio.sleep(0.5)
    assert len(fake.requests_to("PATCH", rf"/channels/\d+/messages/{card_id}")) == 1


async def test_open_window_survives_a_restart(
    fake: FakeDiscord, run_bot: RunningBot, tmp_path: Path
) -> None:
    """A group still inside its window keeps taking joins after a restart, and is not built."""
    async with run_bot():
        _, card_id, group_id = await open_group(fake, ALICE)
        await wait_for_card_attached(tmp_path, group_id)

    async with run_bot():
        joined = await press(fake, f"group:join:{group_id}", card_id, user=BOB)
        assert joined["type"] == 7
        assert f"<@{BOB.id}>" in joined_field(fake, card_id)
        built = await press(fake, f"group:build:{group_id}", card_id, user=ALICE)
        assert field_value(embeds_of(built)[0], "For 2")
        # The outbox puts the same card over the open one, in case the answer never landed.
        edit = await fake.wait_for_request("PATCH", rf"/channels/\d+/messages/{card_id}")
        assert edit.json is not None

        def shown(embed: dict[str, Any]) -> tuple[Any, ...]:
            return embed["title"], embed["description"], embed["fields"]

        assert [shown(e) for e in edit.json["embeds"]] == [shown(e) for e in embeds_of(built)]
        assert custom_ids({"data": edit.json}) == custom_ids(built)
    assert len(fake.requests_to("PATCH", r"/channels/\d+/messages/\d+")) == 1


async def test_group_mode_needs_a_server_channel(fake: FakeDiscord, run_bot: RunningBot) -> None:
    async with run_bot():
        sent = await fake.send_slash_command("cooldown", {"group": True}, user=ALICE, dm=True)
        body = await answer_to(fake, sent)
        assert_short_error(body, "server channel")
        assert not custom_ids(body)
