"""Product topics read from a question."""

from __future__ import annotations

from firstline.commerce.facts import Topics
from firstline.company.model import Company
from firstline.understanding.shop_text.topics import topics


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


def test_topics_survive_the_dialogue_state_as_json(company: Company) -> None:
    import json

    asked = topics("Passt der in eine 60-cm-Nische und ist er leise?", company.commerce, country_named=False)
    again = Topics.from_json(json.loads(json.dumps(asked.to_json())))
    assert again == asked and again.niche_cm is not None
    assert Topics.from_json("garbage") == Topics()
