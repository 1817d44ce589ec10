"""Checkout actions: check each answer, read back a full summary, place the order only after "yes"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from firstline.actions.base import ActionContext, ActionResult
from firstline.actions.catalogue_shop import Shop, ShopCache, country_to, estimate_slots
from firstline.commerce.cart import cart_from_slot
from firstline.commerce.checkout import payment_refusal, postal_code_valid
from firstline.commerce.ports import DraftLine, OrderDraft, OutOfStock
from firstline.commerce.pricing import ShippingMethod, Totals
from firstline.commerce.request import SalesRequest
from firstline.domain.commerce import Address

CHECKOUT_SLOTS = (
    "checkout_name", "checkout_email", "checkout_country", "checkout_street", "checkout_postal_code", "checkout_city",
    "checkout_billing_same", "checkout_billing", "checkout_shipping", "checkout_payment", "checkout_voucher",
    "checkout_voucher_code", "checkout_confirm", "checkout_total", "checkout_view", "checkout_ready",
)  # fmt: skip


def _country_name(shop: Shop, code: str, language: str) -> str:
    return str(getattr(shop.pricing.country(code).name, language))


def _totals(shop: Shop, context: ActionContext) -> Totals:
    chosen = str(context.slots.get("checkout_shipping") or "standard")
    method = ShippingMethod(chosen) if chosen in set(ShippingMethod) else ShippingMethod.STANDARD
    voucher = context.slots.get("checkout_voucher_code")
    country = str(context.slots.get("checkout_country") or shop.catalogue.config.default_country)
    return shop.totals(context, country=country, method=method, voucher=str(voucher) if voucher else None)


@dataclass(frozen=True, slots=True)
class StartCheckout:
    """Checks the cart is not empty; fills in a verified customer's name and address."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "checkout_start"

    async def run(self, context: ActionContext) -> ActionResult:
        """An empty cart ends the checkout; bulky goods skip the shipping question (always freight)."""
        shop = await self.cache.shop(context)
        lines = cart_from_slot(context.slots.get("cart"))
        if not lines:
            return ActionResult(outcome="failed", slots={"checkout_ready": "no"}, say=("cart_empty",))
        slots: dict[str, Any] = {"checkout_ready": "yes", "checkout_voucher_code": None, "checkout_total": None}
        if any(p.bulky for p, _ in shop.products_of(lines)):
            slots["checkout_shipping"] = ShippingMethod.FREIGHT.value
        customer_number = context.slots.get("customer_number")
        if context.slots.get("identity_verified") is True and isinstance(customer_number, str):
            customer = await context.backend.get_customer(customer_number)
            if customer is not None and customer.address.country in shop.catalogue.config.countries:
                address = customer.address
                slots |= {
                    "checkout_name": address.name,
                    "checkout_street": address.street,
                    "checkout_postal_code": address.postal_code,
                    "checkout_city": address.city,
                    "checkout_country": address.country,
                    "checkout_email": customer.email,
                    "checkout_known_customer": True,
                }
        return ActionResult(outcome="done", slots=slots, args={"lines": len(lines)})


@dataclass(frozen=True, slots=True)
class CheckCountry:
    """Reads the delivery country ("Österreich", "Vienna", "CH"); only countries the company ships to."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "checkout_country"

    async def run(self, context: ActionContext) -> ActionResult:
        """Normalise to the country code or ask again."""
        shop = await self.cache.shop(context)
        answer = str(context.slots.get("checkout_country") or "")
        config = shop.catalogue.config
        code = answer if answer in config.countries else SalesRequest.from_slots(context.slots).answered_country
        if code is None:
            names = [_country_name(shop, c, context.language.value) for c in config.countries]
            return ActionResult(
                outcome="failed",
                slots={"countries": names},
                say=("checkout_country_unknown",),
                ask_again=("checkout_country",),
            )
        return ActionResult(
            outcome="done",
            slots={
                "checkout_country": code,
                "checkout_country_name": _country_name(shop, code, context.language.value),
                "checkout_country_to": country_to(shop, code, context.language.value),
            },
        )


@dataclass(frozen=True, slots=True)
class CheckPostalCode:
    """A postcode must fit the delivery country (DE five digits, AT and CH four)."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "checkout_postcode"

    async def run(self, context: ActionContext) -> ActionResult:
        """Accept or ask again, saying what a postcode of that country looks like."""
        shop = await self.cache.shop(context)
        code = SalesRequest.from_slots(context.slots).answered_postal_code or ""
        country = str(context.slots.get("checkout_country") or "")
        if postal_code_valid(code, country, shop.catalogue.config):
            return ActionResult(outcome="done", slots={"checkout_postal_code": code})
        return ActionResult(
            outcome="failed",
            slots={"invalid_postal_code": code},
            say=("checkout_postal_code_invalid",),
            ask_again=("checkout_postal_code",),
        )


@dataclass(frozen=True, slots=True)
class CheckShipping:
    """Standard or express; express only where offered (freight is fixed for bulky goods)."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "checkout_shipping"

    async def run(self, context: ActionContext) -> ActionResult:
        """Read the method; an unavailable express becomes standard, and the customer is told."""
        shop = await self.cache.shop(context)
        answer = str(context.slots.get("checkout_shipping") or "")
        if answer == ShippingMethod.FREIGHT.value:
            return ActionResult(outcome="done")
        said = SalesRequest.from_slots(context.slots).answered_shipping
        method = ShippingMethod(answer) if answer in set(ShippingMethod) else ShippingMethod(said) if said else None
        if method is None:
            return ActionResult(outcome="failed", say=("checkout_shipping_unknown",), ask_again=("checkout_shipping",))
        country = shop.pricing.country(str(context.slots.get("checkout_country") or ""))
        if method is ShippingMethod.EXPRESS and country.express is None:
            return ActionResult(
                outcome="done", slots={"checkout_shipping": ShippingMethod.STANDARD.value}, say=("checkout_no_express",)
            )
        return ActionResult(outcome="done", slots={"checkout_shipping": method.value})


@dataclass(frozen=True, slots=True)
class CheckPayment:
    """Only payment methods offered for the country and the order value."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "checkout_payment"

    async def run(self, context: ActionContext) -> ActionResult:
        """Read the method and check where and up to which amount it is offered."""
        shop = await self.cache.shop(context)
        config = shop.catalogue.config
        answer = str(context.slots.get("checkout_payment") or "")
        said = SalesRequest.from_slots(context.slots).answered_payment
        method = answer if answer in config.payment_methods else said
        country = str(context.slots.get("checkout_country") or config.default_country)
        language = context.language.value
        offered = [
            str(getattr(m.name, language))
            for key, m in config.payment_methods.items()
            if payment_refusal(key, country, _totals(shop, context).total, config) is None
        ]
        if method is None:
            return ActionResult(
                outcome="failed", slots={"payment_offered": offered}, say=("checkout_payment_unknown",),
                ask_again=("checkout_payment",),
            )  # fmt: skip
        refusal = payment_refusal(method, country, _totals(shop, context).total, config)
        if refusal is not None:
            settings = config.payment_methods[method]
            slots = {
                "payment_offered": offered,
                "payment_refused": str(getattr(settings.name, language)),
                "payment_refusal": refusal,
                "payment_limit": str(settings.max_total if refusal == "max_total" else settings.min_total),
            }
            return ActionResult(
                outcome="failed", slots=slots, say=("checkout_payment_refused",), ask_again=("checkout_payment",)
            )
        name = str(getattr(config.payment_methods[method].name, language))
        return ActionResult(outcome="done", slots={"checkout_payment": method, "checkout_payment_name": name})


@dataclass(frozen=True, slots=True)
class ApplyVoucher:
    """A voucher counts only when valid, and never beyond the company's maximum discount."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "checkout_voucher"

    async def run(self, context: ActionContext) -> ActionResult:
        """ "Nein" skips it; an unknown, expired or too-small-order voucher is explained and skipped."""
        shop = await self.cache.shop(context)
        code = SalesRequest.from_slots(context.slots).answered_voucher
        if code is None:  # "nein", "keinen", "no": no voucher
            return ActionResult(outcome="done", slots={"checkout_voucher": "none", "checkout_voucher_code": None})
        totals = _totals(shop, context)
        problem = shop.pricing.check_voucher(code, totals.goods, totals.country, shop.local(context.now).date())
        args = {"code": code}
        if problem is not None:
            voucher = shop.pricing.voucher(code)
            slots: dict[str, Any] = {
                "voucher_code": code,
                "voucher_problem": problem.value,
                "voucher_min_order": str(voucher.min_order) if voucher and voucher.min_order else None,
                "voucher_valid_until": voucher.valid_until.isoformat() if voucher and voucher.valid_until else None,
                "checkout_voucher_code": None,
            }
            return ActionResult(outcome="failed", slots=slots, say=("checkout_voucher_invalid",), args=args)
        return ActionResult(outcome="done", slots={"checkout_voucher_code": code, "voucher_code": code}, args=args)


@dataclass(frozen=True, slots=True)
class SummariseCheckout:
    """Reads back everything: items, prices, shipping, VAT, total, address, payment, delivery estimate."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "checkout_summary"

    async def run(self, context: ActionContext) -> ActionResult:
        """Price the cart for the chosen country and method and store the total the customer confirms."""
        shop = await self.cache.shop(context)
        totals = _totals(shop, context)
        lines = cart_from_slot(context.slots.get("cart"))
        products = [p for p, _ in shop.products_of(lines)]
        when = shop.delivery(products, totals.country, totals.shipping_method, context.now)
        country = shop.pricing.country(totals.country)
        view = totals.to_slots() | {
            "country_name": getattr(country.name, context.language.value),
            "country_to": country_to(shop, totals.country, context.language.value),
            "vat_note": getattr(country.vat_note, context.language.value) if country.vat_note else None,
            "delivery": estimate_slots(when),
        }
        slots = {"checkout_view": view, "checkout_total": str(totals.total)}
        return ActionResult(outcome="done", slots=slots, say=("checkout_summary",), args={"total": str(totals.total)})


@dataclass(frozen=True, slots=True)
class PlaceOrder:
    """Places the order after the explicit "yes", with the total the customer saw."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "place_order"

    async def run(self, context: ActionContext) -> ActionResult:
        """Re-price; if anything changed since the summary, show it again instead of ordering."""
        if context.slots.get("checkout_confirm") != "yes":
            return ActionResult(outcome="denied", say=("checkout_not_confirmed",))
        shop = await self.cache.shop(context)
        totals = _totals(shop, context)
        if not totals.lines:
            return ActionResult(outcome="failed", say=("cart_empty",))
        if str(totals.total) != context.slots.get("checkout_total"):
            summary = await SummariseCheckout(self.cache).run(context)
            return ActionResult(
                outcome="failed",
                slots=summary.slots,
                say=("checkout_changed", *summary.say),
                ask_again=("checkout_confirm",),
            )
        draft = self._draft(shop, context, totals)
        try:
            order_number = await self.cache.backend(context).place_order(draft)
        except OutOfStock as sold_out:
            return ActionResult(
                outcome="failed",
                say=("order_out_of_stock",),
                slots={"sold_out_name": sold_out.product_name},
                args={"total": str(totals.total)},
            )
        except Exception:  # noqa: BLE001 - any backend failure: the customer is told, nothing is half-placed
            return ActionResult(outcome="failed", say=("order_failed",), args={"total": str(totals.total)})
        # The confirmation repeats the fresh summary (with the delivery estimate), even after a cart change.
        view = (await SummariseCheckout(self.cache).run(context)).slots["checkout_view"]
        slots: dict[str, Any] = dict.fromkeys(CHECKOUT_SLOTS)
        slots |= {
            "cart": [],
            "cart_view": None,
            "order_placed_number": order_number,
            "order_placed_view": view,
            "order_placed_email": draft.email,
        }
        return ActionResult(
            outcome="done",
            slots=slots,
            say=("order_placed",),
            args={"order_number": order_number, "total": str(totals.total)},
        )

    @staticmethod
    def _draft(shop: Shop, context: ActionContext, totals: Totals) -> OrderDraft:
        slots = context.slots
        verified = slots.get("identity_verified") is True
        billing = slots.get("checkout_billing") if slots.get("checkout_billing_same") == "no" else None
        return OrderDraft(
            conversation_id=context.conversation_id,
            customer_number=str(slots["customer_number"]) if verified and slots.get("customer_number") else None,
            email=str(slots["checkout_email"]) if slots.get("checkout_email") else None,
            shipping_address=Address(
                name=str(slots.get("checkout_name") or ""),
                street=str(slots.get("checkout_street") or ""),
                postal_code=str(slots.get("checkout_postal_code") or ""),
                city=str(slots.get("checkout_city") or ""),
                country=totals.country,
            ),
            billing_address=str(billing) if billing else None,
            lines=tuple(DraftLine(sku=ln.sku, quantity=ln.quantity, unit_price=ln.unit_price) for ln in totals.lines),
            shipping_method=totals.shipping_method.value,
            shipping_cost=totals.shipping,
            discount=totals.discount,
            voucher=totals.voucher,
            payment_method=str(slots.get("checkout_payment") or ""),
            vat=totals.vat,
            total=totals.total,
            language=context.language.value,
            placed_at=context.now,
        )
