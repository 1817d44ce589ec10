"""What actions need from the company's systems (shop, order management)."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from firstline.domain.commerce import Address, Customer, Order, Product
from firstline.domain.tickets import NewTicket, Ticket


class CommerceBackend(Protocol):
    """Read access to orders, customers and products."""

    async def get_order(self, order_number: str) -> Order | None: ...

    async def get_customer(self, customer_number: str) -> Customer | None: ...

    async def get_product(self, sku: str) -> Product | None: ...


class OrderChanges(Protocol):
    """Changes to orders after they were placed; each is kept with who made it."""

    async def cancel_order(self, order_number: str, *, actor: str, reason: str) -> None: ...

    async def change_address(self, order_number: str, address: Address, *, actor: str) -> None: ...

    async def record_refund(self, order_number: str, amount: Decimal, *, actor: str, reference: str) -> None: ...

    async def refunded(self, order_number: str) -> Decimal:
        """The total refunded for this order so far."""
        ...


class TicketBook(Protocol):
    """Where actions open tickets (returns, complaints, investigations) and look them up."""

    async def open(self, ticket: NewTicket) -> Ticket: ...

    async def find(self, reference: str) -> Ticket | None: ...

    async def note(self, reference: str, text: str, *, author: str) -> Ticket:
        """Add to a ticket's history."""
        ...
