"""The routine planner against the routine rules (docs/ARCHITECTURE.md) and the article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules.catalogue import Catalogue, Kind, default_catalogue
from bot.rules.planner import PlanError, PlanRequest, plan
from bot.rules.routine import Routine, RunType, Side, Step

CATALOGUE = default_catalogue()
AREA_IDS = [a.id for a in CATALOGUE.areas]
STRETCH_IDS = [s.id for s in CATALOGUE.stretches if s.kind is Kind.STRETCH]
POSITION_RANK = {p: i for i, p in enumerate(CATALOGUE.rules.position_order)}
# What the preview's --json promises for every step.
STEP_KEYS = frozenset(
    {"id", "name", "kind", "areas", "vector", "position", "demand", "side"}
    | {"seconds", "hold_seconds", "cue", "pass"}
)


def make(
    tight: tuple[str, ...] = (),
    minutes: int = 10,
    run: RunType = RunType.EASY,
    today: tuple[str, ...] = (),
    avoid: frozenset[str] = frozenset(),
    catalogue: Catalogue = CATALOGUE,
) -> Routine:
    return plan(PlanRequest(tight, minutes, run, today, avoid), catalogue)


def stretches(routine: Routine) -> list[Step]:
    return [s for s in routine.steps if s.kind is Kind.STRETCH]


def ids(routine: Routine, pass_number: int | None = None) -> list[str]:
    return [s.id for s in routine.steps if pass_number in (None, s.pass_number)]


def vectors_for(routine: Routine, area: str) -> set[str | None]:
    return {s.vector for s in stretches(routine) if area in s.areas and s.pass_number == 1}


def target_block(routine: Routine) -> list[Step]:
    """Stretches between the opening and the upper-body/closing blocks."""
    fixed = {*CATALOGUE.rules.upper_body, *CATALOGUE.rules.finish}
    return [s for s in stretches(routine) if s.id not in fixed]


# -- rule 1: the opening ------------------------------------------------------------------


def test_walk_then_dynamic_sequence_open_a_routine_with_time_for_them() -> None:
    routine = make(("calves",), minutes=15)
    assert ids(routine)[:4] == ["easy_walk", "leg_swings", "hip_circles", "ankle_rolls"]
    walk = routine.steps[0]
    assert 120 <= walk.seconds <= 180


def test_the_walk_keeps_a_short_dynamic_sequence_when_time_is_short() -> None:
    """The article opens with the walk, then the dynamic sequence: short time shortens it."""
    tight = ("calves", "hip_flexors", "glutes")
    routine = make(tight, minutes=10, run=RunType.TEMPO)
    assert ids(routine)[:3] == ["easy_walk", "leg_swings", "ankle_rolls"]
    sequence = routine.steps[1:3]
    assert 30 <= sum(s.seconds for s in sequence) <= 40
    for step in sequence:
        assert step.kind is Kind.DYNAMIC and step.side is Side.EACH
        assert [h.seconds for h in step.holds()] == [5, 5]
    assert any("kept short" in note for note in routine.notes)
    # It takes the time of what comes after it in value, never of the areas' own pairs.
    for area in tight:
        assert len(vectors_for(routine, area)) >= 2, area
    assert any(item.what.startswith("Seated hamstring hinge") for item in routine.left_out)
    assert routine.total_seconds <= 10 * 60


def test_the_short_movements_grow_to_their_full_length_when_time_allows() -> None:
    routine = make(("calves",), minutes=15)
    by_id = {s.id: s for s in routine.steps}
    for movement in ("leg_swings", "hip_circles", "ankle_rolls"):
        full = CATALOGUE.stretch(movement).dynamic_seconds
        assert {h.seconds for h in by_id[movement].holds()} == {full}, movement
    assert not any("kept short" in note for note in routine.notes)


def test_the_walk_goes_with_its_short_sequence_when_both_do_not_fit() -> None:
    routine = make(("calves", "glutes"), minutes=8)
    assert ids(routine)[:3] == ["leg_swings", "hip_circles", "ankle_rolls"]
    walk_note = [item for item in routine.left_out if item.what == "Easy walk"]
    assert walk_note and "on your way back" in walk_note[0].why


def test_a_member_who_avoids_leg_swings_keeps_ankle_rolls_after_the_walk() -> None:
    tight = ("calves", "hip_flexors", "glutes")
    routine = make(tight, minutes=10, run=RunType.TEMPO, avoid=frozenset({"leg_swings"}))
    assert ids(routine)[:2] == ["easy_walk", "ankle_rolls"]
    everything = make(tight, 10, RunType.TEMPO, avoid=frozenset({"leg_swings", "ankle_rolls"}))
    assert ids(everything)[0] == "easy_walk"
    assert not {"leg_swings", "ankle_rolls"} & set(ids(everything))


def test_short_routine_drops_the_walk_and_says_why() -> None:
    routine = make(("calves", "hip_flexors", "glutes", "hamstrings"), minutes=5)
    assert "easy_walk" not in ids(routine)
    walk_note = [item for item in routine.left_out if item.what.startswith("Easy walk")]
    assert walk_note and "on your way back" in walk_note[0].why


# -- rule 2: three or four areas, two stretches each on different vectors ------------------


def test_each_targeted_area_gets_two_stretches_on_different_vectors() -> None:
    routine = make(("calves", "hip_flexors", "glutes"), minutes=12)
    for area in ("calves", "hip_flexors", "glutes"):
        assert len(vectors_for(routine, area)) >= 2, area


def test_article_pairs_for_calves_and_hip_flexors() -> None:
    routine = make(("calves", "hip_flexors"), minutes=12)
    assert {"wall_calf_stretch", "seated_plantar_fascia_stretch"} <= set(ids(routine))
    assert {"kneeling_lunge", "standing_hip_opener"} <= set(ids(routine))


def test_only_the_four_tightest_areas_are_targeted() -> None:
    tight = ("calves", "hip_flexors", "glutes", "hamstrings", "neck")
    routine = make(tight, minutes=30)
    assert routine.areas == tight[:4]
    assert any(item.what == "Neck" for item in routine.left_out)


def test_todays_areas_come_before_the_stored_ones() -> None:
    routine = make(("calves", "hip_flexors", "glutes", "hamstrings"), minutes=5, today=("neck",))
    assert routine.areas[0] == "neck"
    assert "neck" in {a for s in stretches(routine) for a in s.areas}
    assert any(item.what.startswith("Hamstrings") for item in routine.left_out)


def test_a_member_without_areas_gets_the_general_routine() -> None:
    routine = make((), minutes=10)
    assert routine.general
    assert routine.areas == tuple(CATALOGUE.general_areas)
    assert any("/tight add" in note for note in routine.notes)


# -- rule 3: holds, per side, cues ---------------------------------------------------------


def test_holds_sit_between_20_and_30_seconds_with_a_cue() -> None:
    for minutes in (3, 10, 45):
        for step in stretches(make(("glutes", "calves"), minutes=minutes)):
            assert step.hold_seconds is not None and 20 <= step.hold_seconds <= 30
            assert step.cue


def test_one_sided_stretches_count_both_sides_and_the_switch() -> None:
    routine = make(("calves",), minutes=10)
    wall = next(s for s in routine.steps if s.id == "wall_calf_stretch")
    assert wall.side is Side.EACH
    assert wall.hold_seconds is not None
    assert wall.seconds == wall.transition_seconds + 2 * wall.hold_seconds + wall.switch_seconds
    assert wall.switch_seconds > 0
    assert [h.side for h in wall.holds()] == [Side.LEFT, Side.RIGHT]
    hinge = next(s for s in make(("hamstrings",)).steps if s.id == "seated_hamstring_hinge")
    assert hinge.side is None and len(hinge.holds()) == 1


# -- rule 4: order by position and demand -------------------------------------------------


def test_targeted_stretches_are_grouped_by_position_from_standing_to_floor() -> None:
    routine = make(("glutes", "hip_flexors", "calves", "hamstrings"), minutes=20)
    ranks = [POSITION_RANK[s.position] for s in target_block(routine)]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) > 2


def test_within_a_position_pass_one_goes_from_gentle_to_deep() -> None:
    routine = make(("glutes", "hip_flexors", "calves", "hamstrings"), minutes=25)
    block = [s for s in target_block(routine) if s.pass_number == 1]
    for position in POSITION_RANK:
        demands = [s.demand for s in block if s.position == position]
        assert demands == sorted(demands), position


# -- rule 5: second pass -------------------------------------------------------------------


def test_second_pass_uses_the_seeds_variation_when_time_allows() -> None:
    routine = make(("hip_flexors",), minutes=15)
    second = [s for s in routine.steps if s.pass_number == 2]
    assert {s.id for s in second} == {"kneeling_lunge", "standing_hip_opener"}
    lunge = next(s for s in second if s.id == "kneeling_lunge")
    assert "wider" in lunge.cue and "psoas" in lunge.cue


def test_no_second_pass_in_a_short_routine() -> None:
    routine = make(("calves", "hip_flexors", "glutes"), minutes=8)
    assert all(s.pass_number == 1 for s in routine.steps)
    assert any(item.what.startswith("Second pass") for item in routine.left_out)


# -- rule 6: run types ---------------------------------------------------------------------


# After a race the walk takes its full three minutes before its short dynamic sequence: one
# more minute makes room for both favoured stretches.
@pytest.mark.parametrize(
    ("run", "minutes"), [(RunType.TEMPO, 10), (RunType.INTERVALS, 10), (RunType.RACE, 11)]
)
def test_hard_runs_favour_the_hamstring_hinge_and_figure_four(run: RunType, minutes: int) -> None:
    routine = make(("calves", "hip_flexors"), minutes=minutes, run=run)
    assert {"seated_hamstring_hinge", "figure_four"} <= set(ids(routine))
    easy = make(("calves", "hip_flexors"), minutes=10, run=RunType.EASY)
    assert "figure_four" not in ids(easy)


def test_figure_four_is_the_glute_stretch_of_choice_after_intervals() -> None:
    routine = make(("glutes",), minutes=6, run=RunType.INTERVALS)
    assert "figure_four" in ids(routine)


def test_long_runs_get_the_full_three_minute_walk() -> None:
    easy = make(("calves", "glutes"), minutes=12, run=RunType.EASY)
    long = make(("calves", "glutes"), minutes=12, run=RunType.LONG)
    assert long.steps[0].id == "easy_walk" and long.steps[0].seconds == 180
    assert easy.steps[0].seconds < long.steps[0].seconds


# -- rule 7: upper body, closing pair, reminder --------------------------------------------


def test_upper_body_then_quad_and_calf_then_the_reminder_close_it() -> None:
    routine = make(("glutes",), minutes=15)
    tail = ids(routine)[-5:]
    assert tail == [
        "cross_body_shoulder",
        "neck_release",
        "standing_quad_stretch",
        "standing_calf_stretch",
        "hydrate_and_refuel",
    ]
    assert "hydration" in routine.steps[-1].cue or "water" in routine.steps[-1].how.lower()


def test_a_targeted_quad_is_not_repeated_beside_the_closing_quad_stretch() -> None:
    routine = make(("quads",), minutes=15)
    assert ids(routine, 1).count("standing_quad_stretch") == 1
    assert len(vectors_for(routine, "quads")) >= 2


# -- rule 8: avoided stretches ----------------------------------------------------------


def test_an_avoided_stretch_is_replaced_for_the_same_area() -> None:
    routine = make(("hip_flexors",), minutes=10, avoid=frozenset({"kneeling_lunge"}))
    assert "kneeling_lunge" not in ids(routine)
    assert "standing_hip_flexor_lunge" in ids(routine)
    assert len(vectors_for(routine, "hip_flexors")) >= 2
    assert any("kneeling hip-flexor lunge" in note for note in routine.notes)


def test_avoiding_a_closing_stretch_uses_its_alternative() -> None:
    routine = make(("glutes",), minutes=10, avoid=frozenset({"standing_quad_stretch"}))
    assert "standing_quad_stretch" not in ids(routine)
    assert ids(routine)[-3:] == [
        "side_lying_quad_stretch",
        "standing_calf_stretch",
        "hydrate_and_refuel",
    ]


# -- rule 9: the budget --------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [3, 4, 5, 8, 10, 15, 20, 30, 60])
def test_never_past_the_minutes_asked_for(minutes: int) -> None:
    routine = make(("calves", "hip_flexors", "glutes", "lower_back"), minutes=minutes)
    assert routine.total_seconds <= minutes * 60


def test_short_time_keeps_the_most_important_area_whole() -> None:
    routine = make(("glutes", "calves", "hip_flexors", "hamstrings"), minutes=5)
    assert len(vectors_for(routine, "glutes")) >= 2
    dropped = " ".join(item.what for item in routine.left_out)
    assert "Hamstrings" in dropped


@pytest.mark.parametrize("minutes", [6, 8, 10, 12, 15])
def test_the_time_given_is_used(minutes: int) -> None:
    routine = make(("calves", "glutes"), minutes=minutes)
    assert minutes * 60 - routine.total_seconds < 30


def test_transitions_are_counted_when_changing_position() -> None:
    routine = make(("glutes", "calves"), minutes=15)
    previous = None
    for step in routine.steps:
        if step.kind in (Kind.STRETCH, Kind.DYNAMIC) and previous is not None:
            expected = 15 if step.position != previous else 5
            assert step.transition_seconds == expected, step.id
        if step.kind is not Kind.REMINDER:
            previous = step.position


def test_minutes_outside_3_to_60_are_refused() -> None:
    for minutes in (0, 2, 61):
        with pytest.raises(PlanError):
            make(("calves",), minutes=minutes)


def test_unknown_area_ids_are_refused() -> None:
    with pytest.raises(PlanError):
        make(("shins",))


# -- properties over random inputs ---------------------------------------------------------

requests = st.builds(
    PlanRequest,
    tight=st.lists(st.sampled_from(AREA_IDS), max_size=6, unique=True).map(tuple),
    minutes=st.integers(min_value=3, max_value=60),
    run=st.sampled_from(list(RunType)),
    today=st.lists(st.sampled_from(AREA_IDS), max_size=2, unique=True).map(tuple),
    avoid=st.frozensets(st.sampled_from(STRETCH_IDS), max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(requests)
def test_properties_of_every_routine(request: PlanRequest) -> None:
    routine = plan(request, CATALOGUE)
    budget = request.minutes * 60
    steps = routine.steps
    assert routine.total_seconds <= budget
    assert sum(s.seconds for s in steps) == routine.total_seconds

    for step in stretches(routine):
        assert step.hold_seconds is not None and 20 <= step.hold_seconds <= 30
        assert step.id not in request.avoid

    # The opening, when present, opens; with a budget that has room for it, it is there;
    # when it is missing the member is told.
    kinds = [s.kind for s in steps]
    if Kind.WALK in kinds:
        assert kinds[0] is Kind.WALK
    elif "easy_walk" not in request.avoid:
        # After a long run or a race the walk takes its full 3 minutes, before its short
        # dynamic sequence: a minute more before it is always there.
        long_walk = CATALOGUE.rules.run[request.run.value].long_walk
        assert request.minutes < (13 if long_walk else 12)
        assert any(item.what.startswith("Easy walk") for item in routine.left_out)
    # The walk never comes without the short dynamic sequence the member does not avoid.
    if Kind.WALK in kinds:
        assert set(CATALOGUE.rules.short_dynamic) - request.avoid <= {s.id for s in steps}
    dynamic_at = [i for i, k in enumerate(kinds) if k is Kind.DYNAMIC]
    if dynamic_at:
        assert dynamic_at == list(range(dynamic_at[0], dynamic_at[0] + len(dynamic_at)))
        assert dynamic_at[0] == (1 if Kind.WALK in kinds else 0)
    opening = {"leg_swings", "hip_circles", "ankle_rolls"} - request.avoid
    if request.minutes >= 16:
        assert opening <= {s.id for s in steps}

    # Quad and calf close it, then the reminder.
    assert steps[-1].kind is Kind.REMINDER
    last_two = stretches(routine)[-2:]
    if all(s.id not in request.avoid for s in CATALOGUE.stretches_for("calves")[:1]) or any(
        s.id not in request.avoid for s in CATALOGUE.stretches_for("calves")
    ):
        assert "quads" in last_two[0].areas and "calves" in last_two[1].areas

    # No second pass while a chosen area that could have two vectors lacks them.
    if any(s.pass_number == 2 for s in steps):
        for area in routine.areas:
            usable = {s.vector for s in CATALOGUE.stretches_for(area) if s.id not in request.avoid}
            assert len(vectors_for(routine, area)) >= min(2, len(usable)), area

    # Avoided stretches never appear, and their area is still served.
    for area in routine.areas:
        usable = [s for s in CATALOGUE.stretches_for(area) if s.id not in request.avoid]
        if usable and any(area in s.areas for s in stretches(routine)):
            assert all(s.id not in request.avoid for s in stretches(routine))

    # Deterministic: the same input gives the same routine.
    assert plan(request, CATALOGUE) == routine


@settings(max_examples=100, deadline=None)
@given(requests)
def test_the_first_area_is_always_served(request: PlanRequest) -> None:
    routine = plan(request, CATALOGUE)
    first = routine.areas[0]
    usable = [s for s in CATALOGUE.stretches_for(first) if s.id not in request.avoid]
    if usable:
        assert any(first in s.areas for s in stretches(routine))


def test_json_shape_matches_the_contract() -> None:
    data = make(("calves",), minutes=10, run=RunType.TEMPO).to_dict()
    assert {"steps", "total_seconds", "minutes", "left_out"} <= set(data)
    for step in data["steps"]:
        assert set(step) >= STEP_KEYS
        assert step["kind"] in {"walk", "dynamic", "stretch", "reminder"}
        assert step["side"] in {None, "left", "right", "each"}
        assert step["pass"] in {1, 2}
    assert data["total_seconds"] == sum(s["seconds"] for s in data["steps"])


# -- check-in emphasis ---------------------------------------------------------------------


def test_a_settled_area_gets_one_stretch_and_a_sore_one_its_second_pass_first() -> None:
    tight = ("calves", "glutes", "hip_flexors")
    plain = plan(PlanRequest(tight=tight, minutes=16), CATALOGUE)
    weighted = plan(
        PlanRequest(tight=tight, minutes=16, emphasis={"calves": 0.5, "hip_flexors": 1.5}),
        CATALOGUE,
    )

    def calf_picks(routine: Routine) -> list[str]:
        return [s.id for s in target_block(routine) if "calves" in s.areas and s.pass_number == 1]

    assert len(calf_picks(plain)) == 2
    assert len(calf_picks(weighted)) == 1
    assert any("settled" in note for note in weighted.notes)
    second = {s.id for s in weighted.steps if s.pass_number == 2}
    assert {"kneeling_lunge", "standing_hip_opener"} <= second
    assert "wall_calf_stretch" not in second
    assert weighted.total_seconds <= 16 * 60


def test_sore_areas_get_the_longer_holds_first() -> None:
    request = PlanRequest(tight=("calves", "glutes"), minutes=9, emphasis={"glutes": 1.5})
    routine = plan(request, CATALOGUE)
    glute_holds = [s.hold_seconds for s in stretches(routine) if "glutes" in s.areas]
    calf_holds = [
        s.hold_seconds
        for s in stretches(routine)
        if s.areas == ("calves",) and s.id != "standing_calf_stretch"
    ]
    assert min(h or 0 for h in glute_holds) >= max(h or 0 for h in calf_holds)


def test_spare_minutes_go_to_the_usual_culprits_and_say_so() -> None:
    routine = make(("glutes",), minutes=20)
    assert routine.areas == ("glutes",)
    assert any("usual culprits" in note and "calves" in note for note in routine.notes)
    assert {"wall_calf_stretch", "seated_plantar_fascia_stretch"} <= set(ids(routine))
    assert 20 * 60 - routine.total_seconds < 30
