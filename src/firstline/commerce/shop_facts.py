"""Delivery and payment answers computed from ``commerce.yaml``: prices, days, express, freight, payment.

Each fact is a response template of the pack with typed variables, so the wording lives in the
pack and every number comes from its data. A country the shop does not deliver to gets the
list of countries it does deliver to, never another country's price.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from firstline.company.commerce_schema import CommerceConfig, CountryConfig, PaymentMethodConfig
from firstline.company.countries import country_name
from firstline.domain.language import Language
from firstline.domain.shop_questions import CONTACT_TOPICS, ShopFact, ShopQuestion, ShopTopic

TEMPLATES = frozenset(
    {
        "fact_shipping_cost", "fact_delivery_time", "fact_freight", "fact_express", "fact_cutoff", "fact_customs",
        "fact_vat", "fact_delivery_countries", "fact_not_delivered", "fact_payment", "fact_max_quantity",
    }
)  # fmt: skip
"""The response templates a pack needs for these answers (the demo pack's ``responses/*/delivery.yaml``)."""


def shop_facts(question: ShopQuestion, config: CommerceConfig, language: Language) -> tuple[ShopFact, ...]:
    """The answers to every topic of ``question``, in the order asked; empty when the data has none."""
    return _Facts(config, language).answer(question)


class _Facts:
    def __init__(self, config: CommerceConfig, language: Language) -> None:
        self._config = config
        self._language = language

    def answer(self, question: ShopQuestion) -> tuple[ShopFact, ...]:
        served = [c for c in question.countries if c in self._config.countries]
        unserved = [c for c in question.countries if c not in self._config.countries]
        facts: list[ShopFact] = []
        topics = question.topics
        if unserved and not set(topics) <= CONTACT_TOPICS:
            facts.append(self._not_delivered(unserved))
            topics = tuple(t for t in topics if t is not ShopTopic.DELIVERY_COUNTRIES)
            if not served and all(t is not ShopTopic.PAYMENT for t in question.topics):
                return tuple(facts)  # nothing to compute for a country we do not serve
        countries = served or list(self._config.countries)
        for topic in topics:
            if topic in CONTACT_TOPICS:
                continue  # company.yaml's, see firstline.company.contact_facts
            fact = self._fact(topic, question, countries, named=bool(served))
            if fact is not None:
                facts.append(fact)
        return tuple(facts)

    def _fact(self, topic: ShopTopic, question: ShopQuestion, countries: list[str], *, named: bool) -> ShopFact | None:
        config = self._config
        if topic is ShopTopic.SHIPPING_COST:
            return ShopFact(topic=topic, template="fact_shipping_cost", variables={"countries": self._rows(countries)})
        if topic is ShopTopic.DELIVERY_TIME:
            times = {"countries": self._rows(countries), "cutoff": config.cutoff}
            return ShopFact(topic=topic, template="fact_delivery_time", variables=times)
        if topic is ShopTopic.FREIGHT:
            return ShopFact(topic=topic, template="fact_freight", variables={"countries": self._rows(countries)})
        if topic is ShopTopic.EXPRESS:
            asked = countries if named else []
            offered = [c for c in config.countries if config.countries[c].express is not None]
            variables = {
                "offered": self._rows([c for c in (asked or offered) if c in offered]),
                "not_offered": self._rows([c for c in asked if c not in offered]),
                "offered_to": [self._to(c) for c in offered],
                "cutoff": config.cutoff,
            }
            return ShopFact(topic=topic, template="fact_express", variables=variables)
        if topic is ShopTopic.CUTOFF:
            return ShopFact(topic=topic, template="fact_cutoff", variables={"cutoff": config.cutoff})
        if topic is ShopTopic.CUSTOMS:
            rows = [row for row in self._rows(countries) if row["vat_note"]]
            return ShopFact(topic=topic, template="fact_customs", variables={"countries": rows}) if rows else None
        if topic is ShopTopic.VAT:
            vat = {"countries": self._rows(countries), "prices_include_vat_of": config.prices_include_vat_of}
            return ShopFact(topic=topic, template="fact_vat", variables=vat)
        if topic is ShopTopic.DELIVERY_COUNTRIES:
            return ShopFact(topic=topic, template="fact_delivery_countries", variables=self._served())
        if topic is ShopTopic.PAYMENT:
            return self._payment(question, countries if named else [])
        if topic is ShopTopic.MAX_QUANTITY:
            limits = {"max_quantity": config.max_quantity, "quote_min_quantity": config.quote_min_quantity}
            return ShopFact(topic=topic, template="fact_max_quantity", variables=limits)
        return None

    def _payment(self, question: ShopQuestion, countries: list[str]) -> ShopFact:
        methods = self._config.payment_methods
        country = countries[0] if countries else None
        available = [
            self._method(key, method)
            for key, method in methods.items()
            if country is None or country in method.countries
        ]
        asked = [self._method(key, methods[key]) for key in question.payment_methods if key in methods]
        variables = {
            "other": question.other_payment,
            "brand": question.brand,
            "asked": [{**m, "here": country is None or country in methods[m["key"]].countries} for m in asked],
            "available": available,
            "country_to": self._to(country) if country else None,
        }
        own = {methods[key].source for key in question.payment_methods if key in methods}
        source = own.pop() if len(own) == 1 else None  # one method asked: its own article says more
        return ShopFact(topic=ShopTopic.PAYMENT, template="fact_payment", variables=variables, source=source)

    def _method(self, key: str, method: PaymentMethodConfig) -> dict[str, Any]:
        everywhere = set(method.countries) >= set(self._config.countries)
        return {
            "key": key,
            "name": getattr(method.name, self._language.value),
            "countries_to": [] if everywhere else [self._to(c) for c in method.countries],
            "countries": [] if everywhere else [self._name(c) for c in method.countries],
            "min_total": _amount(method.min_total),
            "max_total": _amount(method.max_total),
            "note": getattr(method.note, self._language.value) if method.note else None,
        }

    def _not_delivered(self, codes: list[str]) -> ShopFact:
        variables = {"asked": [country_name(c, self._language) for c in codes], **self._served()}
        return ShopFact(topic=ShopTopic.DELIVERY_COUNTRIES, template="fact_not_delivered", variables=variables)

    def _served(self) -> dict[str, Any]:
        return {
            "served": [self._name(c) for c in self._config.countries],
            "served_to": [self._to(c) for c in self._config.countries],
        }

    def _rows(self, codes: list[str]) -> list[dict[str, Any]]:
        return [self._row(code, self._config.countries[code]) for code in codes]

    def _row(self, code: str, country: CountryConfig) -> dict[str, Any]:
        lang = self._language.value
        return {
            "code": code,
            "name": getattr(country.name, lang),
            "to": self._to(code),
            "standard": _amount(country.standard),
            "free_from": _amount(country.free_from),
            "express": _amount(country.express),
            "freight": _amount(country.freight),
            "parcel_days": list(country.parcel_days),
            "express_days": list(country.express_days),
            "freight_days": list(country.freight_days),
            "vat_percent": str(country.vat_percent),
            "vat_note": getattr(country.vat_note, lang) if country.vat_note else None,
        }

    def _name(self, code: str) -> str:
        return str(getattr(self._config.countries[code].name, self._language.value))

    def _to(self, code: str) -> str:
        country = self._config.countries[code]
        texts = country.to or country.name
        return str(getattr(texts, self._language.value))


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
