"""Delivery estimates, cart counts and checkout answers."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from firstline.commerce.cart import CartLine, QuantityProblem, cart_from_slot, cart_to_slot, put, read_quantity, remove
from firstline.commerce.catalogue import Catalogue
from firstline.commerce.checkout import (
    country_in,
    payment_method_in,
    payment_refusal,
    postal_code_valid,
    shipping_method_in,
    voucher_code_in,
)
from firstline.commerce.delivery import WorkingDays, estimate
from firstline.commerce.pricing import ShippingMethod
from firstline.company.model import Company

DAYS = WorkingDays([date(2026, 12, 25), date(2026, 12, 26)])
CUTOFF = time(14, 0)


def test_parcel_ordered_before_cutoff_leaves_today(company: Company, catalogue: Catalogue) -> None:
    germany = company.commerce.countries["DE"]
    found = estimate([catalogue.products["SP-1001"]], country=germany, method=ShippingMethod.STANDARD,
                     now=datetime(2026, 11, 26, 10, 0), cutoff=CUTOFF, days=DAYS)  # fmt: skip
    assert (found.earliest, found.latest) == (date(2026, 11, 27), date(2026, 12, 1))


def test_express_after_cutoff_on_friday_arrives_tuesday(company: Company, catalogue: Catalogue) -> None:
    germany = company.commerce.countries["DE"]
    found = estimate([catalogue.products["SP-1001"]], country=germany, method=ShippingMethod.EXPRESS,
                     now=datetime(2026, 11, 27, 15, 0), cutoff=CUTOFF, days=DAYS)  # fmt: skip
    assert found.earliest == date(2026, 12, 1)


def test_out_of_stock_waits_for_restock_and_unknown_has_no_date(company: Company, catalogue: Catalogue) -> None:
    austria = company.commerce.countries["AT"]
    now = datetime(2026, 11, 26, 10, 0)
    later = estimate([catalogue.products["VC-1003"]], country=austria, method=ShippingMethod.STANDARD, now=now,
                     cutoff=CUTOFF, days=DAYS)  # fmt: skip
    assert later.restock_days == 21 and later.earliest is not None and later.earliest > date(2026, 12, 17)
    never = estimate([catalogue.products["FR-1003"]], country=austria, method=ShippingMethod.STANDARD, now=now,
                     cutoff=CUTOFF, days=DAYS)  # fmt: skip
    assert not never.known


def test_working_days_skip_weekends_and_holidays() -> None:
    assert DAYS.add(date(2026, 12, 24), 1) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        ("2 Stück", 2, None),
        ("zwei bitte", 2, None),
        ("a dozen", 12, None),
        ("ein Dutzend", 12, None),
        ("3x", 3, None),
        ("0", 0, QuantityProblem.NOT_POSITIVE),
        ("-1", -1, QuantityProblem.NOT_POSITIVE),
        ("1000000000 Stück", 1000000000, QuantityProblem.TOO_MANY),
        ("10^9", None, QuantityProblem.TOO_MANY),
        ("21", 21, QuantityProblem.TOO_MANY),
    ],
)
def test_quantities(text: str, value: int | None, problem: QuantityProblem | None) -> None:
    found = read_quantity(text, max_quantity=20)
    assert found is not None and (found.value, found.problem) == (value, problem)


def test_no_number_means_no_quantity() -> None:
    assert read_quantity("in den Warenkorb bitte", max_quantity=20) is None


def test_cart_operations_keep_the_rest() -> None:
    lines = put([], "A", 1, replace=False)
    lines = put(lines, "B", 2, replace=False)
    lines = put(lines, "A", 2, replace=False)
    assert lines == [CartLine(sku="A", quantity=3), CartLine(sku="B", quantity=2)]
    assert put(lines, "A", 1, replace=True)[0].quantity == 1
    assert remove(lines, "A") == [CartLine(sku="B", quantity=2)]
    assert cart_from_slot(cart_to_slot(lines)) == lines
    assert cart_from_slot([{"sku": 1}, "x", {"sku": "C", "quantity": 1}]) == [CartLine(sku="C", quantity=1)]


def test_countries_postcodes_and_methods(company: Company) -> None:
    config = company.commerce
    assert country_in("nach Wien bitte", config) == "AT"
    assert country_in("Switzerland", config) == "CH"
    assert country_in("Frankreich", config) is None
    assert postal_code_valid("04229", "DE", config)
    assert not postal_code_valid("4229", "DE", config)
    assert postal_code_valid("1010", "AT", config)
    assert not postal_code_valid("10115", "AT", config)
    assert shipping_method_in("Express bitte") is ShippingMethod.EXPRESS
    assert shipping_method_in("standard is fine") is ShippingMethod.STANDARD
    assert payment_method_in("auf Rechnung", config) == "invoice"
    assert payment_method_in("with Apple Pay", config) == "apple_pay"
    assert voucher_code_in("mein Code ist winter10") == "WINTER10"
    assert voucher_code_in("nein") is None


def test_payment_limits_per_country_and_amount(company: Company) -> None:
    from decimal import Decimal

    config = company.commerce
    assert payment_refusal("invoice", "CH", Decimal(100), config) == "country"
    assert payment_refusal("invoice", "DE", Decimal("1500.01"), config) == "max_total"
    assert payment_refusal("instalments", "DE", Decimal("198.99"), config) == "min_total"
    assert payment_refusal("paypal", "CH", Decimal(5000), config) is None
