"""Order and customer numbers in the company's own formats."""

from __future__ import annotations

import re
from functools import lru_cache

from firstline.understanding.entities.model import (
    Candidate,
    Entity,
    EntityKind,
    EntityPatterns,
    Priority,
)

_FILLER = r"(?:\s*(?:nr\.?|no\.?|number|nummer|id|#|:|-|=|ist|is|lautet|was|war|lautete)(?![^\W\d_]))*\s*"
_ORDER_CUE = re.compile(
    r"(?:\b(?:bestell(?:ung|ungs)?(?:nummer|nr\.?)?|auftrag(?:s(?:nummer|nr\.?))?|"
    r"order(?:\s*(?:number|no\.?|id|nr\.?))?|nr\.|no\.)|#)" + _FILLER,
    re.IGNORECASE,
)
_CUSTOMER_CUE = re.compile(
    r"\b(?:kunden[\s-]?(?:nummer|nr\.?|id)|kundennr\.?|customer\s*(?:number|no\.?|id)|"
    r"account\s*(?:number|no\.?))" + _FILLER,
    re.IGNORECASE,
)
# A customer may read a number out in groups: "100 042", "K 12345".
GROUPED = re.compile(r"(?:[A-Za-z]{1,3}[ -]?)?\d+(?: \d+){0,4}")


@lru_cache(maxsize=64)
def compiled(pattern: str) -> re.Pattern[str]:
    """Compile a company pattern once; customers do not mind case."""
    return re.compile(pattern, re.IGNORECASE)


def normalise(raw: str) -> str:
    """Drop the spaces a customer put between digit groups."""
    return raw.replace(" ", "").upper()


def _find_cued(
    text: str, cue: re.Pattern[str], pattern: re.Pattern[str], kind: EntityKind, priority: int
) -> list[Candidate]:
    """Find numbers that follow a cue word, joining digit groups the pattern accepts."""
    found: list[Candidate] = []
    for cue_match in cue.finditer(text):
        run = GROUPED.match(text, cue_match.end())
        if run is None:
            continue
        end = _longest_accepted_prefix(run.group(), pattern)
        if end is None:
            continue
        span = text[run.start() : run.start() + end]
        entity = Entity(kind=kind, value=normalise(span), text=span, start=run.start(), end=run.start() + end)
        found.append(Candidate(entity=entity, priority=priority))
    return found


def _longest_accepted_prefix(run: str, pattern: re.Pattern[str]) -> int | None:
    """Return the length of the longest prefix of space-separated groups the pattern accepts."""
    best: int | None = None
    for match in re.finditer(r"(?= |$)", run):
        prefix = run[: match.start()]
        if pattern.fullmatch(normalise(prefix)) or pattern.fullmatch(prefix):
            best = match.start()
    return best


def _find_bare(text: str, pattern: re.Pattern[str], kind: EntityKind, priority: int) -> list[Candidate]:
    """Find numbers matching the company pattern anywhere in the text."""
    found: list[Candidate] = []
    for match in pattern.finditer(text):
        if not match.group():
            continue
        entity = Entity(
            kind=kind,
            value=normalise(match.group()),
            text=match.group(),
            start=match.start(),
            end=match.end(),
        )
        found.append(Candidate(entity=entity, priority=priority))
    return found


def find_order_numbers(text: str, patterns: EntityPatterns) -> list[Candidate]:
    """Propose order numbers; a cue word ("Bestellung", "order #") raises confidence."""
    pattern = compiled(patterns.order_number)
    kind = EntityKind.ORDER_NUMBER
    cued = _find_cued(text, _ORDER_CUE, pattern, kind, Priority.CUED_REFERENCE)
    return cued + _find_bare(text, pattern, kind, Priority.BARE_ORDER_NUMBER)


def find_customer_numbers(text: str, patterns: EntityPatterns) -> list[Candidate]:
    """Propose customer numbers; they are usually distinctive enough to trust bare."""
    pattern = compiled(patterns.customer_number)
    kind = EntityKind.CUSTOMER_NUMBER
    priority = Priority.CUED_REFERENCE + 1
    return _find_cued(text, _CUSTOMER_CUE, pattern, kind, priority) + _find_bare(text, pattern, kind, priority)
