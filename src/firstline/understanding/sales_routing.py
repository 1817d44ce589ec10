"""Product questions the intent classifier sends elsewhere.

"was kostet der Sony?" after a list of TVs reads like a shipping question to the classifier,
"ist das lieferbar?" after a price like an order enquiry, "und die Bose?" like adding to the
cart. When the message names a product of the catalogue (or one of a brand the catalogue
has) and asks what product data answers (price, stock, how it ships), or points at what the
conversation just showed, it goes to the product question instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from firstline.company.model import Company
from firstline.domain.commands import AskKnowledge, Command, Respond, StartFlow
from firstline.understanding.entities.model import Entity, EntityKind
from firstline.understanding.shop_text.mentions import ProductMentions
from firstline.understanding.shop_text.references import comparative, elliptic, position
from firstline.understanding.shop_text.topics import topics
from firstline.understanding.shop_text.words import contains_noun, contains_phrase, fold, tokens

FOLLOW_UP_WORDS = 8
"""A message pointing at a shown product ("ist das lieferbar?") is short; longer ones are new requests."""
MENTION_WORDS = 30
"""Only messages this short are searched for product names a second time: a pasted essay names none."""

_PRICE = ("was kostet", "was kosten", "wie teuer", "wieviel kostet", "wie viel kostet", "preis", "kostet", "kosten",
          "how much", "what does", "price", "cost", "costs", "expensive")  # fmt: skip
_POINTING = ("der", "die", "das", "den", "dem", "er", "sie", "es", "ihn", "dieser", "diese", "dieses", "diesen",
             "davon", "it", "that", "this", "one", "that one", "this one", "the one", "of those",
             "of them")  # fmt: skip
_ORDERED = ("mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "my", "our", "bestellt",
            "bestellung", "ordered", "order", "sendung", "paketnummer", "tracking")  # fmt: skip
"""Words of an order enquiry: "Wann kommt mein Bosch?" asks about an order, not the product."""
_SHIPPING_COST = ("versand", "versandkosten", "shipping", "lieferkosten", "delivery cost", "delivery charge")
_CART = ("warenkorb", "korb", "cart", "basket", "nehme", "nehm", "take", "kaufen", "buy", "bestellen", "add",
         "leg", "lege", "pack", "packe", "tu", "füge", "hinzu", "put")  # fmt: skip
_TOTAL = ("alles", "zusammen", "insgesamt", "gesamt", "summe", "total", "altogether", "all together", "everything",
          "in total", "all of it")  # fmt: skip
"""Words of a question about the whole cart ("Was kostet das alles zusammen?")."""
_SEARCHING = ("welche", "which", "habt ihr", "haben sie", "gibt es", "zeig", "zeigen", "show", "do you have", "any",
              "einer", "eines", "irgendein", "irgendeiner", "one of")  # fmt: skip
"""Words of a new search ("Welche Bose habt ihr?"), not of a pick from the list."""
_COMPARE = ("vergleich", "vergleiche", "vergleichen", "unterschied", "besser", "versus", "vs", "gegen", "compare",
            "comparison", "difference", "better", "against")  # fmt: skip
"""Words of a real comparison: "und der Miele im Vergleich?" is one, "und der Miele?" is not."""
_PLURAL = ("sind", "are", "ones", "alle", "all", "those that", "die, die")
_FILLERS = frozenset(
    """noch nochmal bitte please jetzt gerade grad sofort also okay genau wirklich really actually currently aktuell
    momentan derzeit schon überhaupt then dann right could would kann können könnt euch eurem your haben have habt
    gibts gibt there much viel does eigentlich mittlerweile inzwischen wieder again still gleich""".split()
)
"""Words that add nothing to a follow-up about the product just shown."""
_MISREAD = ("order_status", "checkout", "cart_show")
"""Flows a question about a named product is mistaken for."""
_MISREAD_REFERENCE = ("order_status", "checkout", "product_search", "cart_show")
"""Flows a pick from the shown list ("der günstigere") is mistaken for."""
_MISREAD_ELLIPSIS = ("order_status", "checkout", "product_search", "cart_add", "cart_show", "product_compare")
"""Flows an elliptic follow-up ("und die Bose?") is mistaken for."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Cues:
    """What one message says that matters for routing it."""

    folded: str
    words: int
    product: bool
    """It names a catalogue product."""
    brand: str | None
    """A brand of the catalogue it names."""
    data: bool
    """It asks what product data answers: price, stock, how it ships."""
    anything: bool
    """It asks about any product topic (weight, features, ...)."""
    shipping_costs: bool
    """It asks what shipping costs in general, not for one named product."""
    cart: bool
    singular: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SalesRouting:
    """Sends misread product questions to the pack's product-question flow."""

    company: Company
    flow: str
    mentions: ProductMentions
    """The catalogue's own name matcher, the one the product question will use."""
    brands: dict[str, str]
    """Each spelling of a brand of the catalogue → the brand's key."""
    single_brands: frozenset[str]
    """Brands with one product: the brand alone names it ("Was kostet der Roborock?")."""
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

        counts = Counter(_brand_key(p.brand) for p in company.data.products.values() if p.brand)
        # How a brand may be written: "de'longhi", "delonghi"; each spelling leads to its key.
        spellings = {fold(p.brand): _brand_key(p.brand) for p in company.data.products.values() if p.brand}
        spellings |= {key: key for key in counts}
        return cls(
            company=company,
            flow=flow.name,
            mentions=ProductMentions(company.data.products.values(), company.commerce.categories),
            brands=spellings,
            single_brands=frozenset(b for b, n in counts.items() if n == 1),
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
        cues = self._cues(text, entities)
        if cues is None:
            return None
        if self._asks_about_named(cues, commands) or (shown and self._follows_up(cues, commands, shown)):
            return [StartFlow(self.flow)]
        return None

    def _cues(self, text: str, entities: Sequence[Entity]) -> _Cues | None:
        """What the message says about products; None when it is about an order or the cart."""
        folded = fold(text)
        if any(e.kind is EntityKind.ORDER_NUMBER for e in entities) or contains_phrase(folded, _ORDERED):
            return None
        words = len(tokens(folded))
        product = any(e.kind is EntityKind.PRODUCT for e in entities)
        if not product and words <= MENTION_WORDS:
            product = bool(self.mentions.find(text))  # spellings the entity matcher misses ("oral b io 7")
        spelled = contains_phrase(folded, self.brands)
        brand = self.brands[spelled] if spelled is not None else None
        asked = topics(text, self.company.commerce, country_named=False)
        return _Cues(
            folded=folded,
            words=words,
            product=product,
            brand=brand,
            data=contains_phrase(folded, _PRICE) is not None or asked.stock or asked.shipping,
            anything=asked.any,
            # "Was kostet der Versand für den Bosch Serie 4?" is about that product; "... für Bosch-Geräte?" is not.
            shipping_costs=contains_phrase(folded, _SHIPPING_COST) is not None and not (asked.shipping and product),
            cart=contains_phrase(folded, (*_TOTAL, *_CART)) is not None,
            singular=contains_phrase(folded, _PLURAL) is None,
        )

    def _asks_about_named(self, cues: _Cues, commands: Sequence[Command]) -> bool:
        """ "was kostet bei euch der WMF Lono", "habt ihr Apple iPhone lagernd?", "Dyson V15 wie schwer"."""
        # A brand of several products names none of them without a list to pick from ("Wie teuer ist Miele?").
        named = cues.product or cues.brand in self.single_brands
        if not named or cues.shipping_costs or not self._only(commands, self.misread):
            return False
        if cues.cart and not all(isinstance(c, AskKnowledge) for c in commands):
            return False
        unsure = all(isinstance(c, AskKnowledge) and c.fallback for c in commands)
        # Rather than "I can't help with that", say what the named product is ("do u guys have the oral b io 7").
        return cues.data or (unsure and (cues.anything or cues.product))

    def _follows_up(self, cues: _Cues, commands: Sequence[Command], shown: Sequence[str]) -> bool:
        """ "the first one", "der günstigere", "ist das lieferbar?", "whats the bose one cost", "und die Bose?"."""
        if cues.words > FOLLOW_UP_WORDS or cues.cart or self._other_kind(cues.folded, shown):
            return False
        if (
            elliptic(cues.folded)
            and (cues.product or cues.brand is not None)
            and not contains_phrase(cues.folded, _COMPARE)
        ):
            # "und die Bose?", "and the bose ones?"; small talk is no reading of a message like that either.
            talk = [c for c in commands if not isinstance(c, Respond)]
            return self._only(talk, self.misread_ellipsis)
        if not cues.singular or contains_phrase(cues.folded, _SEARCHING) is not None:
            return False  # "welche davon sind auf Lager?", "ist einer davon lieferbar?": a search
        # "the third one please - in stock?" is no cart request, whatever the classifier thought.
        reference = self.misread_ellipsis if cues.data else self.misread_reference
        if not self._only(commands, reference):
            return False
        if position(cues.folded) is not None or comparative(cues.folded):
            return True
        pointing = contains_phrase(cues.folded, _POINTING) is not None
        if pointing and cues.data and not cues.shipping_costs and not self._names_more(cues.folded):
            return True  # "ist das lieferbar?", "can I get it now?"
        shown_brand = cues.brand is not None and self._shows_brand(cues.brand, shown)
        return shown_brand and cues.data and not any(ch.isdigit() for ch in cues.folded)  # "whats the bose one cost"

    def _names_more(self, folded: str) -> bool:
        """Whether a follow-up names more than the product's data: "Was kostet die Lieferung?", "die Montage"."""
        for word in tokens(folded):
            if len(word) < 4 or word in _FILLERS or contains_phrase(word, (*_PRICE, *_POINTING)):
                continue
            asked = topics(word, self.company.commerce, country_named=False)
            if not (asked.stock or asked.shipping or asked.attributes or asked.features or asked.energy_label):
                return True
        return False

    def _shows_brand(self, brand: str, shown: Sequence[str]) -> bool:
        products = self.company.data.products
        return any(_brand_key(p.brand) == brand for s in shown if (p := products.get(s)) is not None)

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


def _brand_key(brand: str) -> str:
    """A brand as one plain word: "De'Longhi" → "delonghi", "Oral-B" → "oralb"."""
    return re.sub(r"[\W_]", "", fold(brand))
