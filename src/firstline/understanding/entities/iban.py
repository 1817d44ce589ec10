"""IBANs for ``iban`` questions, validated with schwifty: "DE89 3704 0044 0532 0130 00" → compact."""

from __future__ import annotations

import re

from firstline.understanding.entities.model import Found

_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}")
_CHUNK = re.compile(r" ?[A-Za-z0-9]+")
_MIN, _MAX = 15, 34
"""The shortest (Norway) and longest IBAN any country uses."""
_MAX_CHARS = 20_000
_MAX_STARTS = 50
"""Country codes with check digits looked at per message: a paste of codes must not stall a turn."""


def find_ibans(text: str) -> list[Found]:
    """Every valid IBAN in ``text``, written compact or in groups; a wrong check digit is none."""
    text = text[:_MAX_CHARS]
    found: list[Found] = []
    for index, start in enumerate(_START.finditer(text)):
        if index >= _MAX_STARTS:
            break
        if found and start.start() < found[-1].end:
            continue
        iban = _longest_valid(text, start.start())
        if iban is not None:
            found.append(iban)
    return found


def parse_iban(text: str) -> str | None:
    """The one IBAN in an answer, compact and upper-case ("DE89370400440532013000"), or None."""
    values = {found.value for found in find_ibans(text)}
    return values.pop() if len(values) == 1 else None


def _longest_valid(text: str, start: int) -> Found | None:
    """Read groups of letters and digits from ``start``; the longest prefix that is an IBAN wins."""
    ends: list[tuple[str, int]] = []
    compact, position = "", start
    while len(compact) < _MAX:
        chunk = _CHUNK.match(text, position)
        if chunk is None:
            break
        compact += chunk.group().strip().upper()
        position = chunk.end()
        ends.append((compact, position))
    for candidate, end in reversed(ends):
        if _MIN <= len(candidate) <= _MAX and _valid(candidate):
            return Found(candidate, start, end)
    return None


def _valid(candidate: str) -> bool:
    # Imported on first use: schwifty loads its bank registry, which the chat's start need not wait for.
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    try:
        IBAN(candidate)
    except (SchwiftyException, ValueError):
        return False
    return True
