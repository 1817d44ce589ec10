"""Short follow-ups to a knowledge question: "und beim Öko Fix 24?", "and the base price for that one?".

Alone such a fragment names a new subject or a new detail but not the question; joined with
the question of the turn before it is a whole question the knowledge base can answer.
"""

from __future__ import annotations

import re

_OPENERS = re.compile(
    r"^\s*(?:und|u\.|sowie|was ist mit|wie ist es mit|wie sieht es mit|wie schaut'?s mit|gilt das auch|"
    r"and|what about|how about|same for|is that also|does that also)\b",
    re.IGNORECASE,
)
_POINTERS = re.compile(
    r"\b(?:da|dafür|davon|dazu|dabei|dort|damit|dann|das auch|that|that one|there|for that|on top|then)\b",
    re.IGNORECASE,
)
_OWN_QUESTION = re.compile(
    r"\b(?:wer|was|wie|wann|wo|wohin|woher|warum|wieso|welche[rsmn]?|"
    r"who|what|how|when|where|why|which)\b",
    re.IGNORECASE,
)
MAX_FOLLOW_UP_WORDS = 10
"""Longer messages say what they ask on their own."""


def is_follow_up(text: str) -> bool:
    """A short message that continues the question before it instead of asking its own."""
    words = text.split()
    if not words or len(words) > MAX_FOLLOW_UP_WORDS:
        return False
    if _POINTERS.search(text):
        return True  # "Wie lange muss ich da bleiben?": "da" is the subject of the question before
    # "und beim Öko Fix 24?" continues; "and who pays for returns from Switzerland?" asks on its own.
    return bool(_OPENERS.search(text)) and not _OWN_QUESTION.search(_OPENERS.sub("", text, count=1))


_PRONOUN = re.compile(r"\b(?:er|sie|es|das|dies|dieser|diese|dafür|davon|it|that|this|they|them|its)\b", re.IGNORECASE)


def leans_on(segment: str) -> bool:
    """The second question of a message that names its subject only by a pronoun ("wie niedrig darf er sein?")."""
    return len(segment.split()) <= MAX_FOLLOW_UP_WORDS and _PRONOUN.search(segment) is not None


def continued(text: str, previous: str) -> str:
    """The follow-up asked in full: its own words first (they decide), then the question before."""
    return f"{text.strip()} {previous.strip()}"
