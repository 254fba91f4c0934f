"""Routines planned per second over a spread of requests, and the time of each: p50 and p99.

python -m bench.planner [--count 20000] [--seed 7] [--warm 2000] [--baseline REV]

With `--baseline REV` the planner of that git revision (bot/rules/planner.py, and its
plan_tables.py when it has one) plans the same requests in the same run, batch by batch in turn
with this one, and the two are printed side by side with their ratio and how many routines came
out the same. `--baseline 30477ee` is the planner before its per-catalogue tables.

The planner builds its per-catalogue tables on the first routine, and keeps a few more (an
area's candidates for a set of avoided stretches, a finished step) the first time a request
needs them: that first routine is timed on its own, then a warm-up batch of other requests runs
untimed, as in a bot that has been up for a while.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

from bench.machine import describe
from bot.rules.catalogue import Catalogue, Kind, default_catalogue
from bot.rules.planner import PlanRequest, plan
from bot.rules.routine import RunType

MIX = "0-6 tight areas, 0-2 areas for today, 0-3 avoided stretches, 3-60 min, every run type"


def requests(count: int, seed: int = 7) -> list[PlanRequest]:
    catalogue = default_catalogue()
    rng = random.Random(seed)
    areas = [a.id for a in catalogue.areas]
    stretch_ids = [s.id for s in catalogue.stretches if s.kind is Kind.STRETCH]
    return [
        PlanRequest(
            tight=tuple(rng.sample(areas, rng.randint(0, 6))),
            minutes=rng.randint(3, 60),
            run=rng.choice(list(RunType)),
            today=tuple(rng.sample(areas, rng.randint(0, 2))),
            avoid=frozenset(rng.sample(stretch_ids, rng.randint(0, 3))),
        )
        for _ in range(count)
    ]


def timed(batch: list[PlanRequest], catalogue: Catalogue) -> tuple[list[float], float]:
    """Seconds per routine, and for the whole batch."""
    timings = []
    clock = time.perf_counter
    started = clock()
    for request in batch:
        t0 = clock()
        plan(request, catalogue)
        timings.append(clock() - t0)
    return timings, clock() - started


Planner = Callable[[PlanRequest, Catalogue], object]


def baseline(revision: str) -> Planner:
    """`plan` as it stood at a git revision, loaded beside today's (with the catalogue and
    routine of today: a revision whose planner needs others' older forms will not load)."""
    root = Path(__file__).resolve().parent.parent
    modules = {}
    for name in ("plan_tables", "planner"):
        try:
            source = subprocess.run(
                ["git", "show", f"{revision}:bot/rules/{name}.py"],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except subprocess.CalledProcessError:
            continue  # a planner from before its tables had no plan_tables.py
        module = types.ModuleType(f"baseline_{name}")
        source = source.replace(
            "from bot.rules.plan_tables import", "from baseline_plan_tables import"
        )
        sys.modules[module.__name__] = module
        exec(compile(source, f"{revision}:bot/rules/{name}.py", "exec"), module.__dict__)
        modules[name] = module
    old = modules["planner"]
    fields = [f.name for f in dataclasses.fields(old.PlanRequest)]

    def plan_then(request: PlanRequest, catalogue: Catalogue) -> object:
        return old.plan(old.PlanRequest(**{f: getattr(request, f) for f in fields}), catalogue)

    return plan_then


def side_by_side(
    batch: list[PlanRequest], catalogue: Catalogue, planners: dict[str, Planner], rounds: int = 5
) -> dict[str, list[float]]:
    """Seconds per routine for each planner, over `rounds` passes taken in turn."""
    timings: dict[str, list[float]] = {name: [] for name in planners}
    clock = time.perf_counter
    for _ in range(rounds):
        for name, planner in planners.items():
            for request in batch:
                started = clock()
                planner(request, catalogue)
                timings[name].append(clock() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--warm", type=int, default=2_000)
    parser.add_argument("--baseline", metavar="REV", help="also time the planner of this revision")
    args = parser.parse_args()
    catalogue = default_catalogue()
    batch = requests(args.count, args.seed)
    first, _ = timed(batch[:1], catalogue)
    timed(requests(args.warm, args.seed + 1), catalogue)
    timings, elapsed = timed(batch, catalogue)
    timings.sort()
    print(f"machine: {describe()}")
    print(
        f"configuration: {len(batch):,} requests (seed {args.seed}): {MIX}; "
        f"{len(catalogue.stretches)} catalogue entries, {len(catalogue.areas)} areas; "
        f"warm-up {args.warm:,} other requests; garbage collector "
        f"{'on' if gc.isenabled() else 'off'}"
    )
    print(f"first routine (builds the planner's tables): {first[0] * 1e3:.1f} ms")
    print(f"rate: {len(batch) / elapsed:,.0f} routines/s")
    p50 = statistics.median(timings) * 1e6
    p99 = timings[int(len(timings) * 0.99)] * 1e6
    mean = elapsed / len(batch) * 1e6
    print(f"per routine: p50 {p50:.0f} us, p99 {p99:.0f} us, mean {mean:.0f} us")
    if args.baseline:
        compare(batch, catalogue, args.baseline)


def compare(batch: list[PlanRequest], catalogue: Catalogue, revision: str) -> None:
    old = baseline(revision)
    same = sum(old(r, catalogue) == plan(r, catalogue) for r in batch)
    for r in requests(len(batch) // 10, 8):  # its warm-up, as this planner had above
        old(r, catalogue)
    planners: dict[str, Planner] = {"this planner": plan, f"at {revision}": old}
    timings = side_by_side(batch[: len(batch) // 4], catalogue, planners)
    print(f"side by side, in turns, on {len(batch) // 4:,} of the requests x 5:")
    p50 = {}
    for name, spent in timings.items():
        spent.sort()
        p50[name] = statistics.median(spent) * 1e6
        p99 = spent[int(len(spent) * 0.99)] * 1e6
        mean = statistics.fmean(spent) * 1e6
        print(f"  {name}: p50 {p50[name]:.0f} us, p99 {p99:.0f} us, mean {mean:.0f} us")
    now, then = p50.values()
    print(
        f"  this planner {then / now:.1f}x faster at p50; "
        f"same routine for {same:,} of {len(batch):,}"
    )


if __name__ == "__main__":
    main()
