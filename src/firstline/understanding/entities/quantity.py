"""Quantities: "3 Stück", "2x", "zwei Paar", "a dozen", "ein Dutzend"."""

from __future__ import annotations

import re

from firstline.domain.language import Language
from firstline.understanding.entities.model import Candidate, Entity, EntityKind, Priority
from firstline.understanding.entities.numwords import parse_count

MAX_QUANTITY = 999
_COUNT = r"(?P<n>\d{1,4}|[^\W\d_]+(?:-[^\W\d_]+)?)"
_UNIT = (
    r"(?:stück|stk\.?|exemplare?|packungen?|pakete?|paar|sets?|einheiten|kartons?|flaschen"
    r"|pieces?|pcs\.?|units?|items?|pairs?|packs?|copies|boxe?s?|bottles?)"
)
# A count needs a unit or a multiplication sign; a bare "3" may be anything.
_WITH_UNIT = re.compile(r"(?<![\w.,])" + _COUNT + r"\s*" + _UNIT + r"(?!\w)", re.IGNORECASE)
_TIMES = re.compile(r"(?<![\w.,])(?P<n>\d{1,3})\s?[x×](?!\w)", re.IGNORECASE)
_DOZEN = re.compile(r"(?<!\w)(?P<n>(?:half\s+)?(?:[^\W\d_]+\s+)?(?:dutzend|dozen))(?!\w)", re.IGNORECASE)
_INTEGER = re.compile(r"(?<![\w.,])-?\d+(?:[.,]\d+)?(?![\w.,]\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _valid(count: int | None) -> bool:
    """Tell whether a count is something a customer can order or return."""
    return count is not None and 0 < count <= MAX_QUANTITY


def _dozen_count(phrase: str, language: Language) -> tuple[int, int] | None:
    """Read "(half) (a|zwei) dozen"; return the count and how many leading chars to skip."""
    count = parse_count(phrase, language)
    if count is not None:
        return count, 0
    # "I need a dozen": the word before may be no number at all ("need dozen" is not).
    head, _, tail = phrase.partition(" ")
    count = parse_count(tail, language) if tail else None
    return (count, len(head) + 1) if count is not None else None


def find_quantities(text: str, language: Language) -> list[Candidate]:
    """Propose counts that carry a unit ("3 Stück", "2x") or are dozens."""
    found: list[Candidate] = []
    for pattern in (_WITH_UNIT, _TIMES):
        for match in pattern.finditer(text):
            count = parse_count(match["n"], language)
            if _valid(count):
                found.append(_candidate(str(count), text, match.start(), match.end()))
    for match in _DOZEN.finditer(text):
        read = _dozen_count(match["n"], language)
        if read is not None and _valid(read[0]):
            found.append(_candidate(str(read[0]), text, match.start() + read[1], match.end()))
    return found


def _candidate(value: str, text: str, start: int, end: int) -> Candidate:
    """Wrap a quantity found in text[start:end] as a candidate."""
    entity = Entity(kind=EntityKind.QUANTITY, value=value, text=text[start:end], start=start, end=end)
    return Candidate(entity=entity, priority=Priority.QUANTITY)


def parse_quantity(text: str, language: Language) -> str | None:
    """Read an answer to "how many?": digits, number words up to 999, dozens."""
    found = {c.entity.value for c in find_quantities(text, language)}
    if len(found) == 1:
        return found.pop()
    if found:
        return None
    numbers = _INTEGER.findall(text)
    if numbers:
        if len(numbers) != 1 or not numbers[0].isdigit():
            return None  # "-3", "2,5" or "2 oder 3": ask again
        count: int | None = int(numbers[0])
    else:
        counts = {parse_count(w, language) for w in _WORD.findall(text)} - {None}
        count = counts.pop() if len(counts) == 1 else None
    return str(count) if _valid(count) else None
