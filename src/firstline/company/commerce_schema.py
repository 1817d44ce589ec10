"""The pack's selling files: ``commerce.yaml`` (countries, shipping, payment, vocabulary) and ``data/vouchers.json``.

Pydantic models are the boundary (STYLE L3); they are frozen, so the loaded values are
used as they are by the commerce logic.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from firstline.domain.shop_questions import ShopTopic


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Frozen):
    """A text in both languages."""

    de: str
    en: str


class CountryConfig(_Frozen):
    """One delivery country: VAT, postcodes, shipping and delivery times."""

    name: Texts
    to: Texts | None = None
    """"nach Österreich", "in die Schweiz", "to Austria": for sentences about deliveries (default: the name)."""
    words: tuple[str, ...] = ()
    """How customers name the country or its cities ("Österreich", "Austria", "Wien", "Vienna")."""
    vat_percent: Decimal
    vat_note: Texts | None = None
    """Said next to the VAT line, e.g. that Swiss import VAT and customs are included."""
    postal_code: str = r"^\d{5}$"
    """A regular expression a postcode of this country must match."""
    standard: Decimal
    """Standard parcel shipping, EUR."""
    free_from: Decimal | None = None
    """Goods value from which standard parcel shipping is free; null: never free."""
    express: Decimal | None = None
    """Express parcel shipping, EUR; null: not offered."""
    freight: Decimal
    """Freight forwarding for bulky goods, charged once per order; no free threshold."""
    parcel_days: tuple[int, int]
    express_days: tuple[int, int] = (1, 1)
    freight_days: tuple[int, int]


class PaymentMethodConfig(_Frozen):
    """A payment method and where and up to which order value it is offered."""

    name: Texts
    words: tuple[str, ...]
    countries: tuple[str, ...]
    min_total: Decimal | None = None
    max_total: Decimal | None = None
    note: Texts | None = None
    """Said when a customer asks about this method, e.g. the payment term."""
    source: str | None = None
    """The knowledge article about this method (cited instead of the general payment article)."""


class AttributeConfig(_Frozen):
    """A measurable product attribute customers ask about ("leise", "8 kg", "45 cm breit")."""

    name: Texts
    source: str
    """Where the value is: ``price``, ``rating``, ``weight_kg``, ``dimensions.width`` or ``specs.<key>``."""
    unit: str = ""
    units: tuple[str, ...] = ()
    """Unit words that point to this attribute in a filter ("kg", "Zoll", "inch")."""
    words: tuple[str, ...] = ()
    """Words that name the attribute ("schwer", "weight", "breit", "wide")."""
    low_words: tuple[str, ...] = ()
    """Words that ask for a low value ("leise", "quiet", "leicht", "light")."""
    high_words: tuple[str, ...] = ()
    """Words that ask for a high value ("groß", "big")."""


class FeatureConfig(_Frozen):
    """A yes/no feature in ``specs`` ("Bluetooth", "WLAN", "NoFrost")."""

    name: Texts
    spec: str
    words: tuple[str, ...]


class HttpBackendConfig(_Frozen):
    """The shop's own system over HTTP: where its endpoints are and how its fields are named."""

    base_url: HttpUrl
    products: str = "/products"
    """GET: a JSON list of products (or an object with the list under ``products_key``)."""
    products_key: str | None = None
    product: str = "/products/{sku}"
    """GET: one product; 404 when unknown."""
    orders: str = "/orders"
    """POST: place an order; the answer carries the order number."""
    order_number_field: str = "order_number"
    fields: dict[str, str] = {}
    """Our product field → the shop's field name (dotted paths allowed), e.g. ``price: pricing.gross``."""
    timeout_seconds: float = Field(default=10.0, gt=0, le=120)


class CommerceConfig(_Frozen):
    """``commerce.yaml``: everything the agent needs to sell for this company."""

    currency: Literal["EUR"] = "EUR"
    prices_include_vat_of: str = "DE"
    """Catalogue prices are gross with this country's VAT; other countries get their own VAT."""
    countries: dict[str, CountryConfig] = {}
    default_country: str = "DE"
    cutoff: str = "14:00"
    """Orders by this time on a working day leave the warehouse the same day."""
    max_discount_percent: Decimal = Decimal("15")
    max_quantity: int = Field(default=20, ge=1)
    """More units of one article than this in a cart: the customer is offered a quote."""
    quote_min_quantity: int = Field(default=10, ge=1)
    payment_methods: dict[str, PaymentMethodConfig] = {}
    categories: dict[str, tuple[str, ...]] = {}
    """Category key → words customers use for it ("Spülmaschine", "dishwasher")."""
    attributes: dict[str, AttributeConfig] = {}
    features: dict[str, FeatureConfig] = {}
    page_size: int = Field(default=3, ge=1, le=10)
    backend: HttpBackendConfig | None = None
    """Unset: carts and orders in firstline's own database; set: the shop's system over HTTP."""
    sources: dict[ShopTopic, str] = {}
    """Which knowledge article states each delivery and payment fact (cited with the computed answer)."""

    @model_validator(mode="after")
    def _countries_known(self) -> CommerceConfig:
        known = set(self.countries)
        if self.countries and self.default_country not in known:
            raise ValueError(f"default_country '{self.default_country}' is not in countries")
        for key, method in self.payment_methods.items():
            unknown = set(method.countries) - known
            if self.countries and unknown:
                raise ValueError(f"payment method '{key}' names unknown countries {sorted(unknown)}")
        return self

    @field_validator("cutoff")
    @classmethod
    def _time(cls, value: str) -> str:
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            raise ValueError(f"write the cut-off as HH:MM, not {value!r}")
        return value


class VoucherRecord(_Frozen):
    """One voucher code of ``data/vouchers.json``: a percentage or a fixed amount off the goods."""

    code: str = Field(min_length=3, max_length=40)
    percent: Decimal | None = Field(default=None, gt=0, le=100)
    amount: Decimal | None = Field(default=None, gt=0)
    valid_from: date | None = None
    valid_until: date | None = None
    min_order: Decimal | None = None
    countries: tuple[str, ...] = ()
    """Empty: valid for every delivery country."""

    @model_validator(mode="after")
    def _one_kind(self) -> VoucherRecord:
        if (self.percent is None) == (self.amount is None):
            raise ValueError("a voucher needs exactly one of 'percent' and 'amount'")
        return self
