"""Validators for a customer's answer to one question ("What is your order number?").

Each returns the normalised value, or None when the answer does not contain exactly one
usable value: the flow then asks again instead of guessing.
"""

from __future__ import annotations

from datetime import date

from firstline.domain.language import Language
from firstline.understanding.entities import money, quantity
from firstline.understanding.entities.contact import normalise_email, parse_phone_number
from firstline.understanding.entities.dates import find_dates
from firstline.understanding.entities.dates_fallback import parse_unusual_date
from firstline.understanding.entities.extract import (
    MAX_TEXT_CHARS,
    resolve_overlaps,
    structured_candidates,
)
from firstline.understanding.entities.identifiers import GROUPED, compiled, normalise
from firstline.understanding.entities.model import (
    DEFAULT_PATTERNS,
    EntityKind,
    EntityPatterns,
    MoneyAmount,
    PostalCode,
)
from firstline.understanding.entities.postal import parse_postal

_ANSWER_PUNCTUATION = " \t\r\n.,;:!?#"
_MAX_EMAIL_CHARS = 320


def _single(text: str, kind: EntityKind, patterns: EntityPatterns) -> str | None:
    """Return the one value of a kind in an answer, after overlaps are resolved."""
    entities = resolve_overlaps(structured_candidates(text[:MAX_TEXT_CHARS], patterns))
    values = {e.value for e in entities if e.kind is kind}
    return values.pop() if len(values) == 1 else None


def _reference(text: str, pattern: str, kind: EntityKind, patterns: EntityPatterns) -> str | None:
    """Read an order or customer number, also when it is all the answer says: "100 042"."""
    answer = text.strip(_ANSWER_PUNCTUATION)
    if answer and GROUPED.fullmatch(answer) and compiled(pattern).fullmatch(normalise(answer)):
        return normalise(answer)
    return _single(text, kind, patterns)


def parse_order_number(text: str, patterns: EntityPatterns = DEFAULT_PATTERNS) -> str | None:
    """Return the order number in an answer, or None."""
    return _reference(text, patterns.order_number, EntityKind.ORDER_NUMBER, patterns)


def parse_customer_number(text: str, patterns: EntityPatterns = DEFAULT_PATTERNS) -> str | None:
    """Return the customer number in an answer, or None."""
    return _reference(text, patterns.customer_number, EntityKind.CUSTOMER_NUMBER, patterns)


def parse_email(text: str) -> str | None:
    """Return the e-mail address in an answer, lower-cased, or None."""
    found = _single(text, EntityKind.EMAIL, DEFAULT_PATTERNS)
    if found is not None or len(text) > _MAX_EMAIL_CHARS:
        return found
    return normalise_email(text.strip(_ANSWER_PUNCTUATION))


def parse_phone(text: str, default_country: str = "DE") -> str | None:
    """Return the phone number in an answer in E.164 form, or None."""
    patterns = EntityPatterns(countries=(default_country,))
    found = _single(text, EntityKind.PHONE, patterns)
    return found if found is not None else parse_phone_number(text[:200], default_country)


def parse_postal_code(
    text: str, country: str | None, countries: tuple[str, ...] = DEFAULT_PATTERNS.countries
) -> PostalCode | None:
    """Return the postal code in an answer and its country (None when AT/CH is open)."""
    return parse_postal(text[:MAX_TEXT_CHARS], country, countries)


def parse_money(text: str, language: Language) -> str | None:
    """Return the amount in an answer as "49.90"; use parse_money_amount for the currency."""
    found = parse_money_amount(text, language)
    return None if found is None else f"{found.amount:.2f}"


def parse_money_amount(text: str, language: Language) -> MoneyAmount | None:
    """Return the amount and currency in an answer; a bare number is taken as euros."""
    return money.parse_money(text[:MAX_TEXT_CHARS], language)


def parse_date(text: str, language: Language, today: date) -> str | None:
    """Return the date in an answer as ISO "2026-11-28", resolved against today."""
    found = resolve_overlaps(find_dates(text[:MAX_TEXT_CHARS], language=language, today=today))
    values = {e.value for e in found}
    if len(values) == 1:
        return values.pop()
    if values:
        return None
    unusual = parse_unusual_date(text, today=today)
    return unusual.isoformat() if unusual is not None else None


def parse_quantity(text: str, language: Language) -> str | None:
    """Return the count in an answer: 1 to 999, in digits, words or dozens."""
    return quantity.parse_quantity(text[:MAX_TEXT_CHARS], language)
