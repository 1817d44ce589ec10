"""dateparser for the rare date formats our own rules do not know ("3-12-2026", "7th Dec").

dateparser is slow (about a millisecond per call once warm, a quarter of a second for the
first) and eager: it reads "Do" as Thursday, "May I" as May and "0341" as the year 341.
So it only sees text that a cheap pre-check finds date-like after our own rules have
taken their spans, and it must find a day and a month.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from firstline.understanding.entities.date_words import MONTHS, alternation
from firstline.understanding.entities.model import Candidate, Entity, EntityKind, Priority

LANGUAGES = ["de", "en"]
MAX_FALLBACK_CHARS = 2_000
_MAX_ANSWER_CHARS = 60
_FULL_MONTHS = [name for name in MONTHS if len(name) > 4 or name in ("juni", "juli", "june", "july")]
_HINT = re.compile(
    r"\d{1,4}\s?[-./]\s?\d{1,2}\s?[-./]\s?\d{1,4}|\b\d{1,2}(?:st|nd|rd|th)\b"
    r"|(?<!\w)(?:" + alternation(_FULL_MONTHS) + r")(?!\w)",
    re.IGNORECASE,
)
_YEARS = range(1900, 2101)


def _settings(today: date) -> dict[str, Any]:
    """Settings that make dateparser strict: a day and a month, relative to today."""
    return {
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "current_period",
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


@lru_cache(maxsize=4)
def _parser(today: date) -> DateDataParser:
    """Build a parser per day once; building one loads the language data."""
    return DateDataParser(languages=LANGUAGES, settings=_settings(today))


def _masked(text: str, known: Sequence[Entity]) -> str:
    """Blank out what our own rules already read, so it does not trigger dateparser."""
    chars = list(text)
    for entity in known:
        chars[entity.start : entity.end] = " " * (entity.end - entity.start)
    return "".join(chars)


def find_unusual_dates(text: str, *, today: date, known: Sequence[Entity]) -> list[Candidate]:
    """Ask dateparser about date-like text that our own rules left unread."""
    if len(text) > MAX_FALLBACK_CHARS or not _HINT.search(_masked(text, known)):
        return []
    found: list[Candidate] = []
    position = 0
    results: list[tuple[str, datetime]] = search_dates(text, languages=LANGUAGES, settings=_settings(today)) or []
    for phrase, moment in results:
        start = text.find(phrase, position)
        if start < 0 or moment.year not in _YEARS or not _HINT.search(phrase):
            continue
        position = start + len(phrase)
        entity = Entity(
            kind=EntityKind.DATE,
            value=moment.date().isoformat(),
            text=phrase,
            start=start,
            end=position,
        )
        found.append(Candidate(entity=entity, priority=Priority.DATE - 1))
    return found


def parse_unusual_date(text: str, *, today: date) -> date | None:
    """Read a short answer as a date with dateparser, if it looks like one."""
    answer = text.strip()
    if len(answer) > _MAX_ANSWER_CHARS or not _HINT.search(answer):
        return None
    moment: datetime | None = _parser(today).get_date_data(answer).date_obj
    if moment is None or moment.year not in _YEARS:
        return None
    return moment.date()


def warm_up(today: date) -> None:
    """Load dateparser's language data now (about 0.2 s) rather than in a customer's turn."""
    search_dates("am 3-12-2026", languages=LANGUAGES, settings=_settings(today))
    _parser(today).get_date_data("3-12-2026")
