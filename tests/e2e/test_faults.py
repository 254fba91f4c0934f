"""What the bot posts on its own survives what Discord does wrong: the real bot against the
fake Discord injecting 5xx, hangs, dropped connections and refusals.

Each test asserts what a member or organiser would notice: the step or the week is posted,
exactly once, or the right person is told why not.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ALICE
from tests.e2e.helpers import eventually, quiet_schedule, slash, text_of
from tests.e2e.test_checkins import ADMIN
from tests.e2e.test_checkins import bot as bot  # the bot that reads replies
from tests.e2e.test_sessions import session_bot, start_session
from tests.fakediscord import FakeDiscord

MESSAGES = r"/channels/\d+/messages"


def step_one(body: Any) -> bool:
    return "Step 1 of" in ((body or {}).get("content") or "")


async def setup_checkin(fake: FakeDiscord) -> int:
    """The organiser schedules the club's check-in (far from now: only `now` posts)."""
    channel = fake.guild.text_channel
    done = await slash(fake, "checkin setup", quiet_schedule(channel.id), user=ADMIN)
    assert "Weekly check-in" in text_of(done), text_of(done)
    return channel.id


def is_checkin(body: Any) -> bool:
    return "Weekly check-in" in ((body or {}).get("content") or "")


@pytest.fixture(autouse=True)
def quick_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    # Discord-sized timeouts would make each case take tens of seconds; the rules are the same.
    monkeypatch.setattr("bot.services.delivery.ATTEMPT_TIMEOUT", 1.0)
    monkeypatch.setattr("bot.rules.delivery.FIRST_RETRY_SECONDS", 0.1)


def steps(fake: FakeDiscord, thread_id: int, number: int) -> list[dict[str, Any]]:
    """Step messages as posted (the control card's embed shows the step too: not counted)."""
    marker = f"**Step {number} of"
    return [m for m in fake.posted_to(thread_id) if marker in (m.get("content") or "")]


FAULTS: dict[str, Callable[[FakeDiscord], object]] = {
    "503": lambda fake: fake.faults.fail("POST", MESSAGES, 503, when=step_one),
    "six-500s": lambda fake: fake.faults.fail("POST", MESSAGES, 500, times=6, when=step_one),
    "hang-then-drop": lambda fake: fake.faults.hang("POST", MESSAGES, 3, when=step_one),
    "dropped": lambda fake: fake.faults.drop("POST", MESSAGES, when=step_one),
    "429-without-via": lambda fake: fake.faults.rate_limit(
        "POST", MESSAGES, 0.2, via=False, when=step_one
    ),
    # What a proxy that re-sent the request without its body hands back.
    "proxy-lost-the-body": lambda fake: fake.faults.fail(
        "POST",
        MESSAGES,
        400,
        body={"code": 50006, "message": "Cannot send an empty message"},
        when=step_one,
    ),
    "taken-then-500": lambda fake: fake.faults.accept_then_fail(
        "POST", MESSAGES, 500, when=step_one
    ),
    "taken-then-dropped": lambda fake: fake.faults.accept_then_fail(
        "POST", MESSAGES, None, when=step_one
    ),
}


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_a_step_that_meets_a_fault_is_posted_exactly_once(
    fake: FakeDiscord, tmp_path: Path, fault: str
) -> None:
    FAULTS[fault](fake)
    # At real speed: a step's post is worth retrying for as long as the step lasts.
    async with session_bot(fake, tmp_path, time_scale=1.0):
        _, thread_id, _ = await start_session(fake)
        await eventually(lambda: len(steps(fake, thread_id, 1)) >= 1)
        await asyncio.sleep(0.5)  # a second copy would land now
    assert len(steps(fake, thread_id, 1)) == 1
    assert fake.injected, "the fault never happened"


async def test_a_step_discord_never_takes_is_reported_in_the_next(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    fake.faults.fail("POST", MESSAGES, 503, times=None, when=step_one)
    async with session_bot(fake, tmp_path, time_scale=0.05):
        _, thread_id, _ = await start_session(fake)
        await eventually(lambda: bool(steps(fake, thread_id, 2)))
    (second,) = steps(fake, thread_id, 2)
    assert "you missed: step 1" in second["content"]
    assert not steps(fake, thread_id, 1)


async def test_a_check_in_through_repeated_5xx_is_posted_once(fake: FakeDiscord, bot: Any) -> None:
    channel = await setup_checkin(fake)
    # Six 503s in a row: with Discord-sized delays (0.5 s doubling) about 30 s of outage.
    fake.faults.fail("POST", MESSAGES, 503, times=6, when=is_checkin)
    answer = await slash(fake, "checkin now", user=ADMIN)
    assert "being posted (last try: Discord answered 503" in text_of(answer), text_of(answer)
    await eventually(lambda: bool(fake.posted_to(channel, contains="## Weekly check-in")))
    await asyncio.sleep(0.5)
    assert len(fake.posted_to(channel, contains="## Weekly check-in")) == 1
    again = await slash(fake, "checkin now", user=ADMIN)
    assert "already out" in text_of(again) and "discord.com/channels" in text_of(again)


async def test_a_check_in_discord_took_but_never_confirmed_still_takes_answers(
    fake: FakeDiscord, bot: Any
) -> None:
    channel = await setup_checkin(fake)
    fake.faults.accept_then_fail("POST", MESSAGES, None, when=is_checkin)
    await slash(fake, "checkin now", user=ADMIN)
    await eventually(lambda: bool(fake.posted_to(channel, contains="## Weekly check-in")))
    await asyncio.sleep(0.5)
    (post,) = fake.posted_to(channel, contains="## Weekly check-in")
    (row,) = post["components"]
    answer_id = row["components"][0]["custom_id"]
    pressed = await fake.send_component(answer_id, int(post["id"]), user=ALICE)
    body = await fake.wait_for_interaction_response(pressed)
    assert body["type"] == 9, text_of(body)  # the form opens: the week is known


async def test_a_check_in_the_bot_may_not_post_tells_the_organiser(
    fake: FakeDiscord, bot: Any
) -> None:
    channel = await setup_checkin(fake)
    fake.faults.fail("POST", MESSAGES, 403, times=1, when=is_checkin)
    answer = await slash(fake, "checkin now", user=ADMIN)
    assert "could not be posted" in text_of(answer), text_of(answer)
    assert "may not post" in text_of(answer)
    await eventually(lambda: any("couldn't post the weekly check-in" in t for t in dms(fake)))
    # Once the permission is fixed, the organiser posts it after all.
    retried = await slash(fake, "checkin now", user=ADMIN)
    assert "Posted this week's check-in" in text_of(retried), text_of(retried)
    assert len(fake.posted_to(channel, contains="## Weekly check-in")) == 1


def dms(fake: FakeDiscord) -> list[str]:
    return [m.get("content") or "" for m in fake.posted]


@pytest.mark.parametrize("break_gateway", ["close-4000", "invalid-session", "dropped"])
async def test_a_broken_gateway_loses_no_step_and_the_bot_answers_again(
    fake: FakeDiscord, tmp_path: Path, break_gateway: str
) -> None:
    async with session_bot(fake, tmp_path, time_scale=0.1):
        _, thread_id, _ = await start_session(fake)
        if break_gateway == "close-4000":
            await fake.close_gateway(4000)
        elif break_gateway == "invalid-session":
            await fake.invalidate_session(resumable=False)
        else:
            await fake.abort_gateway()
        # Steps come from the bot's own timer and REST: the gateway has no say in them.
        await eventually(lambda: bool(steps(fake, thread_id, 2)), within=20)
        await fake.wait_ready(timeout=20)
        answer = await slash(fake, "tight list", user=ALICE)
        assert "Calves" in text_of(answer), text_of(answer)
    for number in (1, 2):
        assert len(steps(fake, thread_id, number)) == 1
