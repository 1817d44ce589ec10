"""What a customer's message says to the selling actions, read into typed slot values.

The selling actions never see the customer's text: before one runs, the agent asks this
reader for the turn's message read against the catalogue and the conversation's slots
(what was shown, the cart, the current product) and passes the result as ``sales_*`` slots.
They hold plain JSON (SKUs, numbers, flags, a product query as its JSON form), so an LLM
understanding can fill the same slots, and they live for one action run only: the dialogue
state never stores them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from firstline.commerce.cart import Quantity, cart_from_slot
from firstline.commerce.catalogue import Catalogue
from firstline.commerce.references import Shown
from firstline.commerce.request import SalesRequest
from firstline.company.model import Company
from firstline.domain.commerce import Product
from firstline.understanding.shop_text.checkout import (
    country_in,
    payment_method_in,
    shipping_method_in,
    voucher_code_in,
)
from firstline.understanding.shop_text.mentions import ProductMentions
from firstline.understanding.shop_text.quantity import read_quantity, sets_quantity
from firstline.understanding.shop_text.query import parse_query
from firstline.understanding.shop_text.references import elliptic, referred, related
from firstline.understanding.shop_text.topics import topics
from firstline.understanding.shop_text.words import contains_phrase, fold, tokens

UNBOUNDED = 10**18
"""Counts are read without the shop's limit; the action checks them against it."""

ELSEWHERE = ("amazon", "mediamarkt", "media markt", "saturn", "otto", "ebay", "best buy", "currys", "argos",
             "anderen händler", "anderen shop", "woanders", "konkurrenz", "other shop", "other retailer",
             "elsewhere", "competitor")  # fmt: skip
"""Words that put a product question at another retailer."""
_REMOVE = ("entfernen", "entferne", "raus", "löschen", "lösche", "streichen", "streiche", "weg", "doch nicht",
           "remove", "delete", "drop", "take out", "get rid", "don't want")  # fmt: skip
_CART_ORDINALS = {"erste": 0, "ersten": 0, "first": 0, "zweite": 1, "zweiten": 1, "second": 1, "dritte": 2,
                  "dritten": 2, "third": 2}  # fmt: skip
_MORE = ("mehr", "weitere", "weiter", "andere", "nächste", "more", "next", "others", "other ones", "further")
_REFINE = ("nur", "only", "davon", "of those", "of them", "und", "and", "aber", "but", "lieber", "rather", "welche",
           "which")  # fmt: skip
_LIKE = ("wie", "ähnlich", "vergleichbar", "statt", "like", "similar", "instead", "alternative")
_SPLIT = re.compile(
    r"\s*(?:,|\b(?:und|and|vs\.?|versus|oder|or|mit|with|gegen|against|zwischen|between|gegenüber)\b)\s*", re.IGNORECASE
)
_FIRST_TWO = ("ersten beiden", "ersten zwei", "beiden ersten", "first two", "top two", "diese beiden", "these two",
              "both")  # fmt: skip
_FIRST_THREE = ("ersten drei", "first three", "alle drei", "all three")
_UNIT_PARTS = frozenset("cm mm kg g l w db gb tb zoll inch nische niche breit wide stück x er jahre years".split())


class ProductSource(Protocol):
    """Where the catalogue's products come from (the shop backend the selling actions use)."""

    async def products(self) -> Sequence[Product]: ...


class SalesReader:
    """Reads a message for the selling actions against the current product list (indexed once per list)."""

    def __init__(self, company: Company, source: ProductSource | None = None) -> None:
        self._company = company
        self._source = source
        self._pack = list(company.data.products.values())
        self._key: tuple[int, int] | None = None
        self._catalogue: Catalogue | None = None
        self._mentions: ProductMentions | None = None

    async def read(self, text: str, slots: Mapping[str, Any]) -> dict[str, Any]:
        """The ``sales_*`` slots for ``text`` in a conversation with these ``slots``."""
        catalogue, mentions = await self._indexed()
        return read_sales(text, slots, catalogue, mentions).to_slots()

    async def _indexed(self) -> tuple[Catalogue, ProductMentions]:
        """The catalogue of the source's products (the pack's own without a source) and its name matcher."""
        products = await self._source.products() if self._source is not None else self._pack
        key = (id(products), len(products))
        if self._catalogue is None or self._mentions is None or self._key != key:
            self._catalogue = Catalogue(products, self._company.commerce)
            self._mentions = ProductMentions(products, self._company.commerce.categories)
            self._key = key
        return self._catalogue, self._mentions


def read_sales(text: str, slots: Mapping[str, Any], catalogue: Catalogue, mentions: ProductMentions) -> SalesRequest:
    """Everything the selling actions need from ``text``, as typed values."""
    folded = fold(text)
    config = catalogue.config
    shown = Shown.from_slots(slots)
    named = mentions.find(text)
    like = named[0] if len(named) == 1 and contains_phrase(folded, _LIKE) else None
    query = parse_query(text, catalogue.vocabulary, like=like)
    pointed = referred(text, shown, catalogue)
    country = country_in(text, config)
    ordinals = sorted({index for word, index in _CART_ORDINALS.items() if contains_phrase(folded, (word,))})
    elsewhere = contains_phrase(folded, ELSEWHERE) is not None
    quantity = read_quantity(text, max_quantity=UNBOUNDED)
    quote_text = str(slots.get("quote_items") or "")
    quote_quantity = read_quantity(quote_text, max_quantity=UNBOUNDED)
    quote_skus = mentions.find(quote_text)[:4]
    return SalesRequest(
        mentions=tuple(named),
        pointed=tuple(pointed),
        related=tuple(related(text, shown, catalogue)),
        categories=tuple(
            key
            for key, words in config.categories.items()
            if contains_phrase(folded, sorted(words, key=len, reverse=True))
        ),
        ordinals=tuple(ordinals),
        elsewhere=elsewhere,
        model_codes=tuple(word for word in tokens(folded) if _is_model_code(word)),
        query=query,
        more=contains_phrase(folded, _MORE) is not None,
        refines=not query.words or contains_phrase(folded, _REFINE) is not None,
        country=country,
        topics=topics(text, config, country_named=country is not None),
        elliptic=elliptic(folded),
        names_something=bool(query.categories or query.brands) or elsewhere or any(c.isdigit() for c in text),
        compare_first=tuple(n for n, words in ((3, _FIRST_THREE), (2, _FIRST_TWO)) if contains_phrase(folded, words)),
        compared=tuple(_compared(text, mentions)),
        quantity=quantity,
        counts={
            sku: read_quantity(_count_text(text, product), max_quantity=UNBOUNDED)
            for sku in _candidates(slots, named, pointed, ordinals, catalogue)
            if (product := catalogue.get(sku)) is not None
        },
        sets_quantity=sets_quantity(text),
        removing=contains_phrase(folded, _REMOVE) is not None,
        items=text if _valid(quantity) else None,
        quote_skus=tuple(quote_skus),
        quote_quantity=quote_quantity.value if quote_quantity is not None and _valid(quote_quantity) else None,
        **_checkout_answers(slots, catalogue),
    )


def _checkout_answers(slots: Mapping[str, Any], catalogue: Catalogue) -> dict[str, Any]:
    """The checkout's collected answers read: country, postcode, shipping and payment method, voucher code."""

    def answer(name: str) -> str:
        return str(slots.get(name) or "")

    digits = re.findall(r"(?<![\d-])\d{4,5}(?!\d)", answer("checkout_postal_code"))
    shipping = shipping_method_in(answer("checkout_shipping"))
    return {
        "answered_country": country_in(answer("checkout_country"), catalogue.config),
        "answered_postal_code": digits[0] if len(digits) == 1 else answer("checkout_postal_code").strip(),
        "answered_shipping": shipping.value if shipping is not None else None,
        "answered_payment": payment_method_in(answer("checkout_payment"), catalogue.config),
        "answered_voucher": voucher_code_in(answer("checkout_voucher")),
    }


def _valid(quantity: Quantity | None) -> bool:
    """A count a quote can take: named, positive and below a million."""
    return quantity is not None and quantity.problem is None and quantity.value is not None and quantity.value <= 10**6


def _candidates(
    slots: Mapping[str, Any], mentions: list[str], pointed: list[str], ordinals: list[int], catalogue: Catalogue
) -> list[str]:
    """Every product a cart action may settle on: named, pointed at, in the cart, picked by place, or current."""
    results = [str(s) for s in slots.get("search_skus") or []]
    page = int(slots.get("search_page") or 0) * catalogue.config.page_size
    picked = [results[page + index] for index in ordinals if len(results) > page + index]
    current = slots.get("current_product")
    in_cart = [line.sku for line in cart_from_slot(slots.get("cart"))]
    return list(
        dict.fromkeys([*mentions, *pointed, *in_cart, *picked, *([current] if isinstance(current, str) else [])])
    )


def _compared(text: str, mentions: ProductMentions) -> list[str]:
    """The first product each part of "X und Y", "X vs. Y" names, each once, in the order named."""
    skus: list[str] = []
    for part in _SPLIT.split(text):
        found = mentions.find(part) if part.strip() else []
        if found and found[0] not in skus:
            skus.append(found[0])
    return skus


def _is_model_code(word: str) -> bool:
    """ "xy-9000", "wh-1000xm5": letters and digits together, but not a measure such as "60-cm-nische"."""
    letters = sum(c.isalpha() for c in word)
    digits = sum(c.isdigit() for c in word)
    return letters >= 2 and digits >= 2 and not any(part in _UNIT_PARTS for part in word.split("-"))


def _count_text(text: str, product: Product) -> str:
    """The message without the product's own name, so "Serie 4" or "Flip 6" is not read as a count.

    A number of the name is only dropped right after the name word it follows there ("flip 6"),
    so "make it 2" keeps its 2 even when the name has a 2 somewhere ("Spezialsalz 1,2 kg").
    """
    folded = fold(text)
    words = tokens(product.name)
    for before, word in zip(["", *words], words, strict=False):
        if word.isdigit() and before:
            folded = re.sub(r"(?<![\w-])" + re.escape(before) + r"\s+" + re.escape(word) + r"(?![\w-])", " ", folded)
    for word in words:
        if not word.isdigit():
            folded = re.sub(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", " ", folded)
    return re.sub(r"(?<![\w-])" + re.escape(product.sku.lower()) + r"(?![\w-])", " ", folded)
