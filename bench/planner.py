"""Routines planned per second over a spread of requests, and the time of each: p50 and p99.

python -m bench.planner [--count 20000] [--seed 7] [--warm 2000]

The planner builds its per-catalogue tables on the first routine, and keeps a few more (an
area's candidates for a set of avoided stretches, a finished step) the first time a request
needs them: that first routine is timed on its own, then a warm-up batch of other requests runs
untimed, as in a bot that has been up for a while.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--warm", type=int, default=2_000)
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


if __name__ == "__main__":
    main()
