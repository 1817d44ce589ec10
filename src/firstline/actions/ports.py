"""What actions need from the company's systems (shop, order management)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

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


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemCall:
    """One request to a company system, built from an action's declaration and the slots."""

    method: str
    path: str
    query: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    idempotent: bool = True
    """Safe to send twice: only then is a timeout or 5xx retried."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemReply:
    """The system's answer: its HTTP status and the parsed JSON (None for an empty body)."""

    status: int
    data: Any = None


class SystemUnavailable(Exception):
    """The call got no usable answer: ``timeout``, ``unreachable`` or ``invalid_response``."""

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


class CompanySystem(Protocol):
    """A company's own system (customer, billing, field service) as actions see it."""

    async def call(self, request: SystemCall) -> SystemReply:
        """Send one request; raise :class:`SystemUnavailable` when no usable answer comes."""
        ...
