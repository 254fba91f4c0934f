"""The planner gives the routines pinned in the golden files, request for request.

Every routine is the one pinned in `planner_golden.json`, except where that one kept the walk
without the short dynamic sequence (a rule added since): those, and only those, are the ones in
`planner_golden_dynamic.json`, and they follow the new rule.
"""

from __future__ import annotations

import json
from typing import Any

from bot.rules.catalogue import default_catalogue
from bot.rules.planner import plan
from tests.planner_golden import (
    DYNAMIC_GOLDEN,
    GOLDEN,
    fingerprint,
    keeps_walk_without_short_sequence,
    outline,
    read,
    request_from,
)

CATALOGUE = default_catalogue()


def key(entry: dict[str, Any]) -> str:
    return json.dumps(entry["request"], sort_keys=True)


def test_golden_set_is_varied() -> None:
    """The set reaches every run type, all area counts, the 3-60 minute range, and the rest."""
    requests = [request_from(e["request"]) for e in read(GOLDEN)]
    assert len(requests) > 3000
    assert {len(r.tight) for r in requests} >= {0, 1, 2, 3, 4, 5, 6}
    assert {r.minutes for r in requests} == set(range(3, 61))
    assert len({r.run for r in requests}) == 5
    assert sum(bool(r.today) for r in requests) > 500
    assert sum(bool(r.avoid) for r in requests) > 1500
    assert sum(bool(r.emphasis) for r in requests) > 1000


def test_the_changed_routines_are_exactly_those_that_broke_the_new_rule() -> None:
    broke = {key(e) for e in read(GOLDEN) if keeps_walk_without_short_sequence(e, CATALOGUE)}
    changed = [key(e) for e in read(DYNAMIC_GOLDEN)]
    assert len(changed) == len(set(changed))
    assert set(changed) == broke
    # A real share of short routines, not a corner case.
    assert 100 < len(broke) < 300


def test_routines_match_the_golden_files() -> None:
    changed = {key(e): e for e in read(DYNAMIC_GOLDEN)}
    mismatches = []
    for pinned in read(GOLDEN):
        golden = changed.get(key(pinned), pinned)
        routine = plan(request_from(pinned["request"]), CATALOGUE)
        if fingerprint(routine) != golden["sha"]:
            mismatches.append(
                f"{golden['request']}\n  was: {golden['steps']}\n  now: {outline(routine)}"
            )
    assert not mismatches, f"{len(mismatches)} routines changed:\n" + "\n".join(mismatches[:10])


def test_each_changed_routine_differs_from_the_pinned_one_and_follows_the_rule() -> None:
    pinned = {key(e): e for e in read(GOLDEN)}
    short = set(CATALOGUE.rules.short_dynamic)
    for entry in read(DYNAMIC_GOLDEN):
        request = request_from(entry["request"])
        routine = plan(request, CATALOGUE)
        assert fingerprint(routine) != pinned[key(entry)]["sha"]
        ids = [s.id for s in routine.steps]
        if "easy_walk" in ids:
            assert short - request.avoid <= set(ids), entry
        else:
            assert any(item.what == "Easy walk" for item in routine.left_out), entry
        assert routine.total_seconds <= request.minutes * 60
