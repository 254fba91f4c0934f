"""The member cache: a read that raced a write never stores what it read; writes forget."""

from __future__ import annotations

from bot.storage.cache import MemberCache


def test_a_read_that_raced_a_write_is_not_kept() -> None:
    cache: MemberCache[str] = MemberCache()
    started = cache.version(1)
    cache.forget(1)  # a write lands while the read is in flight
    cache.put(1, "old", started)
    assert cache.get(1) is None
    cache.put(1, "new", cache.version(1))
    assert cache.get(1) == "new"


def test_forget_drops_the_entry_and_other_members_stay() -> None:
    cache: MemberCache[str] = MemberCache()
    cache.put(1, "a", cache.version(1))
    cache.put(2, "b", cache.version(2))
    cache.forget(1)
    assert cache.get(1) is None and cache.get(2) == "b"


def test_entries_expire_and_capacity_is_bounded() -> None:
    now = [0.0]
    cache: MemberCache[int] = MemberCache(capacity=2, ttl=10, clock=lambda: now[0])
    for user in (1, 2, 3):
        cache.put(user, user, cache.version(user))
    assert cache.get(1) is None and cache.get(3) == 3
    now[0] = 11
    assert cache.get(3) is None


def test_a_disabled_cache_keeps_nothing() -> None:
    cache: MemberCache[str] = MemberCache(enabled=False)
    cache.put(1, "x", 0)
    assert cache.get(1) is None


def test_switching_the_cache_empties_it_and_drops_reads_begun_before() -> None:
    cache: MemberCache[str] = MemberCache()
    cache.put(1, "old", cache.version(1))
    begun = cache.version(2)
    cache.switch(False)
    assert cache.get(1) is None
    cache.put(2, "read while off", begun)
    cache.switch(True)  # listening again
    cache.put(2, "read before listening", begun)
    assert cache.get(2) is None and cache.get(1) is None
    cache.put(2, "fresh", cache.version(2))
    assert cache.get(2) == "fresh"
