"""Money, dates and numbers formatted for the customer's locale (Babel/CLDR)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date, format_datetime, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from firstline.domain.language import Language


def money(value: Any, language: Language, currency: str = "EUR") -> str:
    """``49.9`` → ``49,90 €`` (de) or ``€49.90`` (en)."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return str(format_currency(amount, currency, locale=language.locale))


def number(value: Any, language: Language) -> str:
    """``1234.5`` → ``1.234,5`` (de) or ``1,234.5`` (en)."""
    return str(format_decimal(value, locale=language.locale))


def _as_datetime(value: Any) -> datetime | date | None:
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def long_date(value: Any, language: Language) -> str:
    """``2026-11-26`` → ``26. November 2026`` (de) or ``26 November 2026`` (en)."""
    moment = _as_datetime(value)
    if moment is None:
        return str(value)
    return str(format_date(moment, format="long", locale=language.locale))


def date_time(value: Any, language: Language) -> str:
    """A date with time of day, e.g. ``26.11.2026, 14:32``."""
    moment = _as_datetime(value)
    if not isinstance(moment, datetime):
        return long_date(value, language)
    pattern = "dd.MM.yyyy, HH:mm" if language.value == "de" else "d MMMM yyyy, HH:mm"
    return str(format_datetime(moment, format=pattern, locale=language.locale))


def clock(value: Any, language: Language) -> str:
    """The time of day, e.g. ``08:00``."""
    moment = _as_datetime(value)
    if not isinstance(moment, datetime):
        return str(value)
    return str(format_time(moment, format="short", locale=language.locale))


def weekday(value: Any, language: Language) -> str:
    """The weekday's name, e.g. ``Montag`` / ``Monday``."""
    moment = _as_datetime(value)
    if moment is None:
        return str(value)
    return str(format_date(moment, format="EEEE", locale=language.locale))


def listing(values: Any, language: Language) -> str:
    """``["A", "B", "C"]`` → ``A, B und C`` (de) or ``A, B and C`` (en)."""
    items = [str(v) for v in values] if isinstance(values, (list, tuple)) else [str(values)]
    return str(format_list(items, locale=language.locale)) if items else ""


def day_range(values: Any, language: Language) -> str:
    """``[3, 5]`` → ``3–5``; ``[1, 1]`` → ``1``: a span of days as customers read it."""
    if not isinstance(values, (list, tuple)) or len(values) != 2:
        return str(values)
    low, high = values
    return str(low) if low == high else f"{low}–{high}"


def capitalize_first(value: Any, language: Language) -> str:
    """The first letter upper case, the rest untouched ("nach Österreich" → "Nach Österreich")."""
    text = str(value)
    return text[:1].upper() + text[1:]
