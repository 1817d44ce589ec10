"""Delivery estimates, cart lines, postcodes and payment limits."""

from __future__ import annotations

from datetime import date, datetime, time

from firstline.commerce.cart import CartLine, cart_from_slot, cart_to_slot, put, remove
from firstline.commerce.catalogue import Catalogue
from firstline.commerce.checkout import payment_refusal, postal_code_valid
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


def test_cart_operations_keep_the_rest() -> None:
    lines = put([], "A", 1, replace=False)
    lines = put(lines, "B", 2, replace=False)
    lines = put(lines, "A", 2, replace=False)
    assert lines == [CartLine(sku="A", quantity=3), CartLine(sku="B", quantity=2)]
    assert put(lines, "A", 1, replace=True)[0].quantity == 1
    assert remove(lines, "A") == [CartLine(sku="B", quantity=2)]
    assert cart_from_slot(cart_to_slot(lines)) == lines
    assert cart_from_slot([{"sku": 1}, "x", {"sku": "C", "quantity": 1}]) == [CartLine(sku="C", quantity=1)]


def test_postcodes_per_country(company: Company) -> None:
    config = company.commerce
    assert postal_code_valid("04229", "DE", config)
    assert not postal_code_valid("4229", "DE", config)
    assert postal_code_valid("1010", "AT", config)
    assert not postal_code_valid("10115", "AT", config)


def test_payment_limits_per_country_and_amount(company: Company) -> None:
    from decimal import Decimal

    config = company.commerce
    assert payment_refusal("invoice", "CH", Decimal(100), config) == "country"
    assert payment_refusal("invoice", "DE", Decimal("1500.01"), config) == "max_total"
    assert payment_refusal("instalments", "DE", Decimal("198.99"), config) == "min_total"
    assert payment_refusal("paypal", "CH", Decimal(5000), config) is None
