"""The stretch catalogue and the areas, loaded from `data/` and validated when loaded.

The files are the single source of what the bot can prescribe; this module only checks that
they hold together (every reference resolves, every hold sits inside the article's 20-30 s) and
offers look-ups by id and by what runners type.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.settings import DATA_DIR

HOLD_FLOOR = 20
HOLD_CEILING = 30

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=48)]


class Kind(StrEnum):
    WALK = "walk"
    DYNAMIC = "dynamic"
    STRETCH = "stretch"
    REMINDER = "reminder"


class Position(StrEnum):
    STANDING = "standing"
    KNEELING = "kneeling"
    SEATED = "seated"
    FLOOR = "floor"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Area(_Strict):
    id: Identifier
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    # The area's words in members' first languages: read only as written, never as a typo or
    # a short form (an English word one letter off one of them is that English word).
    translations: tuple[str, ...] = ()

    @field_validator("aliases", "translations")
    @classmethod
    def _words_as_read(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        """Replies are read in lower case without accents ("Glúteos" is "gluteos"): a word
        kept any other way would never be met."""
        problems = [
            f"{word!r} is never read: keep it as {as_read(word)!r}"
            for word in words
            if as_read(normalise(word)) != normalise(word)
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return words


class Stretch(_Strict):
    id: Identifier
    name: str = Field(min_length=1)
    kind: Kind
    source: Literal["article", "added"]
    quote: str | None = None
    areas: tuple[Identifier, ...]
    vector: str | None = None
    position: Position
    demand: int = Field(ge=1, le=3)
    per_side: bool
    hold: tuple[int, int] | None = None
    duration: int | tuple[int, int] | None = None
    how: str = Field(min_length=1)
    cue: str = Field(min_length=1)
    second_pass: str | None = None
    alternatives: tuple[Identifier, ...] = ()

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Self:
        if self.source == "article" and not self.quote:
            raise ValueError(f"{self.id}: an article stretch quotes the article")
        if self.kind is Kind.STRETCH:
            self._check_stretch()
        elif self.kind is Kind.WALK:
            if not isinstance(self.duration, tuple) or self.duration[0] > self.duration[1]:
                raise ValueError(f"{self.id}: a walk needs duration = [min, max]")
        elif self.kind is Kind.DYNAMIC and not isinstance(self.duration, int):
            raise ValueError(f"{self.id}: a dynamic movement needs duration in seconds")
        return self

    def _check_stretch(self) -> None:
        if not self.areas or not self.vector or not self.second_pass:
            raise ValueError(f"{self.id}: a stretch needs areas, vector and second_pass")
        if self.hold is None:
            raise ValueError(f"{self.id}: a stretch needs hold = [min, max]")
        low, high = self.hold
        if not HOLD_FLOOR <= low <= high <= HOLD_CEILING:
            raise ValueError(f"{self.id}: hold {self.hold} must sit inside 20-30 s")

    @property
    def sides(self) -> int:
        return 2 if self.per_side else 1

    @property
    def hold_range(self) -> tuple[int, int]:
        return self.hold or (HOLD_FLOOR, HOLD_FLOOR)

    @property
    def walk_range(self) -> tuple[int, int]:
        return self.duration if isinstance(self.duration, tuple) else (0, 0)

    @property
    def dynamic_seconds(self) -> int:
        return self.duration if isinstance(self.duration, int) else 0


class Timing(_Strict):
    settle: int = Field(ge=0)
    reposition: int = Field(ge=0)
    side_switch: int = Field(ge=0)
    hold_step: int = Field(ge=1)
    walk_step: int = Field(ge=1)


class RunRule(_Strict):
    label: str
    favour: tuple[Identifier, ...] = ()
    long_walk: bool = False


class RoutineRules(_Strict):
    walk: Identifier
    dynamic: tuple[Identifier, ...]
    # Seconds a side of the movements kept, shortened, when the walk is and time is short.
    short_dynamic: dict[Identifier, int] = Field(default_factory=dict)
    upper_body: tuple[Identifier, ...]
    finish: tuple[Identifier, ...]
    reminder: Identifier
    max_areas: int = Field(ge=1, le=10)
    position_order: tuple[Position, ...]
    timing: Timing
    run: dict[Identifier, RunRule]


class UnknownArea(ValueError):
    """What a member typed is not an area the bot covers; carries the closest ones."""

    def __init__(self, typed: str, suggestions: tuple[str, ...]) -> None:
        self.typed = typed
        self.suggestions = suggestions
        super().__init__(f"unknown area {typed!r}")


class UnknownStretch(ValueError):
    def __init__(self, typed: str, suggestions: tuple[str, ...]) -> None:
        self.typed = typed
        self.suggestions = suggestions
        super().__init__(f"unknown stretch {typed!r}")


def as_read(word: str) -> str:
    """A word as the check-in parser reads it from a reply: lower case, unaccented. The word
    tables are kept so."""
    return unaccented(word.lower())


def unaccented(word: str) -> str:
    """The word with its accents (and other marks put on a letter: the voicing marks of kana,
    the hamza of Arabic) dropped, so "glúteos" is "gluteos", "hüfte" "hufte", "ふくらはぎ"
    "ふくらはき". Letters of their own stay ("ø", "ł", "ı", "đ")."""
    parts = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in parts if unicodedata.category(ch) != "Mn")
    )


def normalise(text: str) -> str:
    """Fold what a member typed: any case, spaces, hyphens or underscores."""
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


class Catalogue(_Strict):
    areas: tuple[Area, ...]
    general_areas: tuple[Identifier, ...]
    nearby: dict[str, tuple[Identifier, ...]] = Field(default_factory=dict)
    stretches: tuple[Stretch, ...]
    rules: RoutineRules

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        area_ids = {a.id for a in self.areas}
        by_id = {s.id: s for s in self.stretches}
        problems = _duplicates([a.id for a in self.areas], "area")
        problems += _duplicates([s.id for s in self.stretches], "stretch")
        problems += [
            f"general area {a!r} is not an area" for a in self.general_areas if a not in area_ids
        ]
        problems += [
            f"nearby {word!r} names unknown area {a!r}"
            for word, suggested in self.nearby.items()
            for a in suggested
            if a not in area_ids
        ]
        problems += [
            f"nearby {w!r} is an area word" for w in self.nearby if normalise(w) in self._area_words
        ]
        owners: dict[str, set[str]] = {}
        for area in self.areas:
            for w in (area.id, area.name, *area.aliases, *area.translations):
                owners.setdefault(normalise(w), set()).add(area.id)
        problems += [
            f"translation {word!r} of {area.id} is a word of {other}"
            for area in self.areas
            for word in area.translations
            for other in sorted(owners[normalise(word)] - {area.id})
        ]
        for stretch in self.stretches:
            problems += [
                f"{stretch.id}: unknown area {a!r}" for a in stretch.areas if a not in area_ids
            ]
            problems += [
                f"{stretch.id}: unknown alternative {alt!r}"
                for alt in stretch.alternatives
                if alt not in by_id or by_id[alt].kind is not stretch.kind
            ]
        problems += _rule_problems(self.rules, by_id)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @cached_property
    def _stretch_index(self) -> dict[str, Stretch]:
        return {s.id: s for s in self.stretches}

    @cached_property
    def _area_index(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def _area_words(self) -> dict[str, str]:
        words: dict[str, str] = {}
        for area in self.areas:
            for word in (area.id, area.name, *area.aliases, *area.translations):
                words[normalise(word)] = area.id
        return words

    @cached_property
    def _stretch_words(self) -> dict[str, str]:
        words: dict[str, str] = {}
        for stretch in self.stretches:
            words[normalise(stretch.id)] = stretch.id
            words[normalise(stretch.name)] = stretch.id
        return words

    def stretch(self, stretch_id: str) -> Stretch:
        return self._stretch_index[stretch_id]

    def area(self, area_id: str) -> Area:
        return self._area_index[area_id]

    def area_name(self, area_id: str) -> str:
        return self._area_index[area_id].name

    @cached_property
    def _by_area(self) -> dict[str, tuple[Stretch, ...]]:
        return {
            area.id: tuple(
                s for s in self.stretches if s.kind is Kind.STRETCH and area.id in s.areas
            )
            for area in self.areas
        }

    def stretches_for(self, area_id: str) -> tuple[Stretch, ...]:
        """Stretches serving an area, in catalogue order (the article's choices come first)."""
        return self._by_area.get(area_id, ())

    def resolve_area(self, typed: str) -> str:
        """The canonical area id for what a member typed, or UnknownArea with suggestions."""
        key = normalise(typed)
        words = self._area_words
        for candidate in (key, key.removesuffix("s"), key + "s"):
            if candidate and candidate in words:
                return words[candidate]
        raise UnknownArea(typed, self.closest_areas(typed))

    def closest_areas(self, typed: str, limit: int = 3) -> tuple[str, ...]:
        key = normalise(typed)
        if key in self.nearby:
            return self.nearby[key][:limit]
        words = self._area_words
        matches = difflib.get_close_matches(key, list(words), n=12, cutoff=0.5)
        found = _unique(words[m] for m in matches)
        if not found:
            found = list(self.general_areas)
        return tuple(found[:limit])

    def resolve_stretch(self, typed: str) -> str:
        key = normalise(typed)
        if key in self._stretch_words:
            return self._stretch_words[key]
        matches = difflib.get_close_matches(key, list(self._stretch_words), n=9, cutoff=0.5)
        raise UnknownStretch(typed, tuple(_unique(self._stretch_words[m] for m in matches))[:3])

    def search_areas(self, typed: str, limit: int = 25) -> tuple[str, ...]:
        """Areas whose id, name or alias contains what was typed: for autocomplete."""
        key = normalise(typed)
        if not key:
            return tuple(a.id for a in self.areas)[:limit]
        hits = _unique(area for word, area in self._area_words.items() if key in word)
        return tuple(hits or self.closest_areas(typed))[:limit]

    def search_stretches(self, typed: str, limit: int = 25) -> tuple[str, ...]:
        """What a member can leave out, for autocomplete: not the closing reminder."""
        key = normalise(typed)
        hits = _unique(
            sid
            for word, sid in self._stretch_words.items()
            if (not key or key in word) and self._stretch_index[sid].kind is not Kind.REMINDER
        )
        return tuple(hits)[:limit]


def _duplicates(ids: list[str], what: str) -> list[str]:
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    return [f"duplicate {what} id {d!r}" for d in dupes]


def _rule_problems(rules: RoutineRules, by_id: dict[str, Stretch]) -> list[str]:
    expected = [
        (rules.walk, Kind.WALK),
        (rules.reminder, Kind.REMINDER),
        *((d, Kind.DYNAMIC) for d in rules.dynamic),
        *((s, Kind.STRETCH) for s in (*rules.upper_body, *rules.finish)),
        *((s, Kind.STRETCH) for run in rules.run.values() for s in run.favour),
    ]
    problems = [
        f"routine names {sid!r}, which is not a {kind} in the catalogue"
        for sid, kind in expected
        if sid not in by_id or by_id[sid].kind is not kind
    ]
    if set(rules.position_order) != set(Position):
        problems.append("position_order must list every position once")
    problems += _short_dynamic_problems(rules, by_id)
    return problems


def _short_dynamic_problems(rules: RoutineRules, by_id: dict[str, Stretch]) -> list[str]:
    """A shortened movement is one of the dynamic sequence, and shorter than in full."""
    problems = []
    for sid, seconds in rules.short_dynamic.items():
        if sid not in rules.dynamic:
            problems.append(f"short_dynamic names {sid!r}, which is not in the dynamic sequence")
        elif sid in by_id and not 0 < seconds < by_id[sid].dynamic_seconds:
            problems.append(f"short_dynamic {sid!r}: {seconds} s must be shorter than in full")
    return problems


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _read_toml(path: Path) -> dict[str, object]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """Read and validate the catalogue files; raises pydantic.ValidationError on bad data."""
    areas = _read_toml(data_dir / "areas.toml")
    stretches = _read_toml(data_dir / "stretches.toml")
    rules = _read_toml(data_dir / "routine.toml")
    return Catalogue.model_validate(
        {
            "areas": areas.get("area", []),
            "general_areas": areas.get("general", []),
            "nearby": areas.get("nearby", {}),
            "stretches": stretches.get("stretch", []),
            "rules": rules,
        }
    )


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return load_catalogue()
