"""`python -m bot plan`: the offline preview, run as a member of the club would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_planner import STEP_KEYS

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    # No token, no database: the preview must not need either.
    env = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-m", "bot", "plan", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_readable_plan_lists_steps_cues_total_and_left_out() -> None:
    done = run_cli("--tight", "calves,hip_flexors,glutes", "--minutes", "10", "--run", "tempo")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Cooldown after your tempo run: 10 min" in out
    assert "Targets: calves, hip flexors, glutes" in out
    assert "Wall calf stretch" in out and "Seated hamstring hinge" in out
    assert "Cue: " in out
    assert "Total " in out and "of 10:00" in out
    assert "Left out:" in out
    assert "Hydrate and refuel" in out


def test_json_output_is_one_object_with_the_contract_fields() -> None:
    done = run_cli(
        "--tight",
        "hammies,Hip Flexor",
        "--minutes",
        "12",
        "--run",
        "intervals",
        "--today",
        "lower-back",
        "--avoid",
        "kneeling_lunge",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["minutes"] == 12
    assert data["total_seconds"] <= 12 * 60
    assert data["areas"] == ["lower_back", "hamstrings", "hip_flexors"]
    step_ids = [s["id"] for s in data["steps"]]
    assert "kneeling_lunge" not in step_ids
    assert "standing_hip_flexor_lunge" in step_ids
    for step in data["steps"]:
        assert set(step) >= STEP_KEYS
    assert all({"what", "why"} <= set(item) for item in data["left_out"])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--tight", "shins"], "closest areas: calves"),
        (["--tight", "glutse"], "closest areas: glutes"),
        (["--today", "elbows"], "unknown area 'elbows'"),
        (["--minutes", "ten"], "whole number"),
        (["--minutes", "2"], "from 3 to 60"),
        (["--minutes", "61"], "from 3 to 60"),
        (["--run", "sprint"], "easy, long, tempo, intervals, race"),
        (["--avoid", "handstand"], "unknown stretch"),
        (["--nonsense"], "unrecognized arguments"),
    ],
)
def test_bad_input_gets_one_line_and_exit_code_2(args: list[str], expected: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert expected in lines[0]
    assert "Traceback" not in done.stderr


def test_same_input_same_output() -> None:
    first = run_cli("--tight", "glutes,quads", "--minutes", "17", "--json")
    second = run_cli("--tight", "glutes,quads", "--minutes", "17", "--json")
    assert first.returncode == 0
    assert first.stdout == second.stdout
