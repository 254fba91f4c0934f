"""The words the check-in parser reads, loaded from data/checkin_words.toml and validated.

The area words themselves live in data/areas.toml with the catalogue; this file holds the rest:
number words, labels for movement and efficiency, what "better" and "sluggish" mean, which
numbers are training talk, and which words are only chat. Loading checks that every entry is
well formed and that no word means two things the parser would have to choose between.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from bot.rules.catalogue import as_read
from bot.settings import DATA_DIR

MAX_NUMBER_WORD = 20

# Words of letters and digits, of any script, separated by single spaces; "n/a", "&", "+" and
# "/" stand for themselves. Kept as replies are read (`as_read`): lower case, no accents.
PHRASE_PATTERN = r"^(?:[^\W_]+|n/a|[&+/#])(?: [^\W_]+)*$"


def _as_read(phrase: str) -> str:
    if as_read(phrase) != phrase:
        raise ValueError(f"{phrase!r} is never read: keep it as {as_read(phrase)!r}")
    return phrase


Phrase = Annotated[str, Field(pattern=PHRASE_PATTERN, max_length=60), AfterValidator(_as_read)]
Phrases = tuple[Phrase, ...]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z ]*$", max_length=40)]
AreaId = Annotated[str, Field(pattern=r"^[a-z][a-z_]*$", max_length=40)]
# A picture (emoji), one or a few characters, with no letter, digit or space in it.
Picture = Annotated[str, Field(pattern=r"^[^\sA-Za-z0-9]{1,8}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScoreWords(_Strict):
    zero: Phrases
    skip: Phrases


class LabelWords(_Strict):
    movement: Phrases
    movement_weak: Phrases
    efficiency: Phrases
    running: Phrases
    everything: Phrases
    together: Phrases
    joiners: Phrases
    # "and" of other languages too short to be read anywhere else: only between two areas.
    joiners_between_areas: Phrases = ()
    excepts: Phrases


class EfficiencyWords(_Strict):
    better: Phrases
    same: Phrases
    worse: Phrases
    no_verdict_pictures: tuple[Picture, ...]


class SideWords(_Strict):
    left: Phrases
    right: Phrases


class SorenessWords(_Strict):
    words: Phrases
    anywhere: Phrases
    complaints: Phrases
    vague: Phrases
    levels: Phrases
    negations: Phrases
    softeners: Phrases
    contrasts: Phrases


class AreaWords(_Strict):
    parts: Phrases
    unclear: dict[Phrase, tuple[AreaId, ...]]
    doubted: Phrases
    sorest: Phrases
    # Read as the area only opening a clause with a score, from a member asked about it.
    opening_a_score: dict[Phrase, AreaId] = {}


class TrainingWords(_Strict):
    units: Phrases
    unit_adjectives: Phrases
    before: Phrases
    measures: Phrases


class PastWords(_Strict):
    before: Phrases
    after: Phrases
    moments: Phrases


class ChatWords(_Strict):
    openers: Phrases
    filler: Phrases
    bridge: Phrases
    cues: Phrases
    not_areas: Phrases
    wishes: Phrases
    hedges: Phrases
    others: Phrases
    not_typos: Phrases
    conclusions: Phrases
    people: Phrases
    not_people: Phrases
    says: Phrases


class TranslationWords(_Strict):
    """Words of the tables above in members' first languages, read only as written (never as a
    typo or a short form of another word)."""

    movement: Phrases
    efficiency: Phrases
    everything: Phrases
    better: Phrases
    same: Phrases
    worse: Phrases
    sore: Phrases
    complaints: Phrases
    zero: Phrases


class ContextWords(_Strict):
    """Words of members' first languages that are everyday words of another language too,
    read only where the check-in's own word would stand (see the table's comment)."""

    numbers: dict[Phrase, Annotated[int, Field(ge=0, le=10)]] = {}
    movement: Phrases = ()
    everything: Phrases = ()
    better: Phrases = ()
    same: Phrases = ()
    worse: Phrases = ()
    zero: Phrases = ()
    # The running itself ("qaçış", "бег"): a verdict next to it is the running's.
    running: Phrases = ()
    # One word between a score and its scale ("6 из 10", "6 sur 10"), as "out of" is.
    out_of: Phrases = ()


class CheckInWords(_Strict):
    numbers: dict[Phrase, Annotated[int, Field(ge=0, le=MAX_NUMBER_WORD)]]
    scores: ScoreWords
    labels: LabelWords
    efficiency: EfficiencyWords
    sides: SideWords
    soreness: SorenessWords
    untracked: dict[Name, Phrases]
    areas: AreaWords
    training: TrainingWords
    past: PastWords
    chat: ChatWords
    translations: TranslationWords
    in_context: ContextWords = ContextWords()
    # Words spelt as a dialect says them, read as the word they spell ("noo" now, "wis" was).
    spellings: dict[Phrase, Phrase] = {}

    @model_validator(mode="after")
    def _no_word_means_two_things(self) -> Self:
        """Words in two of these groups would make the parser pick one meaning at random."""
        more, context = self.translations, self.in_context
        groups = {
            "number": (*self.numbers, *context.numbers),
            "zero score": self.scores.zero + more.zero + context.zero,
            "skip": self.scores.skip,
            "movement": self.labels.movement
            + self.labels.movement_weak
            + more.movement
            + context.movement,
            "efficiency label": self.labels.efficiency + more.efficiency,
            "running": self.labels.running + context.running,
            "everything": self.labels.everything + more.everything + context.everything,
            "better": self.efficiency.better + more.better + context.better,
            "same": self.efficiency.same + more.same + context.same,
            "worse": self.efficiency.worse + more.worse + context.worse,
            "left": self.sides.left,
            "right": self.sides.right,
            "untracked": tuple(w for words in self.untracked.values() for w in words),
            "soreness": self.soreness.words + more.sore,
            "complaint": self.soreness.complaints + more.complaints,
            "area opening a score": tuple(self.areas.opening_a_score),
        }
        problems = [
            f"{word!r} is both {a} and {b}"
            for (a, first), (b, second) in combinations(groups.items(), 2)
            for word in sorted(set(first) & set(second))
        ]
        problems += [
            f"{word!r} is listed twice in {name}"
            for name, words in groups.items()
            for word in sorted({w for w in words if words.count(w) > 1})
        ]
        problems += [
            f"spelling {said!r} is read as {meant!r}, itself respelt"
            for said, meant in self.spellings.items()
            if meant in self.spellings or " " in said
        ]
        if "zero" not in self.numbers or self.numbers["zero"] != 0:
            problems.append("the number words must include zero = 0")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def load_checkin_words(data_dir: Path = DATA_DIR) -> CheckInWords:
    """Read and validate data/checkin_words.toml; raises pydantic.ValidationError on bad data."""
    with (data_dir / "checkin_words.toml").open("rb") as handle:
        return CheckInWords.model_validate(tomllib.load(handle))


@lru_cache(maxsize=1)
def default_checkin_words() -> CheckInWords:
    return load_checkin_words()
