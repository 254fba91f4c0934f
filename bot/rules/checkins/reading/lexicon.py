"""The word tables of data/checkin_words.toml joined with the catalogue's area words."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from rapidfuzz import fuzz, process

from bot.rules.catalogue import Catalogue, normalise
from bot.rules.checkins.reading.result import Efficiency
from bot.rules.checkins.reading.tokens import (
    CHANGE,
    CHANGES,
    COMPLAINT,
    CORRECTIONS,
    DOUBTS,
    FEATURES,
    GONE,
    JOKES,
    LETTER,
    LEVEL,
    MEASURE,
    MOMENT,
    NEGATION,
    NOW,
    OCCASIONAL,
    PAST,
    SEQUENCE,
    TYPICAL,
    WISH,
    K,
)
from bot.rules.checkins.words import CheckInWords, ContextWords, TranslationWords

# rapidfuzz similarity (0-100) a typo needs to be read as an area word.
FUZZY_CUTOFF = 80
FUZZY_MIN_LETTERS = 5
# Entries kept of each look-up that is worked out once per word (`_keep`).
CACHE_SIZE = 4096
# Efficiency words are short and close to everyday ones ("tighter", "lighter"): only a near
# miss is read ("beter", "slowr").
FUZZY_VALUE_CUTOFF = 88
# Far from a score, a word is read as a typo of the member's own area only when very close.
FUZZY_OWN_CUTOFF = 85
# How long a short form of an area may be: shorter ones say too little, longer ones are
# typos, for rapidfuzz.
SHORT_FORM_LETTERS = (3, 5)
_VOWELS = frozenset("aeiouy")
# Two candidate areas this close make a typo ambiguous.
FUZZY_MARGIN = 5


# Words saying a later score may be the week's: "now", "down to", "actually", "call it".
_CHANGE_WORDS = NOW | CHANGES | CORRECTIONS | TYPICAL | DOUBTS | OCCASIONAL | SEQUENCE


class Lexicon:
    def __init__(self, catalogue: Catalogue, words: CheckInWords) -> None:
        self.catalogue = catalogue
        self.words = words
        self.single: dict[str, tuple[int, str, Efficiency | None]] = {}
        self.phrases: dict[tuple[str, ...], tuple[int, str, Efficiency | None]] = {}
        self.fuzzy_targets: dict[str, tuple[int, str]] = {}
        self._fuzzy_cache: dict[str, tuple[int, str] | None] = {}
        self._fuzzy_words: dict[str, str] = {}
        self._own_typos: dict[str, tuple[int, str] | None] = {}
        self._short_forms: dict[tuple[str, tuple[str, ...]], str | None] = {}
        chat, soreness, labels = words.chat, words.soreness, words.labels
        # Later entries win: area words are put in last so that they are never shadowed by
        # chat, except by the sayings in which they name no area.
        self._add_all(labels.together, K.WORD)
        self._add_all(labels.everything, K.ALL)
        for value, listed in (
            (Efficiency.BETTER, words.efficiency.better),
            (Efficiency.SAME, words.efficiency.same),
            (Efficiency.WORSE, words.efficiency.worse),
        ):
            self._add_all(listed, K.VAL, efficiency=value)
        # "more bouncy" is "bouncier", "more smooth" "smoother".
        for value, listed in (
            (Efficiency.BETTER, words.efficiency.better),
            (Efficiency.WORSE, words.efficiency.worse),
        ):
            for word in listed:
                for plain in _plain_forms(word):
                    if ("more", plain) not in self.phrases:
                        self._add(f"more {plain}", K.VAL, efficiency=value)
        # Members' first languages: read as written only (no "more" forms, typos or short
        # forms of them, below).
        more = words.translations
        self._add_first_language(more)
        self._add_all(more.efficiency, K.EFF)
        self.exact = {w for listed in more.model_dump().values() for w in listed}
        # And those read only where the check-in's own word would stand (`in_context`).
        context = words.in_context
        self._add_first_language(context)
        self._add_all(context.running, K.RUN)
        self.scale_of = frozenset(context.out_of)
        # One word of them, and English "of" ("6 of 10"); with "out" ("6 out of 10") too.
        self.scale_of_one = self.scale_of | {"of"}
        self.scale_words = self.scale_of_one | {"out"}
        self.in_context = frozenset(
            w for name, listed in context.model_dump().items() for w in listed
        )
        self.exact |= self.in_context
        self._add_all(labels.running, K.RUN)
        self._add_all(labels.efficiency, K.EFF)
        self._add_all(labels.movement, K.MOVE)
        self._add_all(labels.movement_weak, K.MOVE)
        self._add_all(labels.joiners, K.JOIN)
        self.joiners_between_areas = frozenset(labels.joiners_between_areas)
        self._add_all(words.sides.left, K.SIDE, "left")
        self._add_all(words.sides.right, K.SIDE, "right")
        self._add_all(words.scores.skip, K.NA)
        self._add_all(words.scores.zero, K.ZERO)
        for name, listed in words.untracked.items():
            self._add_all(listed, K.UNTRACKED, name)
        for word in catalogue.nearby:
            if normalise(word) not in self.single:
                self._add(normalise(word), K.UNTRACKED, normalise(word))
        for area in catalogue.areas:
            for word in (area.id, area.name, *area.aliases):
                key = normalise(word)
                for variant in (key, key + "s", key.removesuffix("s")):
                    if variant:
                        self._add(variant, K.AREA, area.id)
                        if " of " in variant:  # "back of my thighs", "front of the hip"
                            for owner in ("my", "the", "your"):
                                self._add(variant.replace(" of ", f" of {owner} "), K.AREA, area.id)
                if len(key) >= 4:
                    self.fuzzy_targets[key] = (K.AREA, area.id)
            for word in area.translations:
                self._add(normalise(word), K.AREA, area.id)
                self.exact.add(normalise(word))
        for word in labels.movement:
            if len(word) >= FUZZY_MIN_LETTERS:
                self.fuzzy_targets[word] = (K.MOVE, "")
        for word in labels.efficiency:
            if len(word) >= FUZZY_MIN_LETTERS:
                self.fuzzy_targets[word] = (K.EFF, "")
        for word in ("everything", "everywhere"):  # "everyting a 3", "evrything 2"
            self.fuzzy_targets[word] = (K.ALL, word)
        self._add_all(chat.not_areas, K.WORD)
        # Complaints of several words ("playing up", "not great") are merged like any phrase.
        for complaint in (*soreness.complaints, *soreness.levels):
            if " " in complaint and tuple(complaint.split()) not in self.phrases:
                self._add(complaint, K.WORD)
        # So are hedges, moments and jokes taken back ("on purpose", "start of the week", "no
        # seriously").
        for saying in (*chat.hedges, *words.past.moments, *JOKES):
            if " " in saying and tuple(saying.split()) not in self.phrases:
                self._add(saying, K.WORD)
        known_areas = {area.id for area in catalogue.areas}
        self.parts = set(words.areas.parts)
        self.opening_a_score = {
            word: area
            for word, area in words.areas.opening_a_score.items()
            if area in known_areas and word not in self.single
        }
        # Only the areas the catalogue has: an area dropped from it leaves the word plain.
        self.unclear = {
            word: tuple(a for a in areas if a in known_areas)
            for word, areas in words.areas.unclear.items()
        }
        # Words of a phrase of another language ("qua" of "hieu qua") are still typos or short
        # forms of an area ("qua 4": the quads).
        self.known = set(self.single) | {
            w for p in self.phrases if " ".join(p) not in self.exact for w in p
        }
        # Phrase lengths by first word, longest first: most words start no phrase.
        starts: dict[str, set[int]] = {}
        for phrase in self.phrases:
            starts.setdefault(phrase[0], set()).add(len(phrase))
        self.phrase_lengths = {w: sorted(n, reverse=True) for w, n in starts.items()}
        # Their first two words: most words that start a phrase start none with the next word.
        self.phrase_openings = {phrase[:2] for phrase in self.phrases}
        self.numbers = {
            w: Decimal(v) for w, v in (*words.numbers.items(), *context.numbers.items())
        }
        self.not_typos = set(chat.not_typos)
        self.spellings = dict(words.spellings)
        self.weak_moves = set(labels.movement_weak)
        # "calves dolorido 3": soreness in a member's first language bridges as "sore" does.
        self.bridge = set(chat.bridge) | {w for w in more.sore if " " not in w}
        self.chat_words = self.bridge | set(chat.filler) | set(chat.cues) | set(chat.openers)
        self.filler = set(chat.filler)
        self.openers = set(chat.openers) | {"and", "but"}
        self.cues = set(chat.cues)
        self.excepts = set(labels.excepts)
        self.wishes = set(chat.wishes)
        self.hedges = set(chat.hedges)
        self.others = set(chat.others)
        self.sore = set(soreness.words) | set(more.sore)
        self.anywhere = set(soreness.anywhere)
        self.complaints = set(soreness.complaints) | set(more.complaints)
        self.vague = set(soreness.vague)
        self.negations = set(soreness.negations)
        self.softeners = set(soreness.softeners)
        self.contrasts = set(soreness.contrasts)
        self.doubted = set(words.areas.doubted)
        self.sorest = set(words.areas.sorest)
        self.no_verdict_pictures = frozenset(words.efficiency.no_verdict_pictures)
        self.conclusions = set(chat.conclusions)
        self.people = set(chat.people)
        self.not_people = set(chat.not_people)
        self.says = set(chat.says)
        self.together = set(labels.together)
        self.units = set(words.training.units)
        self.unit_starts = {u.split()[0] for u in self.units if " " in u}
        self.unit_adjectives = set(words.training.unit_adjectives)
        self.training_before = set(words.training.before)
        self.measures = set(words.training.measures)
        # Words of training ("hill reps 8"), not those of any talk ("the", "of"): a number past
        # any of them is no score said past words the parser cannot read.
        self.training_words = frozenset(
            (self.units | self.unit_adjectives | self.training_before | self.measures)
            - self.chat_words
        )
        self.complaining = self.sore | self.complaints
        self.levels = set(soreness.levels) - self.complaining
        self.zeros = self.negations | set(words.scores.zero) | set(more.zero) | {"zero"}
        self.past_before = set(words.past.before)
        self.past_after = set(words.past.after)
        self.moments = set(words.past.moments)
        # Words a past phrase can start (or end) with, merged sayings included: a quick filter.
        self.past_after_first = {p.split()[0] for p in self.past_after} | self.past_after
        self.past_before_last = {p.split()[-1] for p in self.past_before} | self.past_before
        self._fuzzy_choices = list(self.fuzzy_targets)
        # Far from a score a short word is too easily another ("calls" for "cals"), and
        # "everything" is read only before one.
        self._long_choices = [
            w
            for w, (kind, _) in self.fuzzy_targets.items()
            if len(w) >= FUZZY_MIN_LETTERS and kind != K.ALL
        ]

        # Filler words that are part of a label ("it" in "IT band"): a typo may follow them.
        self.label_words = {w for label in self.fuzzy_targets for w in label.split()}
        # Every way of writing each area without spaces, for short forms ("cvs" for calves).
        self.area_forms: dict[str, tuple[str, ...]] = {
            area.id: tuple(
                {normalise(w).replace(" ", "") for w in (area.id, area.name)}
                | {normalise(w) for w in area.aliases if " " not in normalise(w)}
            )
            for area in catalogue.areas
        }
        # The letters each area's words start with (rarely mistyped): "" for movement and
        # efficiency.
        self.first_letters = {
            area: frozenset(f[0] for f in forms) for area, forms in self.area_forms.items()
        }
        self.first_letters[""] = frozenset(
            w[0] for w, (kind, _) in self.fuzzy_targets.items() if kind != K.AREA
        )
        # One-word efficiency values long enough to be told from a typo ("beter").
        self.fuzzy_values = {
            w: e
            for w, (k, _, e) in self.single.items()
            if k == K.VAL and len(w) >= 5 and e and w not in self.exact
        }
        self._fuzzy_value_choices = list(self.fuzzy_values)
        # Two letters swapped in a value of four letters or more ("smae", "wrose"): too short
        # for rapidfuzz to tell from another word, but no everyday word is one of them.
        self.swapped_values: dict[str, Efficiency] = {}
        for word, (kind, _, meaning) in self.single.items():
            if kind != K.VAL or meaning is None or len(word) < 4 or not word.isalpha():
                continue
            if word in self.exact:
                continue
            value = meaning
            for at in range(len(word) - 1):
                swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
                if swapped != word and swapped not in self.single:
                    self.swapped_values[swapped] = value
        # Everything the tokenizer needs about a word in one look-up:
        # kind, target, efficiency, number value, and whether a phrase starts with it.
        # kind, target, efficiency, number value, whether a phrase starts with it, and what it
        # tells about its sentence (`FEATURE` bits) or clause (`COMPLAINT`).
        self.word_info: dict[str, tuple[int, str, Efficiency | None, Decimal | None, bool, int]]
        self.word_info = {}
        letters = {chr(c) for c in range(ord("a"), ord("z") + 1)}
        said_alone = (
            (set(self.single) | set(self.numbers) | self.zeros)
            | self.complaining
            | self.levels
            | letters
            | NOW
            | SEQUENCE
            | GONE
            | CHANGES
            | CORRECTIONS
            | DOUBTS
            | TYPICAL
            | OCCASIONAL
            | self.past_before_last
            | self.past_after_first
            | self.wishes
            | self.moments
            | self.measures
        )
        # Words the lists know on their own, not only as the first of a phrase ("ne" of "ne
        # boli"): any other word of a reply is one the parser cannot read.
        self.known_alone = frozenset(said_alone | self.chat_words | self.hedges | self.others)
        for word in said_alone | set(self.phrase_lengths):
            kind, target, efficiency = self.single.get(word, (K.WORD, "", None))
            number = self.numbers.get(word)
            if number is not None:
                kind, target, efficiency = K.NUM, "", None
            opens = word in self.phrase_lengths
            flags = FEATURES[kind]
            if word in _CHANGE_WORDS:
                flags |= CHANGE
            if word in self.past_before_last or word in self.past_after_first:
                flags |= PAST
            if word in self.wishes:
                flags |= WISH
            if word in self.moments:
                flags |= MOMENT
            if word in self.measures:
                flags |= MEASURE
            if word in self.zeros or word in GONE:
                flags |= NEGATION
            elif word in self.complaining:
                flags |= COMPLAINT
            elif word in self.levels:
                flags |= LEVEL
            elif len(word) == 1:
                flags |= LETTER
            self.word_info[word] = (kind, target, efficiency, number, opens, flags)

    def _add_first_language(self, table: TranslationWords | ContextWords) -> None:
        """A table of words of members' first languages: everything, verdicts, movement and
        "no pain"."""
        self._add_all(table.everything, K.ALL)
        for value, listed in (
            (Efficiency.BETTER, table.better),
            (Efficiency.SAME, table.same),
            (Efficiency.WORSE, table.worse),
        ):
            self._add_all(listed, K.VAL, efficiency=value)
        self._add_all(table.movement, K.MOVE)
        self._add_all(table.zero, K.ZERO)

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
        if (
            sum(ch.isalpha() for ch in phrase) >= FUZZY_MIN_LETTERS
            and phrase not in self.known
            and phrase not in self.not_typos
        ):
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
                if found is not None:
                    _keep(self._fuzzy_words, phrase, matches[0][0])
        _keep(self._fuzzy_cache, phrase, found)
        return found

    def fuzzy_word(self, phrase: str) -> str | None:
        """The word `fuzzy` took `phrase` for a typo of, once it has."""
        return self._fuzzy_words.get(phrase)

    def typo_of_own(self, word: str, areas: Sequence[str]) -> tuple[int, str] | None:
        """An area among `areas`, movement or efficiency, for a word far from any score: only
        a close typo ("caves", "gltes", "moement") or a short form ("quds", "clvs") is read."""
        if word in self._own_typos:
            found = self._own_typos[word]
        else:
            found = None
            if len(word) >= FUZZY_MIN_LETTERS:
                matches = process.extract(
                    word,
                    self._long_choices,
                    scorer=fuzz.ratio,
                    limit=4,
                    score_cutoff=FUZZY_OWN_CUTOFF,
                )
                targets = {self.fuzzy_targets[m[0]] for m in matches}
                found = targets.pop() if len(targets) == 1 else None
            _keep(self._own_typos, word, found)
        if found is not None and (found[0] != K.AREA or found[1] in areas):
            return found
        if len(word) > SHORT_FORM_LETTERS[0]:  # "quds", "clvs"; not "add" or "ids"
            area = self.short_form(word, areas)
            return (K.AREA, area) if area is not None else None
        return None

    def fuzzy_value(self, word: str) -> Efficiency | None:
        """The efficiency value a typo stands for ("beter", "smae"), when one is clearly
        closest."""
        if word in self.known or word in self.not_typos:
            return None
        swapped = self.swapped_values.get(word)
        if swapped is not None or len(word) < FUZZY_MIN_LETTERS:
            return swapped
        matches = process.extract(
            word,
            self._fuzzy_value_choices,
            scorer=fuzz.ratio,
            limit=3,
            score_cutoff=FUZZY_VALUE_CUTOFF,
        )
        found = {self.fuzzy_values[m[0]] for m in matches if matches[0][1] - m[1] < FUZZY_MARGIN}
        return found.pop() if len(found) == 1 else None

    def short_form(self, word: str, areas: Sequence[str]) -> str | None:
        """The one area among `areas` that `word` shortens: its consonants in order from its
        first letter ("cvs" for calves, "glts" for glutes), its letters with one left out
        ("nek" for neck), or its start ("glu"). Words of everyday chat are never short forms
        ("but", "its"). Kept once found, as typos are: a long reply says one word many times."""
        key = (word, tuple(areas))
        if key in self._short_forms:
            return self._short_forms[key]
        found = self._short_form(word, areas)
        _keep(self._short_forms, key, found)
        return found

    def _short_form(self, word: str, areas: Sequence[str]) -> str | None:
        skeleton = not any(letter in _VOWELS for letter in word[1:])
        # Two consonants are a skeleton too ("HS 3" for hamstrings), never "it", "ok", "so".
        shortest = SHORT_FORM_LETTERS[0] - 1 if skeleton and word[0] not in _VOWELS else None
        if (
            not (shortest or SHORT_FORM_LETTERS[0]) <= len(word) <= SHORT_FORM_LETTERS[1]
            or not word.isalpha()
            or word in self.chat_words
        ):
            return None
        found = {
            area
            for area in areas
            for form in self.area_forms.get(area, ())
            if (
                len(form) > len(word)
                and form[0] == word[0]
                and (
                    (skeleton and form[-1] == word[-1] and _in_order(word, form))
                    or (len(form) == len(word) + 1 and _in_order(word, form))
                    or form.startswith(word)
                )
            )
            or (len(form) == len(word) >= 4 and _swapped(word, form))  # "nekc", "bakc"
        }
        return found.pop() if len(found) == 1 else None


def _plain_forms(word: str) -> tuple[str, ...]:
    """The adjective a one-word comparative is made of: "bouncier" -> "bouncy", "smoother" ->
    "smooth" (and "smoothe", which no one types)."""
    if " " in word or len(word) < 6:
        return ()
    if word.endswith("ier"):
        return (word[:-3] + "y",)
    if word.endswith("er"):
        return (word[:-2], word[:-1])
    return ()


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def _keep(cache: dict[_Key, _Value], key: _Key, value: _Value) -> None:
    """Keep what was found, in a cache of at most CACHE_SIZE entries: a full one is emptied
    and fills again, so that the words of the replies read now are kept (a cache that stopped
    keeping anything once full left a long reply of one new word read at full cost each time
    it came, twice as slow)."""
    if len(cache) >= CACHE_SIZE:
        cache.clear()
    cache[key] = value


def _swapped(word: str, form: str) -> bool:
    """Two letters side by side swapped, the first one kept: "nekc" for "neck"."""
    diff = [i for i in range(len(word)) if word[i] != form[i]]
    return (
        len(diff) == 2
        and diff[0] > 0
        and diff[1] == diff[0] + 1
        and word[diff[0]] == form[diff[1]]
        and word[diff[1]] == form[diff[0]]
    )


def _in_order(letters: str, word: str) -> bool:
    rest = iter(word)
    return all(letter in rest for letter in letters)


_LEXICONS: dict[tuple[int, int], tuple[Catalogue, CheckInWords, Lexicon]] = {}


def lexicon_for(catalogue: Catalogue, words: CheckInWords) -> Lexicon:
    key = (id(catalogue), id(words))
    cached = _LEXICONS.get(key)
    if cached is None or cached[0] is not catalogue or cached[1] is not words:
        if len(_LEXICONS) > 8:
            _LEXICONS.clear()
        cached = (catalogue, words, Lexicon(catalogue, words))
        _LEXICONS[key] = cached
    return cached[2]
