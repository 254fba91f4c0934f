"""An interaction's answer sent as the Discord JSON it already is.

discord.py's `send_message` turns an embed and a view into objects and back into JSON, asks
Discord to send the new message back, parses that into a `Message`, and keeps every view in its
view store. An answer built as JSON (`bot.rules.cards`) whose buttons are answered from their
custom ids alone (the cogs' `CogButton`) needs none of it: here the JSON goes out as it is, in
the one callback discord.py would have made, through discord.py's own HTTP session (its rate
limits, retries, errors and the REST trace of `bot.adapter.observe` all apply), and the
interaction is marked as answered exactly as discord.py marks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import discord
from discord.http import Route
from discord.webhook.async_ import async_context

# A message's `flags` bit that shows it to the member alone.
EPHEMERAL = 1 << 6
_CALLBACK = "/interactions/{webhook_id}/{webhook_token}/callback"
_ORIGINAL = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
_MESSAGE = discord.InteractionResponseType.channel_message


async def send_raw(state: Any, interaction_id: int, token: str, payload: Mapping[str, Any]) -> None:
    """A first response from the interaction's gateway payload alone (no `Interaction`)."""
    route = Route("POST", _CALLBACK, webhook_id=interaction_id, webhook_token=token)
    await _post(state, route, dict(payload))


async def send_json(
    interaction: discord.Interaction[Any], message: Mapping[str, Any], *, ephemeral: bool
) -> None:
    """The first response: `message` (content, embeds, components) within Discord's limits."""
    if interaction.response.is_done():
        raise discord.InteractionResponded(interaction)
    data = _with_mentions(interaction, message)
    if ephemeral:
        data["flags"] = EPHEMERAL
    route = Route("POST", _CALLBACK, webhook_id=interaction.id, webhook_token=interaction.token)
    await _request(interaction, route, {"type": _MESSAGE.value, "data": data})
    interaction.response._response_type = _MESSAGE


async def edit_json(interaction: discord.Interaction[Any], message: Mapping[str, Any]) -> None:
    """Replace the deferred "thinking…" (or the answer) with `message`."""
    route = Route(
        "PATCH", _ORIGINAL, webhook_id=interaction.application_id, webhook_token=interaction.token
    )
    await _request(interaction, route, _with_mentions(interaction, message))


def _with_mentions(
    interaction: discord.Interaction[Any], message: Mapping[str, Any]
) -> dict[str, Any]:
    # Who a message may ping is the client's setting, which discord.py adds to every message.
    data = dict(message)
    mentions = interaction._state.allowed_mentions
    if mentions is not None:
        data["allowed_mentions"] = mentions.to_dict()
    return data


async def _request(
    interaction: discord.Interaction[Any], route: Route, payload: dict[str, Any]
) -> None:
    await _post(interaction._state, route, payload)


async def _post(state: Any, route: Route, payload: dict[str, Any]) -> None:
    # The session an `Interaction` would use (`Interaction._session` is this same one).
    http = state.http
    await async_context.get().request(
        route,
        session=http._HTTPClient__session,
        proxy=http.proxy,
        proxy_auth=http.proxy_auth,
        payload=payload,
    )
