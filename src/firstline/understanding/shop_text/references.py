"""Which of the products a conversation last showed a follow-up points at.

After a list of TVs, "was kostet der Sony?" means the Sony of that list, "the first one" its
first line and "the cheaper one" the cheapest of it; after one TV's price, "und der Samsung mit
43 Zoll?" means a Samsung TV of 43 inches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from firstline.commerce.catalogue import Catalogue, attribute_value
from firstline.commerce.query import ProductQuery
from firstline.commerce.references import Shown
from firstline.domain.commerce import Product
from firstline.understanding.shop_text.query import parse_query
from firstline.understanding.shop_text.words import contains_phrase, fold

_ORDINALS: dict[int, tuple[str, ...]] = {
    0: ("erste", "erster", "ersten", "erstes", "erstem", "first", "1st", "top one", "oberste", "obersten"),
    1: ("zweite", "zweiter", "zweiten", "zweites", "zweitem", "second", "2nd"),
    2: ("dritte", "dritter", "dritten", "drittes", "drittem", "third", "3rd"),
    3: ("vierte", "vierter", "vierten", "viertes", "fourth", "4th"),
    4: ("fünfte", "fünfter", "fünften", "fünftes", "fifth", "5th"),
    -1: ("letzte", "letzter", "letzten", "letztes", "last one", "the last", "bottom one", "unterste", "untersten"),
}
_NUMBERED = re.compile(r"(?:nummer|nr\.?|number|no\.?|#)\s*(\d{1,2})\b")
_CHEAPEST = ("günstigere", "günstigeren", "günstigerer", "günstigste", "günstigsten", "günstigster", "günstigstes",
             "billigere", "billigeren", "billigste", "billigsten", "billigster", "preiswertere", "preiswerteste",
             "preiswertesten", "am günstigsten", "am billigsten", "cheaper", "cheapest", "less expensive",
             "least expensive", "lower priced", "lowest priced", "more affordable")  # fmt: skip
_DEAREST = ("teurere", "teureren", "teurerer", "teuerste", "teuersten", "teuerster", "am teuersten", "more expensive",
            "most expensive", "pricier", "priciest", "dearer", "dearest", "higher priced")  # fmt: skip
_ELLIPSIS = ("und", "and", "und was ist mit", "und wie ist es mit", "what about", "how about", "and what about",
             "und der", "und die", "und das", "and the", "und beim", "und bei", "and for")  # fmt: skip
ELLIPSIS_WORDS = 6
"""An elliptic follow-up ("und der Miele?") is this short at most."""
_QUESTION = ("wie", "how")
"""Before an attribute word these make a question ("wie laut ist der?"), not a choice ("der leisere")."""


def referred(text: str, shown: Shown, catalogue: Catalogue) -> list[str]:
    """The shown products the text points at, best first; empty when it points at none of them.

    By position ("der zweite", "number 3"), by price ("the cheaper one"), by another attribute
    ("der leisere"), or by brand, kind and measures ("der Sony", "the 43 inch one").
    """
    products = [p for s in shown.skus if (p := catalogue.get(s)) is not None]
    if not products:
        return []
    folded = fold(text)
    place = position(folded)
    if place is not None:
        last = shown.offset + shown.seen - 1 if shown.seen else len(products) - 1
        index = last if place < 0 else shown.offset + place
        return [products[index].sku] if -len(products) <= index < len(products) else []
    query = parse_query(text, catalogue.vocabulary)
    fitting = [p for p in products if _fits(p, query, catalogue)]
    named = bool(query.brands or query.categories or query.limits)
    if named and not fitting:
        return []
    chosen = fitting if named else products
    ranked = _by_comparison(folded, chosen, query, catalogue)
    if ranked is not None:
        return [ranked.sku]
    return [p.sku for p in fitting] if named else []


def related(text: str, shown: Shown, catalogue: Catalogue) -> list[str]:
    """Products of the shown products' kind that the text picks by brand or measure, from the whole catalogue.

    "und der Samsung mit 43 Zoll?" after an LG TV: a Samsung TV of 43 inches, though none was shown.
    """
    query = parse_query(text, catalogue.vocabulary)
    if not (query.brands or query.limits):
        return []
    if not query.categories:
        kinds = tuple(dict.fromkeys(p.category for s in shown.skus if (p := catalogue.get(s)) is not None))
        if not kinds:
            return []
        query = ProductQuery(categories=kinds, brands=query.brands, limits=query.limits)
    else:
        query = ProductQuery(categories=query.categories, brands=query.brands, limits=query.limits)
    return list(catalogue.search(query).skus)


def position(folded: str) -> int | None:
    """The place in a list a (folded) text points at: 0 for "der erste", 1 for "number 2", -1 for "the last"."""
    numbered = _NUMBERED.search(folded)
    if numbered is not None and int(numbered.group(1)) >= 1:
        return int(numbered.group(1)) - 1
    for index, words in _ORDINALS.items():
        if contains_phrase(folded, words):
            return index
    return None


def elliptic(folded: str) -> bool:
    """Whether a (folded) text is a short follow-up that leaves its question out: "und der Miele?"."""
    short = len(folded.split()) <= ELLIPSIS_WORDS
    return short and any(folded.startswith(word + " ") for word in _ELLIPSIS)


def comparative(folded: str) -> bool:
    """Whether a (folded) text picks by price: "der günstigere", "the most expensive one"."""
    return contains_phrase(folded, _CHEAPEST + _DEAREST) is not None


def _fits(product: Product, query: ProductQuery, catalogue: Catalogue) -> bool:
    if query.brands and product.brand not in query.brands:
        return False
    if query.categories and product.category not in query.categories:
        return False
    for limit in query.limits:
        attribute = catalogue.config.attributes.get(limit.attribute)
        value = attribute_value(product, attribute.source) if attribute else None
        number = value if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None
        if not limit.admits(number):
            return False
    return True


def _by_comparison(
    folded: str, products: Sequence[Product], query: ProductQuery, catalogue: Catalogue
) -> Product | None:
    """The product a comparative picks: "the cheaper one", "der teuerste", "der leisere"."""
    if len(products) < 2:
        return None
    if contains_phrase(folded, _CHEAPEST):
        return min(products, key=lambda p: p.price)
    if contains_phrase(folded, _DEAREST):
        return max(products, key=lambda p: p.price)
    for key, direction in query.prefer:
        attribute = catalogue.config.attributes.get(key)
        if attribute is None or key == "price":
            continue
        words = attribute.low_words if direction == "low" else attribute.high_words
        said = contains_phrase(folded, words)
        if said is None or contains_phrase(folded, [f"{q} {said}" for q in _QUESTION]):
            continue
        values = [(attribute_value(p, attribute.source), p) for p in products]
        valued = [(float(v), p) for v, p in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if valued:
            pick = min if direction == "low" else max
            return pick(valued, key=lambda pair: pair[0])[1]
    return None
