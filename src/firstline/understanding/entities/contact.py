"""E-mail addresses and phone numbers."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from firstline.understanding.entities.model import Candidate, Entity, EntityKind, Priority

# Loose on purpose: email-validator decides; this only finds the span, and stops before
# the punctuation that ends a sentence ("max@example.de.").
_EMAIL = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_DIGIT = re.compile(r"\d")
_MIN_PHONE_DIGITS = 7
# Phone numbers are written from the country prefix or the trunk prefix ("0341 …");
# anything else ("100042") is an order number or a price, not a phone number.
_PHONE_START = re.compile(r"[+(]|0")


def normalise_email(candidate: str) -> str | None:
    """Return the lower-cased address if it is a valid e-mail address, else None."""
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    return result.normalized.lower()


def find_emails(text: str) -> list[Candidate]:
    """Propose the valid e-mail addresses in the text."""
    if "@" not in text:
        return []
    found: list[Candidate] = []
    for match in _EMAIL.finditer(text):
        start, raw = match.start(), match.group()
        # A local part cannot start with a dot or quote: "Mail:.max@x.de" means "max@x.de".
        trimmed = raw.lstrip(".'-")
        start += len(raw) - len(trimmed)
        value = normalise_email(trimmed)
        if value is None:
            continue
        entity = Entity(kind=EntityKind.EMAIL, value=value, text=trimmed, start=start, end=match.end())
        found.append(Candidate(entity=entity, priority=Priority.EMAIL))
    return found


def _phone_entity(match: phonenumbers.PhoneNumberMatch) -> Entity | None:
    """Turn a phonenumbers match into an entity if it looks like a written phone number."""
    raw = match.raw_string
    if _PHONE_START.match(raw) is None or len(_DIGIT.findall(raw)) < _MIN_PHONE_DIGITS:
        return None
    number = match.number
    return Entity(
        kind=EntityKind.PHONE,
        value=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        text=raw,
        start=match.start,
        end=match.end,
        unit=phonenumbers.region_code_for_number(number),
    )


def find_phones(text: str, *, default_country: str = "DE") -> list[Candidate]:
    """Propose valid phone numbers, national numbers read as from default_country."""
    if len(_DIGIT.findall(text)) < _MIN_PHONE_DIGITS:
        return []
    matcher = phonenumbers.PhoneNumberMatcher(text, default_country, leniency=phonenumbers.Leniency.VALID)
    found: list[Candidate] = []
    for match in matcher:
        entity = _phone_entity(match)
        if entity is not None:
            found.append(Candidate(entity=entity, priority=Priority.PHONE))
    return found


def parse_phone_number(text: str, default_country: str) -> str | None:
    """Read a whole answer as one phone number; used when no number stands out in it."""
    try:
        number = phonenumbers.parse(text.strip(), default_country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
