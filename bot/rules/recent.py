"""The last values worked out, by key: for pure work that members ask for again and again.

A routine depends on the request alone (tight areas in order, minutes, run, today's areas, what
to avoid, the check-ins' emphasis), and its card and stored form on the routine alone, so a
request seen lately needs neither planning nor building again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most `capacity` values; the one used longest ago goes first."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._values: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
            return value
        value = make()
        self._values[key] = value
        if len(self._values) > self._capacity:
            self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)
