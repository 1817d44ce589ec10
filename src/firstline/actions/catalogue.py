"""Catalogue actions: find products by need, answer questions about one, compare a few."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from firstline.actions.base import ActionContext, ActionResult
from firstline.actions.catalogue_shop import (
    Shop,
    ShopCache,
    country_to,
    estimate_slots,
    number,
    product_card,
    speaks_of_another,
)
from firstline.commerce.facts import (
    Topics,
    attribute_fact,
    dimensions_fact,
    feature_fact,
    fit_fact,
    overview_facts,
    shipping_fact,
)
from firstline.commerce.pricing import ShippingMethod
from firstline.commerce.query import ProductQuery
from firstline.commerce.references import Shown
from firstline.commerce.request import SalesRequest
from firstline.domain.commerce import Product

MAX_CHOICES = 8
"""At most this many products are listed when a name fits several ("Bosch Serie")."""


def _named(shop: Shop, context: ActionContext, request: SalesRequest) -> tuple[list[str], Product | None]:
    """The products the message names or points at among those shown last; else the product talked about last."""
    catalogue = shop.catalogue
    shown = Shown.from_slots(context.slots)
    found = list(request.mentions)
    among = [s for s in found if s in shown.skus]
    if len(found) > 1 and len(among) == 1:
        found = among  # "der Bosch Serie 4" after a list with one Bosch Serie 4 in it
    if not found:
        # "was kostet der Sony?", "the cheaper one", "und der Samsung mit 43 Zoll?"
        pointed = request.pointed or request.related
        found = [s for s in pointed if (p := catalogue.get(s)) and not speaks_of_another(request, p)]
    if len(found) == 1:
        return found, catalogue.get(found[0])
    if found:
        return found, None
    current = context.slots.get("current_product")
    product = catalogue.get(current) if isinstance(current, str) else None
    if product is not None and speaks_of_another(request, product):
        return [], None
    return [], product


@dataclass(frozen=True, slots=True)
class SearchCatalogue:
    """Finds products by need and attributes; narrows or pages the previous search on request."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "search_catalogue"

    async def run(self, context: ActionContext) -> ActionResult:
        """Read the filters, search, rank, and show the first page (or the next one)."""
        shop = await self.cache.shop(context)
        request = SalesRequest.from_slots(context.slots)
        previous = ProductQuery.from_json(context.slots.get("search_query"))
        query = request.query
        if request.mentions and query.like is None and not (query.limits or query.features or query.energy_label):
            # "Welche Energieklasse hat der Bosch Serie 4 SMS4HVI33E?", "wie teuer ist Bosch Serie": a named
            # product (or family) without filters is a question about it, not a search.
            return await AnswerProductQuestion(self.cache).run(context)
        skus = context.slots.get("search_skus")
        if query.is_empty and isinstance(skus, list) and skus and request.more:
            return self._page(
                shop, context, previous, [str(s) for s in skus], int(context.slots.get("search_page") or 0) + 1
            )
        if not query.categories and not query.like and not previous.is_empty and request.refines:
            query = previous.narrowed_by(query)  # "nur die mit Energieeffizienzklasse A"
        if query.is_empty:
            return ActionResult(outcome="done", say=("search_ask_details",), args={"filters": 0})
        result = shop.catalogue.search(query)
        return self._page(shop, context, result.query, list(result.skus), 0)

    @staticmethod
    def _page(shop: Shop, context: ActionContext, query: ProductQuery, skus: list[str], page: int) -> ActionResult:
        size = shop.catalogue.config.page_size
        shown = skus[page * size : (page + 1) * size]
        asked = [lim.attribute for lim in query.limits] + [key for key, _ in query.prefer]
        cards = [product_card(p, shop, context, attributes=asked) for s in shown if (p := shop.catalogue.get(s))]
        if not cards and page == 0:
            # Nothing fits: keep the last list, so "the first one" still means what the customer saw.
            return ActionResult(outcome="done", say=("search_none",), args={"results": 0, "page": 0})
        slots: dict[str, Any] = {
            "search_query": query.to_json(),
            "search_skus": skus,
            "search_page": page,
            "search_results": cards,
            "search_total": len(skus),
            "search_more": len(skus) > (page + 1) * size,
            "search_first": page * size + 1,
            **Shown(
                skus=tuple(skus), offset=page * size if cards else max(page - 1, 0) * size, seen=len(cards) or size
            ).to_slots(),
        }
        if cards:
            # "Ich nehme den" after a list of several means nothing definite: forget the old product.
            slots["current_product"] = skus[0] if len(skus) == 1 else None
        else:
            slots["search_page"] = max(page - 1, 0)  # "mehr" past the end: "the first one" still means the last page
        template = "search_results" if cards else ("search_no_more" if page else "search_none")
        return ActionResult(outcome="done", slots=slots, say=(template,), args={"results": len(skus), "page": page})


@dataclass(frozen=True, slots=True)
class AnswerProductQuestion:
    """Answers a question about one product from its data: features, measures, stock, delivery, price."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "answer_product_question"

    async def run(self, context: ActionContext) -> ActionResult:
        """Find the product (named now or talked about before), then the facts asked for."""
        shop = await self.cache.shop(context)
        request = SalesRequest.from_slots(context.slots)
        found, product = _named(shop, context, request)
        config = shop.catalogue.config
        country = request.country
        asked = request.topics
        if not asked.any and request.elliptic:
            asked = Topics.from_json(context.slots.get("product_topics"))  # "Wie laut ist X?" "und der Miele?"
        if product is None:
            return _not_identified(shop, found, context, asked, request)
        language = context.language.value
        facts: list[dict[str, Any]] = [feature_fact(product, key, config, language) for key in asked.features]
        if asked.niche_cm is not None:
            fit = fit_fact(product, asked.niche_cm)
            width = fit["width"]
            facts.append(
                fit | {"niche": number(asked.niche_cm, language), "width": number(width, language) if width else None}
            )
        if asked.dimensions:
            facts.append({k: number(v, language) if k != "kind" else v for k, v in dimensions_fact(product).items()})
        for key in asked.attributes:
            fact = attribute_fact(product, key, config, language)
            if fact["value"] is not None and key != "price":
                fact["value"] = number(fact["value"], language)
            facts.append(fact)
        if asked.energy_label:
            facts.append({"kind": "energy_label", "value": product.energy_label})
        if asked.stock or asked.delivery:
            facts.append({"kind": "stock", "stock": product.stock, "restock_days": product.restock_days})
        facts.extend(_travel_facts(shop, context, product, asked, country or config.default_country))
        if asked.accessories or asked.alternatives:
            related = product.accessories if asked.accessories else product.alternatives
            cards = [product_card(p, shop, context) for s in related if (p := shop.catalogue.get(s))]
            facts.append({"kind": "accessories" if asked.accessories else "alternatives", "products": cards})
        if not asked.any:
            facts = [{"kind": "overview"}, *overview_facts(product, config, language)]
        price = shop.pricing.unit_price(product, country) if country else product.price
        slots = {
            "current_product": product.sku,
            "product": product_card(product, shop, context) | {"price": str(price)},
            "product_facts": facts,
            "product_topics": asked.to_json(),
        }
        if product.sku not in Shown.from_slots(context.slots).skus:
            # A product from the list keeps the list ("und der zweite?" next); a new one becomes what was shown.
            slots |= Shown(skus=(product.sku,)).to_slots()
        return ActionResult(outcome="done", slots=slots, say=("product_facts",), args={"sku": product.sku})


def _travel_facts(
    shop: Shop, context: ActionContext, product: Product, asked: Topics, code: str
) -> list[dict[str, Any]]:
    """When the product would arrive in country ``code``, and whether it travels as a parcel or by freight."""
    language = context.language.value
    to = country_to(shop, code, language)
    facts: list[dict[str, Any]] = []
    if asked.delivery:
        when = shop.delivery([product], code, ShippingMethod.STANDARD, context.now)
        facts.append({"kind": "delivery", "country_to": to, **estimate_slots(when), "bulky": product.bulky})
    if asked.shipping:
        facts.append(shipping_fact(product, shop.pricing.country(code)) | {"country_to": to})
    return facts


def _not_identified(
    shop: Shop, found: list[str], context: ActionContext, asked: Topics, request: SalesRequest
) -> ActionResult:
    """Several products fit the name (list them with prices); a product we do not sell (say so); no name (ask)."""
    if found:
        # Best match first, each with its price and stock, so an unavailable one never reads as available.
        products = [p for s in found if (p := shop.catalogue.get(s))]
        shown = products[:MAX_CHOICES]
        slots: dict[str, Any] = {
            "product_candidates": [p.name for p in shown],
            "product_choices": [product_card(p, shop, context) for p in shown],
            "product_choices_more": len(products) - len(shown),
            "product_choices_label": asked.energy_label,
            "current_product": None,
            **Shown(skus=tuple(p.sku for p in shown)).to_slots(),
        }
        return ActionResult(outcome="failed", slots=slots, say=("product_choices",), args={"skus": found})
    if request.names_something:
        return ActionResult(outcome="failed", say=("product_unknown",), args={"sku": None})
    return ActionResult(outcome="failed", say=("product_which",), args={"sku": None})


@dataclass(frozen=True, slots=True)
class CompareProducts:
    """Puts two or three products side by side: price, rating, label, measures, stock and shared specs."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "compare_products"

    async def run(self, context: ActionContext) -> ActionResult:
        """Compare the products named in the message, or the first results of the last search."""
        shop = await self.cache.shop(context)
        skus = _compared(context, SalesRequest.from_slots(context.slots))
        if len(skus) < 2:
            return ActionResult(outcome="failed", say=("compare_need_two",))
        products = [p for s in skus[:3] if (p := shop.catalogue.get(s))]
        config = shop.catalogue.config
        language = context.language.value
        keys = [
            key
            for key in (
                "capacity_kg",
                "noise_db",
                "screen_inch",
                "place_settings",
                "storage_gb",
                "battery_hours",
                "width",
            )
            if key in config.attributes
            and all(attribute_fact(p, key, config, language)["value"] is not None for p in products)
        ]
        rows = []
        for product in products:
            card = product_card(product, shop, context, attributes=keys)
            rows.append(card | {"weight": number(product.weight_kg, language)})
        return ActionResult(
            outcome="done",
            slots={
                **Shown(skus=tuple(p.sku for p in products)).to_slots(),
                "comparison": rows,
                "comparison_labels": [getattr(config.attributes[k].name, language) for k in keys],
            },
            say=("comparison",),
            args={"skus": [p.sku for p in products]},
        )


def _compared(context: ActionContext, request: SalesRequest) -> list[str]:
    results = [str(s) for s in context.slots.get("search_skus") or []]
    for first in request.compare_first:
        if len(results) >= first:
            return results[:first]
    skus = list(request.compared)
    current = context.slots.get("current_product")
    if len(skus) == 1 and isinstance(current, str) and current != skus[0]:
        skus.insert(0, current)  # "Vergleich ihn mit dem X"
    return skus
