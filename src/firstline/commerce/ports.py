"""What selling needs from the shop's system: the catalogue and placing orders.

The built-in implementation keeps placed orders and quote requests in firstline's own
database (``storage/sql_commerce.py``), quote requests become tickets; a shop with its own system configures the HTTP
connector (``storage/http_commerce.py``) in ``commerce.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol, runtime_checkable

from firstline.domain.commerce import Address, Product
from firstline.errors import FirstlineError


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftLine:
    """One line of an order about to be placed."""

    sku: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderDraft:
    """An order the customer confirmed with an explicit "yes", priced and ready to place."""

    conversation_id: str | None
    customer_number: str | None
    """None for a guest."""
    email: str | None
    shipping_address: Address
    billing_address: str | None
    """None: the same as the shipping address."""
    lines: tuple[DraftLine, ...]
    shipping_method: str
    shipping_cost: Decimal
    discount: Decimal
    voucher: str | None
    payment_method: str
    vat: Decimal
    total: Decimal
    language: str
    placed_at: datetime


class OutOfStock(FirstlineError):
    """An item sold out between the summary and the "yes" (and cannot be backordered)."""

    def __init__(self, product_name: str) -> None:
        self.product_name = product_name
        super().__init__(f"{product_name} is sold out")


@runtime_checkable
class SalesBackend(Protocol):
    """The shop's catalogue and order intake."""

    async def products(self) -> Sequence[Product]: ...

    async def place_order(self, draft: OrderDraft) -> str:
        """Place the order; return its order number."""
        ...
