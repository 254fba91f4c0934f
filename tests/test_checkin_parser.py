"""The check-in reply parser against a corpus of real-looking replies, and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rules.catalogue import default_catalogue
from bot.rules.checkins.parser import MAX_REPLY_CHARS, Efficiency, ParsedCheckIn, parse_reply
from tests.checkin_corpus import CORPUS, Case

CATALOGUE = default_catalogue()
AREA_IDS = [a.id for a in CATALOGUE.areas]
FIELDS = (
    "soreness",
    "movement",
    "efficiency",
    "note",
    "unread",
    "missing",
    "untracked",
    "is_checkin",
)
ACCURACY_FLOOR = 0.95


def parse(case: Case) -> ParsedCheckIn:
    return parse_reply(case.text, CATALOGUE, case.expected_areas)


def field_results(case: Case) -> dict[str, bool]:
    got = parse(case)
    return {name: getattr(got, name) == getattr(case, name) for name in FIELDS}


def _case_params() -> list[object]:
    return [
        pytest.param(
            case,
            id=f"{i:02d}-{case.text[:40]!r}",
            marks=[pytest.mark.xfail(reason=case.known_miss, strict=True)]
            if case.known_miss
            else [],
        )
        for i, case in enumerate(CORPUS)
    ]


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 60
    assert len({c.text for c in CORPUS}) == len(CORPUS)
    assert sum(bool(c.unread) for c in CORPUS) >= 10
    assert sum(c.efficiency is not None for c in CORPUS) >= 15
    assert sum(c.note is not None for c in CORPUS) >= 10


@pytest.mark.parametrize("case", _case_params())
def test_corpus_reply(case: Case) -> None:
    got = parse(case)
    expected = {name: getattr(case, name) for name in FIELDS}
    assert {name: getattr(got, name) for name in FIELDS} == expected


def test_field_level_accuracy_over_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    results = [field_results(case) for case in CORPUS]
    right = sum(sum(r.values()) for r in results)
    total = sum(len(r) for r in results)
    whole = sum(all(r.values()) for r in results)
    accuracy = right / total
    with capsys.disabled():
        print(
            f"\ncheck-in corpus: {accuracy:.1%} of fields right ({right}/{total}), "
            f"{whole}/{len(CORPUS)} replies entirely right"
        )
    assert accuracy >= ACCURACY_FLOOR


# -- specific rules ------------------------------------------------------------------------


def test_half_points_round_up_and_other_decimals_to_nearest() -> None:
    assert parse_reply("calves 4.5", CATALOGUE).soreness == {"calves": 5}
    assert parse_reply("calves 6.5", CATALOGUE).soreness == {"calves": 7}
    assert parse_reply("calves 6.4", CATALOGUE).soreness == {"calves": 6}
    assert parse_reply("calves 9.6", CATALOGUE).soreness == {"calves": 10}
    assert parse_reply("calves 10.2", CATALOGUE).unread == ("calves 10.2",)


def test_typos_are_matched_only_when_one_area_is_clearly_closest() -> None:
    assert parse_reply("glutse 5", CATALOGUE).soreness == {"glutes": 5}
    assert parse_reply("hamstirngs 7", CATALOGUE).soreness == {"hamstrings": 7}
    # Short words are never guessed, nor words far from every area: a score for them is asked
    # about. Places the bot does not stretch are named back; a distance is training talk.
    for text in ("quds 4", "shoes 3", "stairs 7"):
        parsed = parse_reply(text, CATALOGUE)
        assert parsed.soreness == {}, text
        assert parsed.unread == (text,), text
    for text, part in (("shins 4", "shins"), ("ankle 5", "ankles")):
        parsed = parse_reply(text, CATALOGUE)
        assert (parsed.soreness, parsed.unread, parsed.untracked) == ({}, (), (part,)), text
    miles = parse_reply("miles 30", CATALOGUE)
    assert (miles.soreness, miles.unread, miles.note) == ({}, (), "miles 30")


def test_a_typo_is_only_read_next_to_a_score() -> None:
    parsed = parse_reply("glutse were fine", CATALOGUE, ("glutes",))
    assert parsed.soreness == {}
    assert parsed.note == "glutse were fine"


def test_skipped_areas_are_not_missing() -> None:
    parsed = parse_reply("calves n/a, glutes 3", CATALOGUE, ("calves", "glutes", "quads"))
    assert parsed.skipped == ("calves",)
    assert parsed.missing == ("quads",)
    assert parse_reply("all n/a", CATALOGUE, ("calves",)).skipped == ("calves",)


def test_everything_without_expected_areas_is_unread() -> None:
    parsed = parse_reply("all 2", CATALOGUE)
    assert parsed.soreness == {}
    assert parsed.unread == ("all 2",)


def test_rest_with_a_following_word_is_not_a_score_for_everything() -> None:
    parsed = parse_reply("rest 3 days", CATALOGUE, ("calves",))
    assert parsed.soreness == {}
    assert (parsed.unread, parsed.note) == ((), "rest 3 days")


def test_conflicting_efficiency_is_unread() -> None:
    parsed = parse_reply("efficiency better, eff worse", CATALOGUE)
    assert parsed.efficiency is None
    assert parsed.unread == ("efficiency better", "eff worse")
    bare = parse_reply("better, worse", CATALOGUE)
    assert (bare.efficiency, bare.unread) == (None, ("better", "worse"))


def test_a_labelled_efficiency_outweighs_everyday_words() -> None:
    parsed = parse_reply("running felt better, eff worse", CATALOGUE)
    assert (parsed.efficiency, parsed.unread) == (Efficiency.WORSE, ())
    mixed = parse_reply("sluggish on monday but smoother by sunday", CATALOGUE)
    assert (mixed.efficiency, mixed.unread) == (None, ())


def test_efficiency_sign() -> None:
    assert [e.sign for e in Efficiency] == [1, 0, -1]


def test_empty_reply_is_empty() -> None:
    parsed = parse_reply("   ", CATALOGUE, ("calves",))
    assert parsed.empty
    assert parsed.missing == ("calves",)
    assert not parse_reply("calves 2", CATALOGUE).empty


def test_overlong_text_is_cut_and_reported() -> None:
    text = "calves 3, " + "x" * MAX_REPLY_CHARS + " glutes 5"
    parsed = parse_reply(text, CATALOGUE, ("calves", "glutes"))
    assert parsed.soreness == {"calves": 3}
    assert parsed.unread and parsed.unread[-1].endswith("(past the first 4000 characters)")


def test_long_unread_fragments_are_shortened() -> None:
    parsed = parse_reply("calves 3 " + "word " * 60 + "12", CATALOGUE)
    assert all(len(fragment) <= 80 for fragment in parsed.unread)


def test_long_digit_strings_are_unread_quickly() -> None:
    parsed = parse_reply("calves " + "9" * 3000, CATALOGUE)
    assert parsed.soreness == {}
    assert len(parsed.unread) == 1


# -- properties ----------------------------------------------------------------------------

area_words = st.sampled_from(
    [w for a in CATALOGUE.areas for w in (a.id, a.name, *a.aliases)]
    + ["movement", "efficiency", "running", "better", "same", "worse", "n/a", "none", "all"]
)
runner_text = st.lists(
    st.one_of(
        area_words,
        st.integers(-5, 25).map(str),
        st.sampled_from(["six", "twelve", "3/10", "4.5", "3-4", "2/5", "7ish", "one"]),
        st.sampled_from([",", ";", "\n", ":", "=", "-", "and", ".", "(", ")", "/"]),
        st.text(max_size=8),
    ),
    max_size=25,
).map(" ".join)


def check_invariants(parsed: ParsedCheckIn, expected: list[str]) -> None:
    assert all(area in AREA_IDS for area in parsed.soreness)
    assert all(0 <= v <= 10 and type(v) is int for v in parsed.soreness.values())
    assert parsed.movement is None or 0 <= parsed.movement <= 10
    assert parsed.efficiency is None or isinstance(parsed.efficiency, Efficiency)
    assert set(parsed.missing) <= set(expected)
    assert not set(parsed.missing) & set(parsed.soreness)
    assert not set(parsed.skipped) & set(parsed.soreness)
    assert all(isinstance(f, str) and f for f in parsed.unread)
    assert parsed.note is None or parsed.note.strip()


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=300), expected=st.lists(st.sampled_from(AREA_IDS), max_size=4))
def test_never_raises_on_any_text(text: str, expected: list[str]) -> None:
    check_invariants(parse_reply(text, CATALOGUE, expected), expected)


@settings(max_examples=400, deadline=None)
@given(text=runner_text, expected=st.lists(st.sampled_from(AREA_IDS), max_size=4))
def test_scores_always_within_0_to_10_on_runner_like_text(text: str, expected: list[str]) -> None:
    check_invariants(parse_reply(text, CATALOGUE, expected), expected)


@settings(max_examples=200, deadline=None)
@given(area=st.sampled_from(AREA_IDS), value=st.integers(0, 10))
def test_every_area_name_with_any_score_is_read(area: str, value: int) -> None:
    name = CATALOGUE.area_name(area).split(" (")[0]
    assert parse_reply(f"{name} {value}", CATALOGUE).soreness == {area: value}
    assert parse_reply(f"{name}: {value}/10", CATALOGUE).soreness == {area: value}
