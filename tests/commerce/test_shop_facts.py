"""Delivery and payment answers computed from commerce.yaml and worded by the pack's templates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from firstline.commerce.shop_facts import shop_facts
from firstline.company.model import Company
from firstline.domain.language import Language
from firstline.domain.shop_questions import CONTACT_TOPICS, ShopQuestion, ShopTopic
from firstline.domain.utterance import Utterance
from firstline.responses.renderer import Responder

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def said(company: Company, question: ShopQuestion, language: Language) -> str:
    facts = shop_facts(question, company.commerce, language)
    utterances = [Utterance(template=f.template, variables=f.variables) for f in facts]
    return " | ".join(r.text for r in Responder(company).render(utterances, language, NOW))


def ask(*topics: ShopTopic, countries: tuple[str, ...] = (), **kwargs: object) -> ShopQuestion:
    return ShopQuestion(topics=topics, countries=countries, **kwargs)  # type: ignore[arg-type]


def test_shipping_cost_is_the_asked_country_s(company: Company) -> None:
    text = said(company, ask(ShopTopic.SHIPPING_COST, countries=("CH",)), Language.DE)
    assert "19,90" in text and "nie kostenlos" in text
    assert "4,95" not in text and "9,90" not in text.replace("19,90", "")


def test_without_a_country_every_served_country_is_listed(company: Company) -> None:
    text = said(company, ask(ShopTopic.SHIPPING_COST), Language.EN)
    assert all(price in text for price in ("€4.95", "€9.90", "€19.90", "€50.00", "€100.00"))


def test_delivery_time_and_freight_come_from_the_country_s_table(company: Company) -> None:
    assert "4–7" in said(company, ask(ShopTopic.DELIVERY_TIME, countries=("CH",)), Language.DE)
    freight = said(company, ask(ShopTopic.FREIGHT, countries=("AT",)), Language.EN)
    assert "€69.00" in freight and "5–10" in freight and "€99.00" not in freight


def test_express_where_the_table_has_none_says_so(company: Company) -> None:
    text = said(company, ask(ShopTopic.EXPRESS, countries=("AT",)), Language.DE)
    assert "keinen Expressversand" in text and "nur nach Deutschland" in text
    assert "9,95" not in text
    assert "9,95" in said(company, ask(ShopTopic.EXPRESS, countries=("DE",)), Language.DE)


def test_a_country_not_served_gets_the_served_countries_not_a_price(company: Company) -> None:
    text = said(company, ask(ShopTopic.SHIPPING_COST, countries=("GB",)), Language.EN)
    assert "Germany, Austria and Switzerland" in text and "United Kingdom" in text
    assert "€" not in text
    german = said(company, ask(ShopTopic.SHIPPING_COST, countries=("FR",)), Language.DE)
    assert "Frankreich" in german and "in die Schweiz" in german


def test_a_payment_method_not_offered_gets_the_ones_that_are(company: Company) -> None:
    text = said(company, ask(ShopTopic.PAYMENT, other_payment="Twint"), Language.DE)
    assert text.startswith("Twint bieten wir leider nicht an.")
    assert "PayPal" in text and "Kauf auf Rechnung" in text


def test_payment_per_country_and_amount(company: Company) -> None:
    invoice_ch = said(company, ask(ShopTopic.PAYMENT, countries=("CH",), payment_methods=("invoice",)), Language.EN)
    assert "not available for deliveries to Switzerland" in invoice_ch and "to Germany and to Austria" in invoice_ch
    assert "purchase on invoice" not in invoice_ch.split("by")[-1]  # the list for Switzerland leaves it out
    invoice = said(company, ask(ShopTopic.PAYMENT, payment_methods=("invoice",)), Language.DE)
    assert "1.500,00" in invoice
    instalments = said(company, ask(ShopTopic.PAYMENT, payment_methods=("instalments",)), Language.EN)
    assert "€199.00" in instalments


def test_vat_is_the_asked_country_s_rate(company: Company) -> None:
    text = said(company, ask(ShopTopic.VAT, countries=("AT",)), Language.DE)
    assert "20 %" in text and "19 %" not in text
    assert "8,1 %" in said(company, ask(ShopTopic.VAT, countries=("CH",)), Language.DE)


def test_customs_without_a_note_in_the_data_is_left_to_the_knowledge(company: Company) -> None:
    assert shop_facts(ask(ShopTopic.CUSTOMS, countries=("DE",)), company.commerce, Language.DE) == ()
    assert "Haustür" in said(company, ask(ShopTopic.CUSTOMS, countries=("CH",)), Language.DE)


@pytest.mark.parametrize("topic", sorted(set(ShopTopic) - CONTACT_TOPICS))
def test_every_delivery_topic_renders_in_both_languages(company: Company, topic: ShopTopic) -> None:
    for language in (Language.DE, Language.EN):
        facts = shop_facts(ask(topic, countries=("CH",)), company.commerce, language)
        if topic is ShopTopic.DELIVERY_COUNTRIES:
            facts = shop_facts(ask(topic), company.commerce, language)
        assert facts, topic
        assert said(company, ask(topic, countries=("CH",)), language)


def test_one_method_asked_brings_its_note_and_its_own_article(company: Company) -> None:
    question = ask(ShopTopic.PAYMENT, countries=("AT",), payment_methods=("invoice",))
    (fact,) = shop_facts(question, company.commerce, Language.DE)
    assert fact.source == "invoice-purchase"
    text = said(company, question, Language.DE)
    assert "14 Tage" in text and "angeboten für Deutschland und Österreich" in text
    (general,) = shop_facts(ask(ShopTopic.PAYMENT), company.commerce, Language.DE)
    assert general.source is None  # the general payment article is cited
