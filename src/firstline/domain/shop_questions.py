"""Questions the company's own data answers: shipping, delivery times, express, freight, payment, contacts.

Understanding reads them from the customer's words; the answer is computed from
``commerce.yaml`` and ``company.yaml``, never quoted from a sentence that may be about
another country.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ShopTopic(StrEnum):
    """One thing asked about delivery, payment or how to reach the company."""

    SHIPPING_COST = "shipping_cost"
    DELIVERY_TIME = "delivery_time"
    EXPRESS = "express"
    FREIGHT = "freight"
    CUTOFF = "cutoff"
    CUSTOMS = "customs"
    VAT = "vat"
    DELIVERY_COUNTRIES = "delivery_countries"
    PAYMENT = "payment"
    MAX_QUANTITY = "max_quantity"
    HOURS = "hours"
    PHONE = "phone"
    EMAIL = "email"
    POSTAL_ADDRESS = "postal_address"


HOME_COUNTRY_SLOT = "customer_country"
"""Where the customer said they live ("Ich wohne in Innsbruck"): the country later questions mean."""

CONTACT_TOPICS = frozenset({ShopTopic.HOURS, ShopTopic.PHONE, ShopTopic.EMAIL, ShopTopic.POSTAL_ADDRESS})
"""Answered from ``company.yaml``; every other topic from ``commerce.yaml``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ShopQuestion:
    """What was asked (one or more topics) and about which countries and payment methods."""

    topics: tuple[ShopTopic, ...]
    countries: tuple[str, ...] = ()
    """ISO codes as named by the customer, served or not; empty: not said."""
    payment_methods: tuple[str, ...] = ()
    """Keys of the pack's payment methods that were named."""
    other_payment: str | None = None
    """A payment method the customer named that the pack does not offer ("Twint")."""
    brand: str | None = None
    """A brand named for one of the pack's methods ("American Express" for the credit card)."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable copy (kept in the dialogue state for follow-ups)."""
        return {
            "topics": [t.value for t in self.topics],
            "countries": list(self.countries),
            "payment_methods": list(self.payment_methods),
            "other_payment": self.other_payment,
            "brand": self.brand,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ShopQuestion | None:
        """Rebuild a question stored by :meth:`to_json`; ``None`` for nothing or something unreadable."""
        if not data:
            return None
        try:
            return cls(
                topics=tuple(ShopTopic(t) for t in data.get("topics", ())),
                countries=tuple(str(c) for c in data.get("countries", ())),
                payment_methods=tuple(str(m) for m in data.get("payment_methods", ())),
                other_payment=data.get("other_payment"),
                brand=data.get("brand"),
            )
        except ValueError:
            return None  # a topic an older or newer version wrote


@dataclass(frozen=True, slots=True, kw_only=True)
class ShopFact:
    """One computed answer: which template words it, with what, and which topic's article backs it."""

    topic: ShopTopic
    template: str
    variables: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    """The article to cite when it is not the topic's usual one (a payment method's own article)."""
