"""Validate and normalise a customer's answer to a flow's question, by slot type."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from firstline.domain.commands import SlotValue
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

_YES = re.compile(
    r"^\s*(ja|jawohl|genau|gerne|gern|klar|sicher|stimmt|richtig|ok|okay|yes|yeah|yep|sure|correct|right)\b", re.I
)
_NO = re.compile(r"^\s*(nein|nee|no|nope|nicht|falsch|wrong|not)\b", re.I)


def parse_slot_value(
    slot_type: str,
    text: str,
    *,
    language: Language,
    today: date,
    patterns: EntityPatterns,
    countries: tuple[str, ...] = ("DE", "AT", "CH"),
) -> SlotValue | None:
    """The normalised value of ``text`` for ``slot_type``, or None when it is not a valid answer."""
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
    }
    parser = parsers.get(slot_type)
    if parser is not None:
        return parser()
    stripped = text.strip()
    return stripped or None


def _ticket_reference(text: str) -> str | None:
    match = _TICKET_REFERENCE.search(text)
    return f"{match['prefix'].upper()}-{match['number']}" if match else None


_TICKET_REFERENCE = re.compile(r"\b(?P<prefix>[A-Za-z]{3})[- ]?(?P<number>\d{6})\b")


def _postal_code(text: str) -> str | None:
    found = parse_postal_code(text, None)
    if found is None:
        return None
    return found if isinstance(found, str) else str(getattr(found, "code", found))
