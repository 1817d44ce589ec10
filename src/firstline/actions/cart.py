"""Cart actions: add, change or remove items, and show the cart priced for a country."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from firstline.actions.base import ActionContext, ActionResult
from firstline.actions.catalogue_shop import Shop, ShopCache, country_to, speaks_of_another
from firstline.commerce.cart import CartLine, QuantityProblem, cart_from_slot, cart_to_slot, put, remove
from firstline.commerce.pricing import ShippingMethod
from firstline.commerce.request import SalesRequest
from firstline.domain.commerce import Product


def cart_view(shop: Shop, context: ActionContext, lines: list[CartLine], country: str | None = None) -> dict[str, Any]:
    """The cart priced for the delivery country so far (or the default), for the templates."""
    code = country or str(context.slots.get("checkout_country") or shop.catalogue.config.default_country)
    chosen = str(context.slots.get("checkout_shipping") or "")
    method = ShippingMethod(chosen) if chosen in set(ShippingMethod) else ShippingMethod.STANDARD
    voucher = context.slots.get("checkout_voucher_code")
    totals = shop.pricing.totals(
        shop.products_of(lines),
        country=code,
        method=method,
        voucher=str(voucher) if voucher else None,
        today=shop.local(context.now).date(),
    )
    language = context.language.value
    country_name = getattr(shop.pricing.country(code).name, language)
    slots: dict[str, Any] = {
        "cart": cart_to_slot(lines),
        "cart_view": totals.to_slots() | {"country_name": country_name, "country_to": country_to(shop, code, language)},
    }
    if context.slots.get("checkout_total") is not None:
        # A checkout is running: its summary must show the changed cart.
        slots["checkout_total"] = str(totals.total)
        slots["checkout_view"] = slots["cart_view"]
    return slots


def _product_in(
    shop: Shop, context: ActionContext, request: SalesRequest, lines: list[CartLine] | None = None
) -> tuple[list[str], Product | None]:
    """The product a cart message is about: named, "the first one" of the results, or the current one."""
    found = list(request.mentions)
    if lines is not None and len(found) > 1:
        in_cart = [s for s in found if any(line.sku == s for line in lines)]
        found = in_cart or found
    if len(found) == 1:
        return found, shop.catalogue.get(found[0])
    if found:
        return found, None
    if lines is not None and request.categories:
        # "Nimm den Wasserkocher raus": only a kettle in the cart is meant, never the product talked about last.
        by_word = [line.sku for line in lines if _named_by_category(shop, line.sku, request)]
        return by_word, shop.catalogue.get(by_word[0]) if len(by_word) == 1 else None
    if lines is None:
        # "Leg den Sony in den Warenkorb" after a list of TVs, "the cheaper one".
        pointed = list(request.pointed)
        if pointed:
            return pointed, shop.catalogue.get(pointed[0]) if len(pointed) == 1 else None
    results = [str(s) for s in context.slots.get("search_skus") or []]
    page = int(context.slots.get("search_page") or 0) * shop.catalogue.config.page_size
    for index in request.ordinals:
        if len(results) > page + index:
            return [], shop.catalogue.get(results[page + index])
    current = context.slots.get("current_product")
    product = shop.catalogue.get(current) if isinstance(current, str) else None
    if product is not None and speaks_of_another(request, product):
        return [], None
    return [], product


def _named_by_category(shop: Shop, sku: str, request: SalesRequest) -> bool:
    product = shop.catalogue.get(sku)
    return product is not None and product.category in request.categories


@dataclass(frozen=True, slots=True)
class AddToCart:
    """Puts a product in the cart after checking the count and availability."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "add_to_cart"

    async def run(self, context: ActionContext) -> ActionResult:
        """Add (or set, "make it 3") the count of the named or current product."""
        shop = await self.cache.shop(context)
        lines = cart_from_slot(context.slots.get("cart"))
        request = SalesRequest.from_slots(context.slots)
        found, product = _product_in(shop, context, request)
        if product is None:
            template = "product_ambiguous" if found else "cart_which_product"
            names = [p.name for s in found[:4] if (p := shop.catalogue.get(s))]
            return ActionResult(outcome="failed", slots={"product_candidates": names}, say=(template,))
        config = shop.catalogue.config
        said = request.count_for(product.sku)
        quantity = said.within(config.max_quantity) if said is not None else None
        args = {"sku": product.sku, "quantity": quantity.value if quantity else 1}
        slots: dict[str, Any] = {"current_product": product.sku, "cart_product": product.name}
        if quantity is not None and quantity.problem is QuantityProblem.NOT_POSITIVE:
            return ActionResult(outcome="failed", slots=slots, say=("cart_bad_quantity",), args=args)
        if quantity is not None and quantity.problem is QuantityProblem.TOO_MANY:
            slots |= {"max_quantity": config.max_quantity, "quote_min_quantity": config.quote_min_quantity}
            return ActionResult(outcome="failed", slots=slots, say=("cart_too_many",), args=args)
        if product.stock <= 0 and product.restock_days is None:
            return ActionResult(outcome="failed", slots=slots, say=("cart_unavailable",), args=args)
        count = quantity.value if quantity is not None and quantity.value is not None else 1
        replace = request.sets_quantity and any(line.sku == product.sku for line in lines)
        updated = put(lines, product.sku, count, replace=replace)
        line = next(line for line in updated if line.sku == product.sku)
        if line.quantity > config.max_quantity:
            slots |= {"max_quantity": config.max_quantity, "quote_min_quantity": config.quote_min_quantity}
            return ActionResult(outcome="failed", slots=slots, say=("cart_too_many",), args=args)
        slots |= cart_view(shop, context, updated) | {
            "cart_quantity": line.quantity,
            "cart_added_quantity": count,
            "cart_backorder_days": product.restock_days if product.stock <= 0 else None,
        }
        return ActionResult(outcome="done", slots=slots, say=("cart_added",), args=args)


@dataclass(frozen=True, slots=True)
class ChangeCart:
    """Removes an item or changes its count; the rest of the cart stays."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "change_cart"

    async def run(self, context: ActionContext) -> ActionResult:
        """ "Nimm den Wasserkocher raus", "make it 2 kettles"."""
        shop = await self.cache.shop(context)
        lines = cart_from_slot(context.slots.get("cart"))
        if not lines:
            return ActionResult(outcome="failed", say=("cart_empty",))
        request = SalesRequest.from_slots(context.slots)
        found, product = _product_in(shop, context, request, lines)
        if product is None and len(lines) == 1 and not found and not request.categories:
            product = shop.catalogue.get(lines[0].sku)
        if product is None or not any(line.sku == product.sku for line in lines):
            if found and product is None:
                names = [p.name for s in found[:4] if (p := shop.catalogue.get(s))]
                return ActionResult(outcome="failed", slots={"product_candidates": names}, say=("product_ambiguous",))
            slots = {"cart_product": product.name if product else None}
            return ActionResult(outcome="failed", slots=slots, say=("cart_item_not_in_cart",))
        args = {"sku": product.sku}
        said = request.count_for(product.sku)
        quantity = said.within(shop.catalogue.config.max_quantity) if said is not None else None
        removing = request.removing or (quantity is not None and quantity.value == 0)
        if removing:
            updated = remove(lines, product.sku)
            slots = cart_view(shop, context, updated) | {"cart_product": product.name}
            return ActionResult(outcome="done", slots=slots, say=("cart_removed",), args=args | {"removed": True})
        if quantity is None or quantity.problem is not None or quantity.value is None:
            template = (
                "cart_too_many" if quantity and quantity.problem is QuantityProblem.TOO_MANY else "cart_bad_quantity"
            )
            config = shop.catalogue.config
            limits = {"max_quantity": config.max_quantity, "quote_min_quantity": config.quote_min_quantity}
            return ActionResult(outcome="failed", slots=limits, say=(template,), args=args)
        updated = put(lines, product.sku, quantity.value, replace=True)
        slots = cart_view(shop, context, updated) | {"cart_product": product.name, "cart_quantity": quantity.value}
        return ActionResult(
            outcome="done", slots=slots, say=("cart_changed",), args=args | {"quantity": quantity.value}
        )


@dataclass(frozen=True, slots=True)
class ShowCart:
    """Shows the cart with shipping, VAT and total for the country asked about (or the default)."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "show_cart"

    async def run(self, context: ActionContext) -> ActionResult:
        """Price the cart; "nach Österreich" prices it for Austria."""
        shop = await self.cache.shop(context)
        lines = cart_from_slot(context.slots.get("cart"))
        if not lines:
            return ActionResult(outcome="done", say=("cart_empty",))
        country = SalesRequest.from_slots(context.slots).country
        return ActionResult(outcome="done", slots=cart_view(shop, context, lines, country), say=("cart_summary",))
