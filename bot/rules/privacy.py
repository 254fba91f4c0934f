"""Taking a member out of what the bot stored about others, when they ask to be forgotten.

A member's own rows are deleted; rows that belong to others but name the member (a group
they led, a schedule they set, a group session that listed them, a post that mentioned
them) keep their meaning for the others with the member's id taken out.
"""

from __future__ import annotations

import json
import re
from typing import Any

FORMER_MEMBER = "a former member"
# Where a member's id is stored in place of theirs once they are forgotten.
NOBODY = 0


def mentions_member(text: str, member_id: int) -> bool:
    """Whether the text mentions the member the way Discord does, <@id>."""
    return re.search(rf"<@!?{member_id}>", text) is not None


def forget_member(text: str, member_id: int) -> str:
    """`text` without the member: JSON keeps its shape (the member leaves every "members"
    list, mentions of them become words); other text has its mentions replaced."""
    try:
        data = json.loads(text)
    except ValueError:
        return _unmention(text, member_id)
    return json.dumps(_forget(data, member_id), ensure_ascii=False)


def still_listed(snapshot: str, stored: str) -> str:
    """`snapshot` keeping only the members `stored` still lists. A running session rewrites
    its snapshot from memory at every step, and its members only ever leave: whoever is
    missing from the stored list was forgotten meanwhile, and must not be written back."""
    try:
        new, old = json.loads(snapshot), json.loads(stored)
    except ValueError:
        return snapshot
    if not isinstance(new, dict) or not isinstance(old, dict):
        return snapshot
    members = new.get("members") or []
    kept = {str(m) for m in old.get("members") or []}
    listed = [m for m in members if str(m) in kept]
    if len(listed) == len(members):
        return snapshot
    return json.dumps({**new, "members": listed}, ensure_ascii=False)


def _forget(value: Any, member_id: int, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _forget(v, member_id, k) for k, v in value.items()}
    if isinstance(value, list):
        kept = [v for v in value if not (key == "members" and _is(v, member_id))]
        return [_forget(v, member_id, key) for v in kept]
    if isinstance(value, str):
        return _unmention(value, member_id)
    return value


def _is(value: Any, member_id: int) -> bool:
    return not isinstance(value, bool) and str(value) == str(member_id)


def _unmention(text: str, member_id: int) -> str:
    return re.sub(rf"<@!?{member_id}>", FORMER_MEMBER, text)
