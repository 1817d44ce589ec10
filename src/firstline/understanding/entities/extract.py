"""Entity extraction from one customer message: every recogniser, then overlaps resolved."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from firstline.domain.language import Language
from firstline.understanding.entities.contact import find_emails, find_phones
from firstline.understanding.entities.dates import find_dates
from firstline.understanding.entities.dates_fallback import find_unusual_dates
from firstline.understanding.entities.identifiers import (
    find_customer_numbers,
    find_order_numbers,
)
from firstline.understanding.entities.model import (
    DEFAULT_PATTERNS,
    Candidate,
    Entity,
    EntityPatterns,
    Priority,
)
from firstline.understanding.entities.money import find_money
from firstline.understanding.entities.postal import find_postal_codes
from firstline.understanding.entities.products import ProductMatcher
from firstline.understanding.entities.quantity import find_quantities

MAX_TEXT_CHARS = 20_000
"""Only this much of a message is read: far more than any customer types, and it keeps
pasted logs or attachments from stalling a turn."""


_ALL_PRODUCT_CANDIDATES = 100
"""Overlap resolution keeps the best product per mention, so ask the matcher for all."""


def default_country(patterns: EntityPatterns) -> str:
    """Return the country whose national phone numbers need no prefix."""
    return patterns.countries[0] if patterns.countries else "DE"


def structured_candidates(text: str, patterns: EntityPatterns) -> list[Candidate]:
    """Propose the entities that need no language or calendar: numbers and contacts."""
    return [
        *find_emails(text),
        *find_phones(text, default_country=default_country(patterns)),
        *find_order_numbers(text, patterns),
        *find_customer_numbers(text, patterns),
        *find_postal_codes(text, patterns.countries),
    ]


def resolve_overlaps(candidates: Iterable[Candidate]) -> list[Entity]:
    """Keep the most specific reading of each stretch of text, in text order."""
    ranked = sorted(
        candidates,
        key=lambda c: (-c.priority, -c.entity.score, c.entity.start - c.entity.end, c.entity.start),
    )
    # One flag per character: garbage input can propose thousands of candidates.
    taken = bytearray(max((c.entity.end for c in ranked), default=0))
    kept: list[Entity] = []
    for candidate in ranked:
        entity = candidate.entity
        if any(taken[entity.start : entity.end]):
            continue
        taken[entity.start : entity.end] = b"\x01" * (entity.end - entity.start)
        kept.append(entity)
    return sorted(kept, key=lambda e: (e.start, e.end))


def extract_entities(
    text: str,
    *,
    language: Language,
    today: date,
    patterns: EntityPatterns = DEFAULT_PATTERNS,
    products: ProductMatcher | None = None,
) -> list[Entity]:
    """Find the order numbers, contacts, amounts, dates, products and counts in a message."""
    text = text[:MAX_TEXT_CHARS]
    candidates = structured_candidates(text, patterns)
    candidates += find_money(text, language)
    candidates += find_dates(text, language=language, today=today)
    candidates += find_quantities(text, language)
    # Last, and only over what the others left: dateparser is slow and over-eager.
    candidates += find_unusual_dates(text, today=today, known=[c.entity for c in candidates])
    if products is not None:
        candidates += [
            Candidate(entity=entity, priority=Priority.PRODUCT)
            for entity in products.match(text, limit=_ALL_PRODUCT_CANDIDATES)
        ]
    return resolve_overlaps(candidates)
