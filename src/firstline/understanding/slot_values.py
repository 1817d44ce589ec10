"""Validate and normalise a customer's answer to a flow's question, by slot type."""

from __future__ import annotations

import re
from datetime import date

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

_YES = re.compile(
    r"^\s*(ja|jawohl|genau|gerne|gern|klar|sicher|stimmt|richtig|ok|okay|yes|yeah|yep|sure|correct|right)\b", re.I
)
_NO = re.compile(r"^\s*(nein|nee|no|nope|nicht|falsch|wrong|not)\b", re.I)


def parse_slot_value(
    slot_type: str, text: str, *, language: Language, today: date, patterns: EntityPatterns
) -> str | None:
    """The normalised value of ``text`` for ``slot_type``, or None when it is not a valid answer."""
    if slot_type == "order_number":
        return parse_order_number(text, patterns)
    if slot_type == "customer_number":
        return parse_customer_number(text, patterns)
    if slot_type == "email":
        return parse_email(text)
    if slot_type == "phone":
        return parse_phone(text, default_country="DE")
    if slot_type == "postal_code":
        return _postal_code(text)
    if slot_type == "email_or_postal_code":
        return parse_email(text) or _postal_code(text)
    if slot_type == "date":
        return parse_date(text, language, today)
    if slot_type == "money":
        return parse_money(text, language)
    if slot_type == "quantity":
        return parse_quantity(text, language)
    if slot_type == "yes_no":
        return "yes" if _YES.match(text) else "no" if _NO.match(text) else None
    stripped = text.strip()
    return stripped or None


def _postal_code(text: str) -> str | None:
    found = parse_postal_code(text, None)
    if found is None:
        return None
    return found if isinstance(found, str) else str(getattr(found, "code", found))
