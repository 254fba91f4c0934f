"""Fault injection: REST answers and drops, idempotent message create, gateway faults."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest

from tests.fakediscord import FakeDiscord, pointed_at, running_client
from tests.fakediscord_tests.raw import Rest, raw_gateway, rest_client

MESSAGES = r"/channels/\d+/messages"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server
        assert not server.errors, server.errors


@pytest.fixture
async def rest(fake: FakeDiscord) -> AsyncIterator[Rest]:
    async with rest_client(fake) as client:
        yield client


class QuickClient(discord.Client):
    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py sleeps 5 s before every IDENTIFY but the first; the fake needs no pause.
        return None


def make_client(**options: Any) -> discord.Client:
    return QuickClient(intents=discord.Intents.default(), guild_ready_timeout=0.05, **options)


@pytest.fixture
async def client(fake: FakeDiscord) -> AsyncIterator[discord.Client]:
    async with pointed_at(fake):
        bot = make_client()
        async with running_client(bot, fake):
            yield bot


def channel_of(client: discord.Client, fake: FakeDiscord) -> discord.TextChannel:
    channel = client.get_channel(fake.guild.text_channel.id)
    assert isinstance(channel, discord.TextChannel)
    return channel


# -- status answers ---------------------------------------------------------------------------


async def test_next_requests_get_the_status_then_pass(fake: FakeDiscord, rest: Rest) -> None:
    fault = fake.faults.fail("POST", MESSAGES, 503, times=2)
    first = await rest.post_message({"content": "step 1"})
    second = await rest.post_message({"content": "step 1"})
    third = await rest.post_message({"content": "step 1"})
    assert [first.status, second.status, third.status] == [503, 503, 200]
    assert first.headers["Via"] == "1.1 google" and "Retry-After" not in first.headers
    assert len(fake.posted) == 1 and fault.hits == 2 and fault.exhausted
    recorded = fake.requests_to("POST", MESSAGES)
    assert [(r.status, r.fault, r.handled) for r in recorded] == [
        (503, "status", False),
        (503, "status", False),
        (200, None, True),
    ]
    assert [(i.kind, i.status) for i in fake.injected] == [("status", 503), ("status", 503)]


async def test_a_status_can_come_without_via_and_with_retry_after(
    fake: FakeDiscord, rest: Rest
) -> None:
    fake.faults.fail("GET", "/users/@me", 502, via=False, retry_after=2, body="<html>bad gateway")
    answer = await rest.call("GET", "/users/@me")
    assert answer.status == 502 and answer.body == "<html>bad gateway"
    assert "Via" not in answer.headers and answer.headers["Retry-After"] == "2"
    assert (await rest.call("GET", "/users/@me")).status == 200


async def test_only_requests_that_match_meet_the_fault(fake: FakeDiscord, rest: Rest) -> None:
    fake.faults.fail("POST", MESSAGES, 500, skip=1, when=lambda body: "step" in body["content"])
    answers = [
        await rest.post_message({"content": text})
        for text in ("hello", "step 1", "step 2", "step 3")
    ]
    assert [a.status for a in answers] == [200, 200, 500, 200]
    assert [m["content"] for m in fake.posted] == ["hello", "step 1", "step 3"]


async def test_a_fault_without_a_count_lasts_until_cleared(fake: FakeDiscord, rest: Rest) -> None:
    fake.faults.fail("*", MESSAGES, 500, times=None)
    assert [(await rest.post_message({"content": "x"})).status for _ in range(3)] == [500] * 3
    fake.faults.clear()
    assert (await rest.post_message({"content": "x"})).status == 200


async def test_discord_py_retries_a_500_and_raises_on_a_503(
    fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(client, fake)
    fake.faults.fail("POST", MESSAGES, 500)
    sent = await channel.send("step 1")
    assert [r.status for r in fake.requests_to("POST", MESSAGES)] == [500, 200]
    assert [m["id"] for m in fake.posted] == [str(sent.id)]

    fake.faults.fail("POST", MESSAGES, 503)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("step 2")
    assert len(fake.posted) == 1


# -- rate limits ------------------------------------------------------------------------------


async def test_a_429_with_via_is_waited_out_by_discord_py(
    fake: FakeDiscord, client: discord.Client
) -> None:
    fault = fake.faults.rate_limit("POST", MESSAGES, retry_after=0.3)
    started = time.monotonic()
    await channel_of(client, fake).send("step 1")
    assert time.monotonic() - started >= 0.3
    assert fault.hits == 1 and [r.status for r in fake.requests_to("POST", MESSAGES)] == [429, 200]


async def test_a_429_without_via_is_raised_by_discord_py(
    fake: FakeDiscord, client: discord.Client
) -> None:
    fake.faults.rate_limit("POST", MESSAGES, retry_after=0.3, via=False)
    with pytest.raises(discord.HTTPException) as refused:
        await channel_of(client, fake).send("step 1")
    assert refused.value.status == 429 and fake.posted == []


async def test_global_and_headerless_429s(fake: FakeDiscord, rest: Rest) -> None:
    fake.faults.rate_limit("POST", MESSAGES, retry_after=1.5, is_global=True)
    fake.faults.rate_limit("POST", MESSAGES, retry_after=0.25, retry_after_header=False)
    global_ = await rest.post_message({"content": "x"})
    assert global_.status == 429
    assert global_.body == {
        "message": "You are being rate limited.",
        "retry_after": 1.5,
        "global": True,
        "code": 0,
    }
    assert global_.headers["X-RateLimit-Global"] == "true"
    assert global_.headers["X-RateLimit-Scope"] == "global"
    assert global_.headers["Retry-After"] == "2" and global_.headers["Via"] == "1.1 google"
    bare = await rest.post_message({"content": "x"})
    assert bare.status == 429 and bare.body["retry_after"] == 0.25
    assert "Retry-After" not in bare.headers and "X-RateLimit-Global" not in bare.headers


# -- hangs, delays and drops ------------------------------------------------------------------


async def test_hang_then_drop_does_nothing(fake: FakeDiscord, rest: Rest) -> None:
    fake.faults.hang("POST", MESSAGES, 0.3)
    started = time.monotonic()
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await rest.post_message({"content": "step 1"})
    assert time.monotonic() - started >= 0.3
    assert fake.posted == []
    assert [(r.status, r.fault, r.handled) for r in fake.requests] == [(0, "hang", False)]


async def test_a_hang_longer_than_the_test_ends_with_the_fake(fake: FakeDiscord) -> None:
    async with FakeDiscord() as short_lived, rest_client(short_lived) as client:
        fault = short_lived.faults.hang("POST", MESSAGES, 60)
        pending = asyncio.create_task(client.post_message({"content": "x"}))
        await short_lived.wait_for_fault(fault)
        assert short_lived.requests == []  # recorded once it ends
    started = time.monotonic()
    with pytest.raises(aiohttp.ClientError):
        await pending
    assert time.monotonic() - started < 5


async def test_delay_then_answer(fake: FakeDiscord, rest: Rest) -> None:
    fake.faults.delay("POST", MESSAGES, 0.3)
    started = time.monotonic()
    answer = await rest.post_message({"content": "step 1"})
    assert answer.status == 200 and time.monotonic() - started >= 0.3
    assert len(fake.posted) == 1


async def test_drop_at_once_does_nothing(fake: FakeDiscord, rest: Rest) -> None:
    fake.faults.drop("POST", MESSAGES)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await rest.post_message({"content": "step 1"})
    assert fake.posted == []
    assert (await rest.post_message({"content": "step 1"})).status == 200


async def test_faults_reach_interaction_routes(fake: FakeDiscord, rest: Rest) -> None:
    async with raw_gateway(fake):
        await fake.wait_ready()
        sent = await fake.send_slash_command("ping")
        fake.faults.fail("POST", r"/interactions/\d+/[^/]+/callback", 503)
        assert (await rest.callback(sent, {"type": 5})).status == 503
        assert (await rest.callback(sent, {"type": 5})).status == 204
        fake.faults.drop("POST", r"/webhooks/\d+/[^/]+")
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await rest.followup(sent, {"content": "done"})
        assert fake.followups(sent) == []


# -- accept then fail, and the nonce that makes a retry safe ---------------------------------


async def test_accept_then_fail_posts_but_answers_an_error(fake: FakeDiscord, rest: Rest) -> None:
    fake.faults.accept_then_fail("POST", MESSAGES, 502)
    answer = await rest.post_message({"content": "week 12"})
    assert answer.status == 502
    fake.faults.accept_then_fail("POST", MESSAGES, None)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await rest.post_message({"content": "week 13"})
    assert [m["content"] for m in fake.posted] == ["week 12", "week 13"]
    assert [(r.status, r.fault, r.handled) for r in fake.requests] == [
        (502, "accept_then_fail", True),
        (0, "accept_then_fail", True),
    ]


async def test_discord_py_retrying_a_500_posts_once_thanks_to_its_own_nonce(
    fake: FakeDiscord, client: discord.Client
) -> None:
    # discord.py sends a random nonce with enforce_nonce on every channel send.
    fake.faults.accept_then_fail("POST", MESSAGES, 500)
    sent = await channel_of(client, fake).send("week 12")
    first, retry = fake.requests_to("POST", MESSAGES)
    assert (first.status, retry.status) == (500, 200)
    assert first.json["nonce"] == retry.json["nonce"] and retry.json["enforce_nonce"] is True
    assert [m["id"] for m in fake.posted_to(fake.guild.text_channel.id)] == [str(sent.id)]


async def test_a_second_send_posts_again_unless_it_repeats_the_nonce(
    fake: FakeDiscord, client: discord.Client
) -> None:
    channel = channel_of(client, fake)
    for _ in range(2):
        fake.faults.accept_then_fail("POST", MESSAGES, 503)
        with pytest.raises(discord.DiscordServerError):
            await channel.send("week 12")
    assert len(fake.posted_to(channel.id, contains="week 12")) == 2

    fake.faults.accept_then_fail("POST", MESSAGES, 503)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("week 13", nonce="checkin-2026-w13")
    again = await channel.send("week 13", nonce="checkin-2026-w13")
    assert [m["id"] for m in fake.posted_to(channel.id, contains="week 13")] == [str(again.id)]


async def test_a_nonce_is_only_enforced_when_asked_and_for_a_while(rest: Rest) -> None:
    async with FakeDiscord(nonce_window=0.2) as fake, rest_client(fake) as client:
        plain = {"content": "a", "nonce": "n1"}
        enforced = {"content": "b", "nonce": "n2", "enforce_nonce": True}
        first, second = [await client.post_message(plain) for _ in range(2)]
        assert first.body["id"] != second.body["id"]
        first, second = [await client.post_message(enforced) for _ in range(2)]
        assert first.body["id"] == second.body["id"]
        await asyncio.sleep(0.3)
        third = await client.post_message(enforced)
        assert third.body["id"] != first.body["id"]
        assert [m["content"] for m in fake.posted] == ["a", "a", "b", "b"]


# -- gateway ----------------------------------------------------------------------------------


def ops(fake: FakeDiscord) -> list[int]:
    return [p["op"] for p in fake.gateway_received]


async def wait_for_op(fake: FakeDiscord, op: int, count: int) -> None:
    await fake.wait_for_gateway_op(op, count=count)


async def test_close_4000_and_an_abort_are_resumed(
    fake: FakeDiscord, client: discord.Client
) -> None:
    assert await fake.close_gateway(4000) == 1
    await wait_for_op(fake, 6, 1)
    await fake.wait_ready()
    assert await fake.abort_gateway() == 1
    await wait_for_op(fake, 6, 2)
    await fake.wait_ready()
    assert ops(fake).count(2) == 1  # never identified again
    assert [i.kind for i in fake.injected] == ["gateway_close", "gateway_abort"]
    assert fake.gateway_closes == [((0, 1), 4000)]


async def test_a_gateway_outage_refuses_connections_until_it_ends(fake: FakeDiscord) -> None:
    async with pointed_at(fake), running_client(make_client(), fake, reconnect=True):
        assert await fake.refuse_gateway() == 1
        for _ in range(200):
            if fake.gateway_refusals:
                break
            await asyncio.sleep(0.05)
        assert fake.gateway_refusals >= 1
        assert not fake.connected_shards()
        fake.accept_gateway()
        await wait_for_op(fake, 6, 1)  # the session was kept: RESUME
        await fake.wait_ready(timeout=20)
        assert ops(fake).count(2) == 1


async def test_close_4009_means_a_new_session(fake: FakeDiscord, client: discord.Client) -> None:
    await fake.close_gateway(4009)
    await wait_for_op(fake, 2, 2)  # RESUME refused with op 9, then IDENTIFY
    await fake.wait_ready()
    assert ops(fake).count(6) == 1
    assert [p.d for p in fake.gateway_sent if p.op == 9] == [False]


async def test_close_4014_ends_the_client(fake: FakeDiscord) -> None:
    async with pointed_at(fake):
        bot = make_client()
        with pytest.raises(discord.ConnectionClosed) as closed:
            async with running_client(bot, fake):
                await fake.close_gateway(4014)
                for _ in range(100):
                    if bot.is_closed():
                        break
                    await asyncio.sleep(0.05)
                assert bot.is_closed()
    assert closed.value.code == 4014
    assert [p["op"] for p in fake.gateway_received if p["op"] != 1] == [2]  # no reconnect


async def test_invalid_session_resumable_or_not(fake: FakeDiscord, client: discord.Client) -> None:
    await fake.invalidate_session(resumable=True)
    await wait_for_op(fake, 6, 1)
    await fake.wait_ready()
    await fake.invalidate_session(resumable=False)
    await wait_for_op(fake, 2, 2)
    await fake.wait_ready()
    assert ops(fake).count(6) == 1
    assert [p.d for p in fake.gateway_sent if p.op == 9] == [True, False]
    assert client.is_ready()


async def test_unanswered_heartbeats_make_discord_py_reconnect() -> None:
    async with FakeDiscord(heartbeat_interval=100) as fake, pointed_at(fake):
        bot = make_client(heartbeat_timeout=0.5)
        async with running_client(bot, fake):
            assert fake.stop_heartbeat_acks() == 1
            await wait_for_op(fake, 6, 1)
            await fake.wait_ready()
            beats = fake.heartbeats
            await asyncio.sleep(0.3)
            assert fake.heartbeats > beats  # the new connection is answered again
            assert fake.unanswered_heartbeats >= 1
