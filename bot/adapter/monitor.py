"""The operator's window: `/metrics` for Prometheus and `/health` for a load balancer or probe.

One small aiohttp server on the bot's own event loop, opened only when `METRICS_PORT` is set.
`/health` answers 200 when every shard of this process is connected to the gateway and the
database answers a `SELECT 1`, and 503 otherwise, with the detail as JSON.
"""

from __future__ import annotations

import asyncio
import logging
import math
from datetime import UTC, datetime
from typing import Any, Final

import discord
from aiohttp import web
from prometheus_client.aiohttp import make_aiohttp_handler

from bot.services.delivery import DeliveryService
from bot.storage import Database, DatabaseUnavailable

log = logging.getLogger(__name__)

# A probe must get its answer well inside a typical 5-second probe timeout.
DATABASE_WAIT: Final = 2.0


class Monitor:
    def __init__(
        self,
        client: discord.AutoShardedClient,
        database: Database,
        delivery: DeliveryService,
        *,
        host: str,
        port: int,
    ) -> None:
        self._client = client
        self._database = database
        self._delivery = delivery
        self.host = host
        self.port = port
        app = web.Application()
        app.router.add_get("/metrics", make_aiohttp_handler())
        app.router.add_get("/health", self._health)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)

    async def start(self) -> None:
        """Listen; raises OSError when the address is taken or not ours."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            raise
        log.info("metrics and health on http://%s:%d/", self.host, self.port)

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def _health(self, _: web.Request) -> web.Response:
        report = await self.check()
        return web.json_response(report, status=200 if report["ok"] else 503)

    async def check(self) -> dict[str, Any]:
        gateway = self._gateway()
        database, outbox = await self._database_and_outbox()
        return {
            "ok": gateway["connected"] and database["reachable"],
            "gateway": gateway,
            "database": database,
            "outbox": outbox,
        }

    def _gateway(self) -> dict[str, Any]:
        client = self._client
        shards = {
            str(shard_id): {
                "connected": not client.is_closed() and not shard.is_closed(),
                "latency_ms": _milliseconds(shard.latency),
            }
            for shard_id, shard in sorted(client.shards.items())
        }
        connected = client.is_ready() and bool(shards)
        connected = connected and all(s["connected"] for s in shards.values())
        return {"connected": connected, "shards": shards}

    async def _database_and_outbox(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        try:
            async with asyncio.timeout(DATABASE_WAIT):
                seconds = await self._database.ping()
                backlog = await self._delivery.backlog()
        except (DatabaseUnavailable, TimeoutError) as error:
            reason = str(error) or f"no answer within {DATABASE_WAIT:g} s"
            return {"reachable": False, "error": reason}, None
        outbox = {
            "pending": backlog.pending,
            "oldest_seconds": _rounded(backlog.oldest_seconds(datetime.now(UTC))),
        }
        return {"reachable": True, "round_trip_ms": _milliseconds(seconds)}, outbox


def _milliseconds(seconds: float) -> float | None:
    return None if not math.isfinite(seconds) else round(seconds * 1000, 2)


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)
