"""The pack's file formats as pydantic models (the boundary); converted to domain values on load."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_HOURS = re.compile(r"^(closed|\d{2}:\d{2}-\d{2}:\d{2})$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PatternsConfig(_Strict):
    """Regular expressions for the company's identifiers."""

    order_number: str = r"\b\d{6}\b"
    customer_number: str = r"\bK\d{5}\b"

    @field_validator("order_number", "customer_number")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"not a valid regular expression: {error}") from error
        return value


class ContactsConfig(_Strict):
    """How customers reach people at the company."""

    phone: dict[str, str]
    email: str
    website: str | None = None
    postal_address: str | None = None


class CompanyConfig(_Strict):
    """``company.yaml``."""

    name: str = Field(min_length=1)
    legal_name: str | None = None
    languages: list[Literal["de", "en"]] = ["de", "en"]
    default_language: Literal["de", "en"] = "de"
    address_form: Literal["formal", "informal"] = "formal"
    timezone: str = "Europe/Berlin"
    business_hours: dict[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], str]
    holidays: list[date] = []
    countries: list[Literal["DE", "AT", "CH"]] = ["DE", "AT", "CH"]
    contacts: ContactsConfig
    patterns: PatternsConfig = PatternsConfig()

    @field_validator("business_hours")
    @classmethod
    def _hours(cls, value: dict[str, str]) -> dict[str, str]:
        for day, hours in value.items():
            if not _HOURS.match(hours):
                raise ValueError(f"{day}: write hours as 'HH:MM-HH:MM' or 'closed', not {hours!r}")
        return value


class VerificationConfig(_Strict):
    """How a customer proves who they are."""

    methods: list[Literal["order_number_and_email", "order_number_and_postal_code"]] = [
        "order_number_and_email",
        "order_number_and_postal_code",
    ]
    max_attempts: int = Field(default=3, ge=1, le=10)


class RulesConfig(_Strict):
    """``rules.yaml``: what the agent may do on its own."""

    verification: VerificationConfig = VerificationConfig()
    return_window_days: int = Field(default=30, ge=0)
    withdrawal_days: int = Field(default=14, ge=14)
    refund_limit: Decimal = Field(default=Decimal("200.00"), ge=0)
    goodwill_limit: Decimal = Field(default=Decimal("25.00"), ge=0)
    human_only_topics: list[str] = []


Template = str | dict[Literal["formal", "informal"], str]


class Bilingual(_Strict):
    """A text in both languages."""

    de: str
    en: str


class ProductRecord(_Strict):
    """One entry of ``data/products.json``."""

    sku: str = Field(min_length=1)
    name: str = Field(min_length=1)
    brand: str
    category: str
    category_name: Bilingual
    price: Annotated[Decimal, Field(ge=0, decimal_places=2)]
    stock: int = Field(ge=0)
    restock_days: int | None = None
    energy_label: Literal["A", "B", "C", "D", "E", "F", "G"] | None = None
    warranty_years: int = Field(default=2, ge=0)
    dimensions_cm: dict[Literal["width", "height", "depth"], float] = {}
    weight_kg: float = Field(default=0.0, ge=0)
    bulky: bool = False
    specs: dict[str, Any] = {}
    description: Bilingual
    accessories: list[str] = []
    alternatives: list[str] = []
    rating: float | None = Field(default=None, ge=1, le=5)


class AddressRecord(_Strict):
    """A postal address in ``data/orders.json``."""

    name: str
    street: str
    postal_code: str
    city: str
    country: Literal["DE", "AT", "CH"]


class OrderItemRecord(_Strict):
    """One order line."""

    sku: str
    quantity: int = Field(ge=1)
    unit_price: Decimal = Field(ge=0)


class OrderRecord(_Strict):
    """One entry of ``data/orders.json``."""

    order_number: str
    customer_number: str
    status: Literal["pending", "paid", "shipped", "delivered", "cancelled", "returned"]
    placed_at: datetime
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    returned_at: datetime | None = None
    items: list[OrderItemRecord] = Field(min_length=1)
    shipping_cost: Decimal = Field(ge=0)
    payment_method: str
    shipping_address: AddressRecord
    carrier: str | None = None
    tracking_number: str | None = None


class CustomerRecord(_Strict):
    """One row of ``data/customers.csv``."""

    customer_number: str = Field(min_length=1)
    first_name: str
    last_name: str
    email: str
    phone: str = ""
    street: str
    postal_code: str
    city: str
    country: Literal["DE", "AT", "CH"]
    date_of_birth: date | None = None
    language: Literal["de", "en"] = "de"
    marketing_consent: bool = False
