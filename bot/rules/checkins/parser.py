"""Reading a member's plain-words answer to the weekly check-in, as a coach would.

A reply such as ``calves 3, glutes 6/10, daily movement 8, efficiency better, legs felt fresh``
becomes a `ParsedCheckIn`. The parser never raises and never guesses a number: a value is only
recorded when the reply says it, whatever needs a question goes to `unread`, and the rest of
what the member wrote is kept whole in the note.

What it reads
-------------
- Scores 0-10 for the catalogue's areas by id, name or alias (data/areas.toml), as digits
  ("3", "3/10", "3 out of 10", "3ish", "~3") or words ("six"). Half points round up (4.5 -> 5),
  other decimals to the nearest whole number. Small typos of longer words right next to a score
  ("hamstirngs 7") are matched with rapidfuzz when one area is clearly the closest.
- A score next to its area ("calves: 3", "3 calves", "hips are about a six"), or later in the
  same sentence when nothing else could own it ("hammies were grumpy after the long run, I'd call
  it a 5"), or in a table ("Quads | 2").
- Several areas at once ("quads and hammies both 3", "back, bum and hips all a 2") and every
  area asked about ("everything a 2", "all 1s", "Everything's a 0 except the hammies, they're a 3").
- Zero in words: "nothing sore in the calves", "quads not tight at all", "glutes: none",
  "zero soreness anywhere", "lower back hasn't bothered me at all".
- Left and right given separately ("hamstrings L 3 R 5", "calf 6 left, 3 right"): the worse side
  is scored and both stay in the note. Two words for one area ("Achilles 3, soleus 5") keep the
  worse too.
- Ease of daily movement ("movement 7", "moving ok day to day, 7ish", "7 for movement").
- Running efficiency: "efficiency better", a bare "same", or everyday words about the running
  ("legs felt sluggish", "quicker than last week", "smoother"). Said of an area or of movement
  ("hips are better than last week") it is no efficiency.
- Numbers that are training talk never become scores: distances, paces, times, run counts,
  "week 6", "1 more week until the half", an earlier week's score ("down from 5 last week").
- Body parts the bot does not track (shins, knees, feet...) are named in `untracked`.
- A reply with nothing to record and nothing to ask ("cheers!", "ok", an emoji, a question about
  the bot) is no check-in: `is_checkin` is False.

Questions (`unread`) are kept for what a coach would have to ask: an area described without a
number ("calves a bit meh"), a number that is no score on the 0-10 scale ("calves 3/5", "3-4",
"calves 11"), two different scores for one area, or a lone number with nothing to say whose.

The word lists live in data/checkin_words.toml (see `bot.rules.checkins.words`). Every step is a
single pass over the reply's tokens, so even a 4,000-character reply reads in a few milliseconds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from rapidfuzz import fuzz, process

from bot.rules.catalogue import Catalogue, normalise
from bot.rules.checkins.words import CheckInWords, default_checkin_words

MAX_SCORE = 10
# Longer than any Discord message; the rest of a longer text is reported as unread.
MAX_REPLY_CHARS = 4000
# Words, numbers and runs of punctuation read from one reply. A Discord message holds 2,000
# characters (4,000 with Nitro); 2,000 characters of prose are about 470 tokens, 3,400 about 800.
# Only the longest replies, or ones packed with numbers and symbols, reach it: the rest of those
# is asked about, like the part of a reply past MAX_REPLY_CHARS, so the slowest reply stays fast.
MAX_REPLY_TOKENS = 800
# rapidfuzz similarity (0-100) a typo needs to be read as an area word.
FUZZY_CUTOFF = 80
FUZZY_MIN_LETTERS = 5
# Two candidate areas this close make a typo ambiguous.
FUZZY_MARGIN = 5
_FRAGMENT_CHARS = 80
# How far into the next sentence a late score may stand ("Calves were sore. Probably a 4.").
_NEXT_SENTENCE_REACH = 6
# Typo look-ups per reply: keeps the slowest reply fast whatever it holds.
_FUZZY_BUDGET = 40
# Questions listed for one reply; the rest are counted.
_MAX_QUESTIONS = 20
# How far back a side word looks for the area it belongs to.
_SIDE_REACH = 40

_T = TypeVar("_T")


class Efficiency(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"

    @property
    def sign(self) -> int:
        """+1 better, 0 same, -1 worse: for charts and sums."""
        return {"better": 1, "same": 0, "worse": -1}[self.value]


@dataclass(frozen=True)
class ParsedCheckIn:
    """What a reply said. `soreness` maps canonical area ids to 0..10."""

    soreness: dict[str, int] = field(default_factory=dict)
    movement: int | None = None
    efficiency: Efficiency | None = None
    # What the member wrote besides the values, whole.
    note: str | None = None
    # Fragments of the reply a coach would ask about, as the member typed them.
    unread: tuple[str, ...] = ()
    # Expected areas with no score (and not skipped with "n/a").
    missing: tuple[str, ...] = ()
    # Areas the member explicitly skipped with "n/a".
    skipped: tuple[str, ...] = ()
    # Body parts the member mentioned that the bot does not track ("shins", "knees").
    untracked: tuple[str, ...] = ()
    # False for a reply that is no answer at all ("cheers!", "ok", a question about the bot).
    is_checkin: bool = True
    # The text past where reading stopped (a very long reply), as written: not read for
    # scores, but the member's words all the same.
    rest: str = ""

    @property
    def empty(self) -> bool:
        """Nothing to record: no score, no movement, no efficiency and no note."""
        return (
            not self.soreness
            and self.movement is None
            and self.efficiency is None
            and self.note is None
        )


# -- tokens ------------------------------------------------------------------------------------


class _K:
    """Token kinds. Plain ints rather than an enum: they are compared in every loop, and an
    enum member's look-up costs several times an int's."""

    WORD = 1
    NUM = 2
    STOP = 3  # new line or end of sentence
    COMMA = 4  # comma or semicolon
    PUNCT = 5  # ":", "=", "|", "(", "-": may stand between an area and its score
    JOIN = 6  # "and", "&", "/": joins a list of areas
    NA = 7
    ZERO = 8  # "none", "nothing"
    AREA = 9
    UNTRACKED = 10
    MOVE = 11
    EFF = 12
    RUN = 13
    VAL = 14
    ALL = 15
    SIDE = 16


# What a sentence holds, as bits: sentences without labels, numbers or values are only notes.
_HAS_LABEL, _HAS_NUM, _HAS_VAL, _HAS_SIDE, _NEGATION = 1, 2, 4, 8, 16
_AREA_SEEN, _AREAS = 32, 64  # one area, two or more
_WORDS = 1024  # any word at all: a sentence of bare numbers is read quickly
_NUMS = 2048  # two numbers or more
_COMPLAINT = 4096  # a word saying something is wrong (kept per clause, not per sentence)
_CHANGE = 8192  # "now", "overall", "down to": a later score may follow
_PAST = 16384  # "from", "last week", "ago": an earlier week's score may be there
_WISH = 32768  # "hoping", "hopefully": what follows is no report (kept per clause)
_LETTER, _LETTERS = 128, 128 * 3  # single letters, counted up to three
# Only these sentences can hold a value: a label, a zero in words, or a side with a number.
_BUSY = _HAS_LABEL | _NEGATION
_SIDED = _HAS_SIDE | _HAS_NUM
_FEATURE = {
    _K.AREA: _HAS_LABEL,
    _K.UNTRACKED: _HAS_LABEL,
    _K.MOVE: _HAS_LABEL,
    _K.EFF: _HAS_LABEL,
    _K.ALL: _HAS_LABEL,
    _K.NUM: _HAS_NUM,
    _K.ZERO: _NEGATION,
    _K.NA: _HAS_NUM,
    _K.VAL: _HAS_VAL,
    _K.SIDE: _HAS_SIDE,
}
_FEATURES = [_FEATURE.get(kind, 0) for kind in range(max(_FEATURE) + 1)]
_LABELS = frozenset({_K.AREA, _K.UNTRACKED, _K.MOVE})
_LABELS_ALL = _LABELS | {_K.ALL}
_LABELS_EFF = _LABELS | {_K.EFF}
_BREAKS = frozenset({_K.STOP, _K.COMMA})
_GLUE = frozenset({_K.PUNCT, _K.JOIN})
_GAPS = frozenset({_K.PUNCT, _K.COMMA, _K.JOIN})
# "settled to a 3", "down to 2": a later score for the same area.
_CHANGES = frozenset({"down", "up", "settled", "dropped", "eased", "came", "went", "got", "fell"})
# Number words for nothing: "hip flexors fine, zero really".
_ZERO_NUMBERS = frozenset({"zero", "nought"})
# Said of the later of two scores: it is this week's ("a 6 on Tuesday, a 4 overall").
_NOW = frozenset({"now", "overall", "today", "currently", "since"})
# A score for every area: "6 across the board".
_BOARD = frozenset({"across the board", "all round", "all around", "everywhere", "all over"})
# Words between the values of two sides: "5 on the right and 3 on the left".
_SIDE_WORDS = frozenset({"on", "the", "side", "one", "is", "a"})

# Runs of punctuation are one token: what the run holds decides what it is (see `_symbols`).
_SYMBOL = r"\n\r,.;:!?…|/&+()\[\]{}~*•>–—=-"
# Alternatives in order of how often they start a token; numbers are tried only at a digit.
_TOKEN = re.compile(
    r"(?P<word>(?!n\s*/\s*a(?![^\W_]))[^\W\d_]+(?:(?:['’]|-(?=[^\W\d_]))[^\W\d_]+)*)"
    rf"|(?P<symbols>[{_SYMBOL}](?:[\s{_SYMBOL}]*[{_SYMBOL}])?)"
    r"|(?P<na>n\s*/\s*a(?![^\W_]))"
    r"|(?=[0-9])(?<![0-9.])(?:"
    r"(?P<time>[0-9]{1,2}(?::[0-9]{2}){1,2}(?![0-9])"
    r"(?:\s*(?:am|pm)(?![^\W_]))?(?:\s*/\s*[^\W\d_]+)?)"
    r"|(?P<mult>[0-9]+\s*[x×]\s*[0-9]+(?:\.[0-9]+)?[^\W\d_]*)"
    r"|(?P<list>[0-9]+(?:\.[0-9]+)?(?:[ \t]+[0-9]+(?:\.[0-9]+)?(?![0-9.:/x×]))+(?![^\W_])"
    r"|[0-9]+(?:[ \t]*[,;][ \t]*[0-9]+(?![0-9.:/x×])){2,}(?![^\W_]))"
    r"|(?P<range>[0-9]+(?:\.[0-9]+)?"
    r"(?:\s*(?:[-–—→]|->|=>)\s*|\s+(?:to|or)\s+)[0-9]+(?:\.[0-9]+)?(?:\s*/\s*[0-9]+)?(?![0-9]))"
    r"|(?P<num>(?P<value>[0-9]+(?:\.[0-9]+)?)"
    r"(?:\s*(?:/|out\s+of)\s*(?P<scale>[0-9]+(?:\.[0-9]+)?))?(?P<suffix>[^\W\d_]+|['’]s(?![^\W_])|%|°)?))",
    re.IGNORECASE,
)


class _Tok:
    """One word, number or run of punctuation. Unset attributes keep the class defaults, so
    making a token costs four assignments."""

    value: Decimal | None = None
    word: bool = False  # a word of the reply (whatever it was classified as)
    problem: str | None = None  # "range", "scale", "odd": a number that is no 0-10 score
    digits: bool = False
    bare: bool = False  # digits with nothing attached: no unit, no time
    scaled: bool = False  # said "/10" or "out of 10"
    ish: bool = False
    training: bool = False
    past: bool = False
    target: str = ""
    efficiency: Efficiency | None = None
    negated: bool = False
    used: bool = False
    sentence: int = 0
    clause: int = 0
    at: int = 0  # index in the token list

    def __init__(self, kind: int, text: str, start: int, end: int) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end


@dataclass(slots=True)
class _Score:
    """A value given to one label: an area, untracked part, movement or every area."""

    kind: int
    target: str
    value: int | None
    problem: bool
    sided: bool
    word: str
    past: bool
    span: tuple[int, int]


@dataclass
class _Reading:
    scores: list[_Score] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    explicit: list[tuple[Efficiency, tuple[int, int]]] = field(default_factory=list)
    loose: list[tuple[Efficiency, tuple[int, int], bool]] = field(default_factory=list)
    unread: list[tuple[int, int]] = field(default_factory=list)
    notes: list[tuple[int, int]] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)
    mentioned: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    everything_zero: bool = False


# -- the word tables, joined with the catalogue's area words -----------------------------------


class _Lexicon:
    def __init__(self, catalogue: Catalogue, words: CheckInWords) -> None:
        self.catalogue = catalogue
        self.words = words
        self.single: dict[str, tuple[int, str, Efficiency | None]] = {}
        self.phrases: dict[tuple[str, ...], tuple[int, str, Efficiency | None]] = {}
        self.fuzzy_targets: dict[str, tuple[int, str]] = {}
        self._fuzzy_cache: dict[str, tuple[int, str] | None] = {}
        chat, soreness, labels = words.chat, words.soreness, words.labels
        # Later entries win: area words are put in last so that they are never shadowed by
        # chat, except by the sayings in which they name no area.
        self._add_all(labels.together, _K.WORD)
        self._add_all(labels.everything, _K.ALL)
        for value, listed in (
            (Efficiency.BETTER, words.efficiency.better),
            (Efficiency.SAME, words.efficiency.same),
            (Efficiency.WORSE, words.efficiency.worse),
        ):
            self._add_all(listed, _K.VAL, efficiency=value)
        self._add_all(labels.running, _K.RUN)
        self._add_all(labels.efficiency, _K.EFF)
        self._add_all(labels.movement, _K.MOVE)
        self._add_all(labels.joiners, _K.JOIN)
        self._add_all(words.sides.left, _K.SIDE, "left")
        self._add_all(words.sides.right, _K.SIDE, "right")
        self._add_all(words.scores.skip, _K.NA)
        self._add_all(words.scores.zero, _K.ZERO)
        for name, listed in words.untracked.items():
            self._add_all(listed, _K.UNTRACKED, name)
        for word in catalogue.nearby:
            if normalise(word) not in self.single:
                self._add(normalise(word), _K.UNTRACKED, normalise(word))
        for area in catalogue.areas:
            for word in (area.id, area.name, *area.aliases):
                key = normalise(word)
                for variant in (key, key + "s", key.removesuffix("s")):
                    if variant:
                        self._add(variant, _K.AREA, area.id)
                if len(key) >= 4:
                    self.fuzzy_targets[key] = (_K.AREA, area.id)
        for word in labels.movement:
            if len(word) >= FUZZY_MIN_LETTERS:
                self.fuzzy_targets[word] = (_K.MOVE, "")
        for word in labels.efficiency:
            if len(word) >= FUZZY_MIN_LETTERS:
                self.fuzzy_targets[word] = (_K.EFF, "")
        self._add_all(chat.not_areas, _K.WORD)
        self.known = set(self.single) | {w for p in self.phrases for w in p}
        # Phrase lengths by first word, longest first: most words start no phrase.
        starts: dict[str, set[int]] = {}
        for phrase in self.phrases:
            starts.setdefault(phrase[0], set()).add(len(phrase))
        self.phrase_lengths = {w: sorted(n, reverse=True) for w, n in starts.items()}
        self.numbers = {w: Decimal(v) for w, v in words.numbers.items()}
        self.bridge = set(chat.bridge)
        self.filler = set(chat.filler)
        self.openers = set(chat.openers) | {"and", "but"}
        self.cues = set(chat.cues)
        self.excepts = set(labels.excepts)
        self.wishes = set(chat.wishes)
        self.about_the_bot = set(chat.about_the_bot)
        self.sore = set(soreness.words)
        self.anywhere = set(soreness.anywhere)
        self.complaints = set(soreness.complaints)
        self.negations = set(soreness.negations)
        self.softeners = set(soreness.softeners)
        self.together = set(labels.together)
        self.units = set(words.training.units)
        self.unit_adjectives = set(words.training.unit_adjectives)
        self.training_before = set(words.training.before)
        self.complaining = self.sore | self.complaints
        self.zeros = self.negations | set(words.scores.zero) | {"zero"}
        self.past_before = set(words.past.before)
        self.past_after = set(words.past.after)
        # Words a past phrase can start (or end) with, merged sayings included: a quick filter.
        self.past_after_first = {p.split()[0] for p in self.past_after} | self.past_after
        self.past_before_last = {p.split()[-1] for p in self.past_before} | self.past_before
        self._fuzzy_choices = list(self.fuzzy_targets)
        # Everything the tokenizer needs about a word in one look-up:
        # kind, target, efficiency, number value, and whether a phrase starts with it.
        # kind, target, efficiency, number value, whether a phrase starts with it, and what it
        # tells about its sentence (`_FEATURE` bits) or clause (`_COMPLAINT`).
        self.word_info: dict[str, tuple[int, str, Efficiency | None, Decimal | None, bool, int]]
        self.word_info = {}
        letters = {chr(c) for c in range(ord("a"), ord("z") + 1)}
        for word in (
            (set(self.single) | set(self.numbers) | set(self.phrase_lengths) | self.zeros)
            | self.complaining
            | letters
            | _NOW
            | _CHANGES
            | self.past_before_last
            | self.past_after_first
            | self.wishes
        ):
            kind, target, efficiency = self.single.get(word, (_K.WORD, "", None))
            number = self.numbers.get(word)
            if number is not None:
                kind, target, efficiency = _K.NUM, "", None
            opens = word in self.phrase_lengths
            flags = _FEATURES[kind]
            if word in _NOW or word in _CHANGES:
                flags |= _CHANGE
            if word in self.past_before_last or word in self.past_after_first:
                flags |= _PAST
            if word in self.wishes:
                flags |= _WISH
            if word in self.zeros:
                flags |= _NEGATION
            elif word in self.complaining:
                flags |= _COMPLAINT
            elif len(word) == 1:
                flags |= _LETTER
            self.word_info[word] = (kind, target, efficiency, number, opens, flags)

    def _add_all(
        self,
        listed: Sequence[str],
        kind: int,
        target: str = "",
        efficiency: Efficiency | None = None,
    ) -> None:
        for phrase in listed:
            self._add(phrase, kind, target, efficiency)

    def _add(
        self, phrase: str, kind: int, target: str = "", efficiency: Efficiency | None = None
    ) -> None:
        parts = tuple(phrase.split())
        if len(parts) == 1:
            self.single[parts[0]] = (kind, target or parts[0], efficiency)
        elif parts:
            self.phrases[parts] = (kind, target or phrase, efficiency)

    def fuzzy(self, phrase: str) -> tuple[int, str] | None:
        """The area (or label) a typo stands for, when one is clearly closest."""
        if phrase in self._fuzzy_cache:
            return self._fuzzy_cache[phrase]
        found = None
        if sum(ch.isalpha() for ch in phrase) >= FUZZY_MIN_LETTERS and phrase not in self.known:
            matches = process.extract(
                phrase, self._fuzzy_choices, scorer=fuzz.ratio, limit=4, score_cutoff=FUZZY_CUTOFF
            )
            if matches:
                best = self.fuzzy_targets[matches[0][0]]
                rivals = [
                    m
                    for m in matches[1:]
                    if self.fuzzy_targets[m[0]] != best and matches[0][1] - m[1] < FUZZY_MARGIN
                ]
                found = None if rivals else best
        if len(self._fuzzy_cache) < 4096:
            self._fuzzy_cache[phrase] = found
        return found


_LEXICONS: dict[tuple[int, int], tuple[Catalogue, CheckInWords, _Lexicon]] = {}


def _lexicon(catalogue: Catalogue, words: CheckInWords) -> _Lexicon:
    key = (id(catalogue), id(words))
    cached = _LEXICONS.get(key)
    if cached is None or cached[0] is not catalogue or cached[1] is not words:
        if len(_LEXICONS) > 8:
            _LEXICONS.clear()
        cached = (catalogue, words, _Lexicon(catalogue, words))
        _LEXICONS[key] = cached
    return cached[2]


# -- entry point -------------------------------------------------------------------------------


def parse_reply(
    text: str,
    catalogue: Catalogue,
    expected_areas: Sequence[str] = (),
    words: CheckInWords | None = None,
) -> ParsedCheckIn:
    """Read a check-in reply. Never raises; what needs a question lands in `unread`."""
    try:
        return read_reply(text, catalogue, expected_areas, words)
    except Exception:  # pragma: no cover - the property tests show read_reply does not raise
        whole = text if isinstance(text, str) else ""
        expected = tuple(a for a in expected_areas if isinstance(a, str))
        unread = (_fragment(whole),) if whole.strip() else ()
        return ParsedCheckIn(unread=unread, missing=expected, is_checkin=bool(unread))


def read_reply(
    text: str,
    catalogue: Catalogue,
    expected_areas: Sequence[str] = (),
    words: CheckInWords | None = None,
) -> ParsedCheckIn:
    """`parse_reply` without its last-resort guard, for the tests that prove it needs none."""
    if not isinstance(text, str):
        text = ""
    expected = list(dict.fromkeys(a for a in expected_areas if isinstance(a, str)))
    lexicon = _lexicon(catalogue, words or default_checkin_words())
    parser = _Parser(text[:MAX_REPLY_CHARS], lexicon, expected)
    parsed = parser.parse()
    overflow = text[parser.read_upto :]
    if overflow.strip():
        limit = (
            f"{MAX_REPLY_CHARS} characters"
            if parser.read_upto >= MAX_REPLY_CHARS
            else f"{MAX_REPLY_TOKENS} words and numbers"
        )
        more = f"{_fragment(overflow)} (past the first {limit})"
        parsed = replace(
            parsed, unread=(*parsed.unread, more), is_checkin=True, rest=overflow.strip()
        )
    return parsed


class _Parser:
    def __init__(self, text: str, lexicon: _Lexicon, expected: list[str]) -> None:
        self.text = text
        self.lex = lexicon
        self.expected = expected
        self.reading = _Reading()
        self.toks: list[_Tok] = []
        # Token index ranges of each sentence, and of each clause inside it.
        self.sentences: list[tuple[int, int]] = []
        # Per clause: its token range, whether it names an area, whether it complains.
        self.clauses: list[tuple[int, int]] = []
        self.clause_areas: list[bool] = []
        self.clause_complaints: list[bool] = []
        self.clause_wishes: list[bool] = []
        self.side_header = False
        self.fuzzy_budget = _FUZZY_BUDGET
        # Where reading stopped: the end of the text unless it holds over MAX_REPLY_TOKENS.
        self.read_upto = len(text)
        self.label_scores: dict[int, list[_Score]] = {}
        # Where the numbers and the efficiency values are, for the passes that only need them.
        self.numbers: list[int] = []
        self.values: list[int] = []
        self.letters: dict[str, tuple[int, str]] = {"m": (_K.MOVE, ""), "e": (_K.EFF, "")}
        initials: dict[str, list[str]] = {}
        for area in expected:
            initials.setdefault(area[:1], []).append(area)
        for letter, areas in initials.items():
            if len(areas) == 1 and letter not in self.letters:
                self.letters[letter] = (_K.AREA, areas[0])
        # What each sentence holds (`_FEATURE` bits): passes skip sentences that cannot match.
        self.features: list[int] = []

    def parse(self) -> ParsedCheckIn:
        self._read_tokens()
        self._mark_numbers()
        self._fuzzy_labels()
        for index, (start, end) in enumerate(self.sentences):
            features = self.features[index]
            if features & _BUSY or features & _SIDED == _SIDED or features & _LETTERS == _LETTERS:
                self._read_sentence(features, start, end)
        self._late_across_sentences()
        for index, (start, end) in enumerate(self.sentences):
            features = self.features[index]
            if features & _HAS_VAL:
                self._efficiency(start, end)
            if features & _WORDS:
                self._leftovers(start, end)
        self._bare_numbers()
        return self._reconcile()

    # -- words ---------------------------------------------------------------------------------

    def _pronoun_one(self, index: int) -> bool:
        """ "the left one", "nice one", "one and done": no score."""
        before = self.toks[index - 1] if index else None
        after = self.toks[index + 1] if index + 1 < len(self.toks) else None
        if before is not None and (
            before.kind == _K.SIDE
            or before.text in {"the", "that", "this", "nice", "each", "every", "no", "any", "which"}
        ):
            return True
        return after is not None and after.kind == _K.WORD and after.text in {"and", "of", "more"}

    def _negated(self, index: int) -> bool:
        before = self.toks[index - 1] if index else None
        if before is None or before.kind != _K.WORD:
            return False
        if before.text in self.lex.negations:
            return True
        two = self.toks[index - 2] if index >= 2 else None
        return before.text in {"as", "any"} and two is not None and two.text in self.lex.negations

    def _read_tokens(self) -> None:
        """The reply's tokens in one pass: words looked up, sentences and clauses numbered, and
        what each sentence holds (so that later passes skip what cannot match)."""
        toks, lex = self.toks, self.lex
        info = lex.word_info
        word_kind, num_kind, stop, comma, area_kind = _K.WORD, _K.NUM, _K.STOP, _K.COMMA, _K.AREA
        phrase_at: list[int] = []
        sentence = clause = start = clause_start = features = complaint = 0
        wish = False
        self.read_upto = len(self.text)
        for match in _TOKEN.finditer(self.text):
            group = match.lastgroup
            begin, end = match.span()
            count = len(toks)
            if count >= MAX_REPLY_TOKENS:
                self.read_upto = begin
                break
            if group == "word":
                features |= _WORDS
                word = match.group()
                parts = [(word, begin)] if "-" not in word else _hyphenated(word, begin)
                for part, at in parts:
                    cleaned = part.lower()
                    if "'" in cleaned or "’" in cleaned:
                        cleaned = _clean_word(cleaned)
                    tok = _Tok(word_kind, cleaned, at, at + len(part))
                    tok.word, tok.sentence, tok.clause, tok.at = True, sentence, clause, count
                    entry = info.get(cleaned)
                    if entry is not None:
                        kind, target, efficiency, value, starts, flags = entry
                        if starts:
                            phrase_at.append(count)
                        if kind != word_kind:
                            tok.kind, tok.target = kind, target
                            if efficiency is not None:
                                tok.efficiency = efficiency
                            if value is not None:
                                tok.value = value
                            if kind == area_kind:
                                features |= _AREAS if features & _AREA_SEEN else _AREA_SEEN
                        if flags & _COMPLAINT:
                            complaint = 1
                        if flags & _WISH:
                            wish = True
                        if flags & _LETTER:
                            if features & _LETTERS != _LETTERS:
                                features += _LETTER
                            flags &= ~_LETTER
                        features |= flags & ~(_COMPLAINT | _WISH)
                    toks.append(tok)
                    count += 1
                continue
            if group == "symbols":
                text = match.group()
                known = _SYMBOL_KINDS.get(text) or _symbol_kind(text)
                tok = _Tok(known[0], known[1], begin, end)
            elif group == "num":
                tok = _number(match, begin, end)
                features |= _NUMS if features & _HAS_NUM else _HAS_NUM
            elif group == "na":
                tok = _Tok(_K.NA, "n/a", begin, end)
                features |= _HAS_NUM
            else:
                tok = _Tok(num_kind, match.group(), begin, end)
                tok.digits = True
                features |= _HAS_NUM
                if group in ("range", "list"):
                    tok.problem = group  # "3-4", "3 4": which is it?
                else:
                    tok.training = True  # a time ("22:14", "5:30/km") or reps ("6x800")
            index = count
            tok.sentence, tok.clause, tok.at = sentence, clause, index
            toks.append(tok)
            kind = tok.kind
            if kind in (stop, comma):
                self.clauses.append((clause_start, index))
                self.clause_complaints.append(bool(complaint))
                self.clause_wishes.append(wish)
                clause_start, complaint, wish = index + 1, 0, False
                clause += 1
                if kind == stop:
                    self.sentences.append((start, index))
                    self.features.append(features)
                    start, features = index + 1, 0
                    sentence += 1
        self.sentences.append((start, len(toks)))
        self.features.append(features)
        self.clauses.append((clause_start, len(toks)))
        self.clause_complaints.append(bool(complaint))
        self.clause_wishes.append(wish)
        if phrase_at:
            self._merge_phrases(phrase_at)
        self._after_tokens()

    def _merge_phrases(self, phrase_at: list[int]) -> None:
        """Known phrases ("lower back", "about the same") become their first token; the
        others are absorbed (glue that the passes step over)."""
        toks, lex = self.toks, self.lex
        done = 0
        for index in phrase_at:
            if index < done:
                continue
            head = toks[index]
            for length in lex.phrase_lengths[head.text]:
                window = toks[index : index + length]
                if len(window) < length or not all(t.word for t in window):
                    continue
                key = tuple(t.text for t in window)
                found = lex.phrases.get(key)
                if found is None:
                    continue
                head.kind, head.target, head.efficiency = found
                head.text, head.end, head.value = " ".join(key), window[-1].end, None
                for absorbed in window[1:]:
                    absorbed.kind, absorbed.text, absorbed.word = _K.PUNCT, "", False
                self.features[head.sentence] |= _FEATURES[head.kind]
                if head.text in lex.complaining:
                    self.clause_complaints[head.clause] = True
                done = index + length
                break

    def _after_tokens(self) -> None:
        """What needs the tokens around it: "the left one", "not better", a side header."""
        sides = set()
        self.clause_areas = [False] * len(self.clauses)
        for index, tok in enumerate(self.toks):
            kind = tok.kind
            if kind == _K.NUM:
                self.numbers.append(index)
                if tok.text == "one" and self._pronoun_one(index):
                    tok.kind, tok.value = _K.WORD, None
            elif kind == _K.AREA:
                self.clause_areas[tok.clause] = True
            elif kind == _K.VAL:
                self.values.append(index)
                tok.negated = self._negated(index)
            elif kind == _K.SIDE:
                sides.add(tok.target)
        self.side_header = {"left", "right"} <= sides

    # -- numbers that are no scores ------------------------------------------------------------

    def _mark_numbers(self) -> None:
        toks = self.toks
        for index in self.numbers:
            tok = toks[index]
            if tok.kind != _K.NUM or tok.training:
                continue
            if self.features[tok.sentence] & _PAST and self._past(index):
                tok.past = True
            elif self._unit_follows(index) or self._training_before(index):
                tok.training = True
            elif tok.value is not None and tok.value > MAX_SCORE and not tok.scaled:
                # Big bare numbers are training talk unless they sit right by a label.
                before = self._prev(index, skip_bridge=True)
                if before is None or toks[before].kind not in (*_LABELS, _K.ALL, _K.EFF):
                    tok.training = True

    def _unit_follows(self, index: int) -> bool:
        toks, lex = self.toks, self.lex
        adjectives = 0
        other = index + 1
        while other < len(toks) and adjectives <= 2:
            tok = toks[other]
            if (
                tok.kind == _K.NUM
                and tok.training
                and tok.digits
                and other == index + 1 + adjectives
            ):
                return adjectives > 0 and not self._label_before(index)
            if tok.kind in (_K.WORD, _K.RUN, _K.MOVE, _K.ALL, _K.VAL, _K.SIDE):
                following = toks[other + 1].text if other + 1 < len(toks) else ""
                if tok.text in lex.units or f"{tok.text} {following}" in lex.units:
                    return True
                if tok.text in lex.unit_adjectives and not self._label_before(index):
                    adjectives += 1
                    other += 1
                    continue
            return False
        return False

    def _label_before(self, index: int) -> bool:
        before = self._prev(index, skip_bridge=True)
        return before is not None and self.toks[before].kind in _LABELS_ALL

    def _training_before(self, index: int) -> bool:
        """ "week 6", "mile 9", "last 6 at marathon pace" (but "this week 3" is a score)."""
        before = self.toks[index - 1] if index else None
        if before is None or before.kind in (_K.NUM, *_BREAKS):
            return False
        if before.text not in self.lex.training_before:
            return False
        two = self.toks[index - 2] if index >= 2 else None
        return not (before.text == "week" and two is not None and two.text == "this")

    def _past(self, index: int) -> bool:
        """ "down from 5 last week", "last week's 5", "it was a 7 back in October"."""
        toks, lex = self.toks, self.lex
        if index and toks[index - 1].text in lex.past_before_last:
            for length in (2, 1):
                before = " ".join(t.text for t in toks[max(index - length, 0) : index])
                if index >= length and before in lex.past_before:
                    return True
        for skip in (0, 1):
            begin = index + 1 + skip
            if begin >= len(toks) or toks[begin].text not in lex.past_after_first:
                continue
            for length in (1, 2, 3):
                after = " ".join(t.text for t in toks[begin : begin + length])
                if begin + length <= len(toks) and after in lex.past_after:
                    return True
        return False

    # -- typos ---------------------------------------------------------------------------------

    def _fuzzy_labels(self) -> None:
        """Typos in the words right before a score or a value ("hamstirngs 7", "efficency same")."""
        toks = self.toks
        for index in sorted(self.numbers + self.values):
            tok = toks[index]
            if not (self._score_like(tok) or tok.kind == _K.VAL):
                continue
            before = self._prev(index, skip_bridge=True)
            if before is None or toks[before].kind != _K.WORD:
                continue
            for length in (3, 2, 1):
                first = before - length + 1
                if first < 0 or any(
                    t.kind not in (_K.WORD, _K.AREA) or t.text in self.lex.filler
                    for t in toks[first : before + 1]
                ):
                    continue
                if self.fuzzy_budget <= 0:
                    return
                self.fuzzy_budget -= 1
                found = self.lex.fuzzy(" ".join(t.text for t in toks[first : before + 1]))
                if found is None:
                    continue
                kind, target = found
                if tok.kind == _K.VAL and kind != _K.EFF:
                    break
                for merged in toks[first : before + 1]:
                    merged.kind, merged.target = _K.WORD, ""
                head = toks[first]
                head.kind, head.target = kind, target
                self.features[head.sentence] |= _HAS_LABEL
                for merged in toks[first + 1 : before + 1]:
                    merged.kind = _K.PUNCT  # absorbed into the label
                break

    # -- one sentence --------------------------------------------------------------------------

    def _read_sentence(self, features: int, start: int, end: int) -> None:
        if features & _LETTERS == _LETTERS and self._code_letters(start, end):
            features |= _HAS_LABEL
        if features & _AREAS:
            self._groups(start, end)
        if features & _NEGATION:
            self._zero_phrases(start, end)
        if features & _HAS_NUM:
            self._leading_digits(start, end)
        if features & _HAS_LABEL:
            self._direct(start, end)
            self._late(start, end)
        if features & _HAS_SIDE:
            self._sided_orphans(start, end)

    def _code_letters(self, start: int, end: int) -> bool:
        """ "c 3 g 2 h 4 m 7 e same": single letters for the member's areas, movement and
        efficiency."""
        letters = self.letters
        toks = self.toks
        found = [
            i
            for i in range(start, end - 1)
            if toks[i].kind in (_K.WORD, _K.SIDE)
            and len(toks[i].text) == 1
            and toks[i].text in letters
            and (self._score_like(toks[i + 1]) or toks[i + 1].kind == _K.VAL)
        ]
        if len(found) < 3:
            return False
        for i in found:
            kind, target = letters[toks[i].text]
            toks[i].kind, toks[i].target = kind, target
        return True

    def _groups(self, start: int, end: int) -> None:
        """ "quads and hammies both 3", "back, bum and hips all a 2", "Hams, glutes, calves: 3
        across the board": one score for a list of areas."""
        toks = self.toks
        index = start
        while index < end:
            if toks[index].kind != _K.AREA or toks[index].used:
                index += 1
                continue
            members = [index]
            joined = False
            other = index + 1
            while other < end:
                tok = toks[other]
                if tok.kind == _K.AREA:
                    members.append(other)
                elif tok.kind == _K.JOIN:
                    joined = True
                elif tok.kind not in (_K.COMMA, _K.PUNCT) and tok.text not in ("my", "the"):
                    break
                other += 1
            if len(members) < 2:
                index += 1
                continue
            score_at, together = self._group_score(members[-1], end)
            if score_at is not None and (joined or together):
                for member in members:
                    self._pair(member, score_at, group=True)
            index = other

    def _group_score(self, last: int, end: int) -> tuple[int | None, bool]:
        toks = self.toks
        together = False
        other = last + 1
        while other < end:
            tok = toks[other]
            if tok.text in self.lex.together or tok.kind == _K.ALL:
                together = True
            elif not (
                tok.kind == _K.PUNCT or (tok.kind == _K.WORD and tok.text in self.lex.bridge)
            ):
                break
            other += 1
        if other >= end or (not self._score_like(toks[other]) and toks[other].kind != _K.ZERO):
            return None, False
        after = other + 1
        if after < end and toks[after].text in self.lex.together:
            together = True
        return other, together

    def _zero_phrases(self, start: int, end: int) -> None:
        """ "nothing sore in the calves", "no soreness anywhere", "quads not tight at all"."""
        toks, lex = self.toks, self.lex
        for index in range(start, end):
            tok = toks[index]
            lead = tok.kind == _K.ZERO or tok.text in ("no", "zero", "nil")
            if tok.used or not lead or tok.kind not in (_K.ZERO, _K.WORD, _K.NUM):
                continue
            sore = index + 1
            if sore < end and toks[sore].text in ("real", "major", "big"):
                sore += 1
            if sore >= end or toks[sore].text not in lex.sore:
                continue
            area = self._area_after(sore + 1, end)
            if area is None and not self._area_in_clause(index):
                # "lumbar is fine, no pain at all": the area named just before, still unscored.
                before = self._open_area_before(start, index)
                area = None if before is None else [before]
            if area is not None:
                for member in area:
                    self._zero(member, (tok.start, toks[sore].end))
                tok.used = toks[sore].used = True
            elif toks[sore].text in lex.anywhere and not self._area_in_clause(index):
                self.reading.everything_zero = True
                for used in toks[index : sore + 1]:
                    used.used = True
                self._use_following(sore + 1, end, {"anywhere", "at", "all", "this", "week"})
        for index in range(start, end):
            if toks[index].kind == _K.AREA and not toks[index].used:
                self._area_negated(index, end)

    def _open_area_before(self, start: int, index: int) -> int | None:
        """The one area named earlier in the sentence with no score, if there is exactly one."""
        open_areas = [
            i for i in range(start, index) if self.toks[i].kind == _K.AREA and not self.toks[i].used
        ]
        labels = [i for i in range(start, index) if self.toks[i].kind in _LABELS]
        return open_areas[0] if len(open_areas) == 1 and len(labels) == 1 else None

    def _area_after(self, index: int, end: int) -> list[int] | None:
        """The area(s) named right after "nothing sore": "in the calves", "with my quads"."""
        toks = self.toks
        other = index
        while (
            other < end
            and toks[other].kind == _K.WORD
            and toks[other].text
            in (
                "in",
                "on",
                "with",
                "at",
                "the",
                "my",
                "either",
                "around",
                "for",
                "from",
            )
        ):
            other += 1
        if other >= end or toks[other].kind != _K.AREA:
            return None
        members = [other]
        while (
            other + 2 < end and toks[other + 1].kind == _K.JOIN and toks[other + 2].kind == _K.AREA
        ):
            other += 2
            members.append(other)
        return members

    def _area_in_clause(self, index: int) -> bool:
        return self.clause_areas[self.toks[index].clause]

    def _area_negated(self, index: int, end: int) -> None:
        """ "groin not sore at all", "glutes nothing at all", "lower back hasn't bothered me"."""
        toks, lex = self.toks, self.lex
        other = index + 1
        while other < end and toks[other].kind not in (*_BREAKS, *_LABELS, _K.NUM):
            tok = toks[other]
            if tok.kind == _K.ZERO and self._ends_clause(other + 1, end):
                self._zero(index, (toks[index].start, tok.end), upto=other)
                return
            if tok.text in lex.negations and tok.kind == _K.WORD:
                following = other + 1
                while following < end and toks[following].text in (
                    "really",
                    "me",
                    "been",
                    "felt",
                    "even",
                    "at",
                    "any",
                    "a",
                    "bit",
                    "ever",
                ):
                    following += 1
                if following < end and toks[following].text in lex.softeners:
                    return
                if following < end and toks[following].text in lex.sore:
                    self._zero(index, (toks[index].start, toks[following].end), upto=following)
                    self._use_following(following + 1, end, {"me", "at", "all", "this", "week"})
                    return
            bridging = tok.kind == _K.WORD and tok.text in lex.bridge
            if not bridging and tok.kind != _K.PUNCT:
                return
            other += 1

    def _ends_clause(self, index: int, end: int) -> bool:
        toks = self.toks
        while (
            index < end
            and toks[index].kind in (_K.WORD, _K.ALL)
            and toks[index].text
            in (
                "at",
                "all",
                "this",
                "week",
                "really",
                "today",
                "to",
                "report",
                "whatsoever",
            )
        ):
            index += 1
        return (
            index >= end
            or toks[index].kind in (*_BREAKS, _K.PUNCT, _K.JOIN)
            or (toks[index].kind in _LABELS)
        )

    def _zero(self, area_at: int, span: tuple[int, int], upto: int | None = None) -> None:
        tok = self.toks[area_at]
        self.reading.scores.append(
            _Score(tok.kind, tok.target, 0, False, False, tok.text, False, span)
        )
        tok.used = True
        if upto is not None:
            for between in self.toks[area_at : upto + 1]:
                between.used = True

    def _use_following(self, index: int, end: int, words: set[str]) -> None:
        while index < end and self.toks[index].text in words:
            self.toks[index].used = True
            index += 1

    def _leading_digits(self, start: int, end: int) -> None:
        """ "3 calves, 5 glutes", "8/10 movement", "7 for movement": the number comes first."""
        toks = self.toks
        clause_start = start
        for index in range(start, end + 1):
            if index < end and toks[index].kind != _K.COMMA:
                continue
            first = self._next(clause_start - 1, end, skip_bridge=False)
            if first is not None and first < index:
                self._leading_clause(first, index)
            clause_start = index + 1

    def _leading_clause(self, first: int, end: int) -> None:
        toks = self.toks
        head = toks[first]
        if not (head.kind == _K.NUM and head.digits and self._score_like(head)):
            return
        last = self._prev(end, skip_bridge=False, floor=first)
        if last is not None and toks[last].kind in _LABELS:
            # "3 calves 6 glutes": every number names the label after it.
            for index in range(first, end):
                label = self._next(index, end, skip_bridge=True, extra={"for"})
                tok = toks[index]
                if (
                    self._score_like(tok)
                    and label is not None
                    and toks[label].kind in _LABELS
                    and not toks[label].used
                ):
                    self._pair(label, index)
            return
        index = first
        while index < end:
            tok = toks[index]
            if tok.kind == _K.NUM and tok.digits and self._score_like(tok) and not tok.used:
                label = self._next(index, end, skip_bridge=True, extra={"for"})
                if label is not None and toks[label].kind in _LABELS_ALL:
                    after = self._next(label, end, skip_bridge=True)
                    if after is None or not self._score_like(toks[after]):
                        self._pair(label, index)
                        index = label
            index += 1

    def _direct(self, start: int, end: int) -> None:
        """A label followed by its score, with only bridge words between."""
        toks = self.toks
        for index in range(start, end):
            tok = toks[index]
            if tok.used or tok.kind not in (*_LABELS, _K.ALL, _K.EFF):
                continue
            if tok.kind == _K.AREA and index > start and toks[index - 1].text in self.lex.excepts:
                continue  # "everything except calves is a 1": the 1 is everything's
            if tok.kind == _K.ALL:
                self._all_except(index, end)
                if tok.used:
                    continue
            score = self._next(index, end, skip_bridge=True)
            if score is None or toks[score].used:
                continue
            other = toks[score]
            if tok.kind == _K.EFF:
                negated = other.text in self.lex.negations
                if negated and score + 1 < end and toks[score + 1].kind == _K.VAL:
                    score, other = score + 1, toks[score + 1]
                if other.kind == _K.VAL:
                    self._explicit(index, score)
                elif other.kind == _K.NA or (other.kind == _K.NUM and not other.training):
                    tok.used = other.used = True
                    if other.kind == _K.NUM:
                        self.reading.unread.append((tok.start, other.end))
                continue
            if other.kind == _K.NA or (other.kind == _K.ZERO and self._ends_clause(score + 1, end)):
                self._pair(index, score)
            elif other.kind == _K.NUM and not other.training and self._reachable(index, score):
                self._pair(index, score)
                self._more_sides(index, score, end)
            elif other.kind == _K.SIDE:
                self._sided_after_side(index, score, end)

    def _all_except(self, index: int, end: int) -> None:
        """ "everything except calves is a 1": the score after the excepted areas."""
        toks = self.toks
        after = self._next(index, end, skip_bridge=True)
        if after is None or toks[after].text not in self.lex.excepts:
            return
        other = after + 1
        while other < end and (
            toks[other].kind in (_K.AREA, _K.JOIN, _K.PUNCT)
            or toks[other].text in ("the", "my", "for")
        ):
            other += 1
        while other < end and toks[other].kind == _K.WORD and toks[other].text in self.lex.bridge:
            other += 1
        if other < end and self._score_like(toks[other]) and not toks[other].used:
            toks[after].used = True
            self._pair(index, other)

    def _reachable(self, label: int, score: int) -> bool:
        """A number word is a score only close to its label ("back to one run" is none)."""
        if self.toks[score].digits:
            return True
        loose = {"to", "up", "down", "in", "this", "week", "way", "lot", "like", "of", "for"}
        return not any(t.text in loose for t in self.toks[label + 1 : score])

    def _sided_after_side(self, label: int, side: int, end: int) -> None:
        """ "calves L3 R5", "ITB left 6 right 2"."""
        toks = self.toks
        score = self._next(side, end, skip_bridge=True)
        if score is None or not self._score_like(toks[score]) or toks[score].used:
            return
        self._pair(label, score, sided=True)
        self._more_sides(label, score, end, force=True)

    def _more_sides(self, label: int, score: int, end: int, force: bool = False) -> None:
        """After "calf 6": more values for other sides ("left, 3 right", "R 5", "| 5 |")."""
        toks = self.toks
        earlier = len(self._scores_for(label))
        sided = force
        values = 0
        index = score + 1
        while index < end:
            tok = toks[index]
            kind = tok.kind
            if kind == _K.SIDE:
                sided = True
            elif kind == _K.NUM and not tok.training and not tok.used:
                if not (sided or self.side_header or self._side_near(label, score, end)):
                    return
                self._pair(label, index, sided=True)
                values += 1
                sided = False
            elif not (kind in _GAPS or (kind == _K.WORD and tok.text in _SIDE_WORDS)):
                break
            index += 1
        if values:
            for found in self._scores_for(label)[:earlier]:
                found.sided = True
            last = index - 1
            while toks[last].kind in _GAPS and ")" not in toks[last].text:
                last -= 1
            self.reading.notes.append((toks[label].start, toks[last].end))

    def _side_near(self, label: int, score: int, end: int) -> bool:
        """ "left calf 4, 6 right": a side word around the first score."""
        return any(
            self.toks[i].kind == _K.SIDE for i in range(max(label - 1, 0), min(score + 4, end))
        )

    def _late(self, start: int, end: int) -> None:
        """A label whose score comes later in the sentence: "hammies were grumpy after the long
        run, I'd call it a 5", "Getting around is fine, I'd say 8"."""
        toks = self.toks
        for index in range(start, end):
            tok = toks[index]
            if tok.used or tok.kind not in _LABELS_ALL or _weak(tok):
                continue
            if tok.kind == _K.ALL and not self._scores_follow(index, end):
                continue
            score = self._late_score(index + 1, end)
            if score is not None:
                self._pair(index, score)
        features = self.features[toks[start].sentence] if start < end else 0
        if features & _NUMS and features & _CHANGE:
            for index in range(start, end):
                tok = toks[index]
                if tok.kind == _K.AREA and tok.used:
                    self._changed_to(index, end)
        self._across_the_board(start, end)

    def _changed_to(self, label: int, end: int) -> None:
        """ "Calf was 6 on Monday but settled to a 3 by Thursday": the later score is the
        week's, the earlier one is kept as an earlier value."""
        earlier = self._scores_for(label)
        if len(earlier) != 1 or earlier[0].past:
            return
        toks = self.toks
        for other in range(label + 1, end):
            tok = toks[other]
            if tok.kind in _LABELS_EFF:
                return
            if not self._score_like(tok) or tok.used or tok.past:
                continue
            near = toks[max(other - 4, label) : min(other + 3, end)]
            words = [t.text for t in near if t.kind != _K.PUNCT]
            changed = bool(_NOW & set(words)) or any(
                a in _CHANGES and b == "to" for a, b in itertools.pairwise(words)
            )
            if changed:
                earlier[0].past = True
                self._pair(label, other)
            return

    def _across_the_board(self, start: int, end: int) -> None:
        """ "sore everywhere, 6 across the board": one score for every area asked about."""
        toks = self.toks
        for index in range(start, end - 1):
            tok, after = toks[index], toks[index + 1]
            if self._score_like(tok) and not tok.used and after.text in _BOARD:
                tok.used = after.used = True
                value = _score(tok)
                span = (tok.start, after.end)
                found = _Score(_K.ALL, "", value, value is None, False, "all", False, span)
                self.reading.scores.append(found)

    def _scores_follow(self, index: int, end: int) -> bool:
        following = self._next(index, end, skip_bridge=True)
        return following is not None and self._score_like(self.toks[following])

    def _late_score(self, begin: int, end: int) -> int | None:
        toks = self.toks
        for other in range(begin, end):
            tok = toks[other]
            if tok.kind in _LABELS_EFF and not _weak(tok):
                return None
            if tok.used:
                continue
            if (
                (tok.kind == _K.ZERO or (tok.kind == _K.NUM and tok.text in _ZERO_NUMBERS))
                and self._ends_clause(other + 1, end)
                and (self._cued(other) or self._opens_clause(other))
            ):
                return other
            if (
                self._score_like(tok)
                and not tok.past
                and (tok.digits or self._article_before(other))
            ) and (self._cued(other) or self._alone_in_clause(other)):
                return other
        return None

    def _cued(self, index: int) -> bool:
        tok = self.toks[index]
        if tok.scaled or tok.ish:
            return True
        before = index - 1
        while before >= 0 and self.toks[before].kind == _K.PUNCT:
            if "~" in self.toks[before].text:
                return True
            before -= 1
        return before >= 0 and self.toks[before].text in self.lex.cues

    def _opens_clause(self, index: int) -> bool:
        other = index - 1
        while other >= 0 and self.toks[other].clause == self.toks[index].clause:
            tok = self.toks[other]
            if not (tok.kind == _K.PUNCT or (tok.kind == _K.WORD and tok.text in self.lex.filler)):
                return tok.kind in _BREAKS
            other -= 1
        return True

    def _article_before(self, index: int) -> bool:
        return index > 0 and self.toks[index - 1].text in ("a", "an")

    def _alone_in_clause(self, index: int) -> bool:
        first, last = self.clauses[self.toks[index].clause]
        return last - first <= 6 and all(
            i == index or self._empty_word(self.toks[i]) for i in range(first, last)
        )

    def _empty_word(self, tok: _Tok) -> bool:
        return tok.kind in _GLUE or (tok.kind == _K.WORD and tok.text in self.lex.filler)

    def _sided_orphans(self, start: int, end: int) -> None:
        """ "I'd give it a 6, right is more like a 3": the other side of the area just scored."""
        toks = self.toks
        for index in range(start, end):
            tok = toks[index]
            if tok.kind != _K.SIDE or tok.used:
                continue
            score = self._next(index, end, skip_bridge=True)
            if score is None or not self._score_like(toks[score]) or toks[score].used:
                continue
            owner = self._last_scored_area(start, index)
            if owner is not None:
                earlier = self._scores_for(owner)
                self._pair(owner, score, sided=True)
                for found in earlier:
                    found.sided = True
                self.reading.notes.append((toks[owner].start, toks[score].end))

    def _last_scored_area(self, start: int, before: int) -> int | None:
        for index in range(before - 1, max(start, before - _SIDE_REACH) - 1, -1):
            tok = self.toks[index]
            if tok.kind in _LABELS:
                return index if tok.kind == _K.AREA and tok.used else None
        return None

    def _late_across_sentences(self) -> None:
        """ "My calves were sore. Probably a 4.": a score opening the next sentence."""
        toks, features = self.toks, self.features
        for index in range(1, len(self.sentences)):
            here, before = features[index], features[index - 1]
            if here & _HAS_LABEL or not here & _HAS_NUM or not before & _HAS_LABEL:
                continue
            start, end = self.sentences[index]
            prev_start, prev_end = self.sentences[index - 1]
            open_labels = [
                i
                for i in range(prev_start, prev_end)
                if toks[i].kind in _LABELS and not toks[i].used and not _weak(toks[i])
            ]
            if len(open_labels) != 1 or toks[open_labels[0]].kind == _K.UNTRACKED:
                continue
            bare = not here & _WORDS  # "quads feel fine. 1."
            for other in range(start, min(end, start + _NEXT_SENTENCE_REACH)):
                tok = toks[other]
                if (
                    self._score_like(tok)
                    and not tok.used
                    and tok.digits
                    and (bare or self._cued(other))
                ):
                    self._pair(open_labels[0], other)
                    break

    # -- pairs ---------------------------------------------------------------------------------

    def _pair(self, label_at: int, score_at: int, sided: bool = False, group: bool = False) -> None:
        toks = self.toks
        label, score = toks[label_at], toks[score_at]
        low, high = min(label_at, score_at), max(label_at, score_at)
        bridge = self.lex.bridge
        for between in toks[low + 1 : high]:
            kind = between.kind
            if kind == _K.SIDE:
                sided = between.used = True
            elif group or kind == _K.PUNCT or (kind == _K.WORD and between.text in bridge):
                between.used = True
        score.used = True
        # An earlier week's score ("a 3 earlier in the week, a 5 now") leaves the label open.
        label.used = not score.past or label.used
        if low > 0 and toks[low - 1].kind == _K.SIDE:
            toks[low - 1].used = True
            sided = True
            low -= 1
        if score.kind == _K.NA:
            if label.kind == _K.AREA:
                self.reading.skipped.append(label.target)
            elif label.kind == _K.ALL:
                self.reading.skipped += self.expected
            return
        value = 0 if score.kind == _K.ZERO else _score(score)
        span = (toks[low].start, toks[high].end)
        if group:
            span = (score.start, score.end)
        if sided or label.kind == _K.UNTRACKED:
            self.reading.notes.append(span)
        found = _Score(
            label.kind, label.target, value, value is None, sided, label.text, score.past, span
        )
        self.reading.scores.append(found)
        self.label_scores.setdefault(label_at, []).append(found)

    def _scores_for(self, label_at: int) -> list[_Score]:
        return self.label_scores.get(label_at, [])

    def _explicit(self, label_at: int, value_at: int) -> None:
        label, value = self.toks[label_at], self.toks[value_at]
        label.used = value.used = True
        for between in self.toks[label_at:value_at]:
            between.used = True
        span = (label.start, value.end)
        if value.negated or value.efficiency is None:
            self.reading.unread.append(span)
        else:
            self.reading.explicit.append((value.efficiency, span))

    # -- efficiency in everyday words ----------------------------------------------------------

    def _efficiency(self, start: int, end: int) -> None:
        toks = self.toks
        # "As for efficiency, the runs felt harder": an efficiency label without its value
        # holds for the rest of the sentence, until another label or the first value.
        eff_label = False
        compared = -1  # the clause of a comparison: its other values are what it compares to
        for index in range(start, end):
            tok = toks[index]
            if tok.kind in _LABELS:
                eff_label = False
            if tok.kind == _K.EFF and not tok.used:
                eff_label = True
            if tok.kind != _K.VAL or tok.used or tok.efficiency is None:
                continue
            if tok.clause == compared or self.clause_wishes[tok.clause]:
                continue  # "better than when I was struggling", "hoping next week is better"
            if tok.negated or self._describes_label(index, start) or self._compares(index, end):
                continue
            if tok.text == "same" and self._measured_at(index):
                continue  # "faster at the same heart rate": a measure, not how running felt
            if self._than_follows(index, end):
                compared = tok.clause
            if eff_label or self._only_about_running(index):
                tok.used = True
                self._use_running_words(index, start, end)
            if eff_label:
                self.reading.explicit.append((tok.efficiency, (tok.start, tok.end)))
                eff_label = False
            else:
                bare = self._alone_in_clause(index)
                self.reading.loose.append((tok.efficiency, (tok.start, tok.end), bare))

    def _measured_at(self, index: int) -> bool:
        words = [t.text for t in self.toks[max(index - 2, 0) : index]]
        return bool(words) and (words[-1] in ("at", "with") or words[-2:] == ["at", "the"])

    def _than_follows(self, index: int, end: int) -> bool:
        other = index + 1
        while other < end and self.toks[other].kind == _K.PUNCT and not self.toks[other].text:
            other += 1
        return other < end and self.toks[other].text == "than"

    def _only_about_running(self, index: int) -> bool:
        """ "running felt way easier this week": nothing else to keep in the note (unlike
        "legs felt heavy on Sunday", which stays whole)."""
        first, last = self.clauses[self.toks[index].clause]
        return all(
            t.kind in (_K.RUN, _K.EFF, _K.VAL, _K.PUNCT, _K.JOIN)
            or t.text in self.lex.bridge
            or t.text in self.lex.filler
            for t in self.toks[first:last]
        )

    def _use_running_words(self, index: int, start: int, end: int) -> None:
        """ "running felt about the same", "no change in efficiency": the words around a value
        that only say what it is about are no note."""
        toks, bridge = self.toks, self.lex.bridge
        about = (_K.RUN, _K.EFF)
        other = index - 1
        while other >= start and (toks[other].kind in about or toks[other].text in bridge):
            toks[other].used = True
            other -= 1
        other = index + 1
        while other < end and (
            toks[other].kind == _K.PUNCT
            or (toks[other].text in bridge and toks[other].kind == _K.WORD)
        ):
            other += 1
        if other < end and toks[other].kind in about:
            for tok in toks[index + 1 : other + 1]:
                tok.used = True

    def _describes_label(self, index: int, start: int) -> bool:
        """ "calves better", "hips are better than last week", "moving heaps better"."""
        before = self._prev(index, skip_bridge=True, floor=start)
        if before is None:
            return False
        tok = self.toks[before]
        return tok.kind in (*_LABELS, _K.SIDE) or (tok.kind == _K.ALL and tok.text != "all")

    def _compares(self, index: int, end: int) -> bool:
        """ "better than last week's 5": a comparison of scores, not of running."""
        toks = self.toks
        while index + 1 < end and toks[index + 1].kind == _K.PUNCT and not toks[index + 1].text:
            index += 1  # the rest of a phrase ("about the same than")
        if index + 1 >= end or toks[index + 1].text != "than":
            return False
        clause = toks[index].clause
        return any(
            t.kind == _K.NUM
            and t.clause == clause
            and (t.bare or not t.digits)
            and t.value is not None
            and t.value <= MAX_SCORE
            for t in toks[index + 2 : min(index + 8, end)]
        )

    # -- what is left --------------------------------------------------------------------------

    def _bare_numbers(self) -> None:
        """Sentences of numbers and punctuation only ("7", "3/10"): a score for nothing we can
        name, so each is asked about (times, distances and earlier weeks' scores are notes)."""
        toks, features = self.toks, self.features
        for index in self.numbers:
            tok = toks[index]
            if features[tok.sentence] & _WORDS or tok.kind != _K.NUM or tok.used:
                continue
            if tok.training or tok.past:
                self.reading.notes.append((tok.start, tok.end))
            else:
                self.reading.unread.append((tok.start, tok.end))

    def _leftovers(self, start: int, end: int) -> None:
        toks, lex = self.toks, self.lex
        # A question about the bot or the routine ("does that count as calves?"), not a "quads ?".
        question = end < len(toks) and "?" in toks[end].text and end - start > 2
        run: list[_Tok] = []
        named: list[_Tok] = []
        for index in range(start, end + 1):
            tok = toks[index] if index < end else None
            if tok is not None and tok.kind == _K.AREA and not tok.used:
                named.append(tok)
            if (
                tok is not None
                and tok.kind == _K.UNTRACKED
                and (tok.used or question or self._complaint_in_clause(index))
            ):
                self.reading.untracked.append(tok.target)
            if tok is not None and not tok.used and tok.kind not in _BREAKS:
                run.append(tok)
                continue
            if run:
                self._leftover_run(run, start, end)
                span = (run[0].start, run[-1].end)
                for area in named:
                    # Named without a score: worth a question when the member was asked about
                    # it or says something is wrong with it, and it is no question itself.
                    asked = area.target in self.expected or self._complaint_in_clause(area.at)
                    mentions = self.reading.mentioned.setdefault(area.target, [])
                    mentions.append(span if asked and not question else (-1, -1))
            run, named = [], []
        del lex

    def _complaint_in_clause(self, index: int) -> bool:
        return self.clause_complaints[self.toks[index].clause]

    def _leftover_run(self, run: list[_Tok], start: int, end: int) -> None:
        lex = self.lex
        meaningful = [t for t in run if not (t.kind == _K.WORD and t.text in lex.filler)]
        meaningful = [t for t in meaningful if t.kind not in _GLUE]
        if not meaningful:
            return
        numbers = [t for t in meaningful if t.kind == _K.NUM and t.digits and not t.training]
        for number in numbers:
            if number.past:
                continue
            bare = len(meaningful) == 1 and self._sentence_is_bare(number, start, end)
            if number.scaled or bare:
                self.reading.unread.append((number.start, number.end))
                return
            if self._right_after_score(number):
                self.reading.unread.append((number.start, number.end))
                return
            if self._after_unknown_word(number, meaningful):
                # "legs 5", "quds 4": a score for something that is no area we know.
                self.reading.unread.append((run[0].start, run[-1].end))
                return
        if all(t.kind in (_K.NA, _K.ZERO) for t in meaningful):
            return
        while run and run[0].text in lex.openers:
            run = run[1:]
        while run and run[-1].kind in _GLUE:
            run = run[:-1]
        while run and run[0].kind in _GLUE:
            run = run[1:]
        if run:
            self.reading.notes.append((run[0].start, run[-1].end))

    def _sentence_is_bare(self, number: _Tok, start: int, end: int) -> bool:
        if end - start > 12:
            return False
        return all(
            t is number or t.kind == _K.COMMA or self._empty_word(t) for t in self.toks[start:end]
        )

    def _after_unknown_word(self, number: _Tok, meaningful: list[_Tok]) -> bool:
        if len(meaningful) > 2 or number.value is None or number.value > MAX_SCORE:
            return False
        before = number.at - 1
        while before >= 0 and self.toks[before].kind == _K.PUNCT:
            before -= 1
        if before < 0:
            return False
        tok = self.toks[before]
        return (
            tok.kind == _K.WORD
            and tok.text not in self.lex.filler
            and tok.text not in self.lex.bridge
            and tok in meaningful
            and meaningful[0] is tok
        )

    def _right_after_score(self, number: _Tok) -> bool:
        """ "calves 3 4": a second number straight after a score."""
        before = number.at - 1
        while before >= 0 and self.toks[before].kind == _K.PUNCT:
            before -= 1
        if before < 0:
            return False
        tok = self.toks[before]
        return tok.kind == _K.NUM and tok.used and tok.clause == number.clause

    # -- helpers -------------------------------------------------------------------------------

    def _score_like(self, tok: _Tok) -> bool:
        """A number that could be a score: not training talk, on no other scale."""
        return tok.kind == _K.NUM and not tok.training

    def _next(
        self,
        index: int,
        end: int,
        skip_bridge: bool,
        extra: set[str] | None = None,
    ) -> int | None:
        other = index + 1
        while other < end:
            tok = self.toks[other]
            if tok.kind == _K.PUNCT or (
                tok.kind == _K.WORD
                and (
                    (tok.text in self.lex.bridge if skip_bridge else tok.text in self.lex.filler)
                    or (extra is not None and tok.text in extra)
                )
            ):
                other += 1
                continue
            return other if tok.kind not in _BREAKS else None
        return None

    def _prev(self, index: int, skip_bridge: bool, floor: int = 0) -> int | None:
        other = index - 1
        while other >= floor:
            tok = self.toks[other]
            if tok.kind == _K.PUNCT or (tok.kind == _K.WORD and tok.text in self.lex.bridge):
                other -= 1
                continue
            return other if tok.kind not in _BREAKS else None
        return None

    # -- the result ----------------------------------------------------------------------------

    def _reconcile(self) -> ParsedCheckIn:
        reading, text = self.reading, self.text
        unread = list(reading.unread)
        soreness: dict[str, int] = {}
        movement_values: list[_Score] = []
        everything: list[_Score] = []
        by_area: dict[str, list[_Score]] = {}
        for score in reading.scores:
            if score.kind == _K.AREA:
                by_area.setdefault(score.target, []).append(score)
            elif score.kind == _K.MOVE:
                movement_values.append(score)
            elif score.kind == _K.ALL:
                everything.append(score)
            elif score.kind == _K.UNTRACKED and score.problem:
                pass
        for area, answers in by_area.items():
            value, problems = _one_value(answers)
            if value is not None:
                soreness[area] = value
            unread += problems
        skipped = [a for a in dict.fromkeys(reading.skipped) if a not in soreness]
        mentioned = {a for a in reading.mentioned if a not in soreness and a not in skipped}
        rest = [a for a in self.expected if a not in soreness and a not in skipped]
        rest = [a for a in rest if a not in mentioned]
        for score in everything:
            if score.problem or score.value is None or (not rest and not self.expected):
                unread.append(score.span)
            else:
                soreness.update(dict.fromkeys(rest, score.value))
                rest = []
        if reading.everything_zero:
            soreness.update(dict.fromkeys(rest, 0))
        movement, problems = _one_value(movement_values)
        unread += problems
        efficiency = self._efficiency_value(unread)
        has_values = bool(soreness or movement is not None or efficiency or skipped)
        if mentioned and (has_values or not self._about_the_bot()):
            for area in mentioned:
                unread += [span for span in reading.mentioned[area] if span[0] >= 0]
        untracked_scored = any(s.kind == _K.UNTRACKED for s in reading.scores)
        notes = [_note(text[a:b]) for a, b in _merge_spans(reading.notes, unread)]
        note = "; ".join(n for n in notes if n) or None
        asked = sorted(set(unread))
        fragments = [_fragment(text[a:b]) for a, b in asked[:_MAX_QUESTIONS]]
        if len(asked) > _MAX_QUESTIONS:
            fragments.append(f"and {len(asked) - _MAX_QUESTIONS} more")
        unread_text = tuple(f for f in dict.fromkeys(fragments) if f)
        return ParsedCheckIn(
            soreness=soreness,
            movement=movement,
            efficiency=efficiency,
            note=note,
            unread=unread_text,
            missing=tuple(a for a in self.expected if a not in soreness and a not in skipped),
            skipped=tuple(skipped),
            untracked=tuple(dict.fromkeys(reading.untracked)),
            is_checkin=has_values or bool(unread_text) or untracked_scored,
        )

    def _efficiency_value(self, unread: list[tuple[int, int]]) -> Efficiency | None:
        explicit = self.reading.explicit
        if explicit:
            value = _single([v for v, _ in explicit])
            if value is None:
                unread += [span for _, span in explicit]
            return value
        loose = self.reading.loose
        value = _single([v for v, _, _ in loose])
        if value is None and loose and all(bare for _, _, bare in loose):
            unread += [span for _, span, _ in loose]  # "better, worse": which is it?
        return value

    def _about_the_bot(self) -> bool:
        words = self.lex.about_the_bot
        texts = [t.text for t in self.toks]
        pairs = {" ".join(p) for p in itertools.pairwise(texts)}
        return any(t in words for t in texts) or bool(pairs & words)


# -- small pieces ------------------------------------------------------------------------------


def _hyphenated(word: str, start: int) -> list[tuple[str, int]]:
    """ "tight-ish" is "tight" and "ish"; "lower-back" is "lower back"."""
    parts = []
    offset = 0
    for part in word.split("-"):
        if part:
            parts.append((part, start + offset))
        offset += len(part) + 1
    return parts


_STOPS = frozenset("\n\r.!?…")
_COMMAS = frozenset(",;")
_JOINS = frozenset("/&+")


_SYMBOL_KINDS: dict[str, tuple[int, str]] = {}


def _symbol_kind(text: str) -> tuple[int, str]:
    """A run of punctuation: a sentence end, a clause break, a joiner ("/", "&") or glue."""
    chars = set(text)
    if chars & _STOPS:
        kind = _K.STOP
    elif chars & _COMMAS:
        kind = _K.COMMA
    elif chars & _JOINS:
        kind = _K.JOIN
    else:
        kind = _K.PUNCT
    known = (kind, text.strip())
    if len(_SYMBOL_KINDS) < 1024:
        _SYMBOL_KINDS[text] = known
    return known


_DECIMALS = {str(n): Decimal(n) for n in range(100)}


_NUMBER_PARTS = tuple(_TOKEN.groupindex[name] for name in ("value", "scale", "suffix"))


def _number(match: re.Match[str], start: int, end: int) -> _Tok:
    digits, scale, suffix = match.group(*_NUMBER_PARTS)
    value = _DECIMALS.get(digits) or _decimal(digits)
    tok = _Tok(_K.NUM, match.group(), start, end)
    tok.value, tok.digits = value, True
    if scale is None and suffix is None and value is not None and len(digits) <= 4:
        tok.bare = True
        return tok
    suffix = (suffix or "").lower().lstrip("'’")
    if scale is not None:
        tok.scaled = True
        if _decimal(scale) != Decimal(MAX_SCORE):
            tok.problem = "scale"
    if suffix == "ish":
        tok.ish = True
    elif suffix not in ("", "s"):
        tok.training = True
    tok.bare = not tok.training
    if value is None or len(digits) > 4:
        tok.problem = "odd"
    return tok


def _weak(tok: _Tok) -> bool:
    """ "move" is mostly a verb: a label only with its score right after it."""
    return tok.kind == _K.MOVE and tok.text in ("move", "moves")


def _clean_word(word: str) -> str:
    word = word.lower()
    if "'" not in word and "’" not in word:
        return word
    word = word.replace("’", "'")
    return word.removesuffix("'s").replace("'", "")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _score(tok: _Tok) -> int | None:
    """The 0..10 score of a number token, or None when it is no score on that scale."""
    if tok.kind == _K.ZERO:
        return 0
    if tok.problem is not None or tok.value is None:
        return None
    whole = _WHOLE.get(tok.value)
    if whole is not None:
        return whole
    if not 0 <= tok.value <= MAX_SCORE:
        return None
    return int(tok.value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


_WHOLE = {Decimal(n): n for n in range(MAX_SCORE + 1)}


def _one_value(answers: list[_Score]) -> tuple[int | None, list[tuple[int, int]]]:
    """One value from all that was said for a label, and the spans to ask about."""
    if not answers:
        return None, []
    problems = [a.span for a in answers if a.problem]
    current = [a for a in answers if not a.problem and not a.past] or [
        a for a in answers if not a.problem
    ]
    values = {a.value for a in current if a.value is not None}
    if not values:
        return None, problems
    if len(values) == 1:
        return values.pop(), problems
    if any(a.sided for a in current) or len({a.word for a in current}) > 1:
        return max(values), problems  # the worse side, or the sorer part of one area
    return None, problems + [a.span for a in current]


def _single(values: list[_T]) -> _T | None:
    distinct = list(dict.fromkeys(values))
    return distinct[0] if len(distinct) == 1 else None


def _merge_spans(
    notes: list[tuple[int, int]], unread: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Note spans in reading order, overlapping ones joined, none that is being asked about."""
    asked = sorted(set(unread))
    merged: list[tuple[int, int]] = []
    question = 0
    reach = -1  # the furthest end of the questions starting at or before this note
    for start, end in sorted(set(notes)):
        while question < len(asked) and asked[question][0] <= start:
            reach = max(reach, asked[question][1])
            question += 1
        if end <= reach:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _note(text: str) -> str:
    """A piece of the note as the member wrote it, without the punctuation at its edges (but
    with both brackets of a pair)."""
    text = text.strip(" \t-–—:=•*,;\"'")
    while text.endswith((")", "]")) and text.count("(") + text.count("[") < text.count(")") + (
        text.count("]")
    ):
        text = text[:-1].rstrip()
    while text.startswith(("(", "[")) and text.count("(") + text.count("[") > text.count(")") + (
        text.count("]")
    ):
        text = text[1:].lstrip()
    return text.strip(" \t-–—:=•*,;\"'")


def _fragment(text: str) -> str:
    text = " ".join(text.split()).strip(" -–—:=•*()[]\"'")
    if len(text) > _FRAGMENT_CHARS:
        text = text[: _FRAGMENT_CHARS - 1].rstrip() + "…"
    return text
