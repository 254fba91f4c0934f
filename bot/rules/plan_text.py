"""A routine as plain text: what the offline preview prints, and what Discord cards reuse."""

from __future__ import annotations

from bot.rules.catalogue import Catalogue, Kind
from bot.rules.routine import Routine, Side, Step


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def step_timing(step: Step) -> str:
    """ "2 x 25 s", "30 s" or "2:00", as a runner reads it."""
    if step.kind is Kind.WALK:
        return clock(step.seconds)
    if step.kind is Kind.REMINDER:
        return ""
    if step.hold_seconds is None:
        per_side = step.holds()[0].seconds
        return f"{per_side} s each side" if step.side is Side.EACH else f"{per_side} s"
    if step.side is Side.EACH:
        return f"{step.hold_seconds} s each side"
    return f"{step.hold_seconds} s"


def title(routine: Routine, catalogue: Catalogue) -> str:
    run = catalogue.rules.run[routine.run.value].label
    return f"Cooldown after your {run}: {routine.minutes} min"


def targets_line(routine: Routine, catalogue: Catalogue) -> str:
    names = ", ".join(catalogue.area_name(a).lower() for a in routine.areas)
    return f"General routine for {names}" if routine.general else f"Targets: {names}"


def format_plan(routine: Routine, catalogue: Catalogue) -> str:
    lines = [title(routine, catalogue), targets_line(routine, catalogue), ""]
    start = 0
    for number, step in enumerate(routine.steps, 1):
        if step.kind is Kind.REMINDER:
            lines.append(f"{clock(start):>6}  {step.name}: {step.how}")
            continue
        lines.append(f"{clock(start):>6}  {number:>2}. {step.name} ({step_timing(step)})")
        lines.append(f"{'':>12}{step.how}")
        lines.append(f"{'':>12}Cue: {step.cue}")
        start += step.seconds
    lines.append("")
    lines.append(
        f"Total {clock(routine.total_seconds)} of {routine.minutes}:00, "
        "getting into position and switching sides included."
    )
    lines.extend(f"Note: {note}" for note in routine.notes)
    if routine.left_out:
        lines.append("Left out:")
        lines.extend(f"  - {item.what}: {item.why}" for item in routine.left_out)
    return "\n".join(lines)
