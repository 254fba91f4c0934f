"""The /progress chart: a member's weekly check-ins drawn as a PNG.

Drawn with matplotlib's object-oriented API on an Agg canvas (`Figure` + `FigureCanvasAgg`),
never through pyplot: no global figure state, so it is safe to call from worker threads
(`asyncio.to_thread`) while other charts are drawn.

Top panel: soreness 0-10 per area, one line per area, a marker on every scored week (a week the
area was not scored is skipped, the line joins its neighbours), and the ease of daily movement
as a dashed grey line. Bottom panel, when the member ever answered it: running efficiency as
markers (better = +1, same = 0, worse = -1).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date

from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.rules.checkins.parser import Efficiency
from bot.rules.checkins.trends import WeeklyCheckIn

WIDTH_PX = 800
HEIGHT_PX = 500
DPI = 100
MAX_TICKS = 12

_EFFICIENCY_STYLE = {
    Efficiency.BETTER: ("^", "#2e7d32"),
    Efficiency.SAME: ("o", "#757575"),
    Efficiency.WORSE: ("v", "#c62828"),
}


def draw_progress_chart(history: Sequence[WeeklyCheckIn], area_names: Mapping[str, str]) -> bytes:
    """A PNG of the member's check-ins, WIDTH_PX x HEIGHT_PX.

    `area_names` maps area ids to display names; its order fixes each area's colour, so pass
    every catalogue area to keep colours the same from one member's chart to the next.
    """
    check_ins = list({c.week: c for c in sorted(history, key=lambda c: c.week)}.values())
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    with_efficiency = any(c.efficiency is not None for c in check_ins)
    if with_efficiency:
        soreness_ax, efficiency_ax = figure.subplots(
            2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]}
        )
    else:
        soreness_ax, efficiency_ax = figure.subplots(), None
    figure.suptitle("Your weekly check-ins", fontsize=14, fontweight="bold")

    if not check_ins:
        soreness_ax.text(
            0.5, 0.5, "No check-ins yet", ha="center", va="center", transform=soreness_ax.transAxes
        )
    first = check_ins[0].week if check_ins else date.min
    x = {c.week: (c.week - first).days / 7 for c in check_ins}

    _draw_soreness(soreness_ax, check_ins, x, area_names)
    if efficiency_ax is not None:
        _draw_efficiency(efficiency_ax, check_ins, x)
    _week_axis(efficiency_ax or soreness_ax, check_ins, x)
    if efficiency_ax is not None:
        soreness_ax.tick_params(labelbottom=False)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _areas_in_order(check_ins: Sequence[WeeklyCheckIn], area_names: Mapping[str, str]) -> list[str]:
    seen = {area for c in check_ins for area in c.soreness}
    known = [a for a in area_names if a in seen]
    others = list(dict.fromkeys(a for c in check_ins for a in c.soreness if a not in area_names))
    return known + others


def _draw_soreness(
    ax: Axes,
    check_ins: Sequence[WeeklyCheckIn],
    x: Mapping[date, float],
    area_names: Mapping[str, str],
) -> None:
    palette = colormaps["tab10"]
    slots = {area: i for i, area in enumerate(area_names)}
    areas = _areas_in_order(check_ins, area_names)
    for n, area in enumerate(areas):
        points = [(x[c.week], c.soreness[area]) for c in check_ins if area in c.soreness]
        slot = slots.get(area, len(slots) + n)
        ax.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            marker="o",
            markersize=6,
            linewidth=2.2,
            color=palette(slot % palette.N),
            label=area_names.get(area, area.replace("_", " ").capitalize()),
        )
    moves = [(x[c.week], c.movement) for c in check_ins if c.movement is not None]
    if moves:
        ax.plot(
            [p[0] for p in moves],
            [p[1] for p in moves],
            marker="s",
            markersize=5,
            linestyle="--",
            linewidth=1.6,
            color="#424242",
            label="Ease of daily movement\n(higher is easier)",
        )
    ax.set_ylim(-0.5, 10.5)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("Soreness (0 none, 10 worst)")
    ax.grid(True, alpha=0.3)
    if areas or moves:
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=9,
            frameon=False,
            borderaxespad=0.0,
        )


def _draw_efficiency(ax: Axes, check_ins: Sequence[WeeklyCheckIn], x: Mapping[date, float]) -> None:
    for value, (marker, colour) in _EFFICIENCY_STYLE.items():
        points = [x[c.week] for c in check_ins if c.efficiency is value]
        if points:
            ax.scatter(
                points,
                [value.sign] * len(points),
                marker=marker,
                s=70,
                color=colour,
                zorder=3,
                label=value.value,
            )
    ax.axhline(0, color="#bdbdbd", linewidth=0.8, zorder=1)
    ax.set_ylim(-1.6, 1.6)
    ax.set_yticks([-1, 0, 1], ["worse", "same", "better"])
    ax.set_ylabel("Running\nefficiency")
    ax.grid(True, axis="x", alpha=0.3)


def _week_axis(ax: Axes, check_ins: Sequence[WeeklyCheckIn], x: Mapping[date, float]) -> None:
    if not check_ins:
        ax.set_xticks([])
        ax.set_xlim(-0.5, 0.5)
        return
    weeks = [c.week for c in check_ins]
    step = max(1, -(-len(weeks) // MAX_TICKS))
    shown = weeks[::step]
    labels = [
        f"{w.day}\n{w:%b}" if i == 0 or w.month != shown[i - 1].month else str(w.day)
        for i, w in enumerate(shown)
    ]
    ax.set_xticks([x[w] for w in shown], labels)
    ax.set_xlim(-0.5, x[weeks[-1]] + 0.5)
    ax.set_xlabel("Week starting")
