"""How well the parser reads labelled replies (bench/checkin_parser.py), held to its figures.

tests/corpus/train.jsonl, tests/corpus/dev2.jsonl and tests/corpus/dev3.jsonl were written
independently of the parser (by three writers) and tuned on; the parser's own corpora
(tests/checkin_corpus.py, extra.jsonl) were written beside it. A held-out file,
tests/corpus/heldout.jsonl, is read only when present: it must never be tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.checkin_parser import (
    DEV2,
    DEV3,
    EXTRA,
    HELDOUT,
    TRAIN,
    Reply,
    builtin_corpus,
    judge,
    load_corpus,
    main,
    run,
    worst_case_ms,
)
from bot.rules.catalogue import default_catalogue
from bot.rules.checkins.parser import Efficiency, ParsedCheckIn

CATALOGUE = default_catalogue()
# The figures reached on the training replies: a change that reads them worse fails here.
TRAIN_VALUES = 1.0
TRAIN_REPLIES = 1.0
TRAIN_INVENTED = 0
TRAIN_NEEDLESS_PER_100 = 0.0
BUILTIN_VALUES = 1.0
BUILTIN_REPLIES = 1.0
# Where the parser stands on the held-out replies (measured three times, aggregate figures
# only, never tuned on): a change that reads them worse fails here.
HELDOUT_FLOOR_VALUES = 0.968
HELDOUT_FLOOR_REPLIES = 0.913
HELDOUT_FLOOR_NEEDLESS_PER_100 = 3.1  # 7 of 230 replies
# What the issue asks of replies the parser has never seen.
HELDOUT_VALUES = 0.97
HELDOUT_REPLIES = 0.90
HELDOUT_INVENTED = 1
HELDOUT_NEEDLESS_PER_100 = 1.0
WORST_CASE_MS = 5.0


@pytest.mark.parametrize(
    ("path", "size"), [(TRAIN, 250), (DEV2, 300), (DEV3, 300)], ids=["train", "dev2", "dev3"]
)
def test_the_training_replies_are_read_as_well_as_ever(path: Path, size: int) -> None:
    replies = load_corpus(path)
    assert len(replies) >= size
    figures, _ = run(replies, CATALOGUE)
    assert figures.value_share >= TRAIN_VALUES
    assert figures.reply_share >= TRAIN_REPLIES
    assert figures.invented <= TRAIN_INVENTED
    assert figures.needless_per_100 <= TRAIN_NEEDLESS_PER_100
    assert figures.non_checkins_seen == figures.non_checkins > 0
    assert figures.checkins_missed == 0


def test_the_parsers_own_corpora_are_read_as_well_as_ever() -> None:
    for replies in (builtin_corpus(), load_corpus(EXTRA)):
        figures, _ = run(replies, CATALOGUE)
        assert figures.value_share >= BUILTIN_VALUES
        assert figures.reply_share >= BUILTIN_REPLIES
        assert figures.invented == 0
        assert figures.needless_questions == 0


@pytest.mark.skipif(not HELDOUT.exists(), reason="no held-out replies in tests/corpus/")
def test_the_held_out_replies_are_read_no_worse_than_now() -> None:
    figures, _ = run(load_corpus(HELDOUT), CATALOGUE)
    assert figures.value_share >= HELDOUT_FLOOR_VALUES
    assert figures.reply_share >= HELDOUT_FLOOR_REPLIES
    assert figures.invented == 0
    assert figures.needless_per_100 <= HELDOUT_FLOOR_NEEDLESS_PER_100


@pytest.mark.skipif(not HELDOUT.exists(), reason="no held-out replies in tests/corpus/")
@pytest.mark.xfail(
    strict=True,
    reason="not there yet: 96.8 % of values (bar 97 %) and 3.0 needless questions per 100 "
    "(bar 1); when this passes, drop the mark",
)
def test_the_held_out_replies_meet_the_bar() -> None:
    replies = load_corpus(HELDOUT)
    figures, _ = run(replies, CATALOGUE)
    print("\n".join(figures.lines(str(HELDOUT))))
    assert figures.value_share >= HELDOUT_VALUES
    assert figures.reply_share >= HELDOUT_REPLIES
    assert figures.invented <= HELDOUT_INVENTED
    assert figures.needless_per_100 <= HELDOUT_NEEDLESS_PER_100


def test_the_slowest_long_reply_is_read_in_under_5_ms() -> None:
    shape, ms = worst_case_ms(CATALOGUE)
    assert ms < WORST_CASE_MS, shape


# -- the measures themselves ---------------------------------------------------------------


def _reply(**labels: object) -> Reply:
    fields: dict[str, object] = {"id": "x", "areas": ("calves",), "text": "", "soreness": {}}
    return Reply(**(fields | labels))  # type: ignore[arg-type]


def test_values_count_what_either_side_gives() -> None:
    reply = _reply(soreness={"calves": 3, "glutes": 2}, movement=7)
    parsed = ParsedCheckIn(soreness={"calves": 3, "quads": 4}, efficiency=Efficiency.BETTER)
    outcome = judge(reply, parsed)
    # calves right; glutes missed; quads and efficiency invented; movement missed.
    assert (outcome.values, outcome.right) == (5, 1)
    assert sorted(outcome.invented) == [
        "efficiency=better (label None)",
        "soreness.quads=4 (label None)",
    ]
    assert len(outcome.wrong) == 2
    assert not outcome.fully_right


def test_a_wrong_value_counts_as_invented() -> None:
    outcome = judge(_reply(soreness={"calves": 3}), ParsedCheckIn(soreness={"calves": 5}))
    assert outcome.invented == ["soreness.calves=5 (label 3)"]


def test_questions_and_non_checkins_are_judged() -> None:
    asked = ParsedCheckIn(unread=("calves meh",))
    assert judge(_reply(should_ask=False), asked).needless_question
    assert not judge(_reply(should_ask=True), asked).needless_question
    assert judge(_reply(should_ask=True), ParsedCheckIn()).missed_question
    chat = ParsedCheckIn(is_checkin=False)
    assert judge(_reply(checkin=False), chat).fully_right
    assert not judge(_reply(checkin=True), chat).fully_right


def test_a_corpus_with_a_broken_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "areas": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_corpus(path)


def test_the_command_prints_the_figures_for_any_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "some.jsonl"
    rows = [
        {"id": "a", "areas": ["calves"], "text": "calves 3, movement 8", "soreness": {"calves": 3},
         "movement": 8, "efficiency": None, "checkin": True, "should_ask": False},
        {"id": "b", "areas": ["calves"], "text": "cheers!", "soreness": {},
         "movement": None, "efficiency": None, "checkin": False, "should_ask": False},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main([str(path)]) == 0
    printed = capsys.readouterr().out
    assert f"{path}: 2 replies" in printed
    assert "values right         100.0%  (2/2)" in printed
    assert "non-check-ins seen     1/1" in printed
    assert "slowest 4000-character reply" in printed
