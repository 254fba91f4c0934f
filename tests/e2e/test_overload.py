"""Past capacity: every interaction acknowledged in time, shed ones storing nothing.

A backlog is made by blocking the event loop (the bot and the fake share it) right after the
interaction is dispatched: the bot's handler starts as late as it would behind a queue.
"""

from __future__ import annotations

import asyncio
import time

from prometheus_client import REGISTRY

from bot.adapter.client import CoachBot
from bot.rules.overload import BUSY, Thresholds
from tests.e2e.conftest import ALICE
from tests.e2e.helpers import answer_to, custom_ids, eventually, is_ephemeral, slash, text_of
from tests.fakediscord import FakeDiscord


def stall(seconds: float) -> None:
    """Hold the event loop (the bot's and the fake's), as a queue of work ahead would."""
    time.sleep(seconds)


def outcomes(name: str, outcome: str, kind: str = "command") -> float:
    labels = {"kind": kind, "name": name, "outcome": outcome}
    return REGISTRY.get_sample_value("cooldown_interactions_total", labels) or 0.0


async def counted(name: str, outcome: str, expected: float, kind: str = "command") -> None:
    """The outcome reaches `expected` (it is counted when the handler's task ends, just after
    its last call), and goes no further."""
    await eventually(lambda: outcomes(name, outcome, kind) >= expected)
    assert outcomes(name, outcome, kind) == expected


async def test_a_deep_backlog_sheds_the_command_and_stores_nothing(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    shed_before = outcomes("/tight add", "shed")
    sent = await fake.send_slash_command("tight add", {"area": "calves"}, user=ALICE)
    stall(1.4)  # the loop is 1.4 s behind
    body = await fake.wait_for_interaction_response(sent)
    assert is_ephemeral(body) and text_of(body) == BUSY
    await counted("/tight add", "shed", shed_before + 1)
    assert await bot.coach.tight_areas(ALICE.id) == []
    # Once the backlog is gone, the same command is answered as usual.
    assert "Added **Calves**" in text_of(
        await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    )


async def test_a_backlog_defers_at_once_then_answers(fake: FakeDiscord, bot: CoachBot) -> None:
    await slash(fake, "tight add", {"area": "glutes"}, user=ALICE)
    deferred_before = outcomes("/tight list", "deferred")
    sent = await fake.send_slash_command("tight list", {}, user=ALICE)
    stall(0.7)
    first = await fake.wait_for_interaction_response(sent)
    assert first["type"] == 5  # "thinking…", private like the answer
    assert is_ephemeral(first)
    assert "Glutes" in text_of(await answer_to(fake, sent))
    await counted("/tight list", "deferred", deferred_before + 1)


async def test_past_the_deadline_no_late_callback_is_sent(fake: FakeDiscord, bot: CoachBot) -> None:
    expired_before = outcomes("/tight add", "expired")
    sent = await fake.send_slash_command("tight add", {"area": "quads"}, user=ALICE)
    stall(3.1)
    await asyncio.sleep(0.3)
    state = fake.interactions[sent.id]
    assert state.response is None and state.late_by is None  # nothing sent, so nothing late
    await counted("/tight add", "expired", expired_before + 1)
    assert await bot.coach.tight_areas(ALICE.id) == []


async def test_a_press_is_shed_too_and_changes_nothing(fake: FakeDiscord, bot: CoachBot) -> None:
    for area in ("calves", "glutes"):
        await slash(fake, "tight add", {"area": area}, user=ALICE)
    sent = await fake.send_slash_command("tight clear", {}, user=ALICE)
    confirm, _keep = custom_ids(await answer_to(fake, sent))
    card = fake.original_message(sent)
    assert card is not None
    pressed = await fake.send_component(confirm, int(card["id"]), user=ALICE)
    stall(1.4)
    body = await fake.wait_for_interaction_response(pressed)
    assert is_ephemeral(body) and text_of(body) == BUSY
    assert [a.area for a in await bot.coach.tight_areas(ALICE.id)] == ["calves", "glutes"]


async def test_an_autocomplete_is_shed_with_no_choices(fake: FakeDiscord, bot: CoachBot) -> None:
    shed_before = outcomes("/tight add", "shed", kind="autocomplete")
    sent = await fake.send_autocomplete(("tight", "add"), "area", "cal", user=ALICE)
    stall(1.4)
    body = await fake.wait_for_interaction_response(sent)
    assert body == {"type": 8, "data": {"choices": []}}
    await counted("/tight add", "shed", shed_before + 1, kind="autocomplete")


async def test_an_autocomplete_held_up_after_the_gate_is_shed_where_its_handler_starts(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    # The gate lets it through, then the loop is held before its handler's task starts: the
    # handler, 1.4 s after the interaction was made, turns it away itself, in time.
    parsers = bot._connection.parsers
    gate = parsers["INTERACTION_CREATE"]

    def held(data: object) -> None:
        gate(data)
        stall(1.4)

    parsers["INTERACTION_CREATE"] = held
    try:
        sent = await fake.send_autocomplete(("tight", "add"), "area", "cal", user=ALICE)
        body = await fake.wait_for_interaction_response(sent)
    finally:
        parsers["INTERACTION_CREATE"] = gate
    assert body == {"type": 8, "data": {"choices": []}}
    assert fake.interactions[sent.id].late_by is None


async def test_a_burst_past_capacity_is_shed_or_answered_and_none_late(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    # A hundred commands queued behind a stall: any the bot read while they were being sent
    # is answered, the rest are shed from the gateway; every one acknowledged, none after
    # Discord's deadline, and only an answered one stored anything.
    sent = [
        await fake.send_slash_command("tight add", {"area": "calves"}, user=ALICE)
        for _ in range(100)
    ]
    stall(1.2)
    bodies = [await fake.wait_for_interaction_response(s) for s in sent]
    assert all(fake.interactions[s.id].late_by is None for s in sent)
    shed = sum(text_of(b) == BUSY for b in bodies)
    assert shed >= 50
    stored = [a.area for a in await bot.coach.tight_areas(ALICE.id)]
    assert stored == ([] if shed == 100 else ["calves"])


async def test_sheds_past_the_connections_bound_wait_for_one_rather_than_go_unanswered(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    # Past capacity sheds pile up faster than their callbacks come back: with four
    # connections, forty sheds at once are written four at a time, each one before its
    # deadline, and no member is left with "This interaction failed".
    bot.overload = Thresholds(max_in_flight=4)
    sent = [await fake.send_slash_command("tight list", {}, user=ALICE) for _ in range(40)]
    stall(1.2)
    bodies = [await fake.wait_for_interaction_response(s) for s in sent]
    assert all(fake.interactions[s.id].late_by is None for s in sent)
    assert sum(text_of(b) == BUSY for b in bodies) >= 30


async def test_a_shed_that_misses_its_deadline_is_counted_as_dropped_not_as_shed(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    # One connection, each callback answered 0.3 s late, and a deadline 0.6 s after the stall:
    # the first sheds go out, those queued behind them run out of time unsent. Each
    # interaction is counted once, as what the member saw: "I'm busy" (shed), or nothing at
    # all (expired).
    bot.overload = Thresholds(max_in_flight=1, shed_after=1.0, expired_after=1.8)
    fake.faults.delay("POST", r"/interactions/\d+/[^/]+/callback", seconds=0.3, times=30)
    shed_before = outcomes("/tight list", "shed")
    expired_before = outcomes("/tight list", "expired")
    sent = [await fake.send_slash_command("tight list", {}, user=ALICE) for _ in range(10)]
    stall(1.2)
    await asyncio.sleep(3)
    answered = sum(fake.interactions[s.id].response is not None for s in sent)
    assert 0 < answered < len(sent)
    await counted("/tight list", "shed", shed_before + answered)
    assert outcomes("/tight list", "expired") == expired_before + len(sent) - answered
