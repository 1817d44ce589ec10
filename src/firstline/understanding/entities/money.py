"""Amounts of money: "49,90 €", "€49.90", "1.299,00 EUR", "CHF 30", "zwanzig Euro"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from firstline.domain.language import Language
from firstline.understanding.entities.model import (
    Candidate,
    Entity,
    EntityKind,
    MoneyAmount,
    Priority,
)
from firstline.understanding.entities.numwords import parse_number_words

# "1.299,00", "1,299.00", "1'299.50", "49,90", "49", "49,-"; spaces are not accepted as
# thousands separators because "3 100 Euro" is more often a count and an amount.
_AMOUNT = r"(?P<amount>\d{1,3}(?:[.,'’]\d{3})+(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?)(?:[.,][-–]{1,2})?"
_SYMBOL = {"€": "EUR", "$": "USD", "£": "GBP"}
_WORD_CURRENCY = {
    "eur": "EUR", "euro": "EUR", "euros": "EUR", "cent": "EUR", "cents": "EUR",
    "ct": "EUR", "chf": "CHF", "franken": "CHF", "fr": "CHF", "sfr": "CHF",
    "franc": "CHF", "francs": "CHF", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "us$": "USD", "gbp": "GBP", "pfund": "GBP", "pound": "GBP", "pounds": "GBP",
}  # fmt: skip
_CURRENCY_AFTER = (
    r"(?P<cur>€|\$|£|(?:eur(?:os?)?|chf|franken|francs?|usd|dollars?|gbp|pfund|pounds?"
    r"|cents?)\b|(?:s?fr|ct)\.)"
)
_CURRENCY_BEFORE = r"(?P<cur>€|\$|£|us\$|(?:eur|euro|chf|usd|gbp)\b|(?:s?fr)\.)"
_BOUNDARY_BEFORE = r"(?<![\w.,'’])"
_AFTER = re.compile(_BOUNDARY_BEFORE + _AMOUNT + r"\s?" + _CURRENCY_AFTER, re.IGNORECASE)
_BEFORE = re.compile(r"(?<!\w)" + _CURRENCY_BEFORE + r"\s?" + _AMOUNT + r"(?![\d.,]\d)", re.IGNORECASE)
_IN_WORDS = re.compile(
    r"(?<!\w)(?P<words>[^\W\d_]+(?:[ -](?:and |und )?[^\W\d_]+){0,4})\s+"
    r"(?P<cur>(?:euros?|franken|francs?|dollars?|pfund|pounds?|cents?)\b)",
    re.IGNORECASE,
)
_BARE_AMOUNT = re.compile(_BOUNDARY_BEFORE + _AMOUNT + r"(?![\d.,]\d)")
_CENTS = Decimal("0.01")
_LIMIT = Decimal("1000000000")


def amount_from_digits(raw: str) -> Decimal | None:
    """Read "1.299,00", "1,299.00", "49,90", "49,-" as a Decimal, guessing separators."""
    text = re.sub(r"[.,][-–]+$", "", raw).replace("'", "").replace("’", "")
    if "." in text and "," in text:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        text = text.replace(group_sep, "").replace(decimal_sep, ".")
    else:
        for sep in ".,":
            if sep not in text:
                continue
            head, _, tail = text.rpartition(sep)
            # One separator before three digits groups thousands ("1.299"); before one
            # or two digits it is the decimal point.
            if text.count(sep) > 1 or len(tail) == 3:
                text = text.replace(sep, "")
            else:
                text = head.replace(sep, "") + "." + tail
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount.quantize(_CENTS) if amount < _LIMIT else None


def _currency(token: str) -> str:
    """Map a currency symbol or word to its ISO code."""
    key = token.casefold().rstrip(".")
    return _SYMBOL.get(key) or _WORD_CURRENCY[key]


def _money(amount: Decimal, currency: str, text: str, start: int, end: int) -> Candidate:
    """Wrap an amount found in text[start:end] as a candidate."""
    entity = Entity(
        kind=EntityKind.MONEY,
        value=f"{amount:.2f}",
        text=text[start:end],
        start=start,
        end=end,
        unit=currency,
    )
    return Candidate(entity=entity, priority=Priority.MONEY)


def _scaled(amount: Decimal, currency_token: str) -> Decimal:
    """Turn "50 Cent" into 0.50."""
    if currency_token.casefold().rstrip(".") in ("cent", "cents", "ct"):
        return (amount / 100).quantize(_CENTS)
    return amount


def _in_words(text: str, language: Language) -> list[Candidate]:
    """Find amounts written in words before a currency word ("zwanzig Euro")."""
    found: list[Candidate] = []
    for match in _IN_WORDS.finditer(text):
        words = match["words"].split()
        # Take the longest tail that reads as a number: "ich zahle zwanzig" → "zwanzig".
        for first in range(len(words)):
            tail = " ".join(words[first:])
            value = parse_number_words(tail, language) or parse_number_words(tail)
            if value:
                start = match.start("words") + match["words"].index(words[first])
                amount = _scaled(Decimal(value).quantize(_CENTS), match["cur"])
                found.append(_money(amount, _currency(match["cur"]), text, start, match.end()))
                break
    return found


def find_money(text: str, language: Language) -> list[Candidate]:
    """Propose amounts of money that name a currency, in digits or in words."""
    found: list[Candidate] = []
    for pattern in (_AFTER, _BEFORE):
        for match in pattern.finditer(text):
            amount = amount_from_digits(match["amount"])
            if amount is None:
                continue
            amount = _scaled(amount, match["cur"])
            found.append(_money(amount, _currency(match["cur"]), text, match.start(), match.end()))
    return found + _in_words(text, language)


def parse_money(text: str, language: Language) -> MoneyAmount | None:
    """Read an answer to "how much?"; a bare number is taken as euros; "-50 €" stays negative."""
    amount = _unsigned_money(text, language)
    if amount is not None and _NEGATIVE.search(text):
        # Dropping the sign would turn "-50" into a real refund of 50; the rules must see it.
        return MoneyAmount(amount=-amount.amount, currency=amount.currency)
    return amount


_NEGATIVE = re.compile(r"(?:(?<![\w.,])[-−–]\s?(?:€\s?|eur\s?)?\d|\bminus\b)", re.IGNORECASE)


def _unsigned_money(text: str, language: Language) -> MoneyAmount | None:
    found = find_money(text, language)
    if found:
        entity = max(found, key=lambda c: c.entity.end - c.entity.start).entity
        return MoneyAmount(amount=Decimal(entity.value), currency=entity.unit or "EUR")
    amounts = _BARE_AMOUNT.findall(text)
    if len(amounts) == 1:
        amount = amount_from_digits(amounts[0])
        return None if amount is None else MoneyAmount(amount=amount, currency="EUR")
    value = parse_number_words(text.strip(" .!?"), language)
    return None if value is None else MoneyAmount(amount=Decimal(value).quantize(_CENTS), currency="EUR")
