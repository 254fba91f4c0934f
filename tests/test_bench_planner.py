"""The planner benchmark runs and prints its figures (on a small batch: no timing is checked)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from bench import planner as bench


def test_the_planner_benchmark_prints_its_figures(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["bench.planner", "--count", "200", "--warm", "20"])
    bench.main()
    out = capsys.readouterr().out
    assert out.startswith("machine: ")
    assert "configuration: 200 requests (seed 7)" in out
    assert re.search(r"rate: [\d,]+ routines/s", out)
    assert re.search(r"per routine: p50 \d+ us, p99 \d+ us, mean \d+ us", out)


def _has_revision(revision: str) -> bool:
    root = Path(__file__).parent.parent
    found = subprocess.run(["git", "cat-file", "-e", revision], cwd=root, capture_output=True)
    return found.returncode == 0


@pytest.mark.skipif(not _has_revision("30477ee"), reason="no git history to take a baseline from")
def test_a_baseline_revision_plans_the_same_requests_side_by_side(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The planner before its tables: another module, slower, and without the walk's dynamic
    # sequence, so some routines differ.
    argv = ["bench.planner", "--count", "200", "--warm", "20", "--baseline", "30477ee"]
    monkeypatch.setattr("sys.argv", argv)
    bench.main()
    out = capsys.readouterr().out
    assert re.search(r"this planner: p50 \d+ us, p99 \d+ us, mean \d+ us\n  at 30477ee: p50", out)
    found = re.search(r"([\d.]+)x faster at p50; same routine for ([\d,]+) of 200", out)
    assert found, out
    assert 0 < int(found[2]) < 200
