"""Reading a member's plain-words answer to the weekly check-in.

A reply such as ``calves 3, glutes 6/10, daily movement 8, efficiency better, legs felt fresh``
becomes a `ParsedCheckIn`. The parser never raises and never guesses: whatever it cannot read
with confidence goes to `ParsedCheckIn.unread`, so the bot can ask again about exactly that.

What it understands
-------------------
- Scores 0-10 for the catalogue's areas, by id, name or alias ("hammies 4", "IT band 2",
  "low back: 5"), as digits ("3", "3/10", "3 out of 10", "3ish") or words ("six"). Area names
  with small typos ("glutse", "hamstirngs") are matched with `difflib` against the catalogue's
  area words, only for words at least five letters long, only right next to a score, and only
  when one area is clearly the closest; anything else is unread. Words the catalogue lists as
  `nearby` ("shins", "knee") are never matched to an area: they are unread.
- The score usually follows the area, with separators or a few filler words in between
  ("calves: 3", "calves = 3", "calves - 3", "glutes are about 6"). A digit before the area is
  read too ("3 calves", "3 calves 6 glutes").
- Half points round up (4.5 -> 5): the scale is whole numbers, and rounding towards the sorer
  value errs on the side of caution. Any other decimal rounds to the nearest whole number.
- Refused (unread): scores above 10, ranges and changes ("3-4", "3 or 4", "5→3"), other
  scales ("3/5"), two different scores for one area without saying which side. With sides
  ("left calf 4, right calf 6") the worse side is kept.
- "none" or "nil" as a score means 0; "n/a" (or "na") means the member skips that area: it is
  in `skipped`, not in `missing`. A reply or clause that is only "none" or "n/a" is ignored.
- "all 2", "rest 1", "everything else 0" score every expected area not scored otherwise.
- Ease of daily movement: "movement 7", "daily movement 8/10", "moving easy 8", "mobility 6".
- Running efficiency: "efficiency better", "eff worse", "running felt better", "runs feel
  easier", "no change", or a bare "better" / "same" / "unchanged" on its own. A negated value
  ("not better") is unread.
- Everything else that is words and not a score is the free note ("legs felt fresh").

Clauses are separated by new lines, commas, semicolons and full stops; inside a clause several
scores can follow each other ("calves 3 and glutes 6").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum, StrEnum
from typing import TypeVar

from bot.rules.catalogue import Catalogue, UnknownArea, normalise

MAX_SCORE = 10
# Longer than any Discord message; the rest of a longer text is reported as unread.
MAX_REPLY_CHARS = 4000
FUZZY_CUTOFF = 0.8
FUZZY_MIN_LETTERS = 5
# Two candidate areas whose similarity is this close make a typo ambiguous.
FUZZY_MARGIN = 0.05
_FRAGMENT_CHARS = 80

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
    note: str | None = None
    # Fragments of the reply that could not be read, as the member typed them.
    unread: tuple[str, ...] = ()
    # Expected areas with no score (and not skipped with "n/a").
    missing: tuple[str, ...] = ()
    # Areas the member explicitly skipped with "n/a".
    skipped: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to record: no score, no movement, no efficiency and no note."""
        return (
            not self.soreness
            and self.movement is None
            and self.efficiency is None
            and self.note is None
        )


# -- vocabulary -------------------------------------------------------------------------------

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        (
            *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
            *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
            *("seventeen", "eighteen", "nineteen", "twenty"),
        )
    )
} | {"nought": 0}
_NONE_WORDS = {"none", "nil", "nada", "zilch", "nothing"}
_NA_WORDS = {"na", "n/a", "skip", "skipped", "pass"}
_MOVE_WORDS = {"movement", "moving", "mobility", "move", "moves", "movements", "mvmt", "mvt"}
_EFF_WORDS = {
    "efficiency",
    "eff",
    "effic",
    "efficient",
    "economy",
    "running",
    "run",
    "runs",
    "runnning",
}
_ALL_PHRASES = {
    ("all",): "all",
    ("everything",): "all",
    ("rest",): "all",
    ("others",): "all",
    ("everything", "else"): "all",
    ("all", "else"): "all",
    ("the", "rest"): "all",
    ("all", "others"): "all",
    ("all", "the", "others"): "all",
    ("all", "areas"): "all",
    ("other", "areas"): "all",
    ("everywhere", "else"): "all",
}
_VALUE_PHRASES: dict[tuple[str, ...], Efficiency] = {
    ("no", "change"): Efficiency.SAME,
    ("no", "changes"): Efficiency.SAME,
    ("not", "changed"): Efficiency.SAME,
    ("no", "different"): Efficiency.SAME,
    ("no", "difference"): Efficiency.SAME,
    ("as", "usual"): Efficiency.SAME,
    ("about", "the", "same"): Efficiency.SAME,
    ("not", "as", "good"): Efficiency.WORSE,
    ("less", "efficient"): Efficiency.WORSE,
    ("more", "efficient"): Efficiency.BETTER,
}
_VALUE_WORDS = {
    "better": Efficiency.BETTER,
    "improved": Efficiency.BETTER,
    "improving": Efficiency.BETTER,
    "easier": Efficiency.BETTER,
    "smoother": Efficiency.BETTER,
    "stronger": Efficiency.BETTER,
    "same": Efficiency.SAME,
    "unchanged": Efficiency.SAME,
    "similar": Efficiency.SAME,
    "steady": Efficiency.SAME,
    "stable": Efficiency.SAME,
    "worse": Efficiency.WORSE,
    "harder": Efficiency.WORSE,
    "worsened": Efficiency.WORSE,
    "heavier": Efficiency.WORSE,
}
_NEGATIONS = {"not", "no", "never", "hardly", "isnt", "wasnt", "didnt", "aint", "nt"}
_SIDES = {"left", "right", "l", "r", "lhs", "rhs"}
# Words allowed between a label and its value ("glutes are about 6", "running felt a bit better").
_BRIDGE = _SIDES | {
    "is",
    "are",
    "was",
    "were",
    "at",
    "about",
    "around",
    "approx",
    "approximately",
    "roughly",
    "maybe",
    "like",
    "a",
    "an",
    "the",
    "still",
    "now",
    "currently",
    "sore",
    "soreness",
    "tight",
    "tightness",
    "tension",
    "pain",
    "achy",
    "aches",
    "aching",
    "hurts",
    "hurting",
    "stiff",
    "stiffness",
    "feel",
    "feels",
    "felt",
    "feeling",
    "seems",
    "seemed",
    "prob",
    "probably",
    "pretty",
    "level",
    "score",
    "rating",
    "ish",
    "only",
    "just",
    "easy",
    "ease",
    "bit",
    "little",
    "tad",
    "much",
    "slightly",
    "way",
    "lot",
    "somewhat",
    "kinda",
    "quite",
    "getting",
    "got",
    "definitely",
    "def",
    "noticeably",
    "even",
    "abt",
    "this",
    "week",
    "in",
    "up",
    "down",
    "to",
}
# Bridge words that still mean something on their own ("felt good" is a note).
_SOFT_BRIDGE = {"ok", "okay", "fine", "good"}
# Bridge words a number written as a word may not cross ("back to one run a week" is no score).
_LOOSE = {"to", "up", "down", "in", "the", "this", "week", "way", "lot", "like"}
# Words that open a note without belonging to it.
_NOTE_OPENERS = {"and", "but", "also", "plus", "note", "notes", "comment", "comments", "ps"}
# Words that carry nothing on their own: left over next to scores they are dropped, not noted.
_FILLER = _BRIDGE | {
    "and",
    "but",
    "also",
    "plus",
    "though",
    "with",
    "my",
    "both",
    "today",
    "lately",
    "daily",
    "everyday",
    "day",
    "to",
    "of",
    "general",
    "i",
    "id",
    "im",
    "say",
    "would",
    "think",
    "guess",
    "in",
    "on",
    "for",
    "so",
    "very",
    "really",
    "then",
    "overall",
}

_TOKEN = re.compile(
    r"(?P<break>[\n\r;,|]+|(?<![0-9])[.!?]+|[.!?]+(?![0-9]))"
    r"|(?P<na>(?<![^\W_])n\s*/\s*a(?![^\W_]))"
    r"|(?P<range>(?<![0-9])[0-9]+(?:\.[0-9]+)?(?:\s*(?:[-–—→]|->|=>)\s*|\s+(?:to|or)\s+)[0-9]+(?:\.[0-9]+)?"
    r"(?:\s*/\s*[0-9]+)?(?![^\W_]))"
    r"|(?P<num>(?<![0-9])(?P<value>[0-9]+(?:\.[0-9]+)?)"
    r"(?:\s*(?:/|out\s+of|of)\s*(?P<scale>[0-9]+(?:\.[0-9]+)?))?(?:ish)?(?![^\W_]))"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<mixed>[^\W_]+)",
    re.IGNORECASE,
)


class _Kind(Enum):
    WORD = "word"
    NUM = "num"
    NA = "na"
    NONE = "none"
    AREA = "area"
    MOVE = "move"
    EFF = "eff"
    VAL = "val"
    ALL = "all"


_LABELS = {_Kind.AREA, _Kind.MOVE, _Kind.EFF, _Kind.ALL}
_SCORES = {_Kind.NUM, _Kind.NA, _Kind.NONE}


@dataclass(slots=True)
class _Item:
    kind: _Kind
    text: str
    start: int
    end: int
    value: Decimal | None = None
    problem: str | None = None
    target: str = ""
    efficiency: Efficiency | None = None
    digits: bool = False
    consumed: bool = False

    @property
    def filler(self) -> bool:
        return self.kind is _Kind.WORD and self.text in _FILLER

    @property
    def bridge(self) -> bool:
        return self.kind is _Kind.WORD and (self.text in _BRIDGE or self.text in _SOFT_BRIDGE)


@dataclass(slots=True)
class _Pair:
    label: _Item
    score: _Item
    start: int
    end: int
    sided: bool


@dataclass
class _Reading:
    """Everything collected from the clauses, before it is reconciled."""

    areas: dict[str, list[tuple[int, bool, tuple[int, int]]]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    everything: list[tuple[_Item, tuple[int, int]]] = field(default_factory=list)
    movement: list[tuple[int, tuple[int, int]]] = field(default_factory=list)
    efficiency: list[tuple[Efficiency, tuple[int, int]]] = field(default_factory=list)
    notes: list[tuple[int, int]] = field(default_factory=list)
    unread: list[tuple[int, int]] = field(default_factory=list)


class _Lexicon:
    """The catalogue's area words, for exact look-up through `resolve_area` and for typos."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.words: dict[str, str] = {}
        for area in catalogue.areas:
            for word in (area.id, area.name, *area.aliases):
                self.words[normalise(word)] = area.id
        self.nearby = {normalise(word) for word in catalogue.nearby}
        self.longest = max((len(w.split()) for w in self.words), default=1)
        self.fuzzy_targets: dict[str, tuple[_Kind, str]] = {
            word: (_Kind.AREA, area) for word, area in self.words.items() if len(word) >= 4
        }
        for word in ("movement", "mobility"):
            self.fuzzy_targets[word] = (_Kind.MOVE, "")
        self.eff_targets = {"efficiency": (_Kind.EFF, ""), "efficient": (_Kind.EFF, "")}

    def exact(self, phrase: str) -> str | None:
        key = normalise(phrase)
        if key in self.nearby or not any(
            candidate in self.words for candidate in (key, key.removesuffix("s"), key + "s")
        ):
            return None
        try:
            return self.catalogue.resolve_area(key)
        except UnknownArea:
            return None

    def fuzzy(self, phrase: str, targets: dict[str, tuple[_Kind, str]]) -> tuple[_Kind, str] | None:
        key = normalise(phrase)
        letters = sum(ch.isalpha() for ch in key)
        if letters < FUZZY_MIN_LETTERS or key in self.nearby:
            return None
        scored = sorted(
            (
                (difflib.SequenceMatcher(None, key, word).ratio(), word)
                for word in difflib.get_close_matches(key, list(targets), n=4, cutoff=FUZZY_CUTOFF)
            ),
            reverse=True,
        )
        if not scored:
            return None
        best_ratio, best_word = scored[0]
        best = targets[best_word]
        for ratio, word in scored[1:]:
            if targets[word] != best and best_ratio - ratio < FUZZY_MARGIN:
                return None
        return best


# -- entry point -------------------------------------------------------------------------------


def parse_reply(
    text: str, catalogue: Catalogue, expected_areas: Sequence[str] = ()
) -> ParsedCheckIn:
    """Read a check-in reply. Never raises; what it cannot read lands in `unread`."""
    if not isinstance(text, str):
        text = ""
    overflow = text[MAX_REPLY_CHARS:]
    text = text[:MAX_REPLY_CHARS]
    lexicon = _Lexicon(catalogue)
    reading = _Reading()
    for clause in _clauses(text):
        _read_clause(clause, lexicon, reading)
    parsed = _reconcile(text, reading, list(dict.fromkeys(expected_areas)))
    if overflow.strip():
        unread = (*parsed.unread, _fragment(overflow) + " (past the first 4000 characters)")
        parsed = ParsedCheckIn(
            parsed.soreness,
            parsed.movement,
            parsed.efficiency,
            parsed.note,
            unread,
            parsed.missing,
            parsed.skipped,
        )
    return parsed


# -- tokens ------------------------------------------------------------------------------------


def _clean_word(word: str) -> str:
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    return word.replace("'", "")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _clauses(text: str) -> Iterator[list[_Item]]:
    clause: list[_Item] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        group = match.lastgroup
        if group == "break":
            if clause:
                yield clause
            clause = []
        elif group == "na":
            clause.append(_Item(_Kind.NA, "n/a", start, end))
        elif group == "range":
            clause.append(_Item(_Kind.NUM, match.group(), start, end, problem="range", digits=True))
        elif group == "num":
            value = _decimal(match.group("value"))
            scale = match.group("scale")
            problem = None
            if scale is not None and _decimal(scale) != Decimal(MAX_SCORE):
                problem = "scale"
            item = _Item(_Kind.NUM, match.group(), start, end, value, problem, digits=True)
            clause.append(item)
        elif group == "mixed" and match.group().isdigit():
            clause.append(_Item(_Kind.NUM, match.group(), start, end, problem="odd", digits=True))
        elif group in ("word", "mixed"):
            clause.append(_Item(_Kind.WORD, _clean_word(match.group()), start, end))
    if clause:
        yield clause


def _merge(items: list[_Item], index: int, length: int, kind: _Kind, **values: object) -> None:
    first, last = items[index], items[index + length - 1]
    text = " ".join(i.text for i in items[index : index + length])
    merged = _Item(kind, text, first.start, last.end)
    for name, value in values.items():
        setattr(merged, name, value)
    items[index : index + length] = [merged]


def _words_at(items: list[_Item], index: int, length: int) -> tuple[str, ...] | None:
    window = items[index : index + length]
    if len(window) < length or any(i.kind is not _Kind.WORD for i in window):
        return None
    return tuple(i.text for i in window)


def _classify(items: list[_Item], lexicon: _Lexicon) -> None:
    """Turn words into areas, metrics, values and number words, longest phrase first."""
    index = 0
    while index < len(items):
        if items[index].kind is not _Kind.WORD:
            index += 1
            continue
        for length in range(max(lexicon.longest, 3), 0, -1):
            words = _words_at(items, index, length)
            if words is None:
                continue
            if words in _VALUE_PHRASES:
                _merge(items, index, length, _Kind.VAL, efficiency=_VALUE_PHRASES[words])
                break
            if words in _ALL_PHRASES:
                _merge(items, index, length, _Kind.ALL)
                break
            if words == ("running", "efficiency"):
                _merge(items, index, length, _Kind.EFF)
                break
            if any(w in _NUMBER_WORDS for w in words) and length > 1:
                continue
            area = lexicon.exact(" ".join(words))
            if area is not None:
                _merge(items, index, length, _Kind.AREA, target=area)
                break
        else:
            index -= _classify_word(items, index)
        index += 1


def _classify_word(items: list[_Item], index: int) -> int:
    """Classify one word; returns 1 when it absorbed the negation before it, else 0."""
    item = items[index]
    word = item.text
    if word in _NUMBER_WORDS:
        item.kind, item.value = _Kind.NUM, Decimal(_NUMBER_WORDS[word])
    elif word in _NONE_WORDS:
        item.kind = _Kind.NONE
    elif word in _NA_WORDS:
        item.kind = _Kind.NA
    elif word in _MOVE_WORDS:
        item.kind = _Kind.MOVE
    elif word in _EFF_WORDS:
        item.kind = _Kind.EFF
    elif word in _VALUE_WORDS:
        item.kind, item.efficiency = _Kind.VAL, _VALUE_WORDS[word]
        before = items[index - 1] if index else None
        if before is not None and before.kind is _Kind.WORD and before.text in _NEGATIONS:
            _merge(items, index - 1, 2, _Kind.VAL, efficiency=item.efficiency, problem="negated")
            return 1
    return 0


def _fuzzy_labels(items: list[_Item], lexicon: _Lexicon) -> None:
    """Typos in the word right before a score (or a value), or right after a leading digit."""
    index = 0
    while index < len(items):
        item = items[index]
        if item.kind in _SCORES or item.kind is _Kind.VAL:
            targets = lexicon.eff_targets if item.kind is _Kind.VAL else lexicon.fuzzy_targets
            before = _neighbour(items, index, -1, bridge_only=True)
            if before is not None and items[before].kind is _Kind.WORD:
                index -= _fuzzy_merge(items, before, -1, lexicon, targets)
            elif before is None and item.digits:
                after = _neighbour(items, index, 1, bridge_only=True)
                if after is not None and items[after].kind is _Kind.WORD:
                    _fuzzy_merge(items, after, 1, lexicon, targets)
        index += 1


def _fuzzy_merge(
    items: list[_Item],
    at: int,
    direction: int,
    lexicon: _Lexicon,
    targets: dict[str, tuple[_Kind, str]],
) -> int:
    """Try the 3, 2, 1 words ending (or starting) at `at`; returns how many items were merged."""
    for length in (3, 2, 1):
        start = at - length + 1 if direction < 0 else at
        if start < 0 or start + length > len(items):
            continue
        window = items[start : start + length]
        if any(i.kind not in (_Kind.WORD, _Kind.AREA) or i.filler for i in window):
            continue
        found = lexicon.fuzzy(" ".join(i.text for i in window), targets)
        if found is not None:
            kind, target = found
            _merge(items, start, length, kind, target=target)
            return length - 1
    return 0


def _neighbour(items: list[_Item], index: int, step: int, bridge_only: bool) -> int | None:
    """The next item from `index` in direction `step`, skipping bridge (or filler) words."""
    other = index + step
    while 0 <= other < len(items):
        item = items[other]
        if not (item.bridge if bridge_only else item.filler) or item.consumed:
            return other
        other += step
    return None


# -- pairing -----------------------------------------------------------------------------------


def _pairs(items: list[_Item]) -> list[_Pair]:
    pairs: list[_Pair] = []

    def pair(label_at: int, score_at: int) -> None:
        label, score = items[label_at], items[score_at]
        low, high = min(label_at, score_at), max(label_at, score_at)
        for between in items[low : high + 1]:
            between.consumed = True  # the pair's own bridge words are no note
        start, end = min(label.start, score.start), max(label.end, score.end)
        sided = any(
            i.kind is _Kind.WORD and i.text in _SIDES for i in items[max(low - 1, 0) : high]
        )
        pairs.append(_Pair(label, score, start, end, sided))

    def follows(index: int) -> int | None:
        other = _neighbour(items, index, 1, bridge_only=True)
        return None if other is None or items[other].consumed else other

    def ends_run(index: int) -> bool:
        other = _neighbour(items, index, 1, bridge_only=False)
        return other is None or items[other].consumed

    meaningful = [i for i in items if not i.filler]
    leading_digit = bool(meaningful) and meaningful[0].kind is _Kind.NUM and meaningful[0].digits
    if leading_digit and meaningful[-1].kind in _LABELS:
        # "3 calves 6 glutes": every digit names the area after it.
        for index, item in enumerate(items):
            nxt = follows(index)
            if nxt is not None and item.kind is _Kind.NUM and items[nxt].kind in _LABELS:
                pair(nxt, index)
    for index, item in enumerate(items):
        nxt = follows(index)
        if item.consumed or nxt is None:
            continue
        kind, next_kind = item.kind, items[nxt].kind
        if kind is _Kind.ALL and not ends_run(nxt):
            continue  # "rest 3 days": not a score for every area
        if kind is _Kind.EFF:
            if next_kind in (_Kind.VAL, _Kind.NA):
                pair(index, nxt)
        elif kind in _LABELS and next_kind in _SCORES and _reachable(items, index, nxt):
            pair(index, nxt)
        elif kind is _Kind.VAL and next_kind is _Kind.EFF:
            pair(nxt, index)
    for index, item in enumerate(items):
        # A leading digit before an area with no score of its own: "3 calves".
        if item.consumed or item.kind is not _Kind.NUM or not item.digits:
            continue
        before = _neighbour(items, index, -1, bridge_only=False)
        nxt = follows(index)
        if (
            (before is None or items[before].consumed)
            and nxt is not None
            and items[nxt].kind in (_Kind.AREA, _Kind.MOVE)
            and ends_run(nxt)
        ):
            pair(nxt, index)
    return pairs


def _reachable(items: list[_Item], label_at: int, score_at: int) -> bool:
    """A number written as a word is a score only close to its label (not "back to one")."""
    if items[score_at].digits or items[score_at].kind is not _Kind.NUM:
        return True
    return not any(i.text in _LOOSE for i in items[label_at + 1 : score_at])


def _score(item: _Item) -> int | None:
    """The 0..10 score of a number item, or None when out of range or unreadable."""
    if item.kind is _Kind.NONE:
        return 0
    if item.problem is not None or item.value is None:
        return None
    if not 0 <= item.value <= MAX_SCORE:
        return None
    return int(item.value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _record(pair: _Pair, reading: _Reading) -> None:
    label, score = pair.label, pair.score
    span = (pair.start, pair.end)
    if label.kind is _Kind.EFF:
        if score.kind is _Kind.VAL and score.problem is None and score.efficiency is not None:
            reading.efficiency.append((score.efficiency, span))
        elif score.kind is _Kind.VAL:
            reading.unread.append(span)
        return
    if score.kind is _Kind.NA:
        if label.kind is _Kind.AREA:
            reading.skipped.append(label.target)
        elif label.kind is _Kind.ALL:
            reading.everything.append((score, span))
        return
    value = _score(score)
    if value is None or (label.kind is _Kind.MOVE and score.kind is _Kind.NONE):
        reading.unread.append(span)
    elif label.kind is _Kind.AREA:
        reading.areas.setdefault(label.target, []).append((value, pair.sided, span))
    elif label.kind is _Kind.MOVE:
        reading.movement.append((value, span))
    else:
        reading.everything.append((score, span))


def _read_clause(items: list[_Item], lexicon: _Lexicon, reading: _Reading) -> None:
    _classify(items, lexicon)
    _fuzzy_labels(items, lexicon)
    pairs = _pairs(items)
    for found in pairs:
        _record(found, reading)
    for run in _leftover_runs(items):
        _read_leftover(run, reading, clause_has_pairs=bool(pairs))


def _leftover_runs(items: list[_Item]) -> Iterator[list[_Item]]:
    run: list[_Item] = []
    for item in items:
        if item.consumed:
            if run:
                yield run
            run = []
        else:
            run.append(item)
    if run:
        yield run


def _read_leftover(run: list[_Item], reading: _Reading, clause_has_pairs: bool) -> None:
    span = (run[0].start, run[-1].end)
    meaningful = [i for i in run if not i.filler]
    if not meaningful:
        return
    if any(i.kind is _Kind.NUM and i.digits for i in meaningful):
        reading.unread.append(span)
        return
    kinds = {i.kind for i in meaningful}
    if kinds <= {_Kind.NA, _Kind.NONE}:
        return
    if kinds <= {_Kind.AREA, _Kind.MOVE, _Kind.EFF}:
        reading.unread.append(span)
        return
    if not clause_has_pairs and len(meaningful) == 1 and meaningful[0].kind is _Kind.VAL:
        value = meaningful[0]
        if value.problem is None and value.efficiency is not None:
            reading.efficiency.append((value.efficiency, span))
        else:
            reading.unread.append(span)
        return
    # A note: drop joining words at its edges ("and legs felt fresh" -> "legs felt fresh").
    while run and run[0].kind is _Kind.WORD and run[0].text in _NOTE_OPENERS:
        run = run[1:]
    if run:
        reading.notes.append((run[0].start, run[-1].end))


# -- reconciling -------------------------------------------------------------------------------


def _reconcile(text: str, reading: _Reading, expected: list[str]) -> ParsedCheckIn:
    unread = list(reading.unread)
    soreness: dict[str, int] = {}
    for area, answers in reading.areas.items():
        values = {value for value, _, _ in answers}
        if len(values) == 1:
            soreness[area] = values.pop()
        elif sum(sided for _, sided, _ in answers) >= 2:
            soreness[area] = max(values)  # the worse side
        else:
            unread += [span for _, _, span in answers]
    skipped = [a for a in dict.fromkeys(reading.skipped) if a not in soreness]
    rest = [a for a in expected if a not in soreness and a not in skipped]
    for score, span in reading.everything:
        if not rest:
            unread.append(span)
        elif score.kind is _Kind.NA:
            skipped += rest
            rest = []
        elif (value := _score(score)) is None:
            unread.append(span)
        else:
            soreness.update(dict.fromkeys(rest, value))
            rest = []
    movement = _single([v for v, _ in reading.movement])
    if movement is None:
        unread += [span for _, span in reading.movement] if len(reading.movement) > 1 else []
    efficiency = _single([v for v, _ in reading.efficiency])
    if efficiency is None and len(reading.efficiency) > 1:
        unread += [span for _, span in reading.efficiency]
    notes = [_fragment(text[a:b]) for a, b in sorted(reading.notes)]
    note = "; ".join(n for n in notes if n) or None
    fragments = [_fragment(text[a:b]) for a, b in sorted(set(unread))]
    return ParsedCheckIn(
        soreness=soreness,
        movement=movement,
        efficiency=efficiency,
        note=note,
        unread=tuple(f for f in dict.fromkeys(fragments) if f),
        missing=tuple(a for a in expected if a not in soreness and a not in skipped),
        skipped=tuple(skipped),
    )


def _single(values: list[_T]) -> _T | None:
    distinct = list(dict.fromkeys(values))
    return distinct[0] if len(distinct) == 1 else None


def _fragment(text: str) -> str:
    text = " ".join(text.split()).strip(" -–—:=•*()[]\"'")
    if len(text) > _FRAGMENT_CHARS:
        text = text[: _FRAGMENT_CHARS - 1].rstrip() + "…"
    return text
