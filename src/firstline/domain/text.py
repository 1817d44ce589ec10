"""The one way firstline folds text before comparing words: customers' messages, product names, cues.

Lower case with typographic dashes and quotes made plain; with ``spell_umlauts`` also "ä" → "ae"
and "ß" → "ss" (the escalation and complaint cues match "verärgert" and "veraergert" alike).
"""

from __future__ import annotations

import re

UMLAUT_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "‘": "'", "´": "'", "`": "'"})
"""Umlauts spelled out and apostrophes made plain (for patterns too: see ``nlp.cues.compile_pattern``)."""
_PLAIN = str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"'})
_WORD = re.compile(r"[\w][\w\-/+.]*[\w+]|[\w]", re.UNICODE)


def fold(text: str, *, spell_umlauts: bool = False) -> str:
    """Lower-case text with typographic dashes and quotes made plain (``ß`` kept), or umlauts spelled out."""
    lowered = text.lower()
    return lowered.translate(UMLAUT_SPELLING) if spell_umlauts else lowered.translate(_PLAIN)


def tokens(text: str) -> list[str]:
    """The words of a text, folded; model numbers such as ``wh-1000xm5`` stay one token."""
    return [m.group().strip(".-/") for m in _WORD.finditer(fold(text)) if m.group().strip(".-/")]
