"""Times of day for ``time`` questions: "14:30", "14 Uhr", "14.30 Uhr", "2pm", "2:30 pm" → "14:30"."""

from __future__ import annotations

import re

from firstline.understanding.entities.model import Found

_TIME = re.compile(
    r"(?<![\w:.,])(?P<hour>\d{1,2})(?:(?P<sep>[:.])(?P<minute>\d{2}))?"
    r"(?:\s?(?P<suffix>uhr\b|h\b|am\b|pm\b|a\.m\.|p\.m\.|o'?clock\b))?"
    r"(?:\s(?P<later>\d{2})\b(?![:.,]?\d))?"
    r"(?![\d:])",
    re.IGNORECASE,
)
_MAX_CHARS = 20_000


def find_times(text: str) -> list[Found]:
    """Every time of day in ``text`` as "HH:MM"; a bare number ("14") is no time, "14 Uhr" is."""
    found = []
    for match in _TIME.finditer(text[:_MAX_CHARS]):
        value = _value(match)
        if value is not None:
            found.append(Found(value, match.start(), match.end()))
    return found


def parse_time(text: str) -> str | None:
    """The one time of day in an answer as "HH:MM", or None."""
    values = {found.value for found in find_times(text)}
    return values.pop() if len(values) == 1 else None


def _value(match: re.Match[str]) -> str | None:
    suffix = (match["suffix"] or "").casefold().replace(".", "")
    if not suffix and match["sep"] != ":":
        return None  # "14" or "14.30" alone is a number, not a time
    if match["later"] and (suffix != "uhr" or match["minute"]):
        return None  # "14 Uhr 30" only
    hour, minute = int(match["hour"]), int(match["minute"] or match["later"] or 0)
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"
