"""Short ways to say what a member does, for the end-to-end tests."""

from __future__ import annotations

from typing import Any

from tests.fakediscord import FakeDiscord, FakeUser

EPHEMERAL = 1 << 6


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


async def answer_to(fake: FakeDiscord, sent: Any) -> dict[str, Any]:
    body = await fake.wait_for_interaction_response(sent)
    if body["type"] == 5:  # deferred: the answer comes as a follow-up
        followup = await fake.wait_for_followup(sent)
        return {"type": 4, "data": followup}
    return body


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
