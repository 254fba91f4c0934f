"""A fixed, varied set of plan requests and the routines the planner gave for them.

The golden file pins the planner's output so that work on its speed cannot change a routine
unnoticed. Each entry holds the request, a fingerprint of the whole routine (every step field,
what was left out and why, the notes) and a readable line of its steps for failure messages.

One rule changed since the routines were pinned: the walk now always comes with a short dynamic
sequence (leg swings and ankle rolls). The requests whose pinned routine kept the walk without
them, and only those, have their new routine in a second file, `planner_golden_dynamic.json`.

`python -m tests.planner_golden dynamic` rewrites that second file from the current planner.
`python -m tests.planner_golden all` pins every routine afresh and empties it: do either only for
a deliberate change of the routine rules, and say which in the commit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import random
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bot.rules.catalogue import Catalogue, Kind, default_catalogue
from bot.rules.planner import PlanRequest, plan
from bot.rules.routine import MAX_MINUTES, MIN_MINUTES, Routine, RunType

GOLDEN = Path(__file__).with_name("planner_golden.json")
DYNAMIC_GOLDEN = Path(__file__).with_name("planner_golden_dynamic.json")
DYNAMIC_REASON = (
    "Routines changed by the short dynamic sequence: for these requests the routine pinned in "
    "planner_golden.json kept the walk without leg swings or ankle rolls the member does not "
    "avoid. Now the walk comes with them, at least in their short form, or is left out with "
    "them when the two do not fit."
)

WEIGHTS = (0.5, 1.0, 1.25, 1.5)
VARIANTS_PER_AREA_SET = 6


def requests(catalogue: Catalogue) -> Iterator[PlanRequest]:
    """Every set of up to four areas in several situations, then minute-by-minute sweeps."""
    rng = random.Random(12)
    areas = [a.id for a in catalogue.areas]
    avoidable = [s.id for s in catalogue.stretches if s.kind is not Kind.REMINDER]
    runs = list(RunType)
    for size in range(5):
        for combo in itertools.combinations(areas, size):
            for variant in range(VARIANTS_PER_AREA_SET):
                tight = list(combo)
                rng.shuffle(tight)
                if variant == VARIANTS_PER_AREA_SET - 1:
                    # Past the four areas a routine targets.
                    tight += rng.sample([a for a in areas if a not in tight], 2)
                yield PlanRequest(
                    tight=tuple(tight),
                    minutes=rng.randint(MIN_MINUTES, MAX_MINUTES),
                    run=runs[variant % len(runs)],
                    today=_today(rng, areas),
                    avoid=_avoid(rng, avoidable),
                    emphasis=_emphasis(rng, tight),
                )
    sweeps = (
        ((), frozenset()),
        (("calves", "hip_flexors", "glutes"), frozenset()),
        (("glutes", "hamstrings", "calves", "quads", "neck"), frozenset({"kneeling_lunge"})),
    )
    for (tight_list, avoid), run in itertools.product(sweeps, runs):
        for minutes in range(MIN_MINUTES, MAX_MINUTES + 1):
            yield PlanRequest(tight=tight_list, minutes=minutes, run=run, avoid=avoid)


def _today(rng: random.Random, areas: list[str]) -> tuple[str, ...]:
    return tuple(rng.sample(areas, rng.choice((0, 0, 0, 1, 2))))


def _avoid(rng: random.Random, avoidable: list[str]) -> frozenset[str]:
    return frozenset(rng.sample(avoidable, rng.choice((0, 0, 1, 2, 3, 4))))


def _emphasis(rng: random.Random, tight: list[str]) -> dict[str, float]:
    if rng.random() < 0.5:
        return {}
    return {area: rng.choice(WEIGHTS) for area in tight if rng.random() < 0.7}


def step_ids(entry: Mapping[str, Any]) -> set[str]:
    """The ids in an entry's line of steps ("second passes" included)."""
    return {step.split(":")[0].removesuffix("+2") for step in entry["steps"].split()}


def keeps_walk_without_short_sequence(entry: Mapping[str, Any], catalogue: Catalogue) -> bool:
    """The routine has the walk but not every movement of the short sequence it could have."""
    rules = catalogue.rules
    could = set(rules.short_dynamic) - set(entry["request"]["avoid"])
    ids = step_ids(entry)
    return rules.walk in ids and not could <= ids


def request_key(request: PlanRequest) -> dict[str, Any]:
    return {
        "tight": list(request.tight),
        "minutes": request.minutes,
        "run": request.run.value,
        "today": list(request.today),
        "avoid": sorted(request.avoid),
        "emphasis": dict(request.emphasis),
    }


def request_from(key: Mapping[str, Any]) -> PlanRequest:
    return PlanRequest(
        tight=tuple(key["tight"]),
        minutes=key["minutes"],
        run=RunType(key["run"]),
        today=tuple(key["today"]),
        avoid=frozenset(key["avoid"]),
        emphasis=dict(key["emphasis"]),
    )


def fingerprint(routine: Routine) -> str:
    """Every field of the routine, its steps, left-outs and notes, hashed."""
    text = json.dumps(dataclasses.asdict(routine), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def outline(routine: Routine) -> str:
    """The steps in one line: id, "+2" for a second pass, seconds, "/hold"."""
    return " ".join(
        f"{s.id}{'+2' if s.pass_number == 2 else ''}:{s.seconds}"
        + (f"/{s.hold_seconds}" if s.hold_seconds is not None else "")
        for s in routine.steps
    )


def entry(request: PlanRequest, routine: Routine) -> dict[str, Any]:
    return {"request": request_key(request), "sha": fingerprint(routine), "steps": outline(routine)}


def write(path: Path, entries: list[dict[str, Any]], about: str) -> None:
    """One entry a line, so that a change shows as a readable diff."""
    lines = [json.dumps(e, separators=(",", ":")) for e in entries]
    path.write_text(
        '{"about":' + json.dumps(about) + ',\n"routines":[\n' + ",\n".join(lines) + "\n]}\n"
    )


def read(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text())["routines"]
    return data


def unique_requests(catalogue: Catalogue) -> list[PlanRequest]:
    seen: dict[str, PlanRequest] = {}
    for request in requests(catalogue):
        seen.setdefault(json.dumps(request_key(request), sort_keys=True), request)
    return list(seen.values())


def main() -> None:
    catalogue = default_catalogue()
    if sys.argv[1:] == ["all"]:
        entries = [entry(r, plan(r, catalogue)) for r in unique_requests(catalogue)]
        about = "Routines of the planner for a fixed set of requests (see the module)."
        write(GOLDEN, entries, about)
        write(DYNAMIC_GOLDEN, [], DYNAMIC_REASON)
    elif sys.argv[1:] == ["dynamic"]:
        pinned = [e for e in read(GOLDEN) if keeps_walk_without_short_sequence(e, catalogue)]
        requests = [request_from(e["request"]) for e in pinned]
        entries = [entry(r, plan(r, catalogue)) for r in requests]
        write(DYNAMIC_GOLDEN, entries, DYNAMIC_REASON)
    else:
        sys.exit("usage: python -m tests.planner_golden all|dynamic")
    print(f"{len(entries)} routines written", file=sys.stderr)


if __name__ == "__main__":
    main()
