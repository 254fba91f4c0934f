"""Discord's documented limits on what the bot sends, and the one place payloads are fit to them.

Discord refuses a whole message (400, code 50035) when one field is a character too long, so
the member sees nothing at all. Everything the bot sends passes through here first: text is
clipped with an ellipsis (the reader sees that more was cut), lists say how many more there
were, and long line lists are split across fields where a reader would want all of them.
Limits: https://discord.com/developers/docs/resources/message and .../interactions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

CONTENT = 2000
EMBEDS = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000
BUTTON_LABEL = 80
CUSTOM_ID = 100
SELECT_OPTIONS = 25
OPTION_TEXT = 100
MODAL_TITLE = 45
INPUT_LABEL = 45
INPUT_VALUE = 4000
THREAD_NAME = 100
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
# What a member can send in one message (with Nitro; 2,000 without).
MEMBER_MESSAGE = 4000

ELLIPSIS = "…"
EMPTY_FIELD = "—"


def fit(text: str, limit: int) -> str:
    """Clip to a limit with an ellipsis, so the reader sees that more was cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS if limit > 0 else ""


def join_within(items: Sequence[str], limit: int, sep: str = " ") -> str:
    """As many items as fit, then "and N more": a mention list never cut mid-mention."""
    whole = sep.join(items)
    if len(whole) <= limit:
        return whole
    shown = len(items)
    while shown > 0:
        shown -= 1
        text = sep.join([*items[:shown], f"and {len(items) - shown} more"])
        if len(text) <= limit:
            return text
    return fit(f"{len(items)} in all", limit)


def split_lines(lines: Iterable[str], limit: int) -> list[str]:
    """Lines grouped into chunks of at most `limit` characters, breaking only between lines
    (a single line longer than the limit is clipped)."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = fit(line, limit)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        chunks.append(current)
        current = line
    if current:
        chunks.append(current)
    return chunks


def field(name: str, value: str, inline: bool = False) -> dict[str, Any]:
    return {
        "name": fit(name, FIELD_NAME) or EMPTY_FIELD,
        "value": fit(value, FIELD_VALUE) or EMPTY_FIELD,
        "inline": inline,
    }


def line_fields(name: str, lines: Sequence[str], empty: str = "none yet") -> list[dict[str, Any]]:
    """A list of lines as one field, or several ("… (cont.)") when it is longer than one
    field holds: every line is shown, none is cut in half."""
    chunks = split_lines(lines, FIELD_VALUE) or [empty]
    return [
        field(name if index == 0 else f"{name} (cont.)", chunk)
        for index, chunk in enumerate(chunks)
    ]


def fit_embed(embed: Mapping[str, Any], budget: int = EMBED_TOTAL) -> dict[str, Any]:
    """An embed within every per-field limit and within `budget` characters in all.

    Over budget, the description gives way first, then fields from the last one: the title
    and the first fields say what the embed is about.
    """
    fitted = dict(embed)
    if fitted.get("title"):
        fitted["title"] = fit(str(fitted["title"]), EMBED_TITLE)
    if fitted.get("description"):
        fitted["description"] = fit(str(fitted["description"]), EMBED_DESCRIPTION)
    if isinstance(fitted.get("footer"), Mapping) and fitted["footer"].get("text"):
        fitted["footer"] = {**fitted["footer"], "text": fit(str(fitted["footer"]["text"]), FOOTER)}
    if isinstance(fitted.get("author"), Mapping) and fitted["author"].get("name"):
        fitted["author"] = {**fitted["author"], "name": fit(str(fitted["author"]["name"]), AUTHOR)}
    fields = [
        field(str(f.get("name", "")), str(f.get("value", "")), bool(f.get("inline", False)))
        for f in fitted.get("fields") or []
    ][:EMBED_FIELDS]
    if "fields" in fitted:
        fitted["fields"] = fields
    over = embed_size(fitted) - budget
    if over > 0 and fitted.get("description"):
        description = str(fitted["description"])
        fitted["description"] = fit(description, max(len(description) - over, 1))
    while embed_size(fitted) > budget and fitted.get("fields"):
        fitted["fields"] = fitted["fields"][:-1]
    for part, key in (("footer", "text"), ("author", "name")):
        over = embed_size(fitted) - budget
        if over > 0 and isinstance(fitted.get(part), Mapping) and fitted[part].get(key):
            text = fit(str(fitted[part][key]), max(len(fitted[part][key]) - over, 0))
            if text:
                fitted[part] = {**fitted[part], key: text}
            else:
                del fitted[part]
    over = embed_size(fitted) - budget
    if over > 0 and fitted.get("title"):
        title = str(fitted["title"])
        fitted["title"] = fit(title, max(len(title) - over, 1))
    return fitted


def embed_size(embed: Mapping[str, Any]) -> int:
    """Characters Discord counts towards an embed's 6,000."""
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    size += len((embed.get("footer") or {}).get("text") or "")
    size += len((embed.get("author") or {}).get("name") or "")
    for item in embed.get("fields") or []:
        size += len(item.get("name") or "") + len(item.get("value") or "")
    return size


def fit_message(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A message (content, embeds, components) within Discord's limits."""
    fitted = dict(payload)
    if isinstance(fitted.get("content"), str):
        fitted["content"] = fit(fitted["content"], CONTENT)
    if fitted.get("embeds"):
        embeds: list[dict[str, Any]] = []
        budget = EMBED_TOTAL
        for embed in list(fitted["embeds"])[:EMBEDS]:
            if budget <= 1:
                break  # no room left: a later embed would be refused with all the others
            shaped = fit_embed(embed, budget)
            budget -= embed_size(shaped)
            embeds.append(shaped)
        fitted["embeds"] = embeds
    if fitted.get("components"):
        fitted["components"] = [fit_component(c) for c in fitted["components"]]
    return fitted


def fit_component(component: Mapping[str, Any]) -> dict[str, Any]:
    """Labels and options of a component (and of the rows it holds) within their limits.

    A custom id is never clipped: a cut id would no longer find its handler. The bot's ids
    are short by construction (at most about 65 characters) and the tests guard the limit.
    """
    fitted = dict(component)
    if isinstance(fitted.get("label"), str):
        fitted["label"] = fit(fitted["label"], BUTTON_LABEL)
    if fitted.get("options"):
        fitted["options"] = [
            {
                **option,
                "label": fit(str(option.get("label", "")), OPTION_TEXT),
                **(
                    {"description": fit(str(option["description"]), OPTION_TEXT)}
                    if option.get("description")
                    else {}
                ),
            }
            for option in list(fitted["options"])[:SELECT_OPTIONS]
        ]
    if fitted.get("components"):
        fitted["components"] = [fit_component(c) for c in fitted["components"]]
    return fitted


def choices(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Autocomplete choices as (name, value): at most 25, names clipped; a value longer
    than Discord takes is left out (a clipped value would mean something else)."""
    fitted: list[tuple[str, str]] = []
    for name, value in pairs:
        if len(value) > CHOICE_VALUE or not value:
            continue
        fitted.append((fit(name, CHOICE_NAME) or fit(value, CHOICE_NAME), value))
        if len(fitted) == CHOICES:
            break
    return fitted
