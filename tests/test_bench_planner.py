"""The planner benchmark runs and prints its figures (on a small batch: no timing is checked)."""

from __future__ import annotations

import re

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
