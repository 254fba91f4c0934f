"""The planner gives the routines pinned in the golden file, request for request."""

from __future__ import annotations

from bot.rules.catalogue import default_catalogue
from bot.rules.planner import plan
from tests.planner_golden import GOLDEN, fingerprint, outline, read, request_from

CATALOGUE = default_catalogue()


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


def test_routines_match_the_golden_file() -> None:
    mismatches = []
    for golden in read(GOLDEN):
        request = request_from(golden["request"])
        routine = plan(request, CATALOGUE)
        if fingerprint(routine) != golden["sha"]:
            mismatches.append(
                f"{golden['request']}\n  was: {golden['steps']}\n  now: {outline(routine)}"
            )
    assert not mismatches, f"{len(mismatches)} routines changed:\n" + "\n".join(mismatches[:10])
