"""Routines planned per second over a spread of inputs. Target: well under 1 ms a routine.

python -m bench.planner [--count 20000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench.machine import describe
from bot.rules.catalogue import Kind, default_catalogue
from bot.rules.planner import PlanRequest, plan
from bot.rules.routine import RunType


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    catalogue = default_catalogue()
    batch = requests(args.count)
    plan(batch[0], catalogue)  # warm the catalogue's look-up tables
    timings = []
    started = time.perf_counter()
    for request in batch:
        t0 = time.perf_counter()
        plan(request, catalogue)
        timings.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    timings.sort()
    p50 = statistics.median(timings) * 1e6
    p99 = timings[int(len(timings) * 0.99)] * 1e6
    print(f"machine: {describe()}")
    print(f"routines planned: {len(batch)} in {elapsed:.2f} s")
    print(f"rate: {len(batch) / elapsed:,.0f} routines/s")
    print(
        f"per routine: mean {elapsed / len(batch) * 1e6:.0f} us, p50 {p50:.0f} us, p99 {p99:.0f} us"
    )


if __name__ == "__main__":
    main()
