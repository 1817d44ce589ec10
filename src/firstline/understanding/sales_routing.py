"""Product questions the intent classifier sends elsewhere.

"was kostet der Sony?" after a list of TVs reads like a shipping question to the classifier,
"ist das lieferbar?" after a price like an order enquiry, "und die Bose?" like adding to the
cart. When the message names a product of the catalogue (or one of a brand the catalogue
has) and asks what product data answers (price, stock, how it ships), or points at what the
conversation just showed, it goes to the product question instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from firstline.commerce.facts import topics
from firstline.commerce.references import comparative, position
from firstline.commerce.words import contains_noun, contains_phrase, fold, tokens
from firstline.company.model import Company
from firstline.domain.commands import AskKnowledge, Command, StartFlow
from firstline.understanding.entities.model import Entity, EntityKind

FOLLOW_UP_WORDS = 8
"""A message pointing at a shown product ("ist das lieferbar?") is short; longer ones are new requests."""
ELLIPSIS_WORDS = 5
"""An elliptic follow-up ("und die Bose?") is shorter still."""

_PRICE = ("was kostet", "was kosten", "wie teuer", "wieviel kostet", "wie viel kostet", "preis", "kostet", "kosten",
          "how much", "what does", "price", "cost", "costs", "expensive")  # fmt: skip
_POINTING = ("der", "die", "das", "den", "dem", "er", "sie", "es", "ihn", "dieser", "diese", "dieses", "diesen",
             "davon", "it", "that", "this", "that one", "this one", "the one", "of those", "of them")  # fmt: skip
_ELLIPSIS = ("und", "and", "und was ist mit", "und wie ist es mit", "what about", "how about", "and what about",
             "und der", "und die", "und das", "and the")  # fmt: skip
_ORDERED = ("mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "my", "our", "bestellt",
            "bestellung", "ordered", "order", "sendung", "paketnummer", "tracking")  # fmt: skip
"""Words of an order enquiry: "Wann kommt mein Bosch?" asks about an order, not the product."""
_SHIPPING_COST = ("versand", "versandkosten", "shipping", "lieferkosten", "delivery cost", "delivery charge")
_CART = ("warenkorb", "korb", "cart", "basket", "nehme", "nehm", "take", "kaufen", "buy", "bestellen", "add",
         "leg", "lege", "pack", "packe", "tu", "füge", "hinzu", "put")  # fmt: skip
_TOTAL = ("alles", "zusammen", "insgesamt", "gesamt", "summe", "total", "altogether", "all together", "everything",
          "in total", "all of it")  # fmt: skip
"""Words of a question about the whole cart ("Was kostet das alles zusammen?")."""
_PLURAL = ("sind", "are", "ones", "alle", "all", "those that", "die, die")
_MISREAD = ("order_status", "checkout", "cart_show")
"""Flows a question about a named product is mistaken for."""
_MISREAD_REFERENCE = ("order_status", "checkout", "product_search", "cart_show")
"""Flows a pick from the shown list ("der günstigere") is mistaken for."""
_MISREAD_ELLIPSIS = ("order_status", "checkout", "product_search", "cart_add", "cart_show")
"""Flows an elliptic follow-up ("und die Bose?") is mistaken for."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SalesRouting:
    """Sends misread product questions to the pack's product-question flow."""

    company: Company
    flow: str
    brands: frozenset[str]
    misread: frozenset[str]
    misread_reference: frozenset[str]
    misread_ellipsis: frozenset[str]

    @classmethod
    def of(cls, company: Company) -> SalesRouting | None:
        """The routing for a pack that sells (has a product-question flow and products); else None."""
        flow = company.flow_for_intent("product_question")
        if flow is None or not company.data.products:
            return None

        def flows(intents: Sequence[str]) -> frozenset[str]:
            return frozenset(f.name for i in intents if (f := company.flow_for_intent(i)) is not None)

        brands = frozenset(fold(p.brand) for p in company.data.products.values() if p.brand)
        return cls(
            company=company,
            flow=flow.name,
            brands=brands,
            misread=flows(_MISREAD),
            misread_reference=flows(_MISREAD_REFERENCE),
            misread_ellipsis=flows(_MISREAD_ELLIPSIS),
        )

    def route(
        self, text: str, commands: Sequence[Command], entities: Sequence[Entity], shown: Sequence[str]
    ) -> list[Command] | None:
        """The commands to use instead, or None to keep the classifier's."""
        if not commands:
            return None
        if StartFlow(self.flow) in commands:
            return self._one_product_question(commands)
        folded = fold(text)
        if any(e.kind is EntityKind.ORDER_NUMBER for e in entities) or contains_phrase(folded, _ORDERED):
            return None
        if contains_phrase(folded, (*_TOTAL, *_CART)) and not all(isinstance(c, AskKnowledge) for c in commands):
            return None  # the cart, not a product
        words = tokens(folded)
        named = any(e.kind is EntityKind.PRODUCT for e in entities) or contains_phrase(folded, self.brands) is not None
        asked = topics(text, self.company.commerce, country_named=False)
        data = contains_phrase(folded, _PRICE) is not None or asked.stock or asked.shipping
        product = any(e.kind is EntityKind.PRODUCT for e in entities)
        # "Was kostet der Versand für den Bosch Serie 4?" is about that product; "... für Bosch-Geräte?" is not.
        shipping_costs = contains_phrase(folded, _SHIPPING_COST) is not None and not (asked.shipping and product)
        if named and self._only(commands, self.misread) and not shipping_costs:
            unsure = all(isinstance(c, AskKnowledge) and c.fallback for c in commands)
            if data or (unsure and asked.any):
                return [StartFlow(self.flow)]  # "was kostet bei euch der WMF Lono", "Dyson V15 wie schwer"
        if not shown or len(words) > FOLLOW_UP_WORDS:
            return None
        singular = contains_phrase(folded, _PLURAL) is None
        picks = position(folded) is not None or comparative(folded)
        if picks and singular and not self._other_kind(folded, shown) and self._only(commands, self.misread_reference):
            return [StartFlow(self.flow)]  # "the first one", "der günstigere"
        pointing = contains_phrase(folded, _POINTING) is not None
        if pointing and data and not shipping_costs and self._only(commands, self.misread):
            return [StartFlow(self.flow)]  # "ist das lieferbar?", "can I get it now?"
        elliptic = any(folded.startswith(w + " ") for w in _ELLIPSIS) and len(words) <= ELLIPSIS_WORDS
        if named and elliptic and contains_phrase(folded, _CART) is None:
            if self._only(commands, self.misread_ellipsis):
                return [StartFlow(self.flow)]  # "und die Bose?"
        return None

    def _one_product_question(self, commands: Sequence[Command]) -> list[Command] | None:
        """ "How much is the X and does it come as a parcel?": the second half is about the same product."""
        kept = [c for c in commands if not (isinstance(c, AskKnowledge) and self._about_it(c.question))]
        return kept if len(kept) < len(commands) else None

    def _about_it(self, question: str) -> bool:
        folded = fold(question)
        asked = topics(question, self.company.commerce, country_named=False)
        shipping_costs = contains_phrase(folded, _SHIPPING_COST) is not None and not asked.shipping
        data = contains_phrase(folded, _PRICE) is not None or asked.stock or asked.shipping
        return data and not shipping_costs and contains_phrase(folded, _POINTING) is not None

    def _other_kind(self, folded: str, shown: Sequence[str]) -> bool:
        """Whether the text names a kind of product none of the shown ones is: "billigste Waschmaschine?" after TVs."""
        kinds = {p.category for s in shown if (p := self.company.data.products.get(s)) is not None}
        named = {
            key
            for key, words in self.company.commerce.categories.items()
            if contains_noun(folded, sorted(words, key=len, reverse=True))
        }
        return bool(named - kinds)

    @staticmethod
    def _only(commands: Sequence[Command], flows: frozenset[str]) -> bool:
        """Whether every command is a knowledge lookup or starts one of ``flows``."""
        return all(isinstance(c, AskKnowledge) or (isinstance(c, StartFlow) and c.flow in flows) for c in commands)
