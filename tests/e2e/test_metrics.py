"""`/metrics` and `/health` end to end: the real bot against the fake Discord, scraped over
HTTP as Prometheus and a probe would, while members use it and while its gateway or its
database goes away."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from bot.adapter.client import DATABASE_DOWN
from bot.app import create_bot
from bot.rules.overload import BUSY
from bot.settings import Settings
from tests.e2e.conftest import ALICE, BOB, bot_settings
from tests.e2e.helpers import answer_to, custom_ids, eventually, press, slash, text_of
from tests.e2e.test_checkins import ADMIN
from tests.e2e.test_crashes import BotProcess, checkins, schedule_checkin
from tests.e2e.test_overload import stall
from tests.e2e.test_sessions import start_session
from tests.e2e.test_two_processes import shared_database as shared_database
from tests.fakediscord import FakeDiscord, pointed_at, running_client
from tests.storage.conftest import postgres_url as postgres_url
from tests.storage.test_outages import Outage

MESSAGES = r"/channels/\d+/messages"
Series = tuple[str, frozenset[tuple[str, str]]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def monitored(fake: FakeDiscord, settings: Settings) -> AsyncIterator[str]:
    """The bot with METRICS_PORT set; yields the base URL of its metrics server."""
    assert settings.metrics_port is not None
    async with pointed_at(fake):
        client = await create_bot(settings, guild_ready_timeout=0.05)
        async with running_client(client, fake, reconnect=True):
            yield f"http://127.0.0.1:{settings.metrics_port}"
    assert not fake.errors, fake.errors


async def scrape(base: str) -> dict[Series, float]:
    async with aiohttp.ClientSession() as http, http.get(f"{base}/metrics") as response:
        assert response.status == 200
        assert response.content_type == "text/plain"
        text = await response.text()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def health(base: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.get(f"{base}/health") as response:
        return response.status, await response.json()


async def health_becomes(base: str, status: int, within: float = 20) -> dict[str, Any]:
    async with asyncio.timeout(within):
        while True:
            got, body = await health(base)
            if got == status:
                return body
            await asyncio.sleep(0.05)


def moved(before: dict[Series, float], after: dict[Series, float], name: str) -> dict[Any, float]:
    """How much each series of `name` moved, by its labels (only those that moved)."""
    changes: dict[Any, float] = {}
    for (sample, labels), value in after.items():
        if sample != name:
            continue
        change = value - before.get((sample, labels), 0.0)
        if change:
            changes[tuple(sorted(labels))] = change
    return changes


def labels(**values: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(values.items()))


async def settled(base: str, before: dict[Series, float], interactions: int) -> dict[Series, float]:
    """A scrape once `interactions` more have been counted (each when its handler ends)."""
    after: dict[Series, float] = {}

    def counted() -> float:
        return sum(moved(before, after, "cooldown_interactions_total").values())

    async with asyncio.timeout(10):
        while counted() < interactions:
            after = await scrape(base)
            await asyncio.sleep(0.05)
    return after


async def test_metrics_count_exactly_what_members_did(fake: FakeDiscord, tmp_path: Path) -> None:
    settings = bot_settings(fake, tmp_path, metrics_port=free_port())
    async with monitored(fake, settings) as base:
        before = await scrape(base)

        await slash(fake, "tight add", {"area": "glutes"}, user=ALICE)
        await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
        refused = await slash(fake, "tight add", {"area": "shins"}, user=ALICE)
        assert "shins" in text_of(refused)
        export = await fake.send_slash_command("mydata export", {}, user=ALICE)
        assert (await fake.wait_for_interaction_response(export))["type"] == 5
        await answer_to(fake, export)

        asked = await fake.send_slash_command("tight clear", {}, user=ALICE)
        confirm, _keep = custom_ids(await answer_to(fake, asked))
        card = fake.original_message(asked)
        assert card is not None
        not_yours = await press(fake, confirm, int(card["id"]), user=BOB)
        assert "aren't for you" in text_of(not_yours)
        cleared = await press(fake, confirm, int(card["id"]), user=ALICE)
        assert "Cleared 2" in text_of(cleared)

        # The weekly check-in meets a 429 once; discord.py waits it out and posts it.
        await schedule_checkin(fake)
        limited = fake.faults.rate_limit("POST", MESSAGES, 0.2, times=1)
        now = await fake.send_slash_command("checkin now", {}, user=ADMIN)
        now_type = (await fake.wait_for_interaction_response(now))["type"]
        await eventually(lambda: len(checkins(fake)) == 1)
        assert limited.hits == 1

        after = await settled(base, before, interactions=9)

    interactions = moved(before, after, "cooldown_interactions_total")
    command, component = "command", "component"
    assert interactions == {
        labels(kind=command, name="/tight add", outcome="answered"): 2,
        labels(kind=command, name="/tight add", outcome="refused"): 1,
        labels(kind=command, name="/mydata export", outcome="deferred"): 1,
        labels(kind=command, name="/tight clear", outcome="answered"): 1,
        labels(kind=component, name="dialog:tight-clear:yes", outcome="refused"): 1,
        labels(kind=component, name="dialog:tight-clear:yes", outcome="answered"): 1,
        labels(kind=command, name="/checkin setup", outcome="answered"): 1,
        # Answered at once, or deferred if the post took longer than the defer timer.
        labels(
            kind=command,
            name="/checkin now",
            outcome="deferred" if now_type == 5 else "answered",
        ): 1,
    }

    # Nine interactions, nine first responses, each timed from its snowflake.
    assert moved(before, after, "cooldown_interaction_ack_seconds_count") == {(): 9}
    within_3s = moved(before, after, "cooldown_interaction_ack_seconds_bucket")
    assert within_3s[labels(le="3.0")] == 9

    rest = moved(before, after, "cooldown_rest_requests_total")
    callback = "/interactions/{id}/{token}/callback"
    assert sum(n for key, n in rest.items() if ("route", callback) in key) == 9
    assert rest[labels(method="POST", route="/channels/{id}/messages", status="429")] == 1
    # The deferred export is answered by editing its "thinking…" message.
    edits = [n for key, n in rest.items() if dict(key)["route"].startswith("/webhooks/")]
    assert sum(edits) >= 1
    assert moved(before, after, "cooldown_rest_rate_limited_total") == {
        labels(route="/channels/{id}/messages", scope="user"): 1
    }

    # Discord's 429 is discord.py's to wait out: the outbox saw one post, sent first time.
    assert moved(before, after, "cooldown_outbox_posts_total") == {
        labels(kind="checkin", outcome="sent"): 1
    }
    assert moved(before, after, "cooldown_checkin_posts_total") == {labels(outcome="posted"): 1}
    assert moved(before, after, "cooldown_database_errors_total") == {}


async def test_a_shed_is_counted_as_a_callback_and_timed(fake: FakeDiscord, tmp_path: Path) -> None:
    # Sheds leave on connections of their own, past discord.py's session and its trace.
    settings = bot_settings(fake, tmp_path, metrics_port=free_port())
    async with monitored(fake, settings) as base:
        before = await scrape(base)
        sent = await fake.send_slash_command("tight add", {"area": "calves"}, user=ALICE)
        stall(1.4)  # the loop is 1.4 s behind: the command is shed
        assert text_of(await fake.wait_for_interaction_response(sent)) == BUSY
        callback = labels(method="POST", route="/interactions/{id}/{token}/callback", status="204")
        after = before
        async with asyncio.timeout(10):
            while moved(before, after, "cooldown_rest_requests_total").get(callback) != 1:
                await asyncio.sleep(0.05)
                after = await scrape(base)
    assert moved(before, after, "cooldown_interactions_total") == {
        labels(kind="command", name="/tight add", outcome="shed"): 1
    }
    assert moved(before, after, "cooldown_interaction_ack_seconds_count") == {(): 1}
    assert moved(before, after, "cooldown_interaction_ack_seconds_bucket")[labels(le="3.0")] == 1


async def test_active_sessions_follow_the_sessions(fake: FakeDiscord, tmp_path: Path) -> None:
    active = ("cooldown_active_sessions", frozenset[tuple[str, str]]())
    settings = bot_settings(fake, tmp_path, metrics_port=free_port())
    async with monitored(fake, settings) as base:
        before = await scrape(base)
        session_id, _thread, control_id = await start_session(fake)
        assert (await scrape(base))[active] == 1

        # Someone else's Stop is refused in words, and counted as the refusal it is.
        theirs = await press(fake, f"session:stop:{session_id}", control_id, user=BOB)
        assert text_of(theirs) == "This is not your session."
        stopped = await press(fake, f"session:stop:{session_id}", control_id, user=ALICE)
        assert stopped["type"] in (4, 7)
        await eventually_scraped(base, lambda s: s[active] == 0)
        # A post is counted once Discord has it: the first step, then the wrap-up.
        sent = (
            "cooldown_outbox_posts_total",
            frozenset({("kind", "session"), ("outcome", "sent")}),
        )
        await eventually_scraped(base, lambda s: s.get(sent, 0) - before.get(sent, 0) >= 2)
        after = await settled(base, before, interactions=5)

        await start_session(fake)  # left running when the bot stops
        assert (await scrape(base))[active] == 1
    # A stopped bot runs no session: its leases went back for the next process.
    assert REGISTRY.get_sample_value("cooldown_active_sessions") == 0

    interactions = moved(before, after, "cooldown_interactions_total")
    assert interactions == {
        labels(kind="command", name="/tight add", outcome="answered"): 1,
        labels(kind="command", name="/cooldown", outcome="answered"): 1,
        labels(kind="component", name="session:start", outcome="answered"): 1,
        labels(kind="component", name="session:stop", outcome="refused"): 1,
        labels(kind="component", name="session:stop", outcome="answered"): 1,
    }
    posts = moved(before, after, "cooldown_outbox_posts_total")
    assert not [key for key in posts if ("outcome", "failed") in key]


async def eventually_scraped(
    base: str, check: Callable[[dict[Series, float]], bool]
) -> dict[Series, float]:
    async with asyncio.timeout(10):
        while True:
            scraped = await scrape(base)
            if check(scraped):
                return scraped
            await asyncio.sleep(0.05)


async def test_health_says_503_while_the_gateway_is_down(fake: FakeDiscord, tmp_path: Path) -> None:
    settings = bot_settings(fake, tmp_path, metrics_port=free_port())
    async with monitored(fake, settings) as base:
        status, body = await health(base)
        assert status == 200, body
        assert body["ok"] is True
        assert body["gateway"]["connected"] is True
        assert list(body["gateway"]["shards"]) == ["0"]
        assert body["gateway"]["shards"]["0"]["connected"] is True
        assert body["database"]["reachable"] is True
        assert 0 < body["database"]["round_trip_ms"] < 1000
        assert body["outbox"] == {"pending": 0, "oldest_seconds": None}

        await fake.refuse_gateway()
        down = await health_becomes(base, 503)
        assert down["ok"] is False
        assert down["gateway"]["connected"] is False
        assert down["gateway"]["shards"]["0"]["connected"] is False
        assert down["database"]["reachable"] is True

        fake.accept_gateway()
        back = await health_becomes(base, 200, within=30)
        assert back["gateway"]["shards"]["0"]["connected"] is True


@pytest.mark.postgres
async def test_health_says_503_while_the_database_is_down(
    fake: FakeDiscord, tmp_path: Path, shared_database: str
) -> None:
    outage = Outage()
    await outage.up()
    relayed = shared_database.replace("127.0.0.1:5432", f"127.0.0.1:{outage.port}")
    settings = bot_settings(fake, tmp_path, metrics_port=free_port(), database_url=relayed)
    try:
        async with monitored(fake, settings) as base:
            assert (await health(base))[0] == 200
            before = await scrape(base)

            await outage.down()
            down = await health_becomes(base, 503)
            assert down["database"]["reachable"] is False
            assert "unavailable" in down["database"]["error"]
            assert down["gateway"]["connected"] is True
            assert down["outbox"] is None
            refused = await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
            assert text_of(refused) == DATABASE_DOWN
            after = await settled(base, before, interactions=1)

            await outage.up()
            await health_becomes(base, 200)
    finally:
        with contextlib.suppress(Exception):
            await outage.down()

    assert moved(before, after, "cooldown_interactions_total") == {
        labels(kind="command", name="/tight add", outcome="failed"): 1
    }
    errors = moved(before, after, "cooldown_database_errors_total")
    assert errors[labels(operation="ping")] >= 1
    assert errors.get(labels(operation="read"), 0) + errors.get(labels(operation="write"), 0) >= 1


# -- the setting, in a real process ------------------------------------------------------------


def listening(pid: int) -> set[tuple[str, int]]:
    """The TCP addresses process `pid` listens on (Linux: its socket inodes in /proc/net)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = fd.readlink().name
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    found = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                address, port = local.split(":")
                found.add((_ip(address), int(port, 16)))
    return found


def _ip(hex_address: str) -> str:
    if len(hex_address) == 8:
        return socket.inet_ntop(socket.AF_INET, bytes.fromhex(hex_address)[::-1])
    words = bytes.fromhex(hex_address)
    return socket.inet_ntop(
        socket.AF_INET6, b"".join(words[i : i + 4][::-1] for i in range(0, 16, 4))
    )


@pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="reads Linux's /proc")
async def test_only_a_set_port_opens_the_metrics_server(fake: FakeDiscord, tmp_path: Path) -> None:
    unset = BotProcess(fake, tmp_path)
    assert "METRICS_PORT" not in unset.env
    await unset.start()
    try:
        assert listening(unset.pid) == set()
    finally:
        code, _ = await unset.stop()
    assert code == 0

    port = free_port()
    served = BotProcess(fake, tmp_path)
    served.env["METRICS_PORT"] = str(port)
    await served.start()
    try:
        assert listening(served.pid) == {("127.0.0.1", port)}
        base = f"http://127.0.0.1:{port}"
        await health_becomes(base, 200)  # once its shard is READY
        assert ("cooldown_active_sessions", frozenset()) in await scrape(base)
    finally:
        code, _ = await served.stop()
    assert code == 0
