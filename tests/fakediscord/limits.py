"""Discord's documented payload limits, checked the way Discord checks them.

Each ``*_errors`` function returns the nested ``errors`` object of Discord's "Invalid Form Body"
answer (HTTP 400, code 50035), empty when the payload is within every limit. The keys follow the
JSON path of the offending field, list indexes as strings, and each leaf holds
``{"_errors": [{"code": ..., "message": ...}]}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

JSON = dict[str, Any]
Path = tuple[str | int, ...]

CONTENT = 2000
EMBEDS = 10
EMBED_TOTAL = 6000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
NONCE = 25
ATTACHMENT_DESCRIPTION = 1024

ACTION_ROWS = 5
ROW_WIDTH = 5
COMPONENTS_V2_TOTAL = 40
TEXT_DISPLAY_TOTAL = 4000
CUSTOM_ID = 100
BUTTON_LABEL = 80
BUTTON_URL = 512
SELECT_OPTIONS = 25
SELECT_OPTION_TEXT = 100
SELECT_PLACEHOLDER = 150
SELECT_VALUES = 25

MODAL_TITLE = 45
MODAL_COMPONENTS = 5
LABEL = 45
LABEL_DESCRIPTION = 100
TEXT_INPUT_LENGTH = 4000
TEXT_INPUT_PLACEHOLDER = 100

AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100

COMMAND_NAME = 32
COMMAND_DESCRIPTION = 100
COMMAND_OPTIONS = 25
COMMAND_CHOICES = 25
COMMAND_TOTAL = 8000
CHAT_INPUT_COMMANDS = 100
CONTEXT_MENU_COMMANDS = 5

THREAD_NAME = 100

FLAG_COMPONENTS_V2 = 1 << 15

# Component types.
ACTION_ROW = 1
BUTTON = 2
STRING_SELECT = 3
TEXT_INPUT = 4
SECTION = 9
TEXT_DISPLAY = 10
LABEL_COMPONENT = 18
SELECTS = frozenset({3, 5, 6, 7, 8})
LINK_STYLE = 5
PREMIUM_STYLE = 6


class FormErrors:
    """Discord's nested ``errors`` object, built one offending field at a time."""

    def __init__(self) -> None:
        self.tree: JSON = {}

    def __bool__(self) -> bool:
        return bool(self.tree)

    def add(self, path: Path, code: str, message: str) -> None:
        node = self.tree
        for key in path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def required(self, path: Path) -> None:
        self.add(path, "BASE_TYPE_REQUIRED", "This field is required")

    def at_most(self, path: Path, value: Any, limit: int) -> None:
        """A string or list longer than ``limit``."""
        if isinstance(value, (str, list)) and len(value) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def between(self, path: Path, value: Any, low: int, high: int) -> None:
        """A string or list whose length is outside ``low..high`` (missing counts as empty)."""
        size = len(value) if isinstance(value, (str, list)) else 0
        if not low <= size <= high:
            self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def number_between(self, path: Path, value: Any, low: int, high: int) -> None:
        if isinstance(value, int) and not low <= value <= high:
            code = "NUMBER_TYPE_MIN" if value < low else "NUMBER_TYPE_MAX"
            bound = (
                f"greater than or equal to {low}"
                if value < low
                else f"less than or equal to {high}"
            )
            self.add(path, code, f"int value should be {bound}.")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# ----------------------------------------------------------------------------- messages


def message_errors(body: Any, path: Path = ()) -> JSON:
    """Limits of a message create or edit body (also the ``data`` of callback types 4 and 7)."""
    errors = FormErrors()
    check_message(errors, body if isinstance(body, dict) else {}, path)
    return errors.tree


def check_message(errors: FormErrors, body: JSON, path: Path = ()) -> None:
    errors.at_most((*path, "content"), body.get("content"), CONTENT)
    nonce = body.get("nonce")
    if isinstance(nonce, str):
        errors.at_most((*path, "nonce"), nonce, NONCE)
    embeds = _items(body.get("embeds"))
    errors.at_most((*path, "embeds"), embeds, EMBEDS)
    for index, embed in enumerate(embeds):
        if isinstance(embed, dict):
            _check_embed(errors, embed, (*path, "embeds", index))
    if sum(_embed_size(e) for e in embeds if isinstance(e, dict)) > EMBED_TOTAL:
        errors.add(
            (*path, "embeds"),
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of {EMBED_TOTAL}",
        )
    for index, attachment in enumerate(_items(body.get("attachments"))):
        if isinstance(attachment, dict):
            errors.at_most(
                (*path, "attachments", index, "description"),
                attachment.get("description"),
                ATTACHMENT_DESCRIPTION,
            )
    components = body.get("components")
    if isinstance(components, list):
        v2 = bool(int(body.get("flags") or 0) & FLAG_COMPONENTS_V2)
        check_message_components(errors, components, (*path, "components"), v2=v2)


def _check_embed(errors: FormErrors, embed: JSON, path: Path) -> None:
    errors.at_most((*path, "title"), embed.get("title"), EMBED_TITLE)
    errors.at_most((*path, "description"), embed.get("description"), EMBED_DESCRIPTION)
    fields = _items(embed.get("fields"))
    errors.at_most((*path, "fields"), fields, EMBED_FIELDS)
    for index, item in enumerate(fields):
        if not isinstance(item, dict):
            continue
        where = (*path, "fields", index)
        for key, limit in (("name", EMBED_FIELD_NAME), ("value", EMBED_FIELD_VALUE)):
            if not _text(item.get(key)):
                errors.required((*where, key))
            errors.at_most((*where, key), item.get(key), limit)
    footer = embed.get("footer")
    if isinstance(footer, dict):
        if not _text(footer.get("text")):
            errors.required((*path, "footer", "text"))
        errors.at_most((*path, "footer", "text"), footer.get("text"), EMBED_FOOTER)
    author = embed.get("author")
    if isinstance(author, dict):
        if not _text(author.get("name")):
            errors.required((*path, "author", "name"))
        errors.at_most((*path, "author", "name"), author.get("name"), EMBED_AUTHOR)


def _embed_size(embed: JSON) -> int:
    """Characters that count towards the 6,000 shared by all embeds of a message."""
    size = len(_text(embed.get("title"))) + len(_text(embed.get("description")))
    for item in _items(embed.get("fields")):
        if isinstance(item, dict):
            size += len(_text(item.get("name"))) + len(_text(item.get("value")))
    size += len(_text((embed.get("footer") or {}).get("text")))
    size += len(_text((embed.get("author") or {}).get("name")))
    return size


# ----------------------------------------------------------------------------- components


def check_message_components(
    errors: FormErrors, components: list[Any], path: Path, *, v2: bool
) -> None:
    if v2:
        if _count_components(components) > COMPONENTS_V2_TOTAL:
            errors.add(
                path,
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {COMPONENTS_V2_TOTAL} or fewer in length.",
            )
        if _text_display_size(components) > TEXT_DISPLAY_TOTAL:
            errors.add(
                path,
                "MAX_COMPONENT_TEXT_LENGTH_EXCEEDED",
                f"Text display content exceeds maximum size of {TEXT_DISPLAY_TOTAL}",
            )
    else:
        errors.at_most(path, components, ACTION_ROWS)
    for index, component in enumerate(components):
        if isinstance(component, dict):
            _check_component(errors, component, (*path, index))
    _check_unique_custom_ids(errors, components, path)


def _children(component: JSON) -> Iterable[tuple[str | int, ...]]:
    """Relative paths of the components nested in ``component``."""
    for index, _ in enumerate(_items(component.get("components"))):
        yield ("components", index)
    for key in ("component", "accessory"):
        if isinstance(component.get(key), dict):
            yield (key,)


def _child(component: JSON, relative: tuple[str | int, ...]) -> JSON:
    node: Any = component
    for key in relative:
        node = node[key]
    return node if isinstance(node, dict) else {}


def _walk(components: Iterable[Any]) -> Iterable[JSON]:
    for component in components:
        if isinstance(component, dict):
            yield component
            yield from _walk(_child(component, rel) for rel in _children(component))


def _count_components(components: list[Any]) -> int:
    return sum(1 for _ in _walk(components))


def _text_display_size(components: list[Any]) -> int:
    return sum(
        len(_text(c.get("content"))) for c in _walk(components) if c.get("type") == TEXT_DISPLAY
    )


def _check_unique_custom_ids(errors: FormErrors, components: list[Any], path: Path) -> None:
    seen: set[str] = set()
    for component in _walk(components):
        custom_id = component.get("custom_id")
        if not isinstance(custom_id, str):
            continue
        if custom_id in seen:
            errors.add(
                path, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"
            )
            return
        seen.add(custom_id)


def _check_component(errors: FormErrors, component: JSON, path: Path) -> None:
    kind = component.get("type")
    if kind == ACTION_ROW:
        row = _items(component.get("components"))
        errors.at_most((*path, "components"), row, ROW_WIDTH)
        if len(row) > 1 and any(isinstance(c, dict) and c.get("type") in SELECTS for c in row):
            errors.add(
                (*path, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
    elif kind == BUTTON:
        _check_button(errors, component, path)
    elif kind in SELECTS:
        _check_select(errors, component, path)
    elif kind == TEXT_INPUT:
        _check_text_input(errors, component, path, in_label=False)
    elif kind == LABEL_COMPONENT:
        _check_label(errors, component, path)
    for relative in _children(component):
        if kind == LABEL_COMPONENT and relative == ("component",):
            continue  # checked by _check_label, which knows the input is labelled
        _check_component(errors, _child(component, relative), (*path, *relative))


def _check_custom_id(errors: FormErrors, component: JSON, path: Path) -> None:
    errors.between((*path, "custom_id"), component.get("custom_id"), 1, CUSTOM_ID)


def _check_button(errors: FormErrors, button: JSON, path: Path) -> None:
    errors.at_most((*path, "label"), button.get("label"), BUTTON_LABEL)
    style = button.get("style")
    if style == LINK_STYLE:
        if not _text(button.get("url")):
            errors.required((*path, "url"))
        errors.at_most((*path, "url"), button.get("url"), BUTTON_URL)
    elif style != PREMIUM_STYLE:
        _check_custom_id(errors, button, path)


def _check_select(errors: FormErrors, select: JSON, path: Path) -> None:
    _check_custom_id(errors, select, path)
    errors.at_most((*path, "placeholder"), select.get("placeholder"), SELECT_PLACEHOLDER)
    errors.number_between((*path, "min_values"), select.get("min_values"), 0, SELECT_VALUES)
    errors.number_between((*path, "max_values"), select.get("max_values"), 1, SELECT_VALUES)
    if select.get("type") != STRING_SELECT:
        return
    options = select.get("options")
    errors.between((*path, "options"), options, 1, SELECT_OPTIONS)
    for index, option in enumerate(_items(options)):
        if not isinstance(option, dict):
            continue
        where = (*path, "options", index)
        errors.between((*where, "label"), option.get("label"), 1, SELECT_OPTION_TEXT)
        errors.between((*where, "value"), option.get("value"), 1, SELECT_OPTION_TEXT)
        errors.at_most((*where, "description"), option.get("description"), SELECT_OPTION_TEXT)


def _check_text_input(errors: FormErrors, text_input: JSON, path: Path, *, in_label: bool) -> None:
    _check_custom_id(errors, text_input, path)
    if not in_label:
        # Inside an action row the input carries its own label.
        errors.between((*path, "label"), text_input.get("label"), 1, LABEL)
    else:
        errors.at_most((*path, "label"), text_input.get("label"), LABEL)
    errors.at_most((*path, "placeholder"), text_input.get("placeholder"), TEXT_INPUT_PLACEHOLDER)
    low = text_input.get("min_length")
    high = text_input.get("max_length")
    errors.number_between((*path, "min_length"), low, 0, TEXT_INPUT_LENGTH)
    errors.number_between((*path, "max_length"), high, 1, TEXT_INPUT_LENGTH)
    value = text_input.get("value")
    if not isinstance(value, str):
        return
    errors.at_most((*path, "value"), value, TEXT_INPUT_LENGTH)
    if isinstance(high, int) and len(value) > high and high < TEXT_INPUT_LENGTH:
        errors.add((*path, "value"), "BASE_TYPE_MAX_LENGTH", f"Must be {high} or fewer in length.")
    if isinstance(low, int) and value and len(value) < low:
        errors.add((*path, "value"), "BASE_TYPE_MIN_LENGTH", f"Must be {low} or more in length.")


def _check_label(errors: FormErrors, label: JSON, path: Path) -> None:
    errors.between((*path, "label"), label.get("label"), 1, LABEL)
    errors.at_most((*path, "description"), label.get("description"), LABEL_DESCRIPTION)
    inner = label.get("component")
    if not isinstance(inner, dict):
        errors.required((*path, "component"))
        return
    if inner.get("type") == TEXT_INPUT:
        _check_text_input(errors, inner, (*path, "component"), in_label=True)
    else:
        _check_component(errors, inner, (*path, "component"))


# ----------------------------------------------------------------------------- interactions


def callback_errors(body: Any) -> JSON:
    """Limits of an interaction callback body; errors in ``data`` are nested under "data"."""
    errors = FormErrors()
    body = body if isinstance(body, dict) else {}
    data = body.get("data")
    data = data if isinstance(data, dict) else {}
    kind = body.get("type")
    if kind in (4, 7):
        check_message(errors, data, ("data",))
    elif kind == 8:
        _check_choices(errors, data.get("choices"), ("data", "choices"), AUTOCOMPLETE_CHOICES)
    elif kind == 9:
        check_modal(errors, data, ("data",))
    return errors.tree


def check_modal(errors: FormErrors, data: JSON, path: Path) -> None:
    errors.between((*path, "title"), data.get("title"), 1, MODAL_TITLE)
    _check_custom_id(errors, data, path)
    components = data.get("components")
    errors.between((*path, "components"), components, 1, MODAL_COMPONENTS)
    for index, component in enumerate(_items(components)):
        if isinstance(component, dict):
            _check_component(errors, component, (*path, "components", index))
    _check_unique_custom_ids(errors, _items(components), (*path, "components"))


def _check_choices(errors: FormErrors, choices: Any, path: Path, limit: int) -> None:
    errors.at_most(path, choices, limit)
    for index, choice in enumerate(_items(choices)):
        if not isinstance(choice, dict):
            continue
        errors.between((*path, index, "name"), choice.get("name"), 1, CHOICE_NAME)
        value = choice.get("value")
        if isinstance(value, str):
            errors.at_most((*path, index, "value"), value, CHOICE_VALUE)
        elif value is None:
            errors.required((*path, index, "value"))


# ----------------------------------------------------------------------------- commands

CHAT_INPUT = 1
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
_NAME_PUNCTUATION = frozenset("-_'")


def _valid_chat_input_name(name: str) -> bool:
    """Letters (lowercase where a lowercase exists), digits, ``-``, ``_`` and ``'``."""
    return 1 <= len(name) <= COMMAND_NAME and all(
        (ch.isalnum() or ch in _NAME_PUNCTUATION or _is_mark(ch)) and ch == ch.lower()
        for ch in name
    )


def _is_mark(ch: str) -> bool:
    # Devanagari and Thai vowel signs are allowed in names although not alphanumeric.
    return "\u0900" <= ch <= "\u097f" or "\u0e00" <= ch <= "\u0e7f"


def commands_errors(commands: Any) -> JSON:
    """Limits of a bulk overwrite (``PUT .../commands``): each command, and how many."""
    errors = FormErrors()
    items = _items(commands)
    chat_input = sum(1 for c in items if isinstance(c, dict) and c.get("type", 1) == CHAT_INPUT)
    user = sum(1 for c in items if isinstance(c, dict) and c.get("type") == 2)
    message = sum(1 for c in items if isinstance(c, dict) and c.get("type") == 3)
    if (
        chat_input > CHAT_INPUT_COMMANDS
        or user > CONTEXT_MENU_COMMANDS
        or message > CONTEXT_MENU_COMMANDS
    ):
        errors.add(
            (),
            "APPLICATION_COMMANDS_TOO_MANY",
            "Maximum number of application commands reached",
        )
    for index, command in enumerate(items):
        if isinstance(command, dict):
            check_command(errors, command, (index,))
    return errors.tree


def command_errors(command: Any) -> JSON:
    """Limits of one command (``POST`` or ``PATCH .../commands``)."""
    errors = FormErrors()
    check_command(errors, command if isinstance(command, dict) else {}, ())
    return errors.tree


def check_command(errors: FormErrors, command: JSON, path: Path, *, partial: bool = False) -> None:
    kind = command.get("type", CHAT_INPUT)
    name = command.get("name")
    if not (partial and name is None):
        if kind == CHAT_INPUT:
            if not isinstance(name, str) or not _valid_chat_input_name(name):
                errors.add(
                    (*path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"
                )
        else:
            errors.between((*path, "name"), name, 1, COMMAND_NAME)
    if kind == CHAT_INPUT and not (partial and "description" not in command):
        errors.between((*path, "description"), command.get("description"), 1, COMMAND_DESCRIPTION)
    _check_options(errors, command.get("options"), (*path, "options"))
    if kind == CHAT_INPUT and _command_size(command) > COMMAND_TOTAL:
        errors.add(
            path,
            "APPLICATION_COMMAND_TOO_LARGE",
            f"Command exceeds maximum size ({COMMAND_TOTAL})",
        )


def _check_options(errors: FormErrors, options: Any, path: Path) -> None:
    errors.at_most(path, options, COMMAND_OPTIONS)
    for index, option in enumerate(_items(options)):
        if not isinstance(option, dict):
            continue
        where = (*path, index)
        name = option.get("name")
        if not isinstance(name, str) or not _valid_chat_input_name(name):
            errors.add(
                (*where, "name"),
                "APPLICATION_COMMAND_INVALID_NAME",
                "Command name is invalid",
            )
        errors.between((*where, "description"), option.get("description"), 1, COMMAND_DESCRIPTION)
        if option.get("choices") is not None:
            _check_choices(errors, option.get("choices"), (*where, "choices"), COMMAND_CHOICES)
        if option.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP):
            _check_options(errors, option.get("options"), (*where, "options"))


def _command_size(node: JSON) -> int:
    """Characters of names, descriptions and choice values, as Discord sums them per command."""
    size = len(_text(node.get("name"))) + len(_text(node.get("description")))
    for option in _items(node.get("options")):
        if isinstance(option, dict):
            size += _command_size(option)
    for choice in _items(node.get("choices")):
        if isinstance(choice, dict):
            size += len(_text(choice.get("name"))) + len(str(choice.get("value", "")))
    return size


# ----------------------------------------------------------------------------- channels


def thread_errors(body: Any, *, creating: bool) -> JSON:
    """Limits of a thread create (name required) or channel edit (name optional)."""
    errors = FormErrors()
    body = body if isinstance(body, dict) else {}
    if creating or "name" in body:
        errors.between(("name",), body.get("name"), 1, THREAD_NAME)
    message = body.get("message")
    if isinstance(message, dict):
        check_message(errors, message, ("message",))
    return errors.tree


def describe(errors: JSON, path: Sequence[str] = ()) -> list[str]:
    """``["embeds.0.fields.0.value: Must be 1024 or fewer in length."]``, for messages."""
    lines: list[str] = []
    for key, value in errors.items():
        if key == "_errors":
            where = ".".join(path) or "(body)"
            lines += [f"{where}: {e['message']}" for e in value]
        elif isinstance(value, dict):
            lines += describe(value, (*path, key))
    return lines
