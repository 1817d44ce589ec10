"""Product topics read from a question, and the shipping fact from a product's data."""

from __future__ import annotations

from firstline.commerce.facts import Topics, shipping_fact, topics
from firstline.company.model import Company


def test_shipping_kind_and_stock_words_are_product_topics(company: Company) -> None:
    config = company.commerce
    assert topics("Kommt der per Spedition oder als Paket?", config, country_named=False).shipping
    assert topics("does it come by freight?", config, country_named=False).shipping
    assert topics("habt ihr das lagernd?", config, country_named=False).stock
    assert topics("can i get it now?", config, country_named=False).stock
    shipping_cost = topics("Was kostet der Versand für den Bosch Serie 4?", config, country_named=False)
    assert shipping_cost.shipping and "price" not in shipping_cost.attributes
    assert "price" in topics("How much is the Dyson V15?", config, country_named=False).attributes
    assert "price" not in topics("How much does it weigh?", config, country_named=False).attributes


def test_shipping_fact_says_freight_or_parcel_with_the_price(company: Company) -> None:
    products = company.data.products
    germany, austria = company.commerce.countries["DE"], company.commerce.countries["AT"]
    freight = shipping_fact(products["TV-1004"], austria)
    assert freight == {"kind": "shipping", "freight": True, "price": "69.00", "free_from": None}
    parcel = shipping_fact(products["VC-1002"], germany)
    assert parcel["freight"] is False and parcel["price"] == "4.95" and parcel["free_from"] == "50.00"


def test_topics_survive_the_dialogue_state_as_json(company: Company) -> None:
    import json

    asked = topics("Passt der in eine 60-cm-Nische und ist er leise?", company.commerce, country_named=False)
    again = Topics.from_json(json.loads(json.dumps(asked.to_json())))
    assert again == asked and again.niche_cm is not None
    assert Topics.from_json("garbage") == Topics()
