"""Numbers written as words, in German and English, from zero to 999."""

from __future__ import annotations

import re

from firstline.domain.language import Language

_DE_UNITS: dict[str, int] = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1,
    "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "zwoelf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "fuenfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
_DE_TENS: dict[str, int] = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
    "fuenfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip
_EN_UNITS: dict[str, int] = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

# German writes numbers as one word: "zweihundertfünfundzwanzig".
_DE_BELOW_HUNDRED = re.compile(r"(?:(?P<unit>[a-zäöüß]+?)und)?(?P<rest>[a-zäöüß]+)")
_EN_SEPARATORS = re.compile(r"[\s-]+")

DOZEN_WORDS = frozenset({"dutzend", "dozen"})
_ONE_ARTICLES = frozenset({"", "a", "an", "ein", "eine", "einem", "einen", "einer"})


def parse_number_words(phrase: str, language: Language | None = None) -> int | None:
    """Read a number written in words ("zweiundzwanzig", "twenty-two"); None if not one."""
    words = phrase.casefold().strip()
    if not words:
        return None
    if language in (None, Language.DE):
        german = _parse_german(words)
        if german is not None:
            return german
    if language in (None, Language.EN):
        return _parse_english(words)
    return None


def _parse_german(word: str) -> int | None:
    """Read one German number word below 1000."""
    if " " in word:
        return None
    hundreds = 0
    head, sep, tail = word.partition("hundert")
    if sep:
        factor = _DE_UNITS.get(head, None) if head else 1
        if factor is None or factor > 9 or (head and head in ("null", "einen", "einem")):
            return None
        hundreds, word = factor * 100, tail.removeprefix("und")
        if not word:
            return hundreds
    below = _parse_german_below_hundred(word)
    return None if below is None else hundreds + below


def _parse_german_below_hundred(word: str) -> int | None:
    """Read "fünf", "zwölf", "fünfzig" or "fünfundzwanzig"."""
    if word in _DE_UNITS:
        return _DE_UNITS[word]
    if word in _DE_TENS:
        return _DE_TENS[word]
    match = _DE_BELOW_HUNDRED.fullmatch(word)
    if match is None or match["unit"] is None:
        return None
    unit, tens = _DE_UNITS.get(match["unit"]), _DE_TENS.get(match["rest"])
    if unit is None or tens is None or not 1 <= unit <= 9:
        return None
    return tens + unit


def _parse_english(phrase: str) -> int | None:
    """Read "two", "twenty-one", "a hundred and five"."""
    words = [w for w in _EN_SEPARATORS.split(phrase) if w and w != "and"]
    if not words or len(words) > 5:
        return None
    total, current = 0, 0
    for index, word in enumerate(words):
        if word == "hundred":
            if current > 9 or (index == 0):
                return None
            total, current = total + current * 100, 0
        elif word in _EN_TENS and current % 100 == 0:
            current += _EN_TENS[word]
        elif word in _EN_UNITS and (current == 0 or (current >= 20 and current % 10 == 0)):
            if word in ("a", "an") and index + 1 == len(words):
                return None
            current += _EN_UNITS[word]
        else:
            return None
    return total + current


def parse_count(phrase: str, language: Language | None = None) -> int | None:
    """Read a count in digits or words, including "a dozen" and "zwei Dutzend"."""
    text = phrase.strip().casefold()
    if text.isdigit():
        return int(text)
    words = text.split()
    if words and words[-1] in DOZEN_WORDS:
        factor_words = " ".join(w for w in words[:-1] if w != "half")
        factor = 1 if factor_words in _ONE_ARTICLES else parse_number_words(factor_words, language)
        if factor is None:
            return None
        return factor * 6 if "half" in words[:-1] else factor * 12
    return parse_number_words(text, language)
