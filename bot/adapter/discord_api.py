"""Where discord.py talks to: the REST base URL and the gateway URL.

discord.py hard-codes ``https://discord.com/api/v10`` and ``wss://gateway.discord.gg/`` as
class attributes. Pointing the bot at another Discord-compatible endpoint (a local fake in the
end-to-end tests, a proxy in production) means changing those attributes, which is all this
module does:

* :func:`configure_api_base` rewrites ``discord.http.Route.BASE``. Every REST call goes through
  a ``Route`` built from that attribute: the bot's own ``HTTPClient`` as well as the webhook
  adapter used for interaction callbacks and follow-ups (``discord.webhook.async_`` and
  ``discord.webhook.sync`` import the very same ``Route`` class).
* :func:`discover_gateway` asks ``GET {base}/gateway/bot`` for the gateway URL and stores it in
  ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY``. A non-sharded ``discord.Client`` never
  calls ``/gateway/bot`` itself: it always connects to ``DEFAULT_GATEWAY`` (adding
  ``?v=10&encoding=json&compress=...``), resumes on the ``resume_gateway_url`` sent in READY and
  falls back to ``DEFAULT_GATEWAY`` after an invalidated session. ``AutoShardedClient`` without
  an explicit ``shard_count`` does use the URL of ``/gateway/bot``.

Both changes are process-wide; :func:`reset_discord_endpoints` puts the stock values back.
"""

from __future__ import annotations

from typing import Any, Final

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl

__all__ = [
    "DEFAULT_API_BASE",
    "DEFAULT_GATEWAY_URL",
    "DiscordGatewayError",
    "DiscordLoginRejected",
    "configure_api_base",
    "current_api_base",
    "current_gateway_url",
    "discover_gateway",
    "reset_discord_endpoints",
]

DEFAULT_API_BASE: Final = "https://discord.com/api/v10"
DEFAULT_GATEWAY_URL: Final = "wss://gateway.discord.gg/"

_DISCOVERY_TIMEOUT_SECONDS: Final = 30.0


class DiscordLoginRejected(Exception):
    """The API refused the bot token (HTTP 401)."""


class DiscordGatewayError(Exception):
    """``/gateway/bot`` could not be read: unexpected status or malformed answer."""


def configure_api_base(base: str) -> None:
    """Send all of discord.py's REST traffic to ``base``, e.g. ``http://127.0.0.1:8080/api/v10``.

    Affects every client, webhook and interaction response created afterwards, and also those
    created before (the URL is computed per request).
    """
    cleaned = base.strip().rstrip("/")
    url = yarl.URL(cleaned)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"API base must be an absolute http(s) URL, got {base!r}")
    discord.http.Route.BASE = cleaned


def current_api_base() -> str:
    """The REST base URL discord.py currently uses."""
    return discord.http.Route.BASE


def current_gateway_url() -> str:
    """The gateway URL a non-sharded discord.py client currently connects to."""
    return str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)


def reset_discord_endpoints() -> None:
    """Restore discord.py's stock REST base and gateway URL."""
    discord.http.Route.BASE = DEFAULT_API_BASE
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(DEFAULT_GATEWAY_URL)


async def discover_gateway(base: str, token: str) -> str:
    """Ask ``{base}/gateway/bot`` where the gateway is and make discord.py connect there.

    Returns the gateway URL as given by the API.

    Raises :class:`DiscordLoginRejected` when the token is refused (401) and
    :class:`DiscordGatewayError` for any other failure.
    """
    url = base.strip().rstrip("/") + "/gateway/bot"
    headers = {"Authorization": f"Bot {token.strip()}", "User-Agent": _user_agent()}
    timeout = aiohttp.ClientTimeout(total=_DISCOVERY_TIMEOUT_SECONDS)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(url, headers=headers) as response,
        ):
            if response.status == 401:
                raise DiscordLoginRejected(
                    f"Discord rejected the bot token (401 from {base.rstrip('/')}/gateway/bot)"
                )
            if response.status != 200:
                body = await response.text()
                raise DiscordGatewayError(
                    f"GET /gateway/bot answered {response.status}: {body[:200]}"
                )
            data: Any = await response.json(content_type=None)
    except aiohttp.ClientError as exc:
        raise DiscordGatewayError(f"cannot reach {url}: {exc}") from exc

    gateway = data.get("url") if isinstance(data, dict) else None
    if not isinstance(gateway, str) or not gateway:
        raise DiscordGatewayError(f"GET /gateway/bot returned no gateway url: {data!r}")
    gateway_url = yarl.URL(gateway)
    if gateway_url.scheme not in ("ws", "wss") or not gateway_url.host:
        raise DiscordGatewayError(f"GET /gateway/bot returned an invalid gateway url: {gateway!r}")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway_url
    return gateway


def _user_agent() -> str:
    return f"DiscordBot (https://github.com/Rapptz/discord.py {discord.__version__})"
