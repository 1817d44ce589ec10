"""Fuzzy recognition of catalogue products named in free text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from firstline.understanding.entities.model import Entity, EntityKind, ProductName
from firstline.understanding.entities.product_keys import TOKEN, keys_for, normalise_token

_DIGITS = re.compile(r"\d")
CUTOFF = 0.80
"""Lowest score a mention may have. Calibrated on everyday DE/EN customer sentences
against the demo catalogue: below it, ordinary words start to look like products."""
AMBIGUITY_MARGIN = 0.05
"""Other products within this of a mention's best are returned as alternatives."""
_WIDEN_MARGIN = 0.1
MAX_PRODUCT_CHARS = 5_000
"""Only this much of a text is searched: product names are near the start of a message."""


def _min_ratio(key: str) -> float:
    """Return how close a mention must be to a key; short keys must match exactly."""
    if len(key) <= 5:
        return 100.0
    return 88.0 if len(key) <= 8 else 84.0


@dataclass(frozen=True, slots=True, kw_only=True)
class _Key:
    """One way of writing one product."""

    product: int
    text: str
    weight: float
    digits: str
    """A mention must carry the same digits: "Serie 4" is not "Serie 6"."""
    coverage: float
    """How much of the full name the key spells out; breaks ties towards the closer product."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Gram:
    """A run of consecutive words of the customer's text."""

    text: str
    digits: str
    start: int
    end: int
    before_number: bool
    """The next word is a bare number, so the mention goes on ("Bosch Serie 6")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Hit:
    """A product named by one run of words, with how well."""

    score: float
    coverage: float
    gram: _Gram


@dataclass(frozen=True, slots=True)
class _Words:
    """The customer's text as normalised words, with where each stands."""

    words: list[str]
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, text: str) -> _Words:
        """Split text into normalised words, dropping those that fold to nothing."""
        found = [(normalise_token(m.group()), m.start(), m.end()) for m in TOKEN.finditer(text)]
        found = [f for f in found if f[0]]
        return cls(words=[f[0] for f in found], starts=[f[1] for f in found], ends=[f[2] for f in found])

    def runs(self, n: int) -> list[tuple[str, int, int]]:
        """List every run of n words as (text, n, first word index)."""
        return [(" ".join(self.words[i : i + n]), n, i) for i in range(len(self.words) - n + 1)]

    def gram(self, n: int, first: int) -> _Gram:
        """Describe the run of n words starting at word first."""
        text = " ".join(self.words[first : first + n])
        following = self.words[first + n] if first + n < len(self.words) else ""
        return _Gram(
            text=text,
            digits="".join(_DIGITS.findall(text)),
            start=self.starts[first],
            end=self.ends[first + n - 1],
            before_number=following.isdigit(),
        )


def _overlaps(a: _Gram, b: _Gram) -> bool:
    """Tell whether two runs of words share a character."""
    return a.start < b.end and b.start < a.end


def _best_hit(hits: list[_Hit]) -> _Hit:
    """Return the best-scoring hit, widened to the longest close hit over the same words.

    "AirPods Pro" scores a little below "AirPods" (it cuts "Pro | 3"), yet is the mention.
    """
    top = max(hits, key=lambda h: (h.score, h.coverage))
    close = [h for h in hits if h.score >= top.score - _WIDEN_MARGIN and _overlaps(h.gram, top.gram)]
    widest = max(close, key=lambda h: (h.gram.end - h.gram.start, h.score))
    return _Hit(score=top.score, coverage=top.coverage, gram=widest.gram)


class ProductMatcher:
    """Finds catalogue products in customer text; build once per catalogue."""

    def __init__(self, products: Sequence[ProductName]) -> None:
        """Index every product under its name, aliases, model codes and brand + kind."""
        self._products = tuple(products)
        by_length: dict[int, list[_Key]] = {}
        for index, product in enumerate(self._products):
            keys = keys_for(product)
            full = len(next(iter(keys), "")) or 1
            for text, weight in keys.items():
                digits = "".join(_DIGITS.findall(text))
                key = _Key(product=index, text=text, weight=weight, digits=digits, coverage=len(text) / full)
                by_length.setdefault(text.count(" ") + 1, []).append(key)
        self._keys = {n: (keys, [k.text for k in keys]) for n, keys in by_length.items()}
        self._longest = max(by_length, default=0) + 1
        # The first cdist call loads numpy (about 0.3 s): pay it here, not in a turn.
        process.cdist(["warm"], ["up"], scorer=fuzz.ratio)

    def match(self, text: str, *, limit: int = 3) -> list[Entity]:
        """Return the products the text names, best first; several if a mention is ambiguous."""
        words = _Words.of(text[:MAX_PRODUCT_CHARS])
        runs = {n: words.runs(n) for n in range(1, self._longest + 1)}
        hits: dict[int, list[_Hit]] = {}
        for length, (keys, choices) in self._keys.items():
            # A mention may have a word more or less than the key ("den Bosch Serie 4").
            queries = [run for n in (length - 1, length, length + 1) for run in runs.get(n, [])]
            if not queries:
                continue
            scores = process.cdist([q[0] for q in queries], choices, scorer=fuzz.ratio, score_cutoff=80.0)
            for q, k in zip(*scores.nonzero(), strict=True):
                _, n, first = queries[q]
                hit = _hit(words.gram(n, first), keys[k], float(scores[q, k]))
                if hit is not None:
                    hits.setdefault(keys[k].product, []).append(hit)
        best = {product: _best_hit(product_hits) for product, product_hits in hits.items()}
        return self._select(text, best, limit)

    def _select(self, text: str, best: dict[int, _Hit], limit: int) -> list[Entity]:
        """Keep, for each mention, the best product and those about as good.

        An alternative must explain as much of the text: "Samsung Galaxy Watch 8" is the
        watch, not the "Samsung Galaxy" phone that matches its first two words.
        """
        ranked = sorted(best.items(), key=lambda item: _rank(item[1]))
        leaders: list[_Hit] = []
        chosen: list[Entity] = []
        for product, hit in ranked:
            leader = next((m for m in leaders if _overlaps(m.gram, hit.gram)), None)
            if leader is None:
                leaders.append(hit)
            elif hit.score < leader.score - AMBIGUITY_MARGIN or _length(hit) < _length(leader):
                continue
            chosen.append(
                Entity(
                    kind=EntityKind.PRODUCT,
                    value=self._products[product].sku,
                    text=text[hit.gram.start : hit.gram.end],
                    start=hit.gram.start,
                    end=hit.gram.end,
                    score=round(hit.score, 3),
                )
            )
        return chosen[: max(limit, 0)]


def _length(hit: _Hit) -> int:
    """Return how many characters of the text a hit explains."""
    return hit.gram.end - hit.gram.start


def _rank(hit: _Hit) -> tuple[float, int, float, int]:
    """Order hits: best score, then the longest mention, then the closest product."""
    return (-hit.score, -_length(hit), -hit.coverage, hit.gram.start)


def _hit(gram: _Gram, key: _Key, ratio: float) -> _Hit | None:
    """Score a run of words against a key; None if it does not name the key."""
    if ratio < _min_ratio(key.text) or gram.digits != key.digits or gram.text[0] != key.text[0]:
        return None  # typos rarely hit the first letter; "phone" is not "iPhone"
    if gram.before_number and not key.digits:
        return None
    score = ratio / 100.0 * key.weight
    return _Hit(score=score, coverage=key.coverage, gram=gram) if score >= CUTOFF else None
