"""What every selling action shares: the shop (catalogue, prices, delivery days) and display helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

from firstline.actions.base import ActionContext
from firstline.commerce.cart import CartLine, cart_from_slot
from firstline.commerce.catalogue import Catalogue
from firstline.commerce.delivery import Estimate, WorkingDays, estimate
from firstline.commerce.facts import attribute_fact
from firstline.commerce.ports import OrderDraft, SalesBackend
from firstline.commerce.pricing import Pricing, ShippingMethod, Totals
from firstline.commerce.request import SalesRequest
from firstline.company.model import Company
from firstline.domain.commerce import Product
from firstline.domain.text import tokens


def speaks_of_another(request: SalesRequest, product: Product) -> bool:
    """ "Was kostet das iPhone 16 bei MediaMarkt?" is not about the dishwasher talked about before."""
    if request.elsewhere:
        return True
    own = set(tokens(product.name)) | {product.sku.lower()}
    if any(code not in own for code in request.model_codes):
        return True  # "der Bosch XY-9000": a model we do not have
    other_category = bool(request.query.categories) and product.category not in request.query.categories
    other_brand = bool(request.query.brands) and product.brand not in request.query.brands
    return other_category or other_brand


class _PackOnly:
    """A backend that can show the pack's catalogue but cannot take orders (no sales backend configured)."""

    def __init__(self, company: Company) -> None:
        self._products = list(company.data.products.values())

    async def products(self) -> Sequence[Product]:
        return self._products

    async def place_order(self, draft: OrderDraft) -> str:
        raise RuntimeError("this deployment has no order intake configured")


@dataclass(slots=True, kw_only=True)
class Shop:
    """The catalogue, prices and delivery calendar of one company, built once per product list."""

    catalogue: Catalogue
    pricing: Pricing
    days: WorkingDays
    timezone: ZoneInfo
    cutoff: time
    company: Company

    def local(self, now: datetime) -> datetime:
        """``now`` in the company's time zone."""
        return now.astimezone(self.timezone)

    def products_of(self, lines: Sequence[CartLine]) -> list[tuple[Product, int]]:
        """The cart's products with their counts; lines whose product vanished are skipped."""
        return [(p, line.quantity) for line in lines if (p := self.catalogue.get(line.sku)) is not None]

    def delivery(self, products: Sequence[Product], country: str, method: ShippingMethod, now: datetime) -> Estimate:
        """When these products would arrive in ``country`` if ordered now."""
        return estimate(
            products,
            country=self.pricing.country(country),
            method=method,
            now=self.local(now),
            cutoff=self.cutoff,
            days=self.days,
        )

    def totals(self, context: ActionContext, *, country: str, method: ShippingMethod, voucher: str | None) -> Totals:
        """The cart in the slots, priced for ``country``."""
        lines = cart_from_slot(context.slots.get("cart"))
        return self.pricing.totals(
            self.products_of(lines),
            country=country,
            method=method,
            voucher=voucher,
            today=self.local(context.now).date(),
        )


class ShopCache:
    """Keeps the built shop while the backend returns the same product list (building it indexes every product)."""

    def __init__(self, backend: SalesBackend | None = None) -> None:
        self._key: tuple[int, int, int] | None = None
        self._shop: Shop | None = None
        self._backend = backend

    def backend(self, context: ActionContext) -> SalesBackend:
        """The connected backend; else the turn's backend if it can sell; else the pack's catalogue, read-only."""
        if self._backend is not None:
            return self._backend
        if isinstance(context.backend, SalesBackend):
            return context.backend
        return _PackOnly(context.company)

    async def shop(self, context: ActionContext) -> Shop:
        """The shop for this turn's company and backend."""
        products = await self.backend(context).products()
        key = (id(context.company), id(products), len(products))
        if self._shop is None or self._key != key:
            config = context.company.commerce
            hours, minutes = (int(part) for part in config.cutoff.split(":"))
            self._shop = Shop(
                catalogue=Catalogue(products, config),
                pricing=Pricing(config, context.company.vouchers),
                days=WorkingDays(context.company.config.holidays),
                timezone=ZoneInfo(context.company.config.timezone),
                cutoff=time(hours, minutes),
                company=context.company,
            )
            self._key = key
        return self._shop


def country_to(shop: Shop, code: str, language: str) -> str:
    """ "nach Österreich", "in die Schweiz", "to Austria"."""
    country = shop.pricing.country(code)
    return str(getattr(country.to or country.name, language))


def number(value: float | Decimal | int | str, language: str) -> str:
    """``59.8`` → ``59,8`` (de) / ``59.8`` (en)."""
    return str(format_decimal(Decimal(str(value)), locale="de_DE" if language == "de" else "en_GB"))


def product_card(
    product: Product, shop: Shop, context: ActionContext, *, attributes: Sequence[str] = ()
) -> dict[str, Any]:
    """A product as the reply templates show it: name, price, stock, rating and the asked attributes."""
    language = context.language.value
    facts = []
    for key in attributes:
        if key in shop.catalogue.config.attributes and key not in ("price", "rating"):
            fact = attribute_fact(product, key, shop.catalogue.config, language)
            if fact["value"] is not None:
                facts.append(f"{number(fact['value'], language)} {fact['unit']}".strip())
    return {
        "sku": product.sku,
        "name": product.name,
        "price": str(product.price),
        "stock": product.stock,
        "restock_days": product.restock_days,
        "rating": number(product.rating, language) if product.rating is not None else None,
        "energy_label": product.energy_label,
        "facts": facts,
        "bulky": product.bulky,
    }


def estimate_slots(found: Estimate) -> dict[str, Any]:
    """A delivery estimate as slot values (ISO dates)."""
    return {
        "earliest": found.earliest.isoformat() if found.earliest else None,
        "latest": found.latest.isoformat() if found.latest else None,
        "restock_days": found.restock_days,
    }
