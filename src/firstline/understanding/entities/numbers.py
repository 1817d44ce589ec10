"""Plain numbers for ``integer`` and ``decimal`` questions: "12.345", "12,5", "12,345.6", "ca. 4711 kWh".

German writes "12.345" for twelve thousand and "12,5" for twelve and a half; English the
other way round. A single group of three digits after a point or comma is read the way the
conversation's language writes it; everything else is unambiguous ("1.234,5", "12 345").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from firstline.domain.language import Language
from firstline.domain.slot_constraints import plain_number
from firstline.understanding.entities.model import Found
from firstline.understanding.entities.numwords import parse_number_words

_NUMBER = re.compile(
    r"(?<![\w.,'’\-−–])(?P<sign>[-−–]\s?)?"
    r"(?P<whole>\d{1,3}(?P<sep>[.,'’ \u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*|\d+)"
    r"(?:(?P<point>[.,])(?P<fraction>\d+))?"
    r"(?![.,'’]?\d)"
    # A unit may follow ("4711kWh"), but "1ESY1234567" is a meter number, not the number 1.
    r"(?:(?!\w)|(?=[^\W\d_]+\b))"
)
_MAX_DIGITS = 15
"""More digits than any reading or amount has: a pasted identifier, not a number."""
_MAX_CHARS = 20_000
_DECIMAL_POINT = {Language.DE: ",", Language.EN: "."}


def find_numbers(text: str, language: Language) -> list[Found | None]:
    """Every number in ``text`` as a plain decimal ("12345", "12.5", "-3"); None for an unreadable one."""
    found: list[Found | None] = []
    for match in _NUMBER.finditer(text[:_MAX_CHARS]):
        value = _value(match, language)
        found.append(None if value is None else Found(_plain(value), match.start(), match.end()))
    return found


def parse_decimal(text: str, language: Language) -> str | None:
    """The one number in an answer as "12.5", or None (none, several, or not readable)."""
    value = _single(text, language)
    return None if value is None else _plain(value)


def parse_integer(text: str, language: Language) -> str | None:
    """The one whole number in an answer as "4711", or None ("12,5" is no whole number)."""
    value = _single(text, language)
    return None if value is None or value != value.to_integral_value() else _plain(value)


def _single(text: str, language: Language) -> Decimal | None:
    found = find_numbers(text, language)
    if not found:
        words = parse_number_words(text.strip(" .!?"), language)
        return Decimal(words) if words is not None else _one_number_word(text, language)
    values = {item.value for item in found if item is not None}
    if len(values) != 1 or None in found:
        return None
    return Decimal(values.pop())


_ARTICLES = frozenset({"a", "an", "one", "ein", "eine", "einen", "einem", "einer", "eins"})
"""'ein paar Monate', 'a month': an article, not the answer one."""


def _one_number_word(text: str, language: Language) -> Decimal | None:
    """'six months', 'sechs Raten bitte': the one number word among other words."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[:_MAX_CHARS])
    values = {
        value for word in words if word.lower() not in _ARTICLES and (value := parse_number_words(word, language))
    }
    return Decimal(values.pop()) if len(values) == 1 else None


def _value(match: re.Match[str], language: Language) -> Decimal | None:
    whole, sep, point, fraction = match["whole"], match["sep"], match["point"], match["fraction"]
    if sep is not None and point == sep:
        return None  # "12.345.6"
    if sep in (".", ",") and point is None and whole.count(sep) == 1 and sep == _DECIMAL_POINT[language]:
        # "12,345" in German (or "12.345" in English) is a decimal point before three digits.
        whole, point, fraction = whole.partition(sep)
    digits = re.sub(r"\D", "", whole)
    if len(digits.lstrip("0")) > _MAX_DIGITS or (fraction is not None and len(fraction) > _MAX_DIGITS):
        return None
    try:
        value = Decimal(digits + ("." + fraction if fraction else ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None
    return -value if match["sign"] and value else value


def _plain(value: Decimal) -> str:
    return format(plain_number(value), "f")
