"""Work done once for what members ask again: routines by request, their stored form, and
the log line for interactions dropped past capacity."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

from bot.adapter.client import Dropped
from bot.rules.catalogue import default_catalogue
from bot.rules.planner import PlanRequest, plan
from bot.rules.recent import Recent
from bot.rules.routine import RunType
from bot.rules.session_text import card_snapshot, routine_json, stored_card
from bot.rules.sessions.schedule import routine_from_dict, routine_to_dict


def test_a_value_is_made_once_while_kept() -> None:
    made: list[str] = []
    recent: Recent[str, str] = Recent(2)

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    assert recent.get("a", lambda: make("a")) == "A"
    assert recent.get("a", lambda: make("a")) == "A"
    assert made == ["a"]


def test_the_value_used_longest_ago_goes_first() -> None:
    made: list[str] = []
    recent: Recent[str, str] = Recent(2)

    def get(key: str) -> str:
        return recent.get(key, lambda: made.append(key) or key)

    get("a"), get("b"), get("a"), get("c")  # "b" is the one used longest ago
    assert len(recent) == 2
    get("a")
    get("b")
    assert made == ["a", "b", "c", "b"]


def test_a_failed_make_keeps_nothing() -> None:
    recent: Recent[str, str] = Recent(2)

    def fail() -> str:
        raise ValueError("no")

    with pytest.raises(ValueError):
        recent.get("a", fail)
    assert len(recent) == 0


@pytest.mark.parametrize(("members", "tts"), [((), False), ((11, 22), True)])
def test_a_card_stored_from_the_routines_json_reads_back_as_the_routine(
    members: tuple[int, ...], tts: bool
) -> None:
    routine = plan(
        PlanRequest(tight=("calves", "glutes"), minutes=12, run=RunType.TEMPO),
        default_catalogue(),
    )
    stored = json.loads(stored_card(routine_json(routine), members, tts))
    assert stored == json.loads(card_snapshot(routine, members, tts))
    assert stored == {"routine": routine_to_dict(routine), "members": list(members), "tts": tts}
    assert routine_from_dict(stored["routine"]) == routine


def test_dropped_interactions_are_logged_once_a_period_with_their_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [100.0]
    dropped = Dropped(period=10.0, clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="bot.adapter.client"):
        dropped.note("/cooldown")  # the first is logged at once
        for _ in range(500):
            now[0] += 0.01
            dropped.note("/cooldown")
        now[0] += 6.0
        dropped.note("/tight list")
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        "dropped 1 too late to answer, the last /cooldown",
        "dropped 501 too late to answer, the last /tight list",
    ]


async def test_drops_counted_after_a_line_are_logged_when_its_period_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A burst of drops, then none: the burst's count still reaches the log.
    dropped = Dropped(period=0.05)
    with caplog.at_level(logging.WARNING, logger="bot.adapter.client"):
        for _ in range(243):
            dropped.note("/tight list")
        await asyncio.sleep(0.1)
    assert [r.getMessage() for r in caplog.records] == [
        "dropped 1 too late to answer, the last /tight list",
        "dropped 242 too late to answer, the last /tight list",
    ]
