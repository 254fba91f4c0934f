"""What a member owns: everything stored about them, to take away or to erase."""

from __future__ import annotations

from typing import Any

from bot.storage import MemberData
from bot.storage.member_data import Forgotten


class MemberDataService:
    def __init__(self, store: MemberData) -> None:
        self._store = store

    async def export(self, user_id: int) -> dict[str, Any]:
        """Every row about the member, as plain JSON-able data."""
        return await self._store.export(user_id)

    async def delete(self, user_id: int) -> Forgotten:
        """Their own rows removed, their id taken out of what other members keep."""
        return await self._store.delete(user_id)
