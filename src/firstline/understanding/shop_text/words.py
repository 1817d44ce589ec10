"""Words and numbers in customers' German and English product questions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from firstline.domain.text import fold, tokens

__all__ = ["NUMBER_WORDS", "contains_noun", "contains_phrase", "fold", "numbers", "parse_decimal", "tokens"]

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:[.,](\d{1,2}|-))?(?![\d])")
NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "eins": 1, "one": 1, "a": 1, "an": 1,
    "zwei": 2, "two": 2, "drei": 3, "three": 3, "vier": 4, "four": 4, "fünf": 5, "five": 5,
    "sechs": 6, "six": 6, "sieben": 7, "seven": 7, "acht": 8, "eight": 8, "neun": 9, "nine": 9,
    "zehn": 10, "ten": 10, "elf": 11, "eleven": 11, "zwölf": 12, "twelve": 12,
    "dutzend": 12, "dozen": 12, "zwanzig": 20, "twenty": 20,
}  # fmt: skip


@lru_cache(maxsize=16384)
def _whole_words(phrase: str, endings: str = "") -> re.Pattern[str]:
    # Compiled once: the word lists outgrow the re module's own small cache, and recompiling dominated a turn.
    return re.compile(r"(?<![\w])" + re.escape(phrase) + endings + r"(?![\w])")


def contains_phrase(text: str, phrases: Iterable[str]) -> str | None:
    """The first phrase that occurs in ``text`` as whole words (both already folded)."""
    for phrase in phrases:
        if _whole_words(phrase).search(text):
            return phrase
    return None


def contains_noun(text: str, nouns: Iterable[str]) -> str | None:
    """Like :func:`contains_phrase`, with plural and case endings: "Smartwatches", "Kühlschränken", "tablets"."""
    for noun in nouns:
        if _whole_words(noun, "(?:s|es|n|en|e|ern)?").search(text):
            return noun
    return None


def parse_decimal(digits: str, fraction: str | None) -> Decimal | None:
    """``1.299`` + ``None`` → 1299; ``44`` + ``5`` → 44.5 (German comma or English point)."""
    try:
        whole = Decimal(digits.replace(".", ""))
    except InvalidOperation:
        return None
    if fraction and fraction != "-":
        whole += Decimal(fraction) / (10 ** len(fraction))
    return whole


def numbers(text: str) -> list[tuple[Decimal, int, int]]:
    """Every number in a folded text with where it stands: ``45``, ``8,5``, ``1.299,-``, ``59.8``."""
    found = []
    for match in _NUMBER.finditer(text):
        # "1.299" matches as thousands (three digits after the point), "59.8" as a decimal point.
        value = parse_decimal(match.group(1), match.group(2))
        if value is not None:
            found.append((value, match.start(), match.end()))
    return found
