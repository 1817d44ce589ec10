"""Hours, phone, e-mail and postal address computed from company.yaml, worded by the pack."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from firstline.company.contact_facts import contact_facts
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.domain.language import Language
from firstline.domain.shop_questions import ShopQuestion, ShopTopic
from firstline.domain.utterance import Utterance
from firstline.responses.renderer import Responder


@pytest.fixture(scope="module")
def company() -> Company:
    return load_company(demo_company_dir())


def said(company: Company, *topics: ShopTopic, countries: tuple[str, ...] = (), language: Language) -> str:
    question = ShopQuestion(topics=topics, countries=countries)
    facts = contact_facts(question, company.config, company.business_hours, language)
    utterances = [Utterance(template=f.template, variables=f.variables) for f in facts]
    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    return " | ".join(r.text for r in Responder(company).render(utterances, language, now))


def test_hours_group_the_weekdays(company: Company) -> None:
    german = said(company, ShopTopic.HOURS, language=Language.DE)
    assert "Montag bis Freitag 8:00–20:00 Uhr" in german and "Sonntag geschlossen" in german
    english = said(company, ShopTopic.HOURS, language=Language.EN)
    assert "Saturday 9:00–16:00" in english and "around the clock" in english


def test_phone_is_the_asked_country_s_number(company: Company) -> None:
    assert said(company, ShopTopic.PHONE, countries=("AT",), language=Language.DE).endswith("+43 1 9988770.")
    every = said(company, ShopTopic.PHONE, language=Language.EN)
    assert "+49 341 99887-0 (Germany)" in every and "(Switzerland)" in every


def test_email_and_postal_address(company: Company) -> None:
    text = said(company, ShopTopic.EMAIL, ShopTopic.POSTAL_ADDRESS, language=Language.DE)
    assert "service@voltaro.example" in text and "Karl-Heine-Straße 99, 04229 Leipzig" in text


def test_delivery_topics_are_not_contact_facts(company: Company) -> None:
    question = ShopQuestion(topics=(ShopTopic.SHIPPING_COST,), countries=("AT",))
    assert contact_facts(question, company.config, company.business_hours, Language.DE) == ()
