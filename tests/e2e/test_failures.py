"""What a member (or whoever starts the bot) sees when something goes wrong."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.adapter.client import DATABASE_DOWN, CoachBot
from bot.app import EXIT_FAILURE, StartupError, create_bot
from bot.rules.overload import Thresholds
from tests.e2e.conftest import ALICE, BOB, bot_settings
from tests.e2e.helpers import (
    answer_to,
    assert_short_error,
    custom_ids,
    eventually,
    is_ephemeral,
    press,
    public_messages,
    slash,
    text_of,
)
from tests.fakediscord import FakeDiscord, pointed_at, running_client

# -- buttons meant for someone else -----------------------------------------------------------


async def test_clear_buttons_refuse_another_member(fake: FakeDiscord, bot: CoachBot) -> None:
    for area in ("calves", "glutes"):
        await slash(fake, "tight add", {"area": area}, user=ALICE)
    sent = await fake.send_slash_command("tight clear", user=ALICE)
    asked = await answer_to(fake, sent)
    assert is_ephemeral(asked)
    assert "Calves, Glutes" in text_of(asked)
    card = fake.original_message(sent)
    assert card is not None
    clear_id, keep_id = custom_ids(asked)

    for custom_id in (clear_id, keep_id):
        refused = await press(fake, custom_id, int(card["id"]), user=BOB)
        assert_short_error(refused, "aren't for you")
    # The question is still there for Alice, and her list is untouched.
    assert fake.messages[int(card["id"])]["components"]
    listed = text_of(await slash(fake, "tight list", user=ALICE))
    assert "Calves" in listed and "Glutes" in listed

    cleared = await press(fake, clear_id, int(card["id"]), user=ALICE)
    assert cleared["type"] == 7
    assert "Cleared 2 tight areas" in text_of(cleared)
    listed = text_of(await slash(fake, "tight list", user=ALICE))
    assert "haven't listed any tight areas" in listed


# -- the database goes away while the bot runs ------------------------------------------------


@pytest.fixture
async def bot_with_db_dir(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[CoachBot]:
    """A bot whose SQLite file lives in its own folder, tmp_path/db."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'db' / 'bot.sqlite3'}"
    async with pointed_at(fake):
        client = await create_bot(
            bot_settings(fake, tmp_path, database_url=url), guild_ready_timeout=0.05
        )
        async with running_client(client, fake):
            yield client
    assert not fake.errors, fake.errors


@contextmanager
def database_folder_gone(folder: Path) -> Iterator[None]:
    """Move the database's folder away and leave a plain file in its place, so opening the
    database fails (SQLITE_CANTOPEN) even for root; put everything back on exit."""
    away = folder.with_name(folder.name + "-away")
    folder.rename(away)
    folder.write_text("not a folder")
    try:
        yield
    finally:
        folder.unlink()
        away.rename(folder)


async def test_database_unreachable_at_runtime(
    fake: FakeDiscord, bot_with_db_dir: CoachBot, tmp_path: Path
) -> None:
    bot = bot_with_db_dir
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    sent = await fake.send_slash_command("cooldown", {"group": True}, user=ALICE)
    await answer_to(fake, sent)
    card = fake.original_message(sent)
    assert card is not None
    join_id = custom_ids({"data": card})[0]
    channel = fake.guild.text_channel.id
    public_before = len(public_messages(fake, channel))
    card_before = card["embeds"]

    # Drop the pooled connections (as after an idle timeout or a server restart); every
    # request from now on has to open the database again, and cannot.
    await bot.database.dispose()
    with database_folder_gone(tmp_path / "db"):
        answers = [
            await slash(fake, "tight add", {"area": "glutes"}, user=ALICE),
            await slash(fake, "tight list", user=ALICE),
            await slash(fake, "stretch avoid", {"name": "kneeling_lunge"}, user=ALICE),
            await slash(fake, "cooldown", user=ALICE),
            await press(fake, join_id, int(card["id"]), user=BOB),
        ]
        for body in answers:
            text = assert_short_error(body)
            assert text == DATABASE_DOWN
        assert len(public_messages(fake, channel)) == public_before
        assert fake.messages[int(card["id"])]["embeds"] == card_before

    # Back again without a restart, and nothing from the outage was saved.
    listed = text_of(await slash(fake, "tight list", user=ALICE))
    assert "Calves" in listed
    assert "Glutes" not in listed
    avoided = text_of(await slash(fake, "stretch list", user=ALICE))
    assert "You don't avoid any stretch" in avoided
    routine = await slash(fake, "cooldown", user=ALICE)
    assert not is_ephemeral(routine)
    assert "Wall calf stretch" in text_of(routine)


# -- the database is unreachable when the bot starts ----------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        # Nothing listens on port 1: connection refused.
        "postgresql+asyncpg://postgres@127.0.0.1:1/cooldown",
        # The folder the SQLite file should live in is a plain file.
        "sqlite+aiosqlite:///{tmp}/blocked/bot.sqlite3",
    ],
    ids=["postgres-refused", "sqlite-cantopen"],
)
async def test_startup_without_database_is_one_clear_error(
    fake: FakeDiscord, tmp_path: Path, url: str
) -> None:
    (tmp_path / "blocked").write_text("not a folder")
    settings = bot_settings(fake, tmp_path, database_url=url.format(tmp=tmp_path))

    with pytest.raises(StartupError) as raised:
        await create_bot(settings)

    assert raised.value.exit_code == EXIT_FAILURE
    assert str(raised.value).startswith("cannot reach the database")
    # `python -m bot` prints it as one line (tests/e2e/test_startup.py runs that end to end).
    assert "\n" not in str(raised.value)
    await worker_threads_finished()


async def worker_threads_finished(timeout: float = 1.0) -> None:  # noqa: ASYNC109
    """Let aiosqlite's worker thread of the failed connection hand its stop result to this
    loop before pytest closes it; otherwise the thread sometimes raises "Event loop is closed"
    (omnilib/aiosqlite#241) and pytest warns about an unhandled thread exception."""
    for _ in range(int(timeout / 0.01)):
        workers = [t for t in threading.enumerate() if "_connection_worker_thread" in t.name]
        if not workers:
            return
        await asyncio.sleep(0.01)


async def test_slow_answers_are_deferred_then_edited_in(
    fake: FakeDiscord, bot_with_db_dir: CoachBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the database were slow: every command is acknowledged before its work is done.
    bot_with_db_dir.overload = Thresholds(defer_at=0)
    sent = await fake.send_slash_command("tight add", {"area": "glutes"}, user=ALICE)
    assert (await fake.wait_for_interaction_response(sent))["type"] == 5
    answer = (await answer_to(fake, sent))["data"]
    # Discord's pattern: the private "thinking…" is edited into the answer, no follow-up.
    assert "Added **Glutes**" in (answer.get("content") or "")
    assert answer["flags"] & 64 and not fake.followups(sent)

    # A public answer that fails after deferring takes its "thinking…" message down and
    # tells the member alone.
    await bot_with_db_dir.database.dispose()
    with database_folder_gone(tmp_path / "db"):
        sent = await fake.send_slash_command("cooldown", {}, user=BOB)
        assert (await fake.wait_for_interaction_response(sent))["type"] == 5
        await fake.wait_for_request("DELETE", r"/webhooks/\d+/[^/]+/messages/@original")
        error = await fake.wait_for_followup(sent)
    assert error["flags"] & 64 and error["content"] == DATABASE_DOWN
    await worker_threads_finished()


async def test_a_slow_press_is_acknowledged_as_an_update_then_its_card_edited(
    fake: FakeDiscord, bot_with_db_dir: CoachBot
) -> None:
    bot_with_db_dir.overload = Thresholds(defer_at=0)
    opened = await fake.send_slash_command("cooldown", {"group": True}, user=ALICE)
    await answer_to(fake, opened)
    card = fake.original_message(opened)
    assert card is not None
    join = next(i for i in custom_ids({"data": card}) if i.startswith("group:join:"))

    sent = await fake.send_component(join, int(card["id"]), user=BOB)

    # Discord's deferred update: nothing shown until the bot edits the card it was pressed on.
    first = await fake.wait_for_interaction_response(sent)
    assert first["type"] == 6 and "data" not in first, first
    await eventually(lambda: f"<@{BOB.id}>" in str(fake.original_message(opened)))
    assert not fake.followups(sent)
