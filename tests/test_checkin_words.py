"""The check-in word tables in data/ are valid, and bad tables are refused when loaded."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.rules.catalogue import default_catalogue, normalise
from bot.rules.checkins.parser import parse_reply
from bot.rules.checkins.reading.words import AREA_OPENING_A_SCORE
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
    area_words = {
        normalise(w) for a in catalogue.areas for w in (a.id, a.name, *a.aliases, *a.translations)
    }
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
        ('left = ["left",', 'left = ["Left",', "never read: keep it as 'left'"),
        # A word of another language kept with its accents would never be met.
        ('"mejor", "melhor"', '"mejor", "mélhor"', "never read: keep it as 'melhor'"),
        ('"lepiej",', '"lepiej", "lepiej!",', "should match pattern"),
        ('"lepiej",', '"lepiej", "besser",', "listed twice in better"),
        ('"lepiej",', '"lepiej", "worse",', "both better and worse"),
        ('"ruch",', '"ruch", "worse",', "both movement and worse"),
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


def test_words_of_other_languages_are_no_words_of_the_english_tables() -> None:
    """A word of another language that is also a word the tables know in English (or an area
    word) would give that word a second meaning: none is both."""
    words = default_checkin_words()
    catalogue = default_catalogue()
    translated = {w for listed in words.translations.model_dump().values() for w in listed}
    translated |= {w for listed in words.in_context.model_dump().values() for w in listed}
    translated |= {w for area in catalogue.areas for w in area.translations}
    english: set[str] = set(words.numbers)
    for name, table in words.model_dump().items():
        if name in ("translations", "in_context", "numbers"):
            continue
        for key, value in table.items():
            if key == "unclear":  # where the hip and the back of every language go
                continue
            if isinstance(value, (list, tuple)):
                english |= {w for w in value if isinstance(w, str)}
            elif isinstance(value, dict):
                english |= set(value)
    aliases = {normalise(w) for a in catalogue.areas for w in (a.id, a.name, *a.aliases)}
    assert not translated & (english | aliases)
    # False friends kept out: words of English ("pie", "rug", "bein") or with another meaning
    # in another of the languages ("mano", "bras", "sama", "vai", "hal", "po"), as area words
    # or translations ("dos" is the Spanish number and Portuguese "of the").
    false_friends = ("mano", "pie", "bein", "rug", "bras", "dos", "sama", "hal", "vai", "po")
    for false_friend in false_friends:
        assert false_friend not in translated | aliases, false_friend
    # Numbers that are another language's everyday word: Welsh "dau" (two) is Vietnamese "đau"
    # (sore) without its stroke and Romanian "I give".
    for false_friend in ("dau",):
        assert false_friend not in words.numbers, false_friend
    # The French back, the German bum and the Greek "μέση" (also "middle") are read in the
    # parser alone, opening their clause with a bare score that closes it ("dos 3/10", "Po 3",
    # "μέση 4"); no other false friend is read so, and none of them is in the tables.
    assert set(AREA_OPENING_A_SCORE) == {"dos", "po", "μεση"}
    assert not set(AREA_OPENING_A_SCORE) & (translated | aliases)


def test_a_hip_or_a_back_of_another_language_could_be_two_areas() -> None:
    """Where a word names the hip or the back it goes where "hips" and "back" go."""
    unclear = default_checkin_words().areas.unclear
    for hip in ("cadera", "hanche", "hufte", "heup", "biodro", "kalca", "pinggul", "股関節"):
        assert unclear[hip] == unclear["hips"] == ("hip_flexors", "it_band", "glutes"), hip
    for back in ("plecy", "спина", "punggung", "likod", "背中", "mgongo", "πλατη"):
        assert unclear[back] == ("lower_back", "shoulders"), back


def test_every_translation_of_an_area_is_read_as_that_area() -> None:
    """Each of the areas' words in members' first languages, scored on its own, is that area's
    score: none is lost to the tokenizer (a script split inside a word, a mark dropped), taken
    for another word, or read as a count."""
    catalogue = default_catalogue()
    misread = [
        (word, area.id)
        for area in catalogue.areas
        for word in area.translations
        if parse_reply(f"{word} 3", catalogue, [area.id]).soreness != {area.id: 3}
    ]
    assert misread == []


def test_every_number_word_scores_an_area_as_its_number() -> None:
    """Each number in words, of English or of a member's first language, said right after an
    area, is that area's score (those past ten are refused: asked about)."""
    catalogue = default_catalogue()
    words = default_checkin_words()
    misread = [
        (word, value)
        for word, value in (*words.numbers.items(), *words.in_context.numbers.items())
        if value <= 10
        and parse_reply(f"calves {word}", catalogue, ["calves"]).soreness != {"calves": value}
    ]
    assert misread == []


def test_a_number_word_of_another_language_before_other_words_is_no_score() -> None:
    """ "listovi sedam dana", "polpacci dieci minuti": a count, read only where a score
    would stand."""
    catalogue = default_catalogue()
    misread = [
        word
        for word in default_checkin_words().in_context.numbers
        if parse_reply(
            f"calves 3, glutes {word} dana odmora", catalogue, ["calves", "glutes"]
        ).soreness.get("glutes")
        is not None
    ]
    assert misread == []


def test_every_verdict_of_another_language_is_read_as_its_verdict() -> None:
    catalogue = default_catalogue()
    words = default_checkin_words()
    misread = [
        (phrase, verdict)
        for verdict in ("better", "same", "worse")
        for table in (words.translations, words.in_context)
        for phrase in getattr(table, verdict)
        if (read := parse_reply(f"calves 3, efficiency {phrase}", catalogue, ["calves"])).efficiency
        is None
        or read.efficiency.value != verdict
    ]
    assert misread == []


def test_every_movement_and_everything_of_another_language_takes_its_score() -> None:
    catalogue = default_catalogue()
    words = default_checkin_words()
    moved = [
        word
        for word in (*words.translations.movement, *words.in_context.movement)
        if parse_reply(f"calves 3, {word} 7", catalogue, ["calves"]).movement != 7
    ]
    everything = [
        word
        for word in (*words.translations.everything, *words.in_context.everything)
        if parse_reply(f"{word} 2", catalogue, ["calves", "quads"]).soreness
        != {"calves": 2, "quads": 2}
    ]
    assert (moved, everything) == ([], [])


def test_every_short_area_word_opening_a_score_is_read_only_so() -> None:
    """Each short area word of a first language is its area's score opening its clause, from
    a member asked about that area, and nothing from one who was not (nor before a unit)."""
    catalogue = default_catalogue()
    guarded = default_checkin_words().areas.opening_a_score
    others = {
        area: next(a.id for a in catalogue.areas if a.id != area) for area in guarded.values()
    }
    misread = [
        word
        for word, area in guarded.items()
        if parse_reply(f"{word} 3", catalogue, [area]).soreness != {area: 3}
        or area in parse_reply(f"{word} 3", catalogue, [others[area]]).soreness
        or parse_reply(f"{word} 3 km", catalogue, [area]).soreness
    ]
    assert misread == []


def test_every_running_word_of_another_language_takes_the_verdict_beside_it() -> None:
    """Each running word of a first language with a verdict right after it is the running's
    verdict, and alone says nothing of the running."""
    catalogue = default_catalogue()
    running = default_checkin_words().in_context.running
    misread = [
        word
        for word in running
        if parse_reply(f"calves 3, movement 8. {word} worse", catalogue, ["calves"]).efficiency
        is None
        or parse_reply(f"calves 3, movement 8. {word} 5 km", catalogue, ["calves"]).efficiency
        is not None
    ]
    assert misread == []


def test_every_word_between_a_score_and_its_scale_reads_the_score() -> None:
    """ "movement 6 из 10": each first language's "out of" between a score and a ten."""
    catalogue = default_catalogue()
    scale_of = default_checkin_words().in_context.out_of
    misread = [
        word
        for word in scale_of
        if parse_reply(f"calves 3, dvizenje 6 {word} 10", catalogue, ["calves"]).movement != 6
    ]
    assert misread == []
