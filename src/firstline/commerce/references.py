"""The products a conversation last showed, kept in the dialogue state as plain SKUs.

A follow-up ("der zweite", "the cheaper one") points into them; understanding reads which
(``understanding.shop_text.references``), so any process can serve the next turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SHOWN_SLOT = "shown_products"
"""Slot with the SKUs the last reply listed or talked about, in the order shown."""
OFFSET_SLOT = "shown_offset"
"""Slot with where the page the customer saw starts in :data:`SHOWN_SLOT` (for "the first one")."""
SEEN_SLOT = "shown_seen"
"""Slot with how many of them that page showed (for "the last one"); 0: all."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Shown:
    """The products the conversation last showed, in order, and where the page the customer saw begins."""

    skus: tuple[str, ...] = ()
    offset: int = 0
    seen: int = 0

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> Shown:
        """Read the shown products from the dialogue slots (older states: the last search or product)."""
        raw = slots.get(SHOWN_SLOT)
        if not isinstance(raw, list):
            searched = slots.get("search_skus")
            current = slots.get("current_product")
            raw = searched if isinstance(searched, list) and searched else [current] if isinstance(current, str) else []
        offset, seen = slots.get(OFFSET_SLOT), slots.get(SEEN_SLOT)
        return cls(
            skus=tuple(str(s) for s in raw),
            offset=offset if isinstance(offset, int) else 0,
            seen=seen if isinstance(seen, int) else 0,
        )

    def to_slots(self) -> dict[str, Any]:
        """The slot values that remember these products (plain JSON)."""
        return {SHOWN_SLOT: list(self.skus), OFFSET_SLOT: self.offset, SEEN_SLOT: self.seen}
