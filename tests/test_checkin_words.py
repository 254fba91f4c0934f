"""The check-in word tables in data/ are valid, and bad tables are refused when loaded."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.rules.catalogue import default_catalogue, normalise
from bot.rules.checkins.words import CheckInWords, default_checkin_words, load_checkin_words
from bot.settings import DATA_DIR

WORDS_FILE = DATA_DIR / "checkin_words.toml"


def _raw() -> dict[str, object]:
    with WORDS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "checkin_words.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_every_entry_in_the_shipped_tables_is_valid() -> None:
    words = load_checkin_words()
    # Re-validating every table from its own dump proves each entry passes the checks,
    # not only the file as a whole.
    assert CheckInWords.model_validate(words.model_dump()) == words
    assert words == default_checkin_words()
    assert words.numbers["zero"] == 0 and words.numbers["ten"] == 10


def test_untracked_parts_are_no_area_words() -> None:
    catalogue = default_catalogue()
    area_words = {normalise(w) for a in catalogue.areas for w in (a.id, a.name, *a.aliases)}
    untracked = {w for listed in default_checkin_words().untracked.values() for w in listed}
    assert not untracked & area_words
    # Every place areas.toml points away from is reported back as untracked too.
    assert {normalise(w) for w in catalogue.nearby} <= untracked


def test_slang_from_the_issue_maps_to_areas() -> None:
    catalogue = default_catalogue()
    for typed, area in {
        "arse": "glutes",
        "glute med": "glutes",
        "ITB": "it_band",
        "achilles": "calves",
        "hammies": "hamstrings",
        "lumbar": "lower_back",
    }.items():
        assert catalogue.resolve_area(typed) == area, typed


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('better = [\n    "better",', 'better = [\n    "better", "same",', "both better and same"),
        ("six = 6", "six = 66", "less than or equal to 20"),
        ('left = ["left",', 'left = ["Left",', "should match pattern"),
        ('left = ["left",', 'left = ["left  side",', "should match pattern"),
        ('zero = ["none",', 'zero = ["none", "none",', "listed twice"),
        ("[past]", "[past]\nnever = []", "Extra inputs are not permitted"),
    ],
)
def test_bad_tables_are_refused(tmp_path: Path, old: str, new: str, problem: str) -> None:
    text = WORDS_FILE.read_text(encoding="utf-8")
    assert old in text, old
    data_dir = _write(tmp_path, text.replace(old, new, 1))
    with pytest.raises(ValidationError, match=problem):
        load_checkin_words(data_dir)


def test_the_shipped_file_is_what_was_loaded() -> None:
    raw = _raw()
    assert set(raw) == set(CheckInWords.model_fields)
