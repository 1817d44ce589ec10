"""Answers the pack describes itself: one of an ``enum``'s values, or text matching a ``pattern``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from firstline.domain.flows import Choice
from firstline.domain.text import fold
from firstline.understanding.entities.identifiers import compiled
from firstline.understanding.entities.model import Found

_MAX_CHARS = 20_000
_SHORT_ANSWER_CHARS = 80
"""An answer this short may write an identifier with spaces in it ("1ESY 1234 567")."""


def find_choices(text: str, choices: Sequence[Choice]) -> list[Found]:
    """Every synonym of a value in ``text`` (whole words, case and umlauts ignored), as the value's key."""
    folded, origin = _folded(text[:_MAX_CHARS])
    found = []
    for choice in choices:
        for synonym in dict.fromkeys(fold(synonym, spell_umlauts=True) for synonym in choice.synonyms):
            for match in _synonym(synonym).finditer(folded):
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                found.append(Found(choice.value, start, end))
    # "hot water" names district heating; the "water" inside it is not a second answer.
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if all(item.end <= other.start or item.start >= other.end for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def parse_choice(text: str, choices: Sequence[Choice]) -> str | None:
    """The one value an answer names ("Strom, bitte" → ``strom``); None for none or several."""
    values = {found.value for found in find_choices(text, choices)}
    return values.pop() if len(values) == 1 else None


def find_pattern(text: str, pattern: str) -> list[Found]:
    """Every match of the pack's pattern, upper-cased and without spaces ("1esy 1234567" → "1ESY1234567")."""
    return [
        Found(_normalised(match.group()), match.start(), match.end())
        for match in compiled(pattern).finditer(text[:_MAX_CHARS])
        if match.group().strip()
    ]


def parse_pattern(text: str, pattern: str) -> str | None:
    """The one identifier of the pattern in an answer, also when the customer spaced it out."""
    values = {found.value for found in find_pattern(text, pattern)}
    stripped = text.strip(" \t\r\n.,;:!?")
    if not values and len(stripped) <= _SHORT_ANSWER_CHARS:
        values = {found.value for found in find_pattern(re.sub(r"[\s-]+", "", stripped), pattern)}
    return values.pop() if len(values) == 1 else None


def _normalised(raw: str) -> str:
    return re.sub(r"\s+", "", raw).upper()


@lru_cache(maxsize=1024)
def _synonym(synonym: str) -> re.Pattern[str]:
    """Whole words of a folded synonym, any spacing between them."""
    words = r"\s+".join(re.escape(word) for word in synonym.split())
    return re.compile(r"(?<![\w])" + words + r"(?![\w])")


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded, and for each folded character the position it came from ("ä" → "ae")."""
    parts: list[str] = []
    origin: list[int] = []
    for position, character in enumerate(text):
        folded = fold(character, spell_umlauts=True)
        parts.append(folded)
        origin.extend([position] * len(folded))
    return "".join(parts), origin
