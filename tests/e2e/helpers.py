"""Short ways to say what a member does, for the end-to-end tests."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tests.fakediscord import FakeDiscord, FakeUser

EPHEMERAL = 1 << 6
LOADING = 1 << 7


def quiet_schedule(channel_id: int) -> dict[str, Any]:
    """`/checkin setup` options for a weekly check-in that neither falls due during a test
    nor was missed recently: noon UTC three days from today. A fixed weekday would be missed
    a few hours before some test runs, and a restarted bot would rightly post it late."""
    weekday = (datetime.now(UTC).weekday() + 3) % 7
    return {"channel": channel_id, "weekday": weekday, "time": "12:00", "timezone": "UTC"}


async def slash(
    fake: FakeDiscord, name: str, options: dict[str, Any] | None = None, *, user: FakeUser
) -> dict[str, Any]:
    """Run a slash command as `user`; the bot's answer (deferred ones followed to the end)."""
    sent = await fake.send_slash_command(name, options or {}, user=user)
    return await answer_to(fake, sent)


async def press(
    fake: FakeDiscord, custom_id: str, message_id: int, *, user: FakeUser
) -> dict[str, Any]:
    sent = await fake.send_component(custom_id, message_id, user=user)
    return await answer_to(fake, sent)


async def answer_to(fake: FakeDiscord, sent: Any, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
    """The answer a member sees: a deferred one ("thinking…") followed until the bot edits
    it into the answer (or, when the "thinking…" was taken down, its follow-up)."""
    body = await fake.wait_for_interaction_response(sent)
    if body["type"] != 5:
        return body
    loop = asyncio.get_running_loop()
    until = loop.time() + timeout
    while loop.time() < until:
        followups = fake.followups(sent)
        if followups:
            return {"type": 4, "data": followups[0]}
        original = fake.original_message(sent)
        if original is not None and not int(original.get("flags") or 0) & LOADING:
            return {"type": 4, "data": original}
        await asyncio.sleep(0.02)
    raise AssertionError(f"the deferred answer to {sent.id} never came")


def text_of(body: dict[str, Any]) -> str:
    """Everything a member reads in an answer: content and embed text."""
    data = body.get("data") or {}
    parts = [data.get("content") or ""]
    for embed in data.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for field in embed.get("fields") or []:
            parts += [field.get("name", ""), field.get("value", "")]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return "\n".join(p for p in parts if p)


def is_ephemeral(body: dict[str, Any]) -> bool:
    return bool(((body.get("data") or {}).get("flags") or 0) & EPHEMERAL)


def custom_ids(body: dict[str, Any]) -> list[str]:
    data = body.get("data") or {}
    return [
        component["custom_id"]
        for row in data.get("components") or []
        for component in row.get("components", [])
        if "custom_id" in component
    ]


def embeds_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    return list((body.get("data") or {}).get("embeds") or [])


def field_value(embed: dict[str, Any], name_prefix: str) -> str:
    """The value of the first embed field whose name starts with `name_prefix`."""
    for item in embed.get("fields") or []:
        if item.get("name", "").startswith(name_prefix):
            return str(item.get("value", ""))
    names = [item.get("name") for item in embed.get("fields") or []]
    raise AssertionError(f"no field starting with {name_prefix!r} in {names}")


_TOTAL = re.compile(r"Total (\d+):(\d\d) of (\d+):00")


def footer_total(body: dict[str, Any]) -> tuple[int, int]:
    """(seconds the routine takes, minutes asked for), read from the routine embed's footer."""
    footer = (embeds_of(body)[0].get("footer") or {}).get("text", "")
    found = _TOTAL.search(footer)
    assert found, f"no total in footer {footer!r}"
    return int(found[1]) * 60 + int(found[2]), int(found[3])


def public_messages(fake: FakeDiscord, channel_id: int) -> list[dict[str, Any]]:
    """What everyone in the channel can read: its non-ephemeral messages."""
    return [
        m for m in fake.channel_messages(channel_id) if not int(m.get("flags") or 0) & EPHEMERAL
    ]


def assert_short_error(body: dict[str, Any], *expected: str) -> str:
    """An error answer: ephemeral, short, no traceback, and saying what is expected."""
    text = text_of(body)
    assert is_ephemeral(body), f"error answer is public: {text!r}"
    assert len(text) < 300, f"error answer too long ({len(text)}): {text!r}"
    assert "Traceback" not in text
    for part in expected:
        assert part in text, f"{part!r} not in {text!r}"
    return text


async def eventually(check: Callable[[], bool], within: float = 20.0) -> None:
    """Until `check()` holds: for what the bot does after its last call (a count, a stored
    row), which a fixed wait would race on a loaded machine."""
    async with asyncio.timeout(within):
        while True:
            if check():
                return
            await asyncio.sleep(0.05)
