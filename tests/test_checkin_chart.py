"""The /progress chart: a real PNG of the right size, for short, long and partial histories."""

from __future__ import annotations

import ast
import struct
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.rules.catalogue import default_catalogue
from bot.rules.checkins import chart
from bot.rules.checkins.chart import HEIGHT_PX, WIDTH_PX, draw_progress_chart
from bot.rules.checkins.parser import Efficiency
from bot.rules.checkins.trends import WeeklyCheckIn

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NAMES = {a.id: a.name for a in default_catalogue().areas}
MONDAY = date(2025, 1, 6)
EFFICIENCY_CYCLE = [Efficiency.SAME, Efficiency.BETTER, None, Efficiency.WORSE, Efficiency.BETTER]


def weeks(count: int, efficiency: bool = True) -> list[WeeklyCheckIn]:
    return [
        WeeklyCheckIn(
            MONDAY + timedelta(weeks=i),
            {"calves": max(0, 7 - i // 2), "glutes": 6 + i % 2, "hamstrings": 2 + i % 3}
            if i % 4 != 3
            else {"calves": max(0, 7 - i // 2)},
            movement=min(10, 5 + i // 3),
            efficiency=EFFICIENCY_CYCLE[i % len(EFFICIENCY_CYCLE)] if efficiency else None,
        )
        for i in range(count)
    ]


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(
    "history",
    [
        pytest.param(weeks(1), id="one week"),
        pytest.param(weeks(12), id="twelve weeks"),
        pytest.param(weeks(30), id="thirty weeks"),
        pytest.param(weeks(6, efficiency=False), id="no efficiency answers"),
        pytest.param([WeeklyCheckIn(MONDAY, {})], id="a check-in with no scores"),
        pytest.param([], id="no check-ins"),
        pytest.param(
            [WeeklyCheckIn(MONDAY, {"old_area": 3}), WeeklyCheckIn(MONDAY, {"calves": 9})],
            id="unknown area and a repeated week",
        ),
    ],
)
def test_chart_is_a_png_of_the_fixed_size(history: list[WeeklyCheckIn]) -> None:
    data = draw_progress_chart(history, NAMES)
    assert png_size(data) == (WIDTH_PX, HEIGHT_PX)
    assert 5_000 < len(data) < 400_000


def test_chart_is_the_same_for_the_same_history() -> None:
    assert draw_progress_chart(weeks(5), NAMES) == draw_progress_chart(weeks(5), NAMES)


def test_charts_draw_in_parallel_threads() -> None:
    results: list[bytes] = []
    errors: list[BaseException] = []

    def draw(count: int) -> None:
        try:
            results.append(draw_progress_chart(weeks(count), NAMES))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=draw, args=(n,)) for n in (2, 5, 8, 12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(png_size(r) == (WIDTH_PX, HEIGHT_PX) for r in results)


def test_chart_module_never_imports_pyplot() -> None:
    tree = ast.parse(Path(chart.__file__).read_text(encoding="utf-8"))
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [f"{node.module}.{a.name}" for a in node.names]
        )
    }
    assert not any("pyplot" in name for name in imported)
