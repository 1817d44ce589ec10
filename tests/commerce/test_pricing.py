"""Prices per country, shipping from the table, vouchers within the maximum discount, all in Decimal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from firstline.commerce.catalogue import Catalogue
from firstline.commerce.pricing import Pricing, ShippingMethod, VoucherProblem
from firstline.domain.commerce import Product

TODAY = date(2026, 11, 26)


def basket(catalogue: Catalogue, *items: tuple[str, int]) -> list[tuple[Product, int]]:
    return [(catalogue.products[sku], count) for sku, count in items]


def test_austrian_and_swiss_prices_use_their_vat(pricing: Pricing, catalogue: Catalogue) -> None:
    product = catalogue.products["WM-1001"]  # 479.00 with 19 % German VAT
    assert pricing.unit_price(product, "DE") == Decimal("479.00")
    assert pricing.unit_price(product, "AT") == Decimal("483.03")
    assert pricing.unit_price(product, "CH") == Decimal("435.13")


def test_free_shipping_starts_exactly_at_the_threshold(pricing: Pricing, catalogue: Catalogue) -> None:
    below = pricing.totals(basket(catalogue, ("HD-1001", 1)), country="DE", today=TODAY)  # 49.99
    assert below.shipping == Decimal("4.95") and below.missing_for_free_shipping == Decimal("0.01")
    above = pricing.totals(basket(catalogue, ("HD-1001", 1), ("AC-1002", 1)), country="DE", today=TODAY)
    assert above.shipping == Decimal("0.00") and above.total == Decimal("52.48")


def test_austria_free_from_100_switzerland_never(pricing: Pricing, catalogue: Catalogue) -> None:
    austria = pricing.totals(basket(catalogue, ("SP-1001", 1)), country="AT", today=TODAY)
    assert austria.goods == Decimal("100.83") and austria.shipping == Decimal("0.00")
    swiss = pricing.totals(basket(catalogue, ("TV-1005", 1), ("SP-1001", 1)), country="CH", today=TODAY)
    assert swiss.shipping_method is ShippingMethod.FREIGHT and swiss.shipping == Decimal("99.00")
    parcel = pricing.totals(basket(catalogue, ("SP-1001", 9)), country="CH", today=TODAY)
    assert parcel.shipping == Decimal("19.90")


def test_freight_once_per_order_and_no_free_threshold(pricing: Pricing, catalogue: Catalogue) -> None:
    totals = pricing.totals(basket(catalogue, ("WM-1001", 1), ("DW-1001", 1)), country="DE", today=TODAY)
    assert totals.shipping_method is ShippingMethod.FREIGHT
    assert totals.shipping == Decimal("39.00")
    assert totals.total == Decimal("1067.00")


def test_express_only_where_offered(pricing: Pricing, catalogue: Catalogue) -> None:
    items = basket(catalogue, ("SP-1001", 1))
    germany = pricing.totals(items, country="DE", method=ShippingMethod.EXPRESS, today=TODAY)
    assert germany.shipping == Decimal("9.95")  # also above the free threshold
    austria = pricing.totals(items, country="AT", method=ShippingMethod.EXPRESS, today=TODAY)
    assert austria.shipping_method is ShippingMethod.STANDARD


def test_vat_contained_in_the_total(pricing: Pricing, catalogue: Catalogue) -> None:
    totals = pricing.totals(basket(catalogue, ("HP-1003", 1)), country="DE", today=TODAY)
    assert totals.vat == Decimal("39.76")  # 249.00 × 19/119


def test_vouchers_valid_expired_minimum_unknown(pricing: Pricing) -> None:
    assert pricing.check_voucher("winter10", Decimal(100), "DE", TODAY) is None
    assert pricing.check_voucher("SOMMER15", Decimal(100), "DE", TODAY) is VoucherProblem.EXPIRED
    assert pricing.check_voucher("WILLKOMMEN5", Decimal("49.99"), "DE", TODAY) is VoucherProblem.MIN_ORDER
    assert pricing.check_voucher("FREEMONEY", Decimal(100), "DE", TODAY) is VoucherProblem.UNKNOWN
    assert pricing.check_voucher("VIP20", Decimal(100), "DE", date(2026, 10, 1)) is VoucherProblem.NOT_YET_VALID


def test_discount_never_above_the_maximum(pricing: Pricing, catalogue: Catalogue) -> None:
    items = basket(catalogue, ("HP-1004", 1))  # 99.99
    capped = pricing.totals(items, country="DE", method=ShippingMethod.EXPRESS, voucher="VIP20", today=TODAY)
    assert capped.discount == Decimal("15.00") and capped.discount_capped
    assert capped.total == Decimal("94.94")
    normal = pricing.totals(items, country="DE", voucher="WINTER10", today=TODAY)
    assert normal.discount == Decimal("10.00") and not normal.discount_capped
    expired = pricing.totals(items, country="DE", voucher="SOMMER15", today=TODAY)
    assert expired.discount == Decimal("0.00") and expired.voucher is None


def test_fixed_voucher_never_makes_the_goods_negative(pricing: Pricing, catalogue: Catalogue) -> None:
    totals = pricing.totals(basket(catalogue, ("SP-1001", 1)), country="DE", voucher="WILLKOMMEN5", today=TODAY)
    assert totals.discount == Decimal("5.00")
    assert totals.total == Decimal("94.99")


def test_empty_basket_costs_nothing(pricing: Pricing) -> None:
    totals = pricing.totals([], country="DE", today=TODAY)
    assert totals.total == Decimal("0.00") and totals.shipping == Decimal("0.00")
