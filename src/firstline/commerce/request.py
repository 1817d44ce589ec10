"""What the customer's message asks of the selling actions, as typed values (never the text itself).

Understanding reads the message (``understanding.sales_reading``) and fills a
:class:`SalesRequest`; the agent passes it to the action as ``sales_*`` slots of plain JSON,
and the action reads it back with :meth:`SalesRequest.from_slots`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from firstline.commerce.cart import Quantity, QuantityProblem
from firstline.commerce.facts import Topics
from firstline.commerce.query import ProductQuery

PREFIX = "sales_"
"""Every slot of a sales request starts with this."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SalesRequest:
    """One message read for the selling actions, against the catalogue and the conversation so far."""

    mentions: tuple[str, ...] = ()
    """SKUs the message names, best first (several when a name is ambiguous)."""
    pointed: tuple[str, ...] = ()
    """Shown products it points at: "der zweite", "the cheaper one", "der Sony"."""
    related: tuple[str, ...] = ()
    """Products of the shown kind it picks by brand or measure: "und der Samsung mit 43 Zoll?"."""
    categories: tuple[str, ...] = ()
    """Kinds of product it names ("Wasserkocher", "kettle")."""
    ordinals: tuple[int, ...] = ()
    """Places in the last result list it names ("den ersten": 0), smallest first."""
    elsewhere: bool = False
    """It puts the question at another retailer ("bei MediaMarkt")."""
    model_codes: tuple[str, ...] = ()
    """Model-code words ("xy-9000"): a product with another code is not meant."""
    query: ProductQuery = field(default_factory=ProductQuery)
    """The search filters it states."""
    more: bool = False
    """It asks for more results ("zeig mir mehr")."""
    refines: bool = False
    """Without a new kind of product it narrows the last search ("nur die mit A")."""
    country: str | None = None
    """The one country it names (code)."""
    topics: Topics = field(default_factory=Topics)
    """What it asks about a product."""
    elliptic: bool = False
    """A short follow-up that leaves its question out ("und der Miele?")."""
    names_something: bool = False
    """It names a brand, kind, shop or number: an unknown product, rather than none."""
    compare_first: tuple[int, ...] = ()
    """ "die ersten drei" (3), "the first two" (2): how many of the last results to compare."""
    compared: tuple[str, ...] = ()
    """The products "X und Y", "X vs. Y" name, in order."""
    quantity: Quantity | None = None
    """The count it names, unchecked against the shop's limit."""
    counts: Mapping[str, Quantity | None] = field(default_factory=dict)
    """The count it names for each product it may be about, that product's own name left out ("Flip 6")."""
    sets_quantity: bool = False
    """The count replaces the cart line's ("make it 3") instead of adding."""
    removing: bool = False
    """It takes something out of the cart."""
    items: str | None = None
    """The message as the items of a quote, when it names a count ("Angebot für 25 Wasserkocher")."""
    quote_skus: tuple[str, ...] = ()
    """The products the quote's items name (at most four)."""
    quote_quantity: int | None = None
    """The count the quote's items name."""
    answered_country: str | None = None
    """The country the checkout answer ``checkout_country`` names ("Österreich", "to Vienna")."""
    answered_postal_code: str | None = None
    """The postcode in the answer ``checkout_postal_code`` (the answer itself when it has none or several)."""
    answered_shipping: str | None = None
    """The shipping method the answer ``checkout_shipping`` names ("Express, bitte")."""
    answered_payment: str | None = None
    """The payment method (key) the answer ``checkout_payment`` names."""
    answered_voucher: str | None = None
    """The voucher code in the answer ``checkout_voucher``; None for "nein", "keinen"."""

    def count_for(self, sku: str) -> Quantity | None:
        """The count the message names for the product ``sku``."""
        return self.counts[sku] if sku in self.counts else self.quantity

    def to_slots(self) -> dict[str, Any]:
        """The request as ``sales_*`` slots of plain JSON."""
        return {
            PREFIX + "mentions": list(self.mentions),
            PREFIX + "pointed": list(self.pointed),
            PREFIX + "related": list(self.related),
            PREFIX + "categories": list(self.categories),
            PREFIX + "ordinals": list(self.ordinals),
            PREFIX + "elsewhere": self.elsewhere,
            PREFIX + "model_codes": list(self.model_codes),
            PREFIX + "query": self.query.to_json(),
            PREFIX + "more": self.more,
            PREFIX + "refines": self.refines,
            PREFIX + "country": self.country,
            PREFIX + "topics": self.topics.to_json(),
            PREFIX + "elliptic": self.elliptic,
            PREFIX + "names_something": self.names_something,
            PREFIX + "compare_first": list(self.compare_first),
            PREFIX + "compared": list(self.compared),
            PREFIX + "quantity": _quantity_to_json(self.quantity),
            PREFIX + "counts": {sku: _quantity_to_json(q) for sku, q in self.counts.items()},
            PREFIX + "sets_quantity": self.sets_quantity,
            PREFIX + "removing": self.removing,
            PREFIX + "items": self.items,
            PREFIX + "quote_skus": list(self.quote_skus),
            PREFIX + "quote_quantity": self.quote_quantity,
            PREFIX + "answered_country": self.answered_country,
            PREFIX + "answered_postal_code": self.answered_postal_code,
            PREFIX + "answered_shipping": self.answered_shipping,
            PREFIX + "answered_payment": self.answered_payment,
            PREFIX + "answered_voucher": self.answered_voucher,
        }

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> SalesRequest:
        """Read :meth:`to_slots`'s form back; a missing slot reads as nothing said."""

        def strings(name: str) -> tuple[str, ...]:
            value = slots.get(PREFIX + name)
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        def flag(name: str) -> bool:
            return slots.get(PREFIX + name) is True

        def text(name: str) -> str | None:
            value = slots.get(PREFIX + name)
            return value if isinstance(value, str) else None

        counts = slots.get(PREFIX + "counts")
        quote_quantity = slots.get(PREFIX + "quote_quantity")
        ordinals = slots.get(PREFIX + "ordinals")
        compare_first = slots.get(PREFIX + "compare_first")
        return cls(
            mentions=strings("mentions"),
            pointed=strings("pointed"),
            related=strings("related"),
            categories=strings("categories"),
            ordinals=tuple(int(i) for i in ordinals) if isinstance(ordinals, list) else (),
            elsewhere=flag("elsewhere"),
            model_codes=strings("model_codes"),
            query=ProductQuery.from_json(slots.get(PREFIX + "query")),
            more=flag("more"),
            refines=flag("refines"),
            country=text("country"),
            topics=Topics.from_json(slots.get(PREFIX + "topics")),
            elliptic=flag("elliptic"),
            names_something=flag("names_something"),
            compare_first=tuple(int(n) for n in compare_first) if isinstance(compare_first, list) else (),
            compared=strings("compared"),
            quantity=_quantity_from_json(slots.get(PREFIX + "quantity")),
            counts={str(k): _quantity_from_json(v) for k, v in counts.items()} if isinstance(counts, dict) else {},
            sets_quantity=flag("sets_quantity"),
            removing=flag("removing"),
            items=text("items"),
            quote_skus=strings("quote_skus"),
            quote_quantity=quote_quantity if isinstance(quote_quantity, int) else None,
            answered_country=text("answered_country"),
            answered_postal_code=text("answered_postal_code"),
            answered_shipping=text("answered_shipping"),
            answered_payment=text("answered_payment"),
            answered_voucher=text("answered_voucher"),
        )


def _quantity_to_json(quantity: Quantity | None) -> dict[str, Any] | None:
    if quantity is None:
        return None
    return {"value": quantity.value, "problem": quantity.problem.value if quantity.problem else None}


def _quantity_from_json(data: object) -> Quantity | None:
    if not isinstance(data, dict):
        return None
    value, problem = data.get("value"), data.get("problem")
    return Quantity(
        value=value if isinstance(value, int) else None,
        problem=QuantityProblem(problem) if problem in set(QuantityProblem) else None,
    )
