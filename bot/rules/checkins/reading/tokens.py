"""Tokens of a reply: their kinds, what a sentence holds, and reading one number."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from bot.rules.catalogue import unaccented
from bot.rules.checkins.reading.result import Efficiency

MAX_SCORE = 10
# Longer than any Discord message; the rest of a longer text is reported as unread.
MAX_REPLY_CHARS = 4000
# Words, numbers and runs of punctuation read from one reply. A Discord message holds 2,000
# characters (4,000 with Nitro); 2,000 characters of prose are about 470 tokens, and the longest
# of the 18,000 replies in the corpora holds 261. Only the longest replies, or ones packed with
# numbers and symbols, reach it: the rest of those is asked about and kept whole (`rest`), like
# the part of a reply past MAX_REPLY_CHARS, so the slowest reply stays fast (at 500, a reply of
# one sentence of jokes taken back and scores, "quads 11/10 😭 (jk 7) movement 6" over and over,
# read at 5.2-5.6 ms on the scale; at 400, 4.2-4.5).
MAX_REPLY_TOKENS = 400


class K:
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
HAS_LABEL, HAS_NUM, HAS_VAL, HAS_SIDE, NEGATION = 1, 2, 4, 8, 16
AREA_SEEN, AREAS = 32, 64  # one area, two or more
WORDS = 1024  # any word at all: a sentence of bare numbers is read quickly
NUMS = 2048  # two numbers or more
COMPLAINT = 4096  # a word saying something is wrong (kept per clause, not per sentence)
CHANGE = 8192  # "now", "overall", "down to": a later score may follow
PAST = 16384  # "from", "last week", "ago": an earlier week's score may be there
WISH = 32768  # "hoping", "hopefully": what follows is no report (kept per clause)
LEVEL = 65536  # how an area feels without a number: "ok", "not too bad" (kept per clause)
MOMENT = 131072  # "on Monday", "after the race": a score for one moment (kept per clause)
MEASURE = 262144  # "energy", "sleep": a number said of them is no area's
# What a clause says of how an area feels (`State.clause_feels`).
FEELS_LEVEL, FEELS_WRONG = 1, 2
LETTER, LETTERS = 128, 128 * 3  # single letters, counted up to three
# Only these sentences can hold a value: a label, a zero in words, or a side with a number.
BUSY = HAS_LABEL | NEGATION
SIDED = HAS_SIDE | HAS_NUM
FEATURE = {
    K.AREA: HAS_LABEL,
    K.UNTRACKED: HAS_LABEL,
    K.MOVE: HAS_LABEL,
    K.EFF: HAS_LABEL,
    K.ALL: HAS_LABEL,
    K.NUM: HAS_NUM,
    K.ZERO: NEGATION,
    K.NA: HAS_NUM,
    K.VAL: HAS_VAL,
    K.SIDE: HAS_SIDE,
}
FEATURES = [FEATURE.get(kind, 0) for kind in range(max(FEATURE) + 1)]
LABELS = frozenset({K.AREA, K.UNTRACKED, K.MOVE})
LABELS_ALL = LABELS | {K.ALL}
LABELS_EFF = LABELS | {K.EFF}
LABELS_ALL_EFF = LABELS_ALL | {K.EFF}
LABELS_SIDE = LABELS | {K.SIDE}
BREAKS = frozenset({K.STOP, K.COMMA})
GLUE = frozenset({K.PUNCT, K.JOIN})
GAPS = frozenset({K.PUNCT, K.COMMA, K.JOIN})
CLAUSE_ENDS = BREAKS | GLUE
# What stops the search for a zero in words after an area.
NOT_AFTER_AREA = BREAKS | LABELS | {K.NUM}
# "settled to a 3", "down to 2": a later score for the same area.
CHANGES = frozenset({"down", "up", "settled", "dropped", "eased", "came", "went", "got", "fell"})
# Said with a later score, these make it the week's over a peak said first ("peaked at 7 but
# 4 most of the week", "a 7 at worst, mostly a 4").
TYPICAL = frozenset(
    {"mostly", "usually", "generally", "typically", "normally", "most", "otherwise", "average"}
    | {"avg", "averaged", "averaging"}
)
# A joke taken back: the scores said before it give way to the ones said after it ("quads 9
# calves 9 lol jk. quads 2 calves 3", "11/10 😂 no seriously 6", "a 10 for drama but really a
# 4"). Phrases are merged as words.
JOKES = frozenset(
    {"jk", "jkjk", "kidding", "joking", "joke", "no seriously", "ok seriously", "but seriously"}
    | {"brincadeira"}  # Portuguese: "eff 5 kkkk brincadeira, eficiência igual"
    | {"seriously though", "joking aside", "jokes aside", "in all seriousness"}
    | {"but really", "realistically", "but realistically", "in reality"}
    | {"nah for real", "but for real", "no for real", "ok for real"}
)
# Taking a score back for the next one: "calves 10/10 jk 3", "glutes 4, actually make that 5".
CORRECTIONS = (
    frozenset(
        {"actually", "correction", "correccion", "oops", "mean", "meant", "rather", "wait", "edit"}
        | {"sorry", "scratch", "scrap"}  # "... sorry calves 4", "scrap that, quads 4"
    )
    | JOKES
)
# Doubting the score just given: "too high, call it 6", "7, scratch that, 5".
DOUBTS = frozenset({"scratch", "scrap", "call", "make", "too"})
# Arrows after an efficiency label: "eff ↑" is better, "eff ⬇️" worse.
ARROWS = {"↑": Efficiency.BETTER, "⬆": Efficiency.BETTER, "↗": Efficiency.BETTER}
ARROWS |= {"📈": Efficiency.BETTER, "↓": Efficiency.WORSE, "⬇": Efficiency.WORSE}
ARROWS |= {"↘": Efficiency.WORSE, "📉": Efficiency.WORSE}
# Number words for nothing: "hip flexors fine, zero really".
ZERO_NUMBERS = frozenset({"zero", "zeros", "zeroes", "nought"})
# Said of a second, higher score for the same area, it is a peak beside the usual one ("5,
# occasionally 6", "a 3 but a 4 at times", "6, 7 at worst", "mostly 4 but peaked at 5"): read
# as a range.
OCCASIONAL = frozenset(
    {"occasionally", "sometimes", "occasional", "worst", "times", "peaked", "peaking", "spiked"}
    | {"veces", "vezes"}  # Spanish, Portuguese: "a veces 6" (`_AT_TIMES`)
)
# A later score said in these is the state now ("by Sunday it's more like a 3"); without them
# it is one more moment of the week ("by Friday they were about 3").
PRESENT = frozenset({"is", "are", "theyre", "feel", "feels", "am", "im", "still"})
# Said of the later of two scores: it is this week's ("a 6 on Tuesday, a 4 overall").
# ("hoy", "hoje", "agora": Spanish and Portuguese today, now)
NOW = frozenset({"now", "overall", "today", "currently", "since", "by", "hoy", "hoje", "agora"})
# Of time to come: a score said with one is hoped for, not this week's ("should be 3 by friday").
TO_COME = frozenset({"will", "ll", "should", "if", "gonna", "expect", "expecting", "race"})
# Between an area's score and a later one, the later one follows in time ("4 for 2 days after
# the race, then 2"): a change, as "by Friday" makes one.
SEQUENCE = frozenset({"then", "later", "afterwards", "afterward"})
# Soreness said to be over ("niggle gone", "pain all cleared up"): a zero in words.
GONE = frozenset({"gone", "cleared", "resolved", "disappeared", "vanished"})
# A score for every area: "6 across the board".
BOARD = frozenset({"across the board", "all round", "all around", "everywhere", "all over"})
# Words between the values of two sides: "5 on the right and 3 on the left".
SIDE_WORDS = frozenset({"on", "the", "side", "one", "is", "a"})

# Digits and punctuation of other scripts, read as their ASCII kin (one character for one, so
# every token keeps its place in the reply): Arabic-Indic and Persian digits with the Arabic
# comma, semicolon and question mark ("ربلة ٣، فخذ ٥"), Devanagari digits, and the full-width
# digits and punctuation of Chinese and Japanese ("小腿３，大腿２。").
NATIVE_MARKS = str.maketrans(
    {chr(base + d): str(d) for base in (0x0660, 0x06F0, 0x0966, 0xFF10) for d in range(10)}
    | {"،": ",", "؛": ";", "؟": "?", "，": ",", "、": ",", "。": ".", "：": ":", "；": ";"}
    | {"！": "!", "？": "?", "（": "(", "）": ")"}
)
# Whether a reply holds any of them: looked for before translating (translating 4,000
# characters of emoji cost as much as reading a short reply).
NATIVE_MARK = re.compile("[" + re.escape("".join(chr(c) for c in NATIVE_MARKS)) + "]")

# Runs of punctuation are one token: what the run holds decides what it is (see `_symbols`).
SYMBOL = r"\n\r,.;:!?…|/&+()\[\]{}~*•>–—=→➡-"
# The days of the week, as a change said from one is written ("4 on mon → 2").
_DAYS = (
    "(?:mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday"
    "|fri|friday|sat|saturday|sun|sunday)"
)
# Alternatives in order of how often they start a token; numbers are tried only at a digit.
TOKEN = re.compile(
    r"(?P<word>(?!n\s*/\s*a(?![^\W_]))[^\W\d_]+(?:(?:['’]|-(?=[^\W\d_]))[^\W\d_]+)*)"
    rf"|(?P<symbols>[{SYMBOL}](?:[\s{SYMBOL}]*[{SYMBOL}])?)"
    r"|(?P<na>n\s*/\s*a(?![^\W_]))"
    r"|(?P<arrow>[↑⬆↗📈↓⬇↘📉]\ufe0f?)"
    r"|(?P<keycap>🔟)"  # the ten keycap ("3️⃣" is the digit, read as one)
    # A run of emoji with more said after it ends a clause ("like 8 😩 groin ok, maybe a 2").
    r"|(?P<emoji>(?:(?<=\S)|(?<=\S[ \t]))[\U0001F300-\U0001FAFF\u2600-\u27BF]"
    r"[\U0001F300-\U0001FAFF\u2600-\u27BF\ufe0f\u200d]{0,8}(?=[ \t]{0,3}[^\W\d_]))"
    r"|(?=[0-9])(?<![0-9.])(?:"
    # Most numbers stand alone before a word: read them without trying the shapes below.
    r"(?P<plain>[0-9]{1,4})(?=[ \t]+(?!(?:to|or|out|outta|of|x)(?![^\W\d_])"
    r"|on[ \t]+" + _DAYS + r"[ \t]*(?:→|->|=>|➡))[^\W\d_])"
    r"|(?P<thousands>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9]))"
    # A spaced em dash separates ("glutes 2 — 10 days to go"); a range ends at 10 or below.
    r"|(?P<range>(?P<low>[0-9]+(?:\.[0-9]+)?)(?:ish)?(?:—|\s*[-–]\s*|\s+(?:to|or)\s+)"
    r"(?P<high>10|[0-9](?:\.[0-9]+)?)(?:\s*/\s*(?P<over>[0-9]+))?(?![0-9]|\.[0-9]))"
    r"|(?P<time>[0-9]{1,2}(?::[0-9]{2}){1,2}(?![0-9])"
    r"(?:\s*(?:am|pm)(?![^\W_]))?(?:\s*/\s*[^\W\d_]+)?)"
    r"|(?P<mult>[0-9]+\s*[x×]\s*[0-9]+(?:\.[0-9]+)?[^\W\d_]*)"
    r"|(?P<list>[0-9]+(?:\.[0-9]+)?(?:[ \t]+[0-9]+(?:\.[0-9]+)?(?![0-9.:/x×)]))+(?![^\W_])"
    r"|[0-9]+(?:[ \t]*[,;][ \t]*[0-9]+(?![0-9.:/x×])){2,}(?![^\W_]))"
    r"|(?P<change>(?P<was>[0-9]+(?:\.[0-9]+)?)(?:\s*/\s*10)?"
    # "4 on mon → 2 by fri": the day the change started from
    r"(?:[ \t]+on[ \t]+" + _DAYS + r"(?=[ \t]*(?:→|->|=>|➡)))?"
    # "8 -> 5 -> 3": the steps between, where it ended last
    r"(?:\s*(?:→|->|=>|➡️?)\s*[0-9]+(?:\.[0-9]+)?(?:\s*/\s*10)?(?=\s*(?:→|->|=>|➡)))*"
    r"\s*(?:→|->|=>|➡️?)\s*(?P<now>[0-9]+(?:\.[0-9]+)?)"
    r"(?:\s*/\s*10)?(?![0-9/]|\.[0-9]))"
    r"|(?P<num>(?P<value>[0-9]+(?:\.[0-9]+)?)"
    r"(?:\s*(?:/|out\s+of|outta|of(?=\s*10(?![0-9])))\s*(?P<scale>[0-9]+(?:\.[0-9]+)?))?(?P<suffix>[^\W\d_]+|['’]s(?![^\W_])|%|°)?))",
    re.IGNORECASE,
)


class Tok:
    """One word, number or run of punctuation. Unset attributes keep the class defaults, so
    making a token costs four assignments."""

    value: Decimal | None = None
    word: bool = False  # a word of the reply (whatever it was classified as)
    problem: str | None = None  # "range", "scale", "odd": a number that is no 0-10 score
    digits: bool = False
    bare: bool = False  # digits with nothing attached: no unit, no time
    scaled: bool = False  # said "/10" or "out of 10"
    over: Decimal | None = None  # the scale said after it ("3/5": 5)
    ish: bool = False
    training: bool = False
    past: bool = False
    changed: bool = False  # "3 → 2": the score now, the change kept in the note
    was: Decimal | None = None  # "6 → 3": the score it changed from
    percent: bool = False  # "30%": a share, unless said of an area (then on another scale)
    sides_end: int = 0  # "2/4 (L/R)": the worse side scored, the sides kept in the note
    target: str = ""
    efficiency: Efficiency | None = None
    negated: bool = False
    weak: bool = False  # a movement label only with its score right after it
    used: bool = False
    sentence: int = 0
    clause: int = 0
    at: int = 0  # index in the token list

    def __init__(self, kind: int, text: str, start: int, end: int) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end


def hyphenated(word: str, start: int) -> list[tuple[str, int]]:
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


SYMBOL_KINDS: dict[str, tuple[int, str]] = {}


def symbol_kind(text: str) -> tuple[int, str]:
    """A run of punctuation: a sentence end, a clause break, a joiner ("/", "&") or glue."""
    chars = set(text)
    if chars & _STOPS:
        kind = K.STOP
    elif chars & _COMMAS:
        kind = K.COMMA
    elif chars & _JOINS:
        kind = K.JOIN
    else:
        kind = K.PUNCT
    known = (kind, text.strip())
    if len(SYMBOL_KINDS) < 1024:
        SYMBOL_KINDS[text] = known
    return known


DECIMALS = {str(n): Decimal(n) for n in range(100)}


_TEN = Decimal(MAX_SCORE)
_NUMBER_PARTS = tuple(TOKEN.groupindex[name] for name in ("value", "scale", "suffix"))


def number_token(match: re.Match[str], start: int, end: int) -> Tok:
    digits, scale, suffix = match.group(*_NUMBER_PARTS)
    value = DECIMALS.get(digits) or to_decimal(digits)
    tok = Tok(K.NUM, match.group(), start, end)
    tok.value, tok.digits = value, True
    if scale is None and suffix is None and value is not None and len(digits) <= 4:
        tok.bare = True
        return tok
    suffix = (suffix or "").lower().lstrip("'’")
    if scale is not None:
        tok.scaled = True
        tok.over = DECIMALS.get(scale) or to_decimal(scale)
        if tok.over != _TEN:
            tok.problem = "scale"
    if suffix == "ish":
        tok.ish = True
    elif suffix == "½" and value is not None:
        tok.value = value + Decimal("0.5")
    elif suffix not in ("", "s"):
        tok.training = True
        tok.percent = suffix == "%"
    tok.bare = not tok.training
    if value is None or len(digits) > 4:
        tok.problem = "odd"
    return tok


_RANGE_PARTS = tuple(TOKEN.groupindex[name] for name in ("low", "high", "over"))


def read_range(tok: Tok, match: re.Match[str]) -> None:
    """ "3-4", "2 to 3", "3 or 4/10": the higher end is the score, as a coach would note the
    worse of two sides (and as its middle rounds up). A range beyond the scale, on another
    scale, going down or wider than one point ("2-5": its top or its middle?) is asked."""
    first, second, over = match.group(*_RANGE_PARTS)
    low = DECIMALS.get(first) or to_decimal(first)
    high = DECIMALS.get(second) or to_decimal(second)
    if over is not None and over != "10":
        tok.problem = "scale"
    elif low is None or high is None or not low <= high <= MAX_SCORE or high - low > 1:
        tok.problem = "range"
    else:
        tok.value, tok.bare, tok.scaled = high, True, over is not None


def weak_label(tok: Tok) -> bool:
    """ "move", "walking", "daily" mostly say something else: a label only with its score
    right after it."""
    return tok.kind == K.MOVE and tok.weak


# A reply in another script is all words to clean: each is worked out once ("краще" said 500
# times costs one look-up each).
@lru_cache(maxsize=4096)
def clean_word(word: str) -> str:
    word = word.lower()
    if not word.isascii():
        word = unaccented(word)
    if "'" not in word and "’" not in word:
        return word
    word = word.replace("’", "'")
    return word.removesuffix("'s").replace("'", "")


def to_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def score_value(tok: Tok) -> int | None:
    """The 0..10 score of a number token, or None when it is no score on that scale."""
    if tok.kind == K.ZERO:
        return 0
    if tok.problem is not None:
        return None
    return decimal_score(tok.value)


def decimal_score(value: Decimal | None) -> int | None:
    """A number as a 0..10 score: half points round up, other decimals to the nearest."""
    if value is None:
        return None
    whole = _WHOLE.get(value)
    if whole is not None:
        return whole
    if not 0 <= value <= MAX_SCORE:
        return None
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


_WHOLE = {Decimal(n): n for n in range(MAX_SCORE + 1)}
