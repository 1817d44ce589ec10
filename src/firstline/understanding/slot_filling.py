"""Fills a flow's other questions from a message: the opening request, or an answer that says more.

One value fills one question: a birth date is not also the meter-reading date, and the
contract number that answers the pending question is not also the meter reading. Only
questions that allow it (``from_opening``, on by default for unambiguous identifiers) are
filled this way; the rest wait for their own answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from firstline.domain.commands import SetSlot, SlotValue
from firstline.domain.flows import Collect, Flow
from firstline.domain.language import Language
from firstline.understanding.entities import Entity, EntityKind, EntityPatterns
from firstline.understanding.entities.model import Found
from firstline.understanding.slot_values import SPAN_TYPES, find_slot_values, parse_slot_value

SLOT_TYPES_FOR = {
    EntityKind.ORDER_NUMBER: ("order_number",),
    EntityKind.CUSTOMER_NUMBER: ("customer_number",),
    EntityKind.EMAIL: ("email", "email_or_postal_code"),
    EntityKind.PHONE: ("phone",),
    EntityKind.POSTAL_CODE: ("postal_code", "email_or_postal_code"),
    EntityKind.DATE: ("date",),
    EntityKind.MONEY: ("money",),
    EntityKind.QUANTITY: ("quantity",),
}
"""Which questions an extracted entity can answer."""
WHOLE_MESSAGE_TYPES = frozenset({"address", "ticket_reference"})
"""Answers read from the whole message, not from extracted entities (no entity kind for them)."""
DESCRIPTIVE_WORDS = 9
"""An opening message this long is taken as the description a flow's free-text question asks for."""
_NOT_NUMBERS = frozenset({EntityKind.DATE, EntityKind.PHONE, EntityKind.EMAIL})
"""Entities whose digits are not a plain number a question asks for."""
SHORT_ANSWER_WORDS = 3
"""A valid answer this short is just the answer: no side request hides in it."""


@dataclass(slots=True, kw_only=True)
class MessageSlots:
    """One message's values, handed out to questions one by one; each span answers one question."""

    text: str
    language: Language
    today: date
    entities: Sequence[Entity]
    patterns: EntityPatterns
    countries: tuple[str, ...]
    taken: list[tuple[int, int]] = field(default_factory=list)

    def take_answer(self, step: Collect, value: SlotValue) -> None:
        """Set aside where the pending question's answer stands, so no other question takes it too."""
        spans = [
            (f.start, f.end)
            for f in (find_slot_values(step, self.text, language=self.language) if step.slot_type in SPAN_TYPES else [])
            if f is not None and f.value == value
        ]
        spans += [
            (e.start, e.end)
            for e in self.entities
            if step.slot_type in SLOT_TYPES_FOR.get(e.kind, ()) and e.value == value
        ]
        if not spans and len(self.text.split()) <= SHORT_ANSWER_WORDS:
            spans = [(0, len(self.text))]
        self.taken += spans

    def fill(self, flows: Sequence[Flow], starting: set[str], already: set[str]) -> list[SetSlot]:
        """Values for the questions of ``flows`` that allow them, in the order the flows ask."""
        proposed: list[SetSlot] = []
        for flow in flows:
            for step in flow.collect_steps():
                if step.slot in already or not step.fills_from_other_messages:
                    continue
                value = self._value(step, opening=flow.name in starting)
                if value is not None:
                    proposed.append(SetSlot(step.slot, value))
                    already.add(step.slot)
        return proposed

    def _value(self, step: Collect, *, opening: bool) -> SlotValue | None:
        if step.slot_type in WHOLE_MESSAGE_TYPES:
            return self._parsed(step) if opening else None
        if step.slot_type == "text":
            # "Mein Paket kam zerdrückt an und die Tür ist verbogen": the opening already describes it.
            return self.text if opening and len(self.text.split()) >= DESCRIPTIVE_WORDS else None
        if step.slot_type in SPAN_TYPES:
            found = find_slot_values(step, self.text, language=self.language)
            if step.slot_type in ("integer", "decimal"):
                # The 3 and the 1980 of "geboren am 3. März 1980" are no reading; nor is a phone number.
                found = [f for f in found if f is None or not self._inside(f, _NOT_NUMBERS)]
            return self._spanned(found)
        entity = next(
            (
                e
                for e in self.entities
                if step.slot_type in SLOT_TYPES_FOR.get(e.kind, ()) and not self._is_taken(e.start, e.end)
            ),
            None,
        )
        if entity is None:
            return None
        self.taken.append((entity.start, entity.end))
        return entity.value

    def _parsed(self, step: Collect) -> SlotValue | None:
        return parse_slot_value(
            step,
            self.text,
            language=self.language,
            today=self.today,
            patterns=self.patterns,
            countries=self.countries,
        )

    def _spanned(self, found: Sequence[Found | None]) -> str | None:
        """The one value left once taken spans are set aside; None when none or several remain."""
        free = [f for f in found if f is None or not self._is_taken(f.start, f.end)]
        values = {f.value for f in free if f is not None}
        if len(values) != 1 or None in free:
            return None
        self.taken += [(f.start, f.end) for f in free if f is not None]
        return values.pop()

    def _inside(self, found: Found, kinds: frozenset[EntityKind]) -> bool:
        return any(e.kind in kinds and found.overlaps(e.start, e.end) for e in self.entities)

    def _is_taken(self, start: int, end: int) -> bool:
        return any(start < taken_end and taken_start < end for taken_start, taken_end in self.taken)
