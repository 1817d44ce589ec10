"""Counts and checkout answers read from customers' messages."""

from __future__ import annotations

import pytest

from firstline.commerce.cart import QuantityProblem
from firstline.commerce.pricing import ShippingMethod
from firstline.company.model import Company
from firstline.understanding.shop_text.checkout import (
    country_in,
    payment_method_in,
    shipping_method_in,
    voucher_code_in,
)
from firstline.understanding.shop_text.quantity import read_quantity


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


def test_countries_postcodes_and_methods(company: Company) -> None:
    config = company.commerce
    assert country_in("nach Wien bitte", config) == "AT"
    assert country_in("Switzerland", config) == "CH"
    assert country_in("Frankreich", config) is None
    assert shipping_method_in("Express bitte") is ShippingMethod.EXPRESS
    assert shipping_method_in("standard is fine") is ShippingMethod.STANDARD
    assert payment_method_in("auf Rechnung", config) == "invoice"
    assert payment_method_in("with Apple Pay", config) == "apple_pay"
    assert voucher_code_in("mein Code ist winter10") == "WINTER10"
    assert voucher_code_in("nein") is None
