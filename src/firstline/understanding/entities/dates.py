"""Dates and relative dates, resolved against today: "übermorgen", "next Tuesday", "3.12."."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeAlias

from firstline.domain.language import Language
from firstline.understanding.entities.date_words import (
    COUPLE_WORDS,
    DAY_OFFSETS,
    FUTURE_PREPOSITIONS,
    LAST,
    MONTHS,
    NEXT,
    ONE_WORDS,
    PAST_CUES,
    PAST_PREPOSITIONS,
    THIS,
    UNIT_DAYS,
    WEEKDAYS,
    alternation,
)
from firstline.understanding.entities.model import Candidate, Entity, EntityKind, Priority
from firstline.understanding.entities.numwords import parse_number_words

_FLAGS = re.IGNORECASE
_MONTH = alternation(MONTHS)
_UNIT = alternation(UNIT_DAYS)
_COUNT = r"\d{1,3}|[^\W\d_]+(?:[ -][^\W\d_]+){0,2}"
# Before "ago" only one word is taken, so that "I ordered two weeks ago" starts at "two".
_COUNT_BEFORE_UNIT = r"a\s+couple\s+of|ein\s+paar|\d{1,3}|[^\W\d_]+(?:-[^\W\d_]+)?"
_PERIOD_NEXT = NEXT | {"nächstes", "naechstes", "kommendes"}
_PERIOD_LAST = LAST | {"letztes", "vergangenes", "voriges"}
_YEARS = range(1900, 2101)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    """What resolving a date phrase needs beyond the phrase itself."""

    today: date
    language: Language
    past: bool
    """The message speaks of the past, so a bare weekday means the last one."""


_Resolver: TypeAlias = Callable[[re.Match[str], _Context], date | None]


def _safe_date(year: int, month: int, day: int) -> date | None:
    """Build a date, or None for impossible ones like 31 February."""
    if year not in _YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(raw: str | None) -> int | None:
    """Read a written year; two digits mean this century."""
    if raw is None:
        return None
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _nearest(month: int, day: int, year: int | None, today: date) -> date | None:
    """Resolve a day and month; without a year, take the occurrence nearest to today."""
    if year is not None:
        return _safe_date(year, month, day)
    options = [_safe_date(today.year + delta, month, day) for delta in (-1, 0, 1)]
    valid = [option for option in options if option is not None]
    # On a tie the future wins: customers ask about deliveries more than about the past.
    return min(valid, key=lambda d: (abs((d - today).days), d < today), default=None)


def add_months(start: date, months: int) -> date:
    """Add calendar months, clamping the day ("31 January + 1 month" is 28/29 February)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    for day in range(start.day, 27, -1):
        result = _safe_date(year, month + 1, day)
        if result is not None:
            return result
    return date(year, month + 1, min(start.day, 28))


def _count(phrase: str, language: Language) -> int | None:
    """Read "3", "drei", "a", "einer", "a couple of" as a count."""
    text = " ".join(phrase.casefold().split())
    if text.isdigit():
        return int(text)
    if text in ONE_WORDS:
        return 1
    if text in COUPLE_WORDS:
        return 2
    return parse_number_words(text, language) or parse_number_words(text)


def _shift(today: date, count: int, unit: str) -> date:
    """Move count units from today; count is negative for the past."""
    days, months = UNIT_DAYS[unit.casefold()]
    return add_months(today, count * months) + timedelta(days=count * days)


def _relative_day(match: re.Match[str], ctx: _Context) -> date | None:
    """Resolve "morgen", "übermorgen", "the day after tomorrow"."""
    word = " ".join(match["word"].casefold().split())
    return ctx.today + timedelta(days=DAY_OFFSETS[word])


def _weekday(match: re.Match[str], ctx: _Context) -> date | None:
    """Resolve "nächsten Dienstag", "last Friday", "am Montag", "Tuesday next week"."""
    target = WEEKDAYS[match["day"].casefold()]
    today, current = ctx.today, ctx.today.weekday()
    mod = " ".join((match["mod"] or "").casefold().split())
    week = (match["week"] or "").casefold()
    if week:
        monday = today - timedelta(days=current)
        shift = -7 if any(word in week for word in ("letzt", "vergangen", "last")) else 7
        return monday + timedelta(days=shift + target)
    if mod in THIS:
        return today + timedelta(days=(target - current) % 7)
    past = mod in LAST or mod in PAST_PREPOSITIONS
    if not past and mod not in NEXT and mod not in FUTURE_PREPOSITIONS:
        past = ctx.past
    if past:
        return today - timedelta(days=(current - target - 1) % 7 + 1)
    return today + timedelta(days=(target - current - 1) % 7 + 1)


def _offset(match: re.Match[str], ctx: _Context) -> date | None:
    """Resolve "in zwei Wochen", "vor drei Tagen", "two days ago"."""
    count = _count(match["n"], ctx.language)
    if count is None or count > 999:
        return None
    direction = " ".join(match["dir"].casefold().split())
    sign = -1 if direction in ("vor", "ago", "her") else 1
    return _shift(ctx.today, sign * count, match["unit"])


def _period(match: re.Match[str], ctx: _Context) -> date | None:
    """Resolve "next week", "letzten Monat" as the same day one unit away."""
    sign = -1 if match["mod"].casefold() in _PERIOD_LAST else 1
    return _shift(ctx.today, sign, match["unit"])


def _numeric(match: re.Match[str], ctx: _Context) -> date | None:
    """Resolve "12.12.2026", "3.12.", "2026-11-28", "03/12/2026"."""
    day, month = int(match["d"]), int(match["m"])
    if match.re is _SLASH and month > 12 >= day:
        day, month = month, day  # 12/31/2026 can only be American
    return _nearest(month, day, _year(match["y"]), ctx.today)


def _named_month(match: re.Match[str], ctx: _Context) -> date | None:
    """Resolve "3. Dezember", "December 3rd, 2026", "3rd of Dec"."""
    month = MONTHS[match["mon"].casefold()]
    return _nearest(month, int(match["d"]), _year(match["y"]), ctx.today)


_MORNING = re.compile(r"(?:guten|heute|gestern|morgen|jeden|am|den|diesen|einen|schönen)\s+$", _FLAGS)
_RELATIVE_DAY = re.compile(r"(?<!\w)(?P<word>" + alternation(DAY_OFFSETS) + r")(?!\w)", _FLAGS)
_WEEKDAY = re.compile(
    r"(?<!\w)(?:(?P<mod>"
    + alternation(NEXT | THIS | LAST | FUTURE_PREPOSITIONS | PAST_PREPOSITIONS | {"on", "am"})
    + r")\s+)?(?P<day>"
    + alternation(WEEKDAYS)
    + r")(?!\w)(?!,?\s*(?:den\s+|the\s+)?\d)"
    r"(?:,?\s+(?P<week>(?:nächste|naechste|kommende|letzte|vergangene)[nr]?\s+woche"
    r"|(?:next|last)\s+week))?",
    _FLAGS,
)
_OFFSET_BEFORE = re.compile(
    r"(?<!\w)(?:(?:heute|today)\s+)?(?P<dir>in|vor|within|innerhalb(?:\s+von)?)\s+"
    r"(?P<n>" + _COUNT + r")\s+(?P<unit>" + _UNIT + r")(?!\w)",
    _FLAGS,
)
_OFFSET_AFTER = re.compile(
    r"(?<!\w)(?P<n>" + _COUNT_BEFORE_UNIT + r")\s+(?P<unit>" + _UNIT + r")\s+"
    r"(?P<dir>ago|later|from\s+now|from\s+today|her|später)(?!\w)",
    _FLAGS,
)
_PERIOD = re.compile(
    r"(?<!\w)(?P<mod>" + alternation(_PERIOD_NEXT | _PERIOD_LAST) + r")\s+"
    r"(?P<unit>woche|week|monat|month|jahr|year)(?!\w)",
    _FLAGS,
)
_ISO = re.compile(r"(?<![\d.])(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?!\d)")
_DOTTED = re.compile(
    r"(?<![\d.,])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\."
    r"(?:\s?(?P<y>\d{4}|\d{2})(?![\d]|[.,]\d))?(?!\d)"
)
_SLASH = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")
_DAY_MONTH = re.compile(
    r"(?<![\w.,])(?P<d>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?P<mon>" + _MONTH + r")(?!\w)\.?"
    r"(?:,?\s*(?P<y>\d{4})(?!\d))?",
    _FLAGS,
)
_MONTH_DAY = re.compile(
    r"(?<!\w)(?P<mon>" + _MONTH + r")\.?\s+(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?![.,:]?\d)(?!\w)(?:,?\s*(?P<y>\d{4})(?!\d))?",
    _FLAGS,
)
_RULES: tuple[tuple[re.Pattern[str], _Resolver, int], ...] = (
    (_ISO, _numeric, Priority.NUMERIC_DATE),
    (_DOTTED, _numeric, Priority.NUMERIC_DATE),
    (_SLASH, _numeric, Priority.NUMERIC_DATE),
    (_DAY_MONTH, _named_month, Priority.DATE),
    (_MONTH_DAY, _named_month, Priority.DATE),
    (_RELATIVE_DAY, _relative_day, Priority.DATE),
    (_WEEKDAY, _weekday, Priority.DATE),
    (_OFFSET_BEFORE, _offset, Priority.DATE),
    (_OFFSET_AFTER, _offset, Priority.DATE),
    (_PERIOD, _period, Priority.DATE),
)
_WORD = re.compile(r"[^\W\d_]+")


def _speaks_of_past(text: str) -> bool:
    """Tell whether the message contains a past-tense cue ("kam", "arrived", "seit")."""
    return any(word.casefold() in PAST_CUES for word in _WORD.findall(text))


def _means_morning(match: re.Match[str], text: str) -> bool:
    """Tell "Guten Morgen" and "heute Morgen" (the morning) from "morgen" (tomorrow)."""
    if match.re is not _RELATIVE_DAY or match["word"].casefold() != "morgen":
        return False
    return _MORNING.search(text, max(0, match.start() - 12), match.start()) is not None


def find_dates(text: str, *, language: Language, today: date) -> list[Candidate]:
    """Propose the dates a message mentions, resolved against today."""
    ctx = _Context(today=today, language=language, past=_speaks_of_past(text))
    found: list[Candidate] = []
    for pattern, resolve, priority in _RULES:
        for match in pattern.finditer(text):
            resolved = None if _means_morning(match, text) else resolve(match, ctx)
            if resolved is None:
                continue
            entity = Entity(
                kind=EntityKind.DATE,
                value=resolved.isoformat(),
                text=match.group(),
                start=match.start(),
                end=match.end(),
            )
            found.append(Candidate(entity=entity, priority=priority))
    return found
