"""What the passes over one reply share: its tokens, sentences and clauses, what has been
read so far, and the small look-ups every pass makes."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from bot.rules.checkins.reading.lexicon import Lexicon
from bot.rules.checkins.reading.result import Efficiency
from bot.rules.checkins.reading.tokens import (
    BREAKS,
    CORRECTIONS,
    FEELS_WRONG,
    GAPS,
    GLUE,
    K,
    Tok,
    decimal_score,
)

# Typo look-ups per reply: keeps the slowest reply fast whatever it holds.
_FUZZY_BUDGET = 40
# A number set off by these on both sides is said as an aside: a score ("hips - 4 - and").
_DASHES = frozenset({"-", "–", "—", "--"})
# After a number, saying it is the member's score: "8 I'd say", "6 I reckon".
# ("8 I think" is no such saying: "did 8 I think" counts hill reps.)
_SAID_AFTER = (("id", "say"), ("i", "would", "say"))
# Spanish "I'd say" after a score, closing what is said of it: "7 diría." (not "3 diría que
# días", "8 diría mi fisio").
_SAID_AFTER_LAST = frozenset({"diria"})


# Another language's "a" before a score alone in its clause: "Me muevo bien, un 8".
_ARTICLES = frozenset({"un"})  # (not "una": "una 10!" is a 10K)
# Correcting the scores just given: "glutes 2 — no wait", "calves 4 - sorry, ...".
_RESTATING = CORRECTIONS - {"actually", "rather"}
# Before "no," opening a sentence that scores an area again: "Hmm no, hip flexors 6".
_OPENING_NO = frozenset({"no", "hmm", "hm", "um", "umm", "erm"})
# Opening a sentence after an ellipsis, before an area scored earlier ("... nah calves 5").
_SECOND_THOUGHTS = frozenset({"no", "nah", "nope", "bueno", "well", "hmm", "ok", "okay"})
# What such a second score may be said with ("nah calves more like a 5", "quads 7 siendo
# honesto"), and what makes it another moment's ("well calves was 7 before the massage").
_PLAIN_AFTER = frozenset({"siendo", "honesto", "honesta", "honestly", "tbh", "to", "be", "honest"})
_PLAIN_AFTER |= {"i", "think", "reckon", "guess", "really", "probably", "prob", "id", "say"}
_NOT_PLAIN = frozenset({"was", "were", "had", "would", "during", "before", "after", "antes"})
# Between a score and the word of its slip: "6 - no wait", "6, oh, I mean".
_SLIP_OPENERS = frozenset({"no", "oh", "sorry", "um", "er", "erm", "hmm", "i", "ah"})
_WAITING_FOR = frozenset({"till", "til", "until", "for", "to", "and", "on"})
# After "sorry": an apology for something else ("sorry for the delay", "sorry about the typo").
_APOLOGY_FOR = frozenset({"for", "about", "if", "to", "im", "i'm"})


@dataclass(slots=True)
class Score:
    """A value given to one label: an area, untracked part, movement or every area."""

    kind: int
    target: str
    value: int | None
    problem: bool
    sided: bool
    word: str
    # Gives way to any other value for the label: an earlier week's score, a zero in words.
    yields: bool
    span: tuple[int, int]
    # Said of one moment of the week ("a 5 after Sunday's long run").
    dated: bool = False
    # Said as a correction of an earlier score ("Edit: calves 4", "glutes actually 3").
    corrected: bool = False
    # One of two scores that could each be the week's, by writers' differing readings ("maybe 6,
    # but by Friday about 3", "2, sometimes 6"): asked about, whatever else is said.
    disputed: bool = False
    # Gave way to a later score said to be now ("a 5 by Sunday, back to 3 now").
    gave_way: bool = False
    # Taken back for a later score ("11/10 jk, 6", "9 lol jk. calves 3"): not asked about, even
    # where it could not be read.
    taken_back: bool = False


@dataclass
class Reading:
    """What the passes found, by position in the text; `Reconcile` makes the result of it."""

    scores: list[Score] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    explicit: list[tuple[Efficiency, tuple[int, int]]] = field(default_factory=list)
    loose: list[tuple[Efficiency, tuple[int, int], bool]] = field(default_factory=list)
    # Loose values said as a small or unsure change ("maybe a hair faster").
    qualified: list[tuple[int, int]] = field(default_factory=list)
    # Of those, the ones the member ends on, neither said of a part of the running nor taken
    # back ("efficiency same-ish, maybe slightly worse"): the member leans that way.
    leaning: list[tuple[int, int]] = field(default_factory=list)
    # Verdicts the member felt against the labelled one ("efficiency: same per garmin, felt
    # better though"): neither is kept, both are asked about.
    felt_otherwise: list[tuple[int, int]] = field(default_factory=list)
    # Verdicts said against last week ("better than last week"), the check-in's comparison.
    against_last_week: list[tuple[int, int]] = field(default_factory=list)
    unread: list[tuple[int, int]] = field(default_factory=list)
    # Numbers that could be scores but name nothing: asked about only while the reply leaves
    # something to score ("7" alone); once every area and movement has its value they are chat
    # ("new shoes, Novablast 5, 10/10 recommend").
    strays: list[tuple[int, int]] = field(default_factory=list)
    notes: list[tuple[int, int]] = field(default_factory=list)
    untracked: list[str] = field(default_factory=list)
    mentioned: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # An area or movement said in words none of the lists know ("calves 3, glutes natuke"):
    # asked about in a check-in; alone, only with another such (`_reconcile`).
    said_unknown: list[tuple[int, int]] = field(default_factory=list)
    # "my legs hurt": something is wrong, but with no area to score.
    vague: list[tuple[int, int]] = field(default_factory=list)
    # "all 3 sore": every area said to feel some way, asked about unless each gets its score.
    counted_feelings: list[tuple[int, int]] = field(default_factory=list)
    everything_zero: bool = False
    # How the legs or body feel, said in words ("legs fine"): an answer, if no value.
    body_said: bool = False


class State:
    """One reply being read."""

    def __init__(self, text: str, lexicon: Lexicon, expected: list[str]) -> None:
        self.text = text
        self.lex = lexicon
        self.expected = expected
        self.reading = Reading()
        self.toks: list[Tok] = []
        # Token index ranges of each sentence, and of each clause inside it.
        self.sentences: list[tuple[int, int]] = []
        # Per clause: its token range, whether it names an area, whether it complains.
        self.clauses: list[tuple[int, int]] = []
        self.clause_areas: list[bool] = []
        # Per clause, whether it says an area feels wrong or how it feels without a number.
        self.clause_feels: list[int] = []
        self.clause_wishes: list[bool] = []
        self.clause_moments: list[bool] = []
        self.side_header = False
        self.fuzzy_budget = _FUZZY_BUDGET
        # Where reading stopped: the end of the text unless it holds over MAX_REPLY_TOKENS.
        self.read_upto = len(text)
        self.label_scores: dict[int, list[Score]] = {}
        # Per sentence, whether it asks what the scale means (`_asks_what_it_means`).
        self._scale_questions: dict[int, bool] = {}
        # Where the scored areas are, once the scores are read (`_scored_areas`).
        self._scored_area_marks: list[int] | None = None
        # Whether the reply holds no word taking a score back nor a "*" (`_correcting`).
        self._no_corrections: bool | None = None
        # Where the words of a slip are ("no wait", "I mean"), and where each label's first
        # score ends, looked up for every score paired after one (`_restated`).
        self._restating_at: list[int] | None = None
        self._corrections_at: list[int] | None = None
        self._first_ends: dict[tuple[int, str], int] = {}
        self._first_ends_of = 0
        # Whether areas are scored on another scale beside bare scores (`_scales_mixed`).
        self._mixed_scales: bool | None = None
        # How many scores out of 5 the reply holds (`_fives_shown`).
        self._five_scores: int | None = None
        # What the efficiency pass finds once per reply, clause or sentence (quotations; clauses
        # only about the running; clauses without a subject; what each clause goes on about),
        # as a long reply asks it for each of its values.
        self._quotes: list[tuple[int, int]] | None = None
        self._qualifiers: list[int] | None = None
        self._first_score: dict[int, int] = {}
        self._running_clauses: dict[int, bool] = {}
        self._subjectless_clauses: dict[int, tuple[int | None, bool]] = {}
        self._said_in_sentence: dict[int, list[int | None]] = {}
        self._doing_feeling: dict[int, tuple[int, int]] = {}
        # Whether a clause names the running, and for each place in a sentence whether the last
        # label before it is an area (`_said_of_an_area_as_it`).
        self._clauses_of_running: dict[int, bool] = {}
        self._last_labels: dict[int, list[bool]] = {}
        # Where a late score's search can stop (`_late_stops`) and where the labels are
        # (`_open_area_before`), found once the words are read.
        self._stops: list[int] | None = None
        self._named_areas: dict[str, tuple[int, int]] | None = None
        # How many numbers stand alone in brackets after a word, and whether each counts the
        # word's letters (`_counts_the_letters_before`).
        self._bracket_counts: tuple[int, bool] | None = None
        # Whether the reply asks anything of tracking an area at all (`_asked_if_tracked`).
        self._asks_tracking: tuple[list[int], list[bool]] | None = None
        self._list_asked: bool | None = None  # (looked for once, by `Reconcile`)
        # Each token's index by where it starts (built once, by `Reconcile`, after every pass).
        self._token_starts: dict[int, int] | None = None
        self._labels: list[int] | None = None
        # Where the numbers and the efficiency values are, for the passes that only need them.
        self.numbers: list[int] = []
        self.values: list[int] = []
        self.letters: dict[str, tuple[int, str]] = {"m": (K.MOVE, ""), "e": (K.EFF, "")}
        # Whether an earlier sentence was read in code letters: "Q 3, H 4. M 8." goes on in it.
        self.in_code = False
        initials: dict[str, list[str]] = {}
        for area in expected:
            initials.setdefault(area[:1], []).append(area)
        for letter, areas in initials.items():
            if len(areas) == 1 and letter not in self.letters:
                self.letters[letter] = (K.AREA, areas[0])
        # Area words that could be either of two of the member's areas ("hips"): asked about.
        self.unclear_words: set[str] = set()
        # What each sentence holds (`FEATURE` bits): passes skip sentences that cannot match.
        self.features: list[int] = []

    def _before_phrase(self, index: int) -> int:
        """The token before `index`, past the blanked rest of a phrase of several words ("IT
        band" leaves an empty token after "it"): -1 when none."""
        before = index - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT and not self.toks[before].text:
            before -= 1
        return before

    def said_of_a_moment(self, sentence: int) -> bool:
        """Whether any clause of the sentence names a moment ("after the race", "on Monday")."""
        start, end = self.sentences[sentence]
        return any(self.clause_moments[c] for c in {t.clause for t in self.toks[start:end]})

    def _score_like(self, tok: Tok) -> bool:
        """A number that could be a score: not training talk, on no other scale."""
        return tok.kind == K.NUM and not tok.training

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
            if tok.kind == K.PUNCT or (
                tok.kind == K.WORD
                and (
                    (tok.text in self.lex.bridge if skip_bridge else tok.text in self.lex.filler)
                    or (extra is not None and tok.text in extra)
                )
            ):
                other += 1
                continue
            return other if tok.kind not in BREAKS else None
        return None

    def _prev(self, index: int, skip_bridge: bool, floor: int = 0) -> int | None:
        other = index - 1
        while other >= floor:
            tok = self.toks[other]
            if tok.kind == K.PUNCT or (tok.kind == K.WORD and tok.text in self.lex.bridge):
                other -= 1
                continue
            return other if tok.kind not in BREAKS else None
        return None

    def _area_in_clause(self, index: int) -> bool:
        return self.clause_areas[self.toks[index].clause]

    def _complaint_in_clause(self, index: int) -> bool:
        return bool(self.clause_feels[self.toks[index].clause] & FEELS_WRONG)

    def _feeling_in_clause(self, index: int) -> bool:
        return bool(self.clause_feels[self.toks[index].clause])

    def _clause_closes_at(self, index: int) -> bool:
        """Nothing but the end of its clause at `index` ("!", "?" too)."""
        toks = self.toks
        return index >= len(toks) or toks[index].kind in BREAKS or toks[index].text in ("!", "?")

    def _cued(self, index: int) -> bool:
        tok = self.toks[index]
        if tok.scaled or tok.ish:
            return True
        before = index - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            if "~" in self.toks[before].text:
                return True
            if "(" in self.toks[before].text and self._closed_after(index):
                return True  # "annoying (4)"
            if self.toks[before].text in _DASHES and self._dashed_after(index):
                return True  # "the main thing - 4 - and"
            before -= 1
        if before >= 0 and self.toks[before].text in self.lex.cues:
            return True
        said = tuple(t.text for t in self.toks[index + 1 : index + 4])
        if said and said[0] in _SAID_AFTER_LAST and self._clause_closes_at(index + 2):
            return True
        return any(said[: len(words)] == words for words in _SAID_AFTER)

    def _dashed_after(self, index: int) -> bool:
        after = index + 1
        return after < len(self.toks) and self.toks[after].text in _DASHES

    def _closed_after(self, index: int) -> bool:
        after = index + 1
        return after < len(self.toks) and self.toks[after].text.startswith(")")

    def _alone_in_clause(self, index: int) -> bool:
        first, last = self.clauses[self.toks[index].clause]
        return last - first <= 6 and all(
            i == index or self._empty_word(self.toks[i]) for i in range(first, last)
        )

    def _before_marks(self, index: int) -> int:
        """The token before `index` but punctuation (-1 if none)."""
        before = index - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            before -= 1
        return before

    def _after_marks(self, index: int) -> int:
        """The next token after `index` but punctuation ("calves: 3", "neck - 2")."""
        after = index + 1
        while after < len(self.toks) and self.toks[after].kind == K.PUNCT:
            after += 1
        return after

    def _empty_word(self, tok: Tok) -> bool:
        return tok.kind in GLUE or (
            tok.kind == K.WORD and (tok.text in self.lex.filler or tok.text in _ARTICLES)
        )

    def _pair(self, label_at: int, score_at: int, sided: bool = False, group: bool = False) -> None:
        toks = self.toks
        label, score = toks[label_at], toks[score_at]
        low, high = (label_at, score_at) if label_at < score_at else (score_at, label_at)
        # Bridge words are used up from either end; those amid other words stay in the note
        # ("hammies were grumpy after the long run, I'd call it a 5": "grumpy after the long run").
        edge = True
        if high > low + 1:
            bridge = self.lex.bridge
            for between in toks[low + 1 : high]:
                kind = between.kind
                if kind == K.SIDE:
                    sided = between.used = True
                elif (
                    group or kind == K.PUNCT or (kind == K.WORD and edge and between.text in bridge)
                ):
                    between.used = True
                else:
                    edge = False
        if not edge:
            bridge = self.lex.bridge
            for between in reversed(toks[low + 1 : high]):
                if between.used or between.kind == K.PUNCT:
                    continue
                if between.kind != K.WORD or between.text not in bridge:
                    break
                between.used = True
        score.used = True
        # An earlier week's score ("a 3 earlier in the week, a 5 now") leaves the label open.
        label.used = not score.past or label.used
        if low > 0 and toks[low - 1].kind == K.SIDE:
            toks[low - 1].used = True
            sided = True
            low -= 1
        if score.kind == K.NA:
            if label.kind == K.AREA:
                self.reading.skipped.append(label.target)
            elif label.kind == K.ALL:
                self.reading.skipped += self.expected
            return
        if score.kind == K.ZERO:
            value: int | None = 0
        elif score.problem is not None:
            value = None
        else:
            value = decimal_score(score.value)  # (`score_value`, without its call)
        span = (toks[low].start, toks[high].end)
        if group:
            span = (score.start, score.end)
        if score.sides_end:
            sided, span = True, (span[0], max(span[1], score.sides_end))
        if sided or label.kind == K.UNTRACKED or score.changed or score.past:
            self.reading.notes.append(span)
        found = Score(
            label.kind,
            label.target,
            value,
            value is None,
            sided,
            label.text,
            score.past,
            span,
            self.clause_moments[score.clause],
        )
        if not self._no_corrections:  # (known once the first score is paired)
            found.corrected = self._correcting(low, high) or self._restated(found, low)
        if not found.corrected and not found.dated and label.kind == K.AREA:
            found.corrected = self._no_opening(label_at, score_at)
        self.reading.scores.append(found)
        self.label_scores.setdefault(label_at, []).append(found)

    def _correcting(self, low: int, high: int) -> bool:
        """ "Edit: calves 4", "*calves 4", "glutes actually 3", "sorry, meant glutes 1"."""
        if self._no_corrections is None:
            # Looked for once a reply: the words are all read by the first score paired, and
            # later passes only blank words out, so a reply without any stays without.
            self._no_corrections = "*" not in self.text and not any(
                t.text in CORRECTIONS for t in self.toks
            )
        if self._no_corrections:
            return False
        first = self.sentences[self.toks[low].sentence][0] if self.sentences else 0
        if self._corrections_at is None:
            self._corrections_at = [i for i, t in enumerate(self.toks) if t.text in CORRECTIONS]
        near = bisect_left(self._corrections_at, max(first, low - 3))
        if near == len(self._corrections_at) or self._corrections_at[near] >= high:
            # No word of correction in reach (the cheap test first: a long reply asks it for
            # every score): only a star before the label can say so.
            return self._starred(low)
        window = self.toks[max(first, low - 3) : high]
        for at, tok in enumerate(window):
            if ")" in tok.text and tok.at < low:
                window = window[at + 1 :]  # "Rass 5 (glutes I mean), IT band 7": a gloss before
                break
        return self._starred(low) or any(t.text in CORRECTIONS for t in window)

    def _starred(self, index: int) -> bool:
        """A star right before the token ("*calves 4"): a correction."""
        start = self.toks[index].start
        return self.text[max(start - 3, 0) : start].strip().endswith("*")

    def _no_opening(self, label: int, score: int) -> bool:
        """ "Hip flexors 5 quads 4. Hmm no, hip flexors more like 6": "no," opening a later
        sentence, right before an area scored earlier, takes back that area's earlier score
        (the first label after it only); not a "no" answering the member's own question ("Did
        I run the hills? No, calves 7 on wednesday"), nor "oh no", nor one opening the reply."""
        toks = self.toks
        sentence = toks[label].sentence
        first = self.sentences[sentence][0]
        if sentence == 0 or not 1 <= label - first <= 4 or self._follows_a_question(first):
            return False
        said = toks[first:label]
        trailed_off = self._trailed_off(first)
        if trailed_off:
            # "quads 6 hams 4... bueno, quads 7", "calves 4 hamstrings 2... nah calves more
            # like a 5": after trailing off, a word of second thoughts needs no comma.
            if not self._said_plainly(label, score):
                return False
        elif len(said) < 2 or said[-1].kind != K.COMMA or said[-2].text != "no":
            return False
        opening = _SECOND_THOUGHTS if trailed_off else _OPENING_NO
        if not all(t.text in opening or t.kind in (K.PUNCT, K.COMMA) for t in said):
            return False
        if not any(t.text in opening for t in said):
            return False  # "quads 6 hams 4... quads 7": no second thought said, asked
        target = toks[label].target
        return any(s.kind == K.AREA and s.target == target for s in self.reading.scores)

    def _said_plainly(self, label: int, score: int) -> bool:
        """Nothing but the score said of the area, and nothing after it but a hedge: not "calves
        8 during the intervals", "calves was 7 before the massage", "calves 10 lol"."""
        toks = self.toks
        if any(t.kind == K.SIDE or t.text in _NOT_PLAIN for t in toks[label + 1 : score]):
            return False
        end = self.sentences[toks[score].sentence][1]
        return all(
            t.text in _PLAIN_AFTER or t.kind in (K.PUNCT, K.COMMA) for t in toks[score + 1 : end]
        )

    def _trailed_off(self, first: int) -> bool:
        """Whether the sentence starting at `first` follows an ellipsis."""
        closing = self.toks[first - 1].text if first else ""
        return closing == "…" or closing.startswith("..")

    def _follows_a_question(self, first: int) -> bool:
        """Whether what starts at `first` follows a question mark."""
        return first > 0 and "?" in self.toks[first - 1].text

    def _restated(self, found: Score, low: int) -> bool:
        """ "calves 3, glutes 2 — no wait other way round, calves 2 glutes 3": after a word of
        correction right after a score in its sentence, an area scored again before it is
        corrected, each of them, not only the first after the word (not "sorry for the delay",
        nor "actually", "rather", which say how sure the score before them is)."""
        toks = self.toks
        if found.dated:
            return False  # "calves 3, sorry, calves were a 6 on Sunday": a moment, not the week
        first = self.sentences[toks[low].sentence][0] if self.sentences else 0
        if self._restating_at is None:
            self._restating_at = [i for i, t in enumerate(toks) if t.text in _RESTATING]
        slips = self._restating_at
        for before in reversed(slips[bisect_left(slips, first) : bisect_left(slips, low)]):
            if (
                toks[before].text in _RESTATING
                and self._slip_after_score(before)
                and not (before + 1 < len(toks) and toks[before + 1].text in _APOLOGY_FOR)
            ):
                return self._first_end(found) <= toks[before].start
        return False

    def _first_end(self, found: Score) -> int:
        """Where the first score of `found`'s label ends (past the reply's end if none)."""
        scores = self.reading.scores
        if len(scores) < self._first_ends_of:
            self._first_ends, self._first_ends_of = {}, 0  # (scores were taken out)
        for score in scores[self._first_ends_of :]:
            label = (score.kind, score.target)
            self._first_ends[label] = min(self._first_ends.get(label, score.span[1]), score.span[1])
        self._first_ends_of = len(scores)
        return self._first_ends.get((found.kind, found.target), len(self.text) + 1)

    def _slip_after_score(self, index: int) -> bool:
        """A word of a slip right after a score ("hip flexors 6 — wait, I mean", "glutes 1
        oops"), "mean" only as "I mean", "wait" not waiting for something."""
        toks = self.toks
        word = toks[index].text
        after = toks[index + 1].text if index + 1 < len(toks) else ""
        before = index - 1
        if word in ("mean", "meant"):
            if before < 0 or toks[before].text != "i":
                return False
            before -= 1
        if word == "wait" and after in _WAITING_FOR:
            return False
        while before >= 0 and (
            toks[before].kind in GAPS
            or toks[before].kind == K.STOP
            or toks[before].text in _SLIP_OPENERS
        ):
            before -= 1
        return before >= 0 and toks[before].kind == K.NUM and toks[before].used

    def _scores_for(self, label_at: int) -> list[Score]:
        return self.label_scores.get(label_at, [])
