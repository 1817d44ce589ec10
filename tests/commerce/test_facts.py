"""The shipping fact from a product's data."""

from __future__ import annotations

from firstline.commerce.facts import shipping_fact
from firstline.company.model import Company


def test_shipping_fact_says_freight_or_parcel_with_the_price(company: Company) -> None:
    products = company.data.products
    germany, austria = company.commerce.countries["DE"], company.commerce.countries["AT"]
    freight = shipping_fact(products["TV-1004"], austria)
    assert freight == {"kind": "shipping", "freight": True, "price": "69.00", "free_from": None}
    parcel = shipping_fact(products["VC-1002"], germany)
    assert parcel["freight"] is False and parcel["price"] == "4.95" and parcel["free_from"] == "50.00"
