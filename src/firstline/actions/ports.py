"""What actions need from the company's systems (shop, order management)."""

from __future__ import annotations

from typing import Protocol

from firstline.domain.commerce import Customer, Order, Product


class CommerceBackend(Protocol):
    """Read access to orders, customers and products."""

    async def get_order(self, order_number: str) -> Order | None: ...

    async def get_customer(self, customer_number: str) -> Customer | None: ...

    async def get_product(self, sku: str) -> Product | None: ...
