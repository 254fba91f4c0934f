"""The bot through the REST proxy of deploy/proxy (node): nothing lost, doubled or emptied.
Skipped where node or npm is missing; bench/proxy.py runs the same at any size."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from bench import proxy
from tests.fakediscord import FakeDiscord

pytestmark = pytest.mark.skipif(not proxy.node_available(), reason="node and npm are needed")


async def test_every_post_arrives_once_with_its_body_through_the_proxy() -> None:
    result = await proxy.run(sessions=1)
    assert result.steps_due >= 4, result
    assert (result.lost, result.steps_doubled) == (0, 0), result
    assert result.empty_bodies == 0 and result.refused == 0, result
    assert result.answers == result.answers_expected == 2, result
    assert result.upload_bytes > 0
    assert result.faults_met >= 5, result  # each 429 and 5xx was met on the way


async def test_a_call_its_bot_gave_up_on_is_not_sent_behind_its_back() -> None:
    """A call still queued at the proxy when its bot closes the connection (the bot's wait ran
    out, and it retries on its own) is dropped: sent later, it would take a place in the global
    limit ahead of the bot's retry, or post a copy nobody is waiting for."""
    async with (
        FakeDiscord() as fake,
        proxy.proxy_for(fake, settings={"GLOBAL_PER_SECOND": "1"}) as base,
        aiohttp.ClientSession(headers={"Authorization": f"Bot {fake.token}"}) as http,
    ):
        url = f"{base}/channels/{fake.guild.text_channel.id}/messages"

        async def post(text: str) -> int:
            async with http.post(url, json={"content": text}) as response:
                return response.status

        assert await post("first") == 200  # the second's turn comes a second later
        gave_up = asyncio.create_task(post("given up"))
        await asyncio.sleep(0.3)  # at the proxy, queued behind the global limit
        gave_up.cancel()
        assert await post("last") == 200  # the route's queue is in order: it was next
    sent = [r.json["content"] for r in fake.requests_to("POST", proxy.MESSAGES)]
    assert sent == ["first", "last"]
