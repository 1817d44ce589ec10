"""Products, customers and orders as the core sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from firstline.domain.language import Language


class OrderStatus(StrEnum):
    """Where an order is in its life."""

    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"


@dataclass(frozen=True, slots=True, kw_only=True)
class Product:
    """One article of the catalogue; prices in EUR including VAT."""

    sku: str
    name: str
    brand: str
    category: str
    category_name: dict[str, str]
    price: Decimal
    stock: int
    restock_days: int | None = None
    energy_label: str | None = None
    warranty_years: int = 2
    dimensions_cm: dict[str, float] = field(default_factory=dict)
    weight_kg: float = 0.0
    bulky: bool = False
    specs: dict[str, Any] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    accessories: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    rating: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """A postal address."""

    name: str
    street: str
    postal_code: str
    city: str
    country: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Customer:
    """A known customer."""

    customer_number: str
    first_name: str
    last_name: str
    email: str
    phone: str
    address: Address
    date_of_birth: date | None
    language: Language
    marketing_consent: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderItem:
    """One line of an order."""

    sku: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Order:
    """A customer's order."""

    order_number: str
    customer_number: str
    status: OrderStatus
    placed_at: datetime
    items: tuple[OrderItem, ...]
    shipping_cost: Decimal
    payment_method: str
    shipping_address: Address
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    returned_at: datetime | None = None
    carrier: str | None = None
    tracking_number: str | None = None

    @property
    def total(self) -> Decimal:
        """Items plus shipping."""
        return sum((i.unit_price * i.quantity for i in self.items), Decimal("0")) + self.shipping_cost
