"""Word cues for rule-based text signals: folding, whole-word patterns, negation within a clause.

Used by the escalation and complaint detectors. Text and patterns are folded the same way
(lower case, "ä" → "ae", "ß" → "ss"), so "verärgert", "VERÄRGERT" and "veraergert" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from firstline.domain.text import UMLAUT_SPELLING, fold

NEGATIONS = frozenset(
    "nicht kein keine keinen keinem keiner keines nie niemals nichts ohne weder "
    "not no never without neither nor dont wont cant didnt doesnt isnt wouldnt".split()
)
_SOFTENERS = frozenset("etwas bisschen wenig leicht bit little slightly somewhat mildly kinda tad".split())
SOFTENED = NEGATIONS | _SOFTENERS
_CLAUSE_BREAKS = frozenset("aber sondern sonst also deshalb daher dann but however otherwise so then therefore".split())
_CONDITIONALS = frozenset("wenn falls sofern solange if unless until".split())
# "I won't hesitate to sue", "nicht nur …, sondern": the negation does not reach the cue.
_NEGATION_VOIDS = frozenset("hesitate zoegern zoegere scheuen scheue nur only just".split())
_POST_NEGATIONS = frozenset("nicht nie niemals".split())
NEGATION_WINDOW = 3
"""How many words before a cue a negation may stand and still cancel it."""
_TOKEN = re.compile(r"[\w']+|[.,;:!?]")
_PUNCTUATION = frozenset(".,;:!?")


@dataclass(frozen=True, slots=True)
class Cue:
    """A pattern that counts as evidence unless a blocker word cancels it."""

    strength: float
    pattern: re.Pattern[str]
    blocked_by: frozenset[str] = NEGATIONS
    """Words that cancel the cue nearby; empty for cues that contain a negation themselves."""
    context: re.Pattern[str] | None = None
    """When set, this must also occur in the same sentence (a request verb, say)."""
    negated_after: bool = False
    """Also cancelled by a German "nicht" right after the cue: "Ich verklage Sie nicht"."""


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a lower-case pattern written with umlauts so that it matches folded text."""
    return re.compile(pattern.translate(UMLAUT_SPELLING))


def _bounded(pattern: str) -> re.Pattern[str]:
    """Match whole words only: "klage" not inside "beklage", "manager" not in "Passwort-Manager"."""
    return compile_pattern(rf"(?<![\w-])(?:{pattern})(?![\w-])")


_STRENGTH = re.compile(r"\d(?:\.\d+)?")


def cues(
    table: str,
    *,
    blocked_by: frozenset[str] = NEGATIONS,
    context: str | None = None,
    negated_after: bool = False,
) -> tuple[Cue, ...]:
    """Compile a cue table: a strength ("0.85") starts a row, the patterns after it are its alternatives.

    Patterns are separated by whitespace, so they write spaces as ``\\s+``. The cues of one
    table share how they are cancelled and what context they need.
    """
    rows: list[tuple[float, list[str]]] = []
    for token in table.split():
        if _STRENGTH.fullmatch(token):
            rows.append((float(token), []))
        else:
            rows[-1][1].append(token)
    needed = _bounded(context) if context is not None else None
    return tuple(
        Cue(strength, _bounded("|".join(patterns)), blocked_by, needed, negated_after) for strength, patterns in rows
    )


def any_of(words: str) -> str:
    """One group of whitespace-separated alternatives, for fragments shared by several cues."""
    return "(?:" + "|".join(words.split()) + ")"


def near(first: str, second: str, words: int) -> str:
    """A pattern for two phrases at most `words` words apart, in either order."""
    gap = rf"(?:\W+\w+){{0,{words}}}?\W+"
    return rf"(?:{first}){gap}(?:{second})|(?:{second}){gap}(?:{first})"


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a cue matched (folded offsets; negative for whole-message cues) and what was written."""

    start: int
    end: int
    strength: float
    text: str


class FoldedText:
    """A message folded for matching that still knows the original spelling of every match."""

    def __init__(self, text: str) -> None:
        self.original = unicodedata.normalize("NFC", text)
        parts: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(self.original):
            folded = fold(char, spell_umlauts=True)
            parts.append(folded)
            origin.extend([index] * len(folded))
        self.folded = "".join(parts)
        self._origin = origin

    def source(self, start: int, end: int) -> str:
        """The original text behind folded[start:end]."""
        return self.original[self._origin[start] : self._origin[end - 1] + 1]

    def hits(self, cue: Cue) -> list[Hit]:
        """Every match of the cue that no nearby negation cancels."""
        found = []
        for match in cue.pattern.finditer(self.folded):
            start, end = match.span()
            if cue.context is not None and not cue.context.search(self._sentence(start)):
                continue
            if cue.blocked_by and self._negated(start, end, cue.blocked_by, cue.negated_after):
                continue
            found.append(Hit(start, end, cue.strength, self.source(start, end)))
        return found

    def _sentence(self, position: int) -> str:
        text = self.folded
        begin = max(text.rfind(mark, 0, position) for mark in ".!?\n") + 1
        ends = [found for mark in ".!?\n" if (found := text.find(mark, position)) != -1]
        return text[begin : min(ends, default=len(text))]

    def _negated(self, start: int, end: int, blockers: frozenset[str], after: bool) -> bool:
        """Whether a blocker sits inside the match, shortly before it in its clause, or (German) after."""
        if any(_word(token) in blockers for token in _TOKEN.findall(self.folded[start:end])):
            return True
        before = [_word(token) for token in _TOKEN.findall(self.folded[max(0, start - 300) : start])]
        between: list[str] = []
        for position in range(len(before) - 1, max(-1, len(before) - 1 - NEGATION_WINDOW), -1):
            word = before[position]
            if word in _PUNCTUATION or word in _CLAUSE_BREAKS:
                break
            if word in blockers and not _NEGATION_VOIDS.intersection(between) and not _in_condition(before[:position]):
                return True
            between.append(word)
        if not after:
            return False
        following = _TOKEN.findall(self.folded[end : end + 40])[:2]
        return any(token in _POST_NEGATIONS for token in following)


def _word(token: str) -> str:
    return "not" if token.endswith("n't") else token


def _in_condition(earlier: Sequence[str]) -> bool:
    """Whether the sentence so far opened an "if" clause: a negation there is the condition's."""
    for word in reversed(earlier):
        if word in ".!?":
            return False
        if word in _CONDITIONALS:
            return True
    return False


# --- German cues -------------------------------------------------------------------------
