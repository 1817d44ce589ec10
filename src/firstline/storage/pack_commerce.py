"""The commerce backend on the company pack's own data files (embedded mode)."""

from __future__ import annotations

from firstline.company.model import CompanyData
from firstline.domain.commerce import Customer, Order, Product


class PackCommerceBackend:
    """Orders, customers and products from ``data/`` of the company pack, read-only."""

    def __init__(self, data: CompanyData) -> None:
        self._data = data

    async def get_order(self, order_number: str) -> Order | None:
        """The order with this number."""
        return self._data.orders.get(order_number)

    async def get_customer(self, customer_number: str) -> Customer | None:
        """The customer with this number."""
        return self._data.customers.get(customer_number)

    async def get_product(self, sku: str) -> Product | None:
        """The product with this article number."""
        return self._data.products.get(sku)
