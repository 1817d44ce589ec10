"""The values entity extraction produces and the settings it reads."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum, StrEnum


class EntityKind(StrEnum):
    """What a piece of customer text refers to."""

    ORDER_NUMBER = "order_number"
    CUSTOMER_NUMBER = "customer_number"
    EMAIL = "email"
    PHONE = "phone"
    POSTAL_CODE = "postal_code"
    MONEY = "money"
    DATE = "date"
    PRODUCT = "product"
    QUANTITY = "quantity"


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A typed value found in customer text, with where it was found."""

    kind: EntityKind
    value: str
    """Normalised: order "100042", e-mail lower-case, phone E.164, money "49.90",
    date ISO "2026-11-28", product the SKU, quantity "3"."""
    text: str
    """The matched span of the original text."""
    start: int
    end: int
    unit: str | None = None
    """Currency for money ("EUR", "CHF"); country for postal codes and phones."""
    score: float = 1.0
    """Match confidence in [0, 1]; below 1 only for fuzzy product matches."""


@dataclass(frozen=True, slots=True)
class EntityPatterns:
    """Company-specific formats, configured in the company pack."""

    order_number: str = r"\b\d{6}\b"
    customer_number: str = r"\bK\d{5}\b"
    countries: tuple[str, ...] = ("DE", "AT", "CH")
    """ISO country codes the company serves; the first is the default for phones."""


DEFAULT_PATTERNS = EntityPatterns()


@dataclass(frozen=True, slots=True)
class ProductName:
    """How one catalogue product can be named by a customer."""

    sku: str
    name: str
    brand: str
    aliases: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    """Names of the kind of product ("Geschirrspüler", "Dishwashers"): "my Bosch dishwasher"."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PostalCode:
    """A postal code and, when it can be told, the country it belongs to."""

    code: str
    country: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MoneyAmount:
    """An amount of money; EUR unless the customer named another currency."""

    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Found:
    """A normalised value read from text[start:end] for one question's type (a number, a time, an IBAN)."""

    value: str
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        """Whether this value stands (partly) in text[start:end]."""
        return self.start < end and start < self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """An entity proposed by one recogniser, before overlaps are resolved."""

    entity: Entity
    priority: int
    """Higher wins an overlap: specific, context-backed readings beat bare numbers."""


class Priority(IntEnum):
    """Which reading wins when two overlap; the gaps leave room for new recognisers."""

    EMAIL = 100
    NUMERIC_DATE = 95
    PHONE = 90
    CUED_REFERENCE = 85
    MONEY = 80
    DATE = 70
    POSTAL_CODE = 60
    BARE_ORDER_NUMBER = 50
    PRODUCT = 45
    QUANTITY = 40
