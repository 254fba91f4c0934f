"""Which areas a group routine targets, from the areas its joined members listed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GroupTargets:
    areas: tuple[str, ...]
    # For each targeted area, the members who listed it, in join order.
    listed_by: Mapping[str, tuple[int, ...]]
    members: tuple[int, ...]

    def share(self, area: str) -> str:
        return f"{len(self.listed_by.get(area, ()))} of {len(self.members)}"


def group_targets(
    members_areas: Mapping[int, Sequence[str]], max_areas: int, fallback: Sequence[str] = ()
) -> GroupTargets:
    """The areas most members listed; ties go to the area members ranked higher.

    Members are taken in join order (the mapping's order). With nobody having listed
    anything, the fallback (the general areas) is targeted.
    """
    counts: dict[str, int] = {}
    rank_sum: dict[str, int] = {}
    listed_by: dict[str, list[int]] = {}
    for member, areas in members_areas.items():
        for rank, area in enumerate(dict.fromkeys(areas)):
            counts[area] = counts.get(area, 0) + 1
            rank_sum[area] = rank_sum.get(area, 0) + rank
            listed_by.setdefault(area, []).append(member)
    first_seen = {area: i for i, area in enumerate(counts)}
    ordered = sorted(counts, key=lambda a: (-counts[a], rank_sum[a] / counts[a], first_seen[a]))
    chosen = tuple(ordered[:max_areas]) or tuple(fallback)[:max_areas]
    return GroupTargets(
        areas=chosen,
        listed_by={area: tuple(listed_by.get(area, ())) for area in chosen},
        members=tuple(members_areas),
    )
