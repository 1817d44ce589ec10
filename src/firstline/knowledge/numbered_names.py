"""Names with a number ("Strom Öko Fix 24", "Gas Fix 24"): a question about "Öko Fix 36" is not about them.

Retrieval finds the passage about the tariff, product or plan with the nearest name, and the
number the customer gave is just one token among many; quoting the "Fix 24" prices for a
"Fix 36" question is confidently wrong. When the knowledge uses a name only with other
numbers, the one asked for does not exist here, and the honest answer is "I don't know".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NUMBERED = re.compile(
    r"\b([A-ZÄÖÜ][\wäöüßÄÖÜ-]{2,})\s+(\d{1,3})"
    # a number that is an amount, a date or a duration is no part of a name ("Grundpreis 13,90 €", "Mai 15.")
    r"(?![\d.,:/])(?!\s*(?:%|€|ct\b|kwh\b|m³|m3\b|euro|eur\b|monat|jahr|tag|woche|stunde|uhr|month|year|day"
    r"|week|hour|minute|kw\b|prozent|percent))",
    re.IGNORECASE,
)


def _pairs(text: str) -> list[tuple[str, str]]:
    return [
        (match.group(1).casefold(), match.group(2)) for match in _NUMBERED.finditer(text) if match.group(1)[0].isupper()
    ]


class NumberedNames:
    """Which numbers each name carries in the knowledge texts of one language."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._numbers: dict[str, set[str]] = {}
        for text in texts:
            for name, number in _pairs(text):
                self._numbers.setdefault(name, set()).add(number)

    def unknown_in(self, question: str) -> list[str]:
        """The numbered names in ``question`` that the knowledge only knows with other numbers."""
        return [
            f"{name} {number}"
            for name, number in _pairs(question)
            if name in self._numbers and number not in self._numbers[name]
        ]
