"""The stretch catalogue in data/ is valid, complete against the article, and forgiving."""

from __future__ import annotations

import itertools
import shutil
import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.rules.catalogue import (
    Catalogue,
    Kind,
    UnknownArea,
    default_catalogue,
    load_catalogue,
)
from bot.settings import DATA_DIR

ARTICLE_STRETCHES = {
    "easy_walk": Kind.WALK,
    "leg_swings": Kind.DYNAMIC,
    "hip_circles": Kind.DYNAMIC,
    "ankle_rolls": Kind.DYNAMIC,
    "wall_calf_stretch": Kind.STRETCH,
    "seated_plantar_fascia_stretch": Kind.STRETCH,
    "kneeling_lunge": Kind.STRETCH,
    "standing_hip_opener": Kind.STRETCH,
    "seated_hamstring_hinge": Kind.STRETCH,
    "figure_four": Kind.STRETCH,
    "supported_seated_twist": Kind.STRETCH,
    "seated_spinal_stretch": Kind.STRETCH,
    "rotational_hip_stretch": Kind.STRETCH,
    "side_lunge": Kind.STRETCH,
    "adductor_stretch": Kind.STRETCH,
    "cross_body_shoulder": Kind.STRETCH,
    "neck_release": Kind.STRETCH,
    "standing_quad_stretch": Kind.STRETCH,
    "standing_calf_stretch": Kind.STRETCH,
    "hydrate_and_refuel": Kind.REMINDER,
}

AREAS = {
    "calves",
    "hip_flexors",
    "hamstrings",
    "glutes",
    "lower_back",
    "it_band",
    "adductors",
    "quads",
    "shoulders",
    "neck",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_every_raw_entry_validates_on_its_own() -> None:
    from bot.rules.catalogue import Area, Stretch

    raw = tomllib.loads((DATA_DIR / "stretches.toml").read_text())
    for entry in raw["stretch"]:
        Stretch.model_validate(entry)
    for entry in tomllib.loads((DATA_DIR / "areas.toml").read_text())["area"]:
        Area.model_validate(entry)


def test_every_reference_resolves(catalogue: Catalogue) -> None:
    area_ids = {a.id for a in catalogue.areas}
    stretch_ids = {s.id for s in catalogue.stretches}
    assert area_ids >= AREAS
    for stretch in catalogue.stretches:
        assert set(stretch.areas) <= area_ids, stretch.id
        assert set(stretch.alternatives) <= stretch_ids, stretch.id
    rules = catalogue.rules
    named = {rules.walk, rules.reminder, *rules.dynamic, *rules.upper_body, *rules.finish}
    named |= {sid for run in rules.run.values() for sid in run.favour}
    assert named <= stretch_ids


def test_every_stretch_the_article_names_is_there_and_cites_it(catalogue: Catalogue) -> None:
    for stretch_id, kind in ARTICLE_STRETCHES.items():
        stretch = catalogue.stretch(stretch_id)
        assert stretch.kind is kind
        assert stretch.source == "article"
        assert stretch.quote
    added = [s for s in catalogue.stretches if s.id not in ARTICLE_STRETCHES]
    assert added and all(s.source == "added" for s in added)


def test_stretches_carry_everything_a_hold_needs(catalogue: Catalogue) -> None:
    for stretch in catalogue.stretches:
        if stretch.kind is not Kind.STRETCH:
            continue
        low, high = stretch.hold_range
        assert 20 <= low <= high <= 30, stretch.id
        assert stretch.cue and stretch.how and stretch.second_pass and stretch.vector


def test_every_area_keeps_two_vectors_after_any_one_stretch_is_avoided(
    catalogue: Catalogue,
) -> None:
    for area in AREAS:
        pool = catalogue.stretches_for(area)
        for avoided in pool:
            vectors = {s.vector for s in pool if s.id != avoided.id}
            assert len(vectors) >= 2, f"{area} without {avoided.id}: {vectors}"


def test_the_article_pairs_come_first_for_their_areas(catalogue: Catalogue) -> None:
    calves = [s.id for s in catalogue.stretches_for("calves")][:2]
    hips = [s.id for s in catalogue.stretches_for("hip_flexors")][:2]
    assert calves == ["wall_calf_stretch", "seated_plantar_fascia_stretch"]
    assert hips == ["kneeling_lunge", "standing_hip_opener"]


@pytest.mark.parametrize(
    ("typed", "area"),
    [
        ("hammies", "hamstrings"),
        ("Hamstring", "hamstrings"),
        ("hip flexor", "hip_flexors"),
        ("hip-flexors", "hip_flexors"),
        ("hips", "hip_flexors"),
        ("itb", "it_band"),
        ("IT band", "it_band"),
        ("IT-Band", "it_band"),
        ("inner thigh", "adductors"),
        ("groin", "adductors"),
        ("adductors", "adductors"),
        ("low back", "lower_back"),
        ("lower-back", "lower_back"),
        ("Lower Back", "lower_back"),
        ("lower_back", "lower_back"),
        ("calf", "calves"),
        ("CALVES", "calves"),
        ("quad", "quads"),
        ("traps", "shoulders"),
        ("glute", "glutes"),
        ("  neck ", "neck"),
    ],
)
def test_aliases_runners_type_resolve(catalogue: Catalogue, typed: str, area: str) -> None:
    assert catalogue.resolve_area(typed) == area


@pytest.mark.parametrize(
    ("typed", "area"),
    [("pantorrilla", "calves"), ("Oberschenkel", "quads"), ("шея", "neck"), ("小腿", "calves")],
)
def test_words_of_other_languages_resolve(catalogue: Catalogue, typed: str, area: str) -> None:
    assert catalogue.resolve_area(typed) == area


@pytest.mark.parametrize(
    ("needle", "replacement", "complaint"),
    [
        # Kept with its accents, a word would never be met in a reply (read without them).
        ('"pantorrilla",', '"pantorríllà",', "keep it as 'pantorrilla'"),
        ('aliases = ["calf",', 'aliases = ["cálf",', "keep it as 'calf'"),
        # A word of another language may name one area only.
        (
            '"pantorrilla",',
            '"pantorrilla", "neck",',
            "translation 'neck' of calves is a word of neck",
        ),
    ],
)
def test_a_badly_kept_area_word_is_refused(
    tmp_path: Path, needle: str, replacement: str, complaint: str
) -> None:
    data = _copy_data(tmp_path)
    path = data / "areas.toml"
    text = path.read_text(encoding="utf-8")
    assert needle in text
    path.write_text(text.replace(needle, replacement, 1), encoding="utf-8")
    with pytest.raises(ValidationError, match=complaint):
        load_catalogue(data)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("shins", "calves"), ("glutse", "glutes"), ("hamstirngs", "hamstrings"), ("calfs", "calves")],
)
def test_typos_and_uncovered_areas(catalogue: Catalogue, typed: str, expected: str) -> None:
    if typed == "calfs":
        assert catalogue.resolve_area(typed) == expected
        return
    with pytest.raises(UnknownArea) as refused:
        catalogue.resolve_area(typed)
    assert expected in refused.value.suggestions


def test_an_area_far_from_anything_still_gets_suggestions(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownArea) as refused:
        catalogue.resolve_area("elbows")
    assert refused.value.suggestions
    assert set(refused.value.suggestions) <= AREAS


def test_autocomplete_finds_areas_by_any_word(catalogue: Catalogue) -> None:
    assert "hamstrings" in catalogue.search_areas("ham")
    assert "it_band" in catalogue.search_areas("it b")
    assert set(catalogue.search_areas("")) == AREAS


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.sqlite3*"))
    return target


@pytest.mark.parametrize(
    ("needle", "replacement", "complaint"),
    [
        ('alternatives = ["standing_hip_flexor_lunge"]', 'alternatives = ["no_such"]', "no_such"),
        ("hold = [20, 30]", "hold = [10, 30]", "20-30"),
        ('areas = ["calves"]', 'areas = ["shins"]', "shins"),
        ('position = "seated"', 'position = "upside_down"', "position"),
    ],
)
def test_a_broken_catalogue_is_refused_at_load(
    tmp_path: Path, needle: str, replacement: str, complaint: str
) -> None:
    data = _copy_data(tmp_path)
    path = data / "stretches.toml"
    text = path.read_text()
    assert needle in text
    path.write_text(text.replace(needle, replacement, 1))
    with pytest.raises(ValidationError, match=complaint):
        load_catalogue(data)


@pytest.mark.parametrize(
    ("replacement", "complaint"),
    [
        ("short_dynamic = { hip_circles = 20 }", "shorter than in full"),
        ("short_dynamic = { wall_calf_stretch = 5 }", "not in the dynamic sequence"),
    ],
)
def test_a_short_dynamic_sequence_shortens_movements_of_the_sequence(
    tmp_path: Path, replacement: str, complaint: str
) -> None:
    data = _copy_data(tmp_path)
    path = data / "routine.toml"
    text = path.read_text()
    needle = "short_dynamic = { leg_swings = 5, ankle_rolls = 5 }"
    assert needle in text
    path.write_text(text.replace(needle, replacement))
    with pytest.raises(ValidationError, match=complaint):
        load_catalogue(data)


def test_default_catalogue_is_loaded_once() -> None:
    assert default_catalogue() is default_catalogue()


def test_no_two_entries_share_an_id(catalogue: Catalogue) -> None:
    ids = [s.id for s in catalogue.stretches]
    assert len(ids) == len(set(ids))
    for a, b in itertools.combinations(catalogue.areas, 2):
        assert a.id != b.id
