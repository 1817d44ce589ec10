"""Orders as the shop delivered them, plus the changes made in conversations since (kept in SQL).

The shop's order data stays untouched; cancellations, new addresses and refunds are stored
as change rows and applied on every read, so every process sees the same order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from firstline.actions.ports import CommerceBackend
from firstline.domain.commerce import Address, Customer, Order, OrderStatus, Product
from firstline.storage.tables import OrderChangeRow


class ChangeableOrders:
    """A commerce backend whose orders can be cancelled, re-addressed and refunded."""

    def __init__(
        self,
        base: CommerceBackend,
        engine: AsyncEngine,
        *,
        company: str = "default",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._base = base
        self._clock = clock
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._company = company

    async def get_order(self, order_number: str) -> Order | None:
        """The order with every change applied."""
        order = await self._base.get_order(order_number)
        if order is None:
            return None
        for change in await self._changes(order_number):
            if change.kind == "cancelled":
                order = dataclasses.replace(order, status=OrderStatus.CANCELLED, cancelled_at=_aware(change.created_at))
            elif change.kind == "address":
                order = dataclasses.replace(order, shipping_address=Address(**change.data["address"]))
        return order

    async def get_customer(self, customer_number: str) -> Customer | None:
        """As the shop knows them."""
        return await self._base.get_customer(customer_number)

    async def get_product(self, sku: str) -> Product | None:
        """As the shop knows it."""
        return await self._base.get_product(sku)

    async def cancel_order(self, order_number: str, *, actor: str, reason: str) -> None:
        """Mark the order cancelled."""
        await self._add(order_number, "cancelled", {"reason": reason}, actor)

    async def change_address(self, order_number: str, address: Address, *, actor: str) -> None:
        """Ship the order to a new address."""
        await self._add(order_number, "address", {"address": dataclasses.asdict(address)}, actor)

    async def record_refund(self, order_number: str, amount: Decimal, *, actor: str, reference: str) -> None:
        """Note a refund to the original payment method."""
        await self._add(order_number, "refund", {"amount": str(amount), "reference": reference}, actor)

    async def refunded(self, order_number: str) -> Decimal:
        """The total refunded for this order so far."""
        changes = await self._changes(order_number)
        return sum((Decimal(c.data["amount"]) for c in changes if c.kind == "refund"), Decimal("0"))

    async def _add(self, order_number: str, kind: str, data: dict[str, object], actor: str) -> None:
        async with self._sessions.begin() as session:
            session.add(
                OrderChangeRow(
                    company=self._company,
                    order_number=order_number,
                    kind=kind,
                    data=data,
                    actor=actor,
                    created_at=self._clock(),
                )
            )

    async def _changes(self, order_number: str) -> list[OrderChangeRow]:
        query = select(OrderChangeRow).where(
            OrderChangeRow.company == self._company, OrderChangeRow.order_number == order_number
        )
        async with self._sessions() as session:
            return list((await session.execute(query.order_by(OrderChangeRow.id))).scalars())


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
