"""Catalogue search: structured filters first, then ranking by free words, preferences and stock."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from firstline.commerce.query import Compare, Limit, ProductQuery, Vocabulary
from firstline.company.commerce_schema import CommerceConfig
from firstline.domain.commerce import Product
from firstline.domain.text import fold, tokens

_LABELS = "ABCDEFG"


def attribute_value(product: Product, source: str) -> float | Decimal | str | bool | None:
    """The value an attribute's ``source`` points at: ``price``, ``dimensions.width``, ``specs.noise_db``."""
    head, _, key = source.partition(".")
    if head == "specs":
        value = product.specs.get(key)
        return value if isinstance(value, (int, float, str, bool)) else None
    if head == "dimensions":
        return product.dimensions_cm.get(key)
    value = getattr(product, head, None)
    return value if isinstance(value, (int, float, Decimal, str, bool)) else None


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return Decimal(str(value))


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchResult:
    """Ranked matches of a search: all SKUs in order, the caller pages through them."""

    skus: tuple[str, ...]
    query: ProductQuery


class Catalogue:
    """One company's products with the vocabulary to search them."""

    def __init__(self, products: Iterable[Product], config: CommerceConfig) -> None:
        self.products = {p.sku: p for p in products}
        self.config = config
        self.vocabulary = Vocabulary.of(config, {p.brand for p in self.products.values()})
        self._texts = {sku: fold(self._text(p)) for sku, p in self.products.items()}
        self._words = {sku: frozenset(tokens(text)) for sku, text in self._texts.items()}
        self._ranges: dict[str, dict[str, tuple[Decimal, Decimal]]] = {}

    @staticmethod
    def _text(product: Product) -> str:
        specs = " ".join(f"{k} {v}" for k, v in product.specs.items() if not isinstance(v, bool))
        names = " ".join(product.category_name.values())
        return f"{product.name} {product.brand} {names} {' '.join(product.description.values())} {specs}"

    def get(self, sku: str) -> Product | None:
        """The product with this SKU."""
        return self.products.get(sku)

    def search(self, query: ProductQuery) -> SearchResult:
        """Every product passing the filters, ranked best first."""
        reference = self.products.get(query.like) if query.like else None
        if reference is not None and not query.categories:
            query = _like(query, reference)
        matches = [p for p in self.products.values() if self._admits(p, query)]
        if query.words and not (query.categories or query.brands or query.limits or query.features):
            # Only free words ("OLED"): keep the products that mention them at all.
            matches = [p for p in matches if self._relevance(p, query.words) > 0]
        ranked = sorted(matches, key=lambda p: self._rank(p, query, reference), reverse=True)
        return SearchResult(skus=tuple(p.sku for p in ranked), query=query)

    def _admits(self, product: Product, query: ProductQuery) -> bool:
        if product.sku in query.exclude or (query.like and product.sku == query.like):
            return False
        if query.categories and product.category not in query.categories:
            return False
        if query.brands and product.brand not in query.brands:
            return False
        if query.in_stock and product.stock <= 0:
            return False
        if query.energy_label is not None:
            label = product.energy_label
            if label is None or _LABELS.index(label) > _LABELS.index(query.energy_label):
                return False
        if not all(self._limit_admits(product, limit) for limit in query.limits):
            return False
        return all(self._has_feature(product, key) for key in query.features)

    def _limit_admits(self, product: Product, limit: Limit) -> bool:
        attribute = self.config.attributes.get(limit.attribute)
        if attribute is None:
            return True
        return limit.admits(_number(attribute_value(product, attribute.source)))

    def _has_feature(self, product: Product, key: str) -> bool:
        feature = self.config.features.get(key)
        return feature is not None and bool(product.specs.get(feature.spec))

    def _relevance(self, product: Product, words: Sequence[str]) -> float:
        text = self._texts[product.sku]
        product_words = self._words[product.sku]
        score = 0.0
        for word in words:
            if word in product_words:
                score += 1.0
            elif len(word) >= 5 and fuzz.partial_ratio(word, text) >= 90:
                score += 0.6  # a near spelling or a word inside a compound ("Edelstahl" in "Edelstahlfront")
        return score

    def _rank(self, product: Product, query: ProductQuery, reference: Product | None) -> float:
        score = self._relevance(product, query.words) * 2.0
        for key, direction in query.prefer:
            score += self._preference(product, key, direction)
        if reference is not None and product.sku in reference.alternatives:
            score += 1.0
        score += 0.8 if product.stock > 0 else 0.0
        score += float(product.rating or 0) * 0.1
        return score

    def _range(self, category: str, key: str, source: str) -> tuple[Decimal, Decimal] | None:
        """Lowest and highest value of an attribute in a category (one pass over the catalogue per attribute)."""
        if key not in self._ranges:
            values: dict[str, list[Decimal]] = {}
            for product in self.products.values():
                number = _number(attribute_value(product, source))
                if number is not None:
                    values.setdefault(product.category, []).append(number)
            self._ranges[key] = {cat: (min(found), max(found)) for cat, found in values.items()}
        return self._ranges[key].get(category)

    def _preference(self, product: Product, key: str, direction: str) -> float:
        """0 … 2 by where the product stands among all products of its category on this attribute."""
        attribute = self.config.attributes.get(key)
        if attribute is None:
            return 0.0
        value = _number(attribute_value(product, attribute.source))
        span = self._range(product.category, key, attribute.source)
        if value is None or span is None:
            return -1.0
        low, high = span
        if high == low:
            return 1.0
        share = float((value - low) / (high - low))
        return 2.0 * (1.0 - share if direction == "low" else share)


def _like(query: ProductQuery, reference: Product) -> ProductQuery:
    """ "Something like the X": same category; "but cheaper": below its price."""
    limits = query.limits
    if ("price", "low") in query.prefer and not any(lim.attribute == "price" for lim in limits):
        limits = (*limits, Limit(attribute="price", compare=Compare.AT_MOST, value=reference.price - Decimal("0.01")))
    return ProductQuery(
        categories=(reference.category,),
        brands=tuple(b for b in query.brands if b != reference.brand),
        limits=limits,
        features=query.features,
        energy_label=query.energy_label,
        in_stock=query.in_stock,
        prefer=query.prefer,
        words=tuple(w for w in query.words if w not in tokens(reference.name)),
        like=query.like,
        exclude=query.exclude,
    )
