"""The member cache across processes: PostgreSQL LISTEN/NOTIFY tells each of the others' writes.

Several processes (shards) share one database, and each caches what routines read about a
member. A write that forgets a member in its own cache also announces it on a channel of
that database (and schema); every process listens on one connection of its own and forgets
what it hears. While it is not listening (starting, or after the listening connection was
lost) a process cannot know of the others' writes, so its cache is off and empty until it
listens again. Nothing else changes: reads are exact either way, only their cost differs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import background
from bot.storage.cache import MemberCache

log = logging.getLogger(__name__)

# One channel per database and schema: processes of other bots on the server do not hear it.
_CHANNEL = literal("cooldown_members_") + func.left(
    func.md5(func.current_database() + literal(".") + func.current_schema()), 24
)
RETRY_SECONDS = 1.0


class MemberInvalidations:
    def __init__(self, engine: AsyncEngine, cache: MemberCache[Any]) -> None:
        self._engine = engine
        self._cache = cache
        self._task: asyncio.Task[None] | None = None
        self._listener: Any = None  # the asyncpg connection, while listening
        self.listening = asyncio.Event()

    def start(self) -> None:
        """Listen from now on (in the background); the cache is on while listening."""
        self._cache.switch(False)
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="member-invalidations")

    async def stop(self) -> None:
        await background.stop(self._task)
        self._task = None
        self._cache.switch(False)

    async def announce(self, user_id: int) -> None:
        """Tell the other processes that `user_id`'s data changed (after it was committed)."""
        async with self._engine.begin() as connection:
            await connection.execute(select(func.pg_notify(_CHANNEL, str(user_id))))

    async def synced(self) -> None:
        """Return once every notice committed before the call was heard: the server sends
        pending notices before it answers a query on the listening connection."""
        if self._listener is not None:
            await self._listener.execute("SELECT 1")
            await asyncio.sleep(0)  # asyncpg runs the callbacks soon after, not at once

    def listener_pid(self) -> int | None:
        """The server process of the listening connection (for monitoring and tests)."""
        return None if self._listener is None else int(self._listener.get_server_pid())

    async def _run(self) -> None:
        while True:
            try:
                await self._listen_until_lost()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("cannot listen for other processes' writes", exc_info=True)
            self.listening.clear()
            self._cache.switch(False)
            await asyncio.sleep(RETRY_SECONDS)

    async def _listen_until_lost(self) -> None:
        lost = asyncio.Event()
        async with self._engine.connect() as connection:
            channel = str(await connection.scalar(select(_CHANNEL)))
            # The listener stays on this one connection, outside any transaction.
            await connection.commit()
            raw = await connection.get_raw_connection()
            listener: Any = raw.driver_connection
            listener.add_termination_listener(lambda _connection: lost.set())
            await listener.add_listener(channel, self._heard)
            self._listener = listener
            try:
                # On only now: a write announced before the LISTEN was missed, and the
                # cache is empty, so nothing read before it is kept.
                self._cache.switch(True)
                self.listening.set()
                log.info("listening for other processes' writes on %s", channel)
                await lost.wait()
                log.warning("lost the connection listening for other processes' writes")
            finally:
                self._listener = None
                self.listening.clear()
                self._cache.switch(False)
                if not lost.is_set():
                    with contextlib.suppress(Exception):
                        await listener.remove_listener(channel, self._heard)
                else:
                    # The connection is gone: the pool must not hand it out again.
                    await connection.invalidate()

    def _heard(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            user_id = int(payload)
        except ValueError:
            log.warning("ignored a member change notice %r", payload[:40])
            return
        self._cache.forget(user_id)
