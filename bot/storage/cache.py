"""An in-process cache of what routines read about a member, exact within one process.

Every command reads a member's tight areas and avoided stretches; caching them saves a
database round trip per command. Writes through the repositories forget the member, and a
read that raced a write never stores what it read (a version per member tells), so within one
process a cached value is never stale. Several processes sharing a database (sharding) each see
only their own writes: there the cache is on only while PostgreSQL tells this process of the
others' writes (`bot.storage.invalidation`), and switching it on or off empties it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")
# (generation, the member's writes): a read stores what it read only if neither moved since.
Version = tuple[int, int]


class MemberCache(Generic[V]):
    def __init__(
        self,
        *,
        enabled: bool = True,
        capacity: int = 20_000,
        ttl: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        self._capacity = capacity
        self._ttl = ttl
        self._clock = clock
        self._entries: OrderedDict[int, tuple[float, V]] = OrderedDict()
        self._versions: dict[int, int] = {}
        self._generation = 0
        self.hits = 0
        self.misses = 0

    def get(self, user_id: int) -> V | None:
        entry = self._entries.get(user_id) if self.enabled else None
        if entry is None or self._clock() - entry[0] > self._ttl:
            self.misses += 1
            return None
        self._entries.move_to_end(user_id)
        self.hits += 1
        return entry[1]

    def version(self, user_id: int) -> Version:
        return self._generation, self._versions.get(user_id, 0)

    def put(self, user_id: int, value: V, read_at_version: Version) -> None:
        """Keep `value` unless the member was written to since the read began."""
        if not self.enabled or self.version(user_id) != read_at_version:
            return
        self._entries[user_id] = (self._clock(), value)
        self._entries.move_to_end(user_id)
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)

    def forget(self, user_id: int) -> None:
        self._versions[user_id] = self._versions.get(user_id, 0) + 1
        self._entries.pop(user_id, None)

    def switch(self, enabled: bool) -> None:
        """Turn the cache on or off, empty either way: no read begun before is stored."""
        self.enabled = enabled
        self._generation += 1
        self._entries.clear()
        self._versions.clear()
