"""Prices per country, shipping from the company's table, vouchers and totals, all in exact Decimal.

Catalogue prices are gross with the VAT of ``prices_include_vat_of`` (Germany for the demo):
for another country the net price gets that country's VAT (Austria 20 %, Switzerland 8.1 %
import VAT). Each line is rounded to the cent, half up, as on an invoice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from firstline.company.commerce_schema import CommerceConfig, CountryConfig, VoucherRecord
from firstline.domain.commerce import Product

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """Round to the cent, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class ShippingMethod(StrEnum):
    """How a parcel travels; bulky goods always go by freight."""

    STANDARD = "standard"
    EXPRESS = "express"
    FREIGHT = "freight"


class VoucherProblem(StrEnum):
    """Why a voucher code cannot be used."""

    UNKNOWN = "unknown"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    MIN_ORDER = "min_order"
    COUNTRY = "country"


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One cart line priced for a country."""

    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    total: Decimal
    bulky: bool
    weight_kg: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Totals:
    """A priced basket: goods, discount, shipping, VAT contained and the total to pay."""

    country: str
    lines: tuple[Line, ...]
    goods: Decimal
    discount: Decimal
    voucher: str | None
    discount_capped: bool
    shipping_method: ShippingMethod
    shipping: Decimal
    vat_percent: Decimal
    vat: Decimal
    total: Decimal
    free_shipping_from: Decimal | None
    """The threshold, when the basket could ship free (parcels only)."""
    missing_for_free_shipping: Decimal | None
    weight_kg: float

    def to_slots(self) -> dict[str, object]:
        """Plain values for the dialogue state and the reply templates (money as decimal strings)."""
        return {
            "country": self.country,
            "lines": [
                {
                    "sku": ln.sku,
                    "name": ln.name,
                    "quantity": ln.quantity,
                    "unit_price": str(ln.unit_price),
                    "total": str(ln.total),
                }
                for ln in self.lines
            ],
            "goods": str(self.goods),
            "discount": str(self.discount),
            "voucher": self.voucher,
            "discount_capped": self.discount_capped,
            "shipping_method": self.shipping_method.value,
            "shipping": str(self.shipping),
            "vat_percent": format(self.vat_percent.normalize(), "f"),
            "vat": str(self.vat),
            "total": str(self.total),
            "free_shipping_from": str(self.free_shipping_from) if self.free_shipping_from is not None else None,
            "missing_for_free_shipping": (
                str(self.missing_for_free_shipping) if self.missing_for_free_shipping is not None else None
            ),
            "weight_kg": round(self.weight_kg, 2),
        }


class Pricing:
    """The company's price, shipping and voucher rules."""

    def __init__(self, config: CommerceConfig, vouchers: Sequence[VoucherRecord]) -> None:
        self.config = config
        self._vouchers = {v.code.upper(): v for v in vouchers}

    def country(self, code: str) -> CountryConfig:
        """The settings of a delivery country (the default country for an unknown code)."""
        return self.config.countries.get(code) or self.config.countries[self.config.default_country]

    def unit_price(self, product: Product, country: str) -> Decimal:
        """The product's gross price for delivery to ``country``."""
        base = self.config.countries.get(self.config.prices_include_vat_of)
        target = self.config.countries.get(country)
        if base is None or target is None or target is base:
            return cents(product.price)
        net = product.price / (1 + base.vat_percent / 100)
        return cents(net * (1 + target.vat_percent / 100))

    def check_voucher(self, code: str, goods: Decimal, country: str, today: date) -> VoucherProblem | None:
        """Why ``code`` cannot be used on this basket, or None when it can."""
        voucher = self._vouchers.get(code.strip().upper())
        if voucher is None:
            return VoucherProblem.UNKNOWN
        if voucher.valid_from is not None and today < voucher.valid_from:
            return VoucherProblem.NOT_YET_VALID
        if voucher.valid_until is not None and today > voucher.valid_until:
            return VoucherProblem.EXPIRED
        if voucher.countries and country not in voucher.countries:
            return VoucherProblem.COUNTRY
        if voucher.min_order is not None and goods < voucher.min_order:
            return VoucherProblem.MIN_ORDER
        return None

    def voucher(self, code: str) -> VoucherRecord | None:
        """The voucher with this code, in any spelling."""
        return self._vouchers.get(code.strip().upper())

    def totals(
        self,
        items: Sequence[tuple[Product, int]],
        *,
        country: str,
        method: ShippingMethod = ShippingMethod.STANDARD,
        voucher: str | None = None,
        today: date,
    ) -> Totals:
        """Price a basket for a country; an invalid voucher is ignored (check it first)."""
        lines = tuple(
            Line(
                sku=p.sku,
                name=p.name,
                quantity=q,
                unit_price=(unit := self.unit_price(p, country)),
                total=cents(unit * q),
                bulky=p.bulky,
                weight_kg=p.weight_kg * q,
            )
            for p, q in items
        )
        goods = sum((ln.total for ln in lines), ZERO)
        discount, capped = self._discount(voucher, goods, country, today)
        settings = self.country(country)
        shipping_method, shipping = self._shipping(lines, goods - discount, settings, method)
        total = goods - discount + shipping
        vat_percent = settings.vat_percent
        vat = cents(total * vat_percent / (100 + vat_percent))
        free_from = settings.free_from if shipping_method is ShippingMethod.STANDARD else None
        missing = free_from - (goods - discount) if free_from is not None and goods - discount < free_from else None
        return Totals(
            country=country,
            lines=lines,
            goods=goods,
            discount=discount,
            voucher=voucher if discount > 0 else None,
            discount_capped=capped,
            shipping_method=shipping_method,
            shipping=shipping,
            vat_percent=vat_percent,
            vat=vat,
            total=total,
            free_shipping_from=free_from,
            missing_for_free_shipping=missing,
            weight_kg=sum(ln.weight_kg for ln in lines),
        )

    def _discount(self, code: str | None, goods: Decimal, country: str, today: date) -> tuple[Decimal, bool]:
        """The voucher's discount on the goods, never above the company's maximum discount."""
        if not code or self.check_voucher(code, goods, country, today) is not None:
            return ZERO, False
        voucher = self._vouchers[code.strip().upper()]
        wanted = cents(goods * voucher.percent / 100) if voucher.percent is not None else (voucher.amount or ZERO)
        ceiling = cents(goods * self.config.max_discount_percent / 100)
        return (min(wanted, ceiling, goods), wanted > ceiling)

    @staticmethod
    def _shipping(
        lines: Sequence[Line], value: Decimal, country: CountryConfig, method: ShippingMethod
    ) -> tuple[ShippingMethod, Decimal]:
        """Freight once per order when anything is bulky; express if offered; else standard, maybe free."""
        if not lines:
            return ShippingMethod.STANDARD, ZERO
        if any(ln.bulky for ln in lines):
            return ShippingMethod.FREIGHT, country.freight
        if method is ShippingMethod.EXPRESS and country.express is not None:
            return ShippingMethod.EXPRESS, country.express
        if country.free_from is not None and value >= country.free_from:
            return ShippingMethod.STANDARD, ZERO
        return ShippingMethod.STANDARD, country.standard
