"""The ways a customer may name a catalogue product, normalised for fuzzy matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from firstline.understanding.entities.model import ProductName

TOKEN = re.compile(r"[^\W_]+(?:[-./+'][^\W_]+)*")
_CAMEL = re.compile(r"[a-z][A-Z]")
_CATEGORY_SPLIT = re.compile(r"\s*(?:&|,|/|\bund\b|\band\b)\s*", re.IGNORECASE)

# Weights say how sure a match on each kind of key makes us. A full name or a model
# code is certain; a brand with the product's first words a little less; a brand with
# the kind of product ("Bosch Geschirrspüler") names a group, not one product.
FULL = 1.0
PREFIX = 0.94
WITHOUT_BRAND = 0.93
PREFIX_BEFORE_NUMBER = 0.9
BRAND_AND_WORD = 0.9
_MIN_WORD = 4
_MIN_CODE = 4
# Words that are in many names and say nothing about which product is meant.
_VAGUE_WORDS = frozenset("zoll inch series serie edition wifi bluetooth stuck mit und with for fur plus".split())


def normalise_token(token: str) -> str:
    """Fold case, accents and punctuation: "WH-1000XM5" → "wh1000xm5", "Spüler" → "spuler"."""
    folded = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def words(text: str) -> list[str]:
    """Split text into normalised tokens, dropping those that fold to nothing."""
    return [n for n in (normalise_token(t) for t in TOKEN.findall(text)) if n]


def is_code(token: str) -> bool:
    """Tell whether a normalised token is a model code: letters and digits mixed."""
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def _distinctive(raw_tokens: Sequence[str]) -> bool:
    """Tell whether words name a product even without its brand ("iPad Air", "Serie 4")."""
    normalised = [normalise_token(t) for t in raw_tokens]
    if any(_CAMEL.search(t) for t in raw_tokens) or any(is_code(t) for t in normalised):
        return True
    # A number alone ("6000") is any number; a word with a number ("Bravia 7") is a name.
    return len(normalised) > 1 and any(t.isdigit() for t in normalised)


def _categories(product: ProductName) -> list[list[str]]:
    """Split "Staubsauger & Saugroboter" into the kinds of product it names."""
    parts = (p for c in product.categories for p in _CATEGORY_SPLIT.split(c))
    return [w for w in (words(p) for p in parts) if w]


class _Keys:
    """Collects keys, keeping the highest weight for each."""

    def __init__(self) -> None:
        self.weights: dict[str, float] = {}

    def add(self, tokens: Sequence[str], weight: float) -> None:
        """Record a key unless it is empty or already known with more weight."""
        text = " ".join(tokens)
        if text and self.weights.get(text, 0.0) < weight:
            self.weights[text] = weight


def keys_for(product: ProductName) -> dict[str, float]:
    """List the normalised ways a customer may name a product, each with a weight.

    The first key is the full name with its brand.
    """
    brand = words(product.brand)
    raw = [t for t in TOKEN.findall(product.name) if normalise_token(t)]
    if [normalise_token(t) for t in raw[: len(brand)]] == brand:
        raw = raw[len(brand) :]
    rest = [normalise_token(t) for t in raw]
    keys = _Keys()
    keys.add(brand + rest, FULL)
    for alias in product.aliases:
        alias_words = words(alias)
        keys.add(alias_words, FULL)
        if brand and alias_words[: len(brand)] != brand:
            keys.add(brand + alias_words, FULL)
    _add_prefixes(keys, brand, raw, rest, _categories(product))
    _add_codes_and_words(keys, brand, rest, _categories(product))
    return keys.weights


def _add_prefixes(keys: _Keys, brand: list[str], raw: list[str], rest: list[str], categories: list[list[str]]) -> None:
    """Add the first words of the name, with and without brand, and with a category."""
    for k in range(1, len(rest) + 1):
        prefix = rest[:k]
        for category in categories:
            keys.add(brand + prefix + category, FULL)
        if k == len(rest):
            break
        # "Bosch Serie | 4": a number after words belongs to the name, so cutting before
        # it names a group of products. After "iPhone 17" a number is a spec ("256 GB").
        cut_name = rest[k].isdigit() and not any(c.isdigit() for c in "".join(prefix))
        weight = PREFIX_BEFORE_NUMBER if cut_name else PREFIX
        if brand:
            keys.add(brand + prefix, weight)
        if _distinctive(raw[:k]) and (k > 1 or len(prefix[0]) >= _MIN_CODE):
            keys.add(prefix, min(weight, WITHOUT_BRAND))
    if _distinctive(raw):
        keys.add(rest, WITHOUT_BRAND)


def _add_codes_and_words(keys: _Keys, brand: list[str], rest: list[str], categories: list[list[str]]) -> None:
    """Add model codes, and the brand with a telling word or the kind of product."""
    for token in rest:
        if is_code(token):
            keys.add(brand + [token], FULL)
            if len(token) >= _MIN_CODE:
                keys.add([token], WITHOUT_BRAND)
        elif brand and token.isalpha() and len(token) >= _MIN_WORD and token not in _VAGUE_WORDS:
            keys.add(brand + [token], BRAND_AND_WORD)
    if brand:
        for category in categories:
            keys.add(brand + category, BRAND_AND_WORD)
