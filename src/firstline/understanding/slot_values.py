"""Validate and normalise a customer's answer to a flow's question, by slot type.

Only the type is checked here ("ca. 4711 kWh" is the number 4711); the question's limits
(at least the last reading, not in the future) depend on the conversation and are checked
by the dialogue engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from firstline.domain.commands import SlotValue
from firstline.domain.flows import Collect
from firstline.domain.language import Language
from firstline.understanding.entities import (
    EntityPatterns,
    parse_customer_number,
    parse_date,
    parse_email,
    parse_money,
    parse_order_number,
    parse_phone,
    parse_postal_code,
    parse_quantity,
)
from firstline.understanding.entities.address import parse_address
from firstline.understanding.entities.choices import find_choices, find_pattern, parse_choice, parse_pattern
from firstline.understanding.entities.iban import find_ibans, parse_iban
from firstline.understanding.entities.model import Found
from firstline.understanding.entities.numbers import find_numbers, parse_decimal, parse_integer
from firstline.understanding.entities.times import find_times, parse_time

_YES = re.compile(
    r"^\s*(ja|jawohl|genau|gerne|gern|klar|sicher|stimmt|richtig|ok|okay|yes|yeah|yep|sure|correct|right)\b", re.I
)
_NO = re.compile(r"^\s*(nein|nee|no|nope|nicht|falsch|wrong|not)\b", re.I)
SPAN_TYPES = frozenset({"integer", "decimal", "time", "enum", "pattern", "iban"})
"""Types read straight from the text with where each value stands (no entity kind for them)."""


def parse_slot_value(
    step: Collect,
    text: str,
    *,
    language: Language,
    today: date,
    patterns: EntityPatterns,
    countries: tuple[str, ...] = ("DE", "AT", "CH"),
) -> SlotValue | None:
    """The normalised value of ``text`` as the answer to ``step``, or None when it is not a valid answer."""
    parsers: dict[str, Callable[[], SlotValue | None]] = {
        "order_number": lambda: parse_order_number(text, patterns),
        "customer_number": lambda: parse_customer_number(text, patterns),
        "email": lambda: parse_email(text),
        "phone": lambda: parse_phone(text, default_country="DE"),
        "postal_code": lambda: _postal_code(text),
        "email_or_postal_code": lambda: parse_email(text) or _postal_code(text),
        "date": lambda: parse_date(text, language, today),
        "money": lambda: parse_money(text, language),
        "quantity": lambda: parse_quantity(text, language),
        "yes_no": lambda: "yes" if _YES.match(text) else "no" if _NO.match(text) else None,
        "address": lambda: parse_address(text, countries),
        "ticket_reference": lambda: _ticket_reference(text),
        "integer": lambda: parse_integer(text, language),
        "decimal": lambda: parse_decimal(text, language),
        "time": lambda: parse_time(text),
        "enum": lambda: parse_choice(text, step.choices),
        "pattern": lambda: parse_pattern(text, step.pattern or r"(?!)"),
        "iban": lambda: parse_iban(text),
    }
    parser = parsers.get(step.slot_type)
    if parser is not None:
        return parser()
    stripped = text.strip()
    return stripped or None


def find_slot_values(step: Collect, text: str, *, language: Language) -> list[Found | None]:
    """Every value of a :data:`SPAN_TYPES` question in a message, with where it stands.

    None stands for a number that cannot be read; the caller takes a value only when exactly
    one remains once the spans other questions took are set aside.
    """
    if step.slot_type in ("integer", "decimal"):
        numbers = find_numbers(text, language)
        if step.slot_type == "decimal":
            return numbers
        return [n if n is None or "." not in n.value else None for n in numbers]
    finders: dict[str, Callable[[], list[Found]]] = {
        "time": lambda: find_times(text),
        "enum": lambda: find_choices(text, step.choices),
        "pattern": lambda: find_pattern(text, step.pattern or r"(?!)"),
        "iban": lambda: find_ibans(text),
    }
    finder = finders.get(step.slot_type)
    return list(finder()) if finder is not None else []


def _ticket_reference(text: str) -> str | None:
    match = _TICKET_REFERENCE.search(text)
    return f"{match['prefix'].upper()}-{match['number']}" if match else None


_TICKET_REFERENCE = re.compile(r"\b(?P<prefix>[A-Za-z]{3})[- ]?(?P<number>\d{6})\b")


def _postal_code(text: str) -> str | None:
    found = parse_postal_code(text, None)
    if found is None:
        return None
    return found if isinstance(found, str) else str(getattr(found, "code", found))
