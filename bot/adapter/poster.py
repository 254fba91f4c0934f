"""The delivery service's hands: raw REST calls through discord.py's HTTP client.

Payloads are already Discord JSON, so they go out as they are, through discord.py's client
(which keeps its per-route rate limits); failures come back as `DeliveryError`, transient or
not, so the retry rules live in one place, the delivery service.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import aiohttp
import discord
from discord.http import HTTPClient, Route

from bot.services.delivery import DeliveryError

RECENT_MESSAGES = 50


class DiscordPoster:
    """Bound to its client once the client exists (the services are built before it)."""

    def __init__(self) -> None:
        self._client: discord.Client | None = None

    def bind(self, client: discord.Client) -> None:
        self._client = client

    @property
    def _http(self) -> HTTPClient:
        assert self._client is not None, "bind() the poster to its client first"
        return self._client.http

    def _bot_user_id(self) -> int:
        user = self._client.user if self._client is not None else None
        return user.id if user is not None else 0

    async def send(self, channel_id: int, payload: Mapping[str, Any], nonce: str) -> int:
        body = {**payload, "nonce": nonce, "enforce_nonce": True}
        route = Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)
        data = await self._call(route, body)
        return int(data["id"])

    async def edit(self, channel_id: int, message_id: int, payload: Mapping[str, Any]) -> None:
        route = Route(
            "PATCH",
            "/channels/{channel_id}/messages/{message_id}",
            channel_id=channel_id,
            message_id=message_id,
        )
        await self._call(route, dict(payload))

    async def archive(self, channel_id: int) -> None:
        route = Route("PATCH", "/channels/{channel_id}", channel_id=channel_id)
        await self._call(route, {"archived": True})

    async def direct(self, user_id: int, payload: Mapping[str, Any], nonce: str) -> int:
        route = Route("POST", "/users/@me/channels")
        channel = await self._call(route, {"recipient_id": str(user_id)})
        return await self.send(int(channel["id"]), payload, nonce)

    async def find_recent(
        self, channel_id: int, payload: Mapping[str, Any], since: datetime
    ) -> int | None:
        """The bot's own message with this content posted since `since`, if Discord has one."""
        route = Route("GET", "/channels/{channel_id}/messages", channel_id=channel_id)
        messages = await self._call(route, None, params={"limit": RECENT_MESSAGES})
        me = str(self._bot_user_id())
        for message in messages:
            if str(message.get("author", {}).get("id")) != me:
                continue
            if discord.utils.snowflake_time(int(message["id"])) < since:
                break  # newest first: nothing older can be ours
            if _same(message, payload):
                return int(message["id"])
        return None

    async def _call(
        self, route: Route, body: dict[str, Any] | None, params: dict[str, Any] | None = None
    ) -> Any:
        try:
            return await self._http.request(route, json=body, params=params)
        except discord.HTTPException as error:
            raise _refusal(error) from error
        except discord.RateLimited as error:
            raise DeliveryError(
                f"rate limited for {error.retry_after:.0f} s", transient=True
            ) from None
        except aiohttp.ClientError as error:
            raise DeliveryError(
                f"connection failed ({type(error).__name__})", transient=True
            ) from None


# "Cannot send an empty message" for a message that was not empty: the body was lost on the
# way (some REST proxies re-send a request without its body after a 429 or 5xx). Worth a retry.
EMPTY_MESSAGE = 50006


def _refusal(error: discord.HTTPException) -> DeliveryError:
    what = error.text or "no detail"
    if error.status == 400 and error.code == EMPTY_MESSAGE:
        return DeliveryError(f"the message arrived empty ({what})", transient=True)
    if isinstance(error, discord.Forbidden):
        return DeliveryError(f"the bot may not post there ({what})", transient=False)
    if isinstance(error, discord.NotFound):
        return DeliveryError(f"the channel or message is gone ({what})", transient=False)
    # 5xx, and a 429 without the headers discord.py trusts (a proxy's, say): worth a retry.
    transient = error.status >= 500 or error.status == 429
    return DeliveryError(f"Discord answered {error.status} ({what})", transient=transient)


def _same(message: Mapping[str, Any], payload: Mapping[str, Any]) -> bool:
    if (message.get("content") or "") != (payload.get("content") or ""):
        return False
    ids = _custom_ids(message.get("components") or [])
    return ids == _custom_ids(payload.get("components") or [])


def _custom_ids(components: list[Any]) -> list[str]:
    found: list[str] = []
    for component in components:
        if "custom_id" in component:
            found.append(str(component["custom_id"]))
        found += _custom_ids(component.get("components") or [])
    return found
