"""Which process owns a guild when the shards are split across processes."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def shard_of(guild_id: int, shard_count: int) -> int:
    """Discord's rule: a guild lives on shard (guild_id >> 22) % shard_count."""
    return (guild_id >> 22) % shard_count


def shard_owner(shard_ids: Iterable[int] | None, shard_count: int | None) -> Callable[[int], bool]:
    """An `owns(guild_id)` filter for a process running `shard_ids` of `shard_count` shards;
    with no sharding configured, the process owns every guild."""
    if shard_count is not None and shard_count < 1:
        raise ValueError(f"shard_count must be at least 1, got {shard_count}")
    if not shard_ids or shard_count is None:
        return lambda guild_id: True
    mine = frozenset(shard_ids)
    return lambda guild_id: shard_of(guild_id, shard_count) in mine
