"""The built-in sales backend: the pack's catalogue, and orders placed in conversations in firstline's database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import false, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from firstline.commerce.ports import OrderDraft, OutOfStock
from firstline.company.model import Company, CompanyData
from firstline.domain.commerce import Address, Order, OrderItem, OrderStatus, Product
from firstline.storage.commerce_tables import PlacedOrderRow
from firstline.storage.http_commerce import HttpCommerceBackend
from firstline.storage.pack_commerce import PackCommerceBackend

FIRST_ORDER_NUMBER = 700_000
"""Orders placed in conversations are numbered from here, away from the shop's own numbers."""


class SqlCommerceBackend(PackCommerceBackend):
    """Reads the pack's data like :class:`PackCommerceBackend`; stores placed orders."""

    def __init__(self, engine: AsyncEngine, data: CompanyData, *, company: str) -> None:
        super().__init__(data)
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._company = company
        self._products = list(data.products.values())
        self._last_order_id: int | None = None

    async def products(self) -> Sequence[Product]:
        """The catalogue with stock minus what was sold here; the same list object until the next order."""
        async with self._sessions() as session:
            last = (
                await session.execute(
                    select(func.max(PlacedOrderRow.id)).where(PlacedOrderRow.company == self._company)
                )
            ).scalar_one_or_none()
            if last != self._last_order_id:
                # A new order (from any process) changed the stock: recount once, keep the list until the next one.
                sold = await self._sold(session)
                self._products = [
                    replace(p, stock=max(0, p.stock - sold[p.sku])) if sold.get(p.sku) else p
                    for p in self._data.products.values()
                ]
                self._last_order_id = last
        return self._products

    async def _sold(self, session: AsyncSession) -> Counter[str]:
        rows = await session.execute(select(PlacedOrderRow.items).where(PlacedOrderRow.company == self._company))
        sold: Counter[str] = Counter()
        for (items,) in rows:
            for item in items:
                sold[str(item["sku"])] += int(item["quantity"])
        return sold

    async def place_order(self, draft: OrderDraft) -> str:
        """Store the order; its number comes from the row id, so parallel processes never collide."""
        row = PlacedOrderRow(
            company=self._company,
            customer_number=draft.customer_number,
            email=draft.email,
            shipping_address={
                "name": draft.shipping_address.name,
                "street": draft.shipping_address.street,
                "postal_code": draft.shipping_address.postal_code,
                "city": draft.shipping_address.city,
                "country": draft.shipping_address.country,
            },
            billing_address=draft.billing_address,
            items=[{"sku": ln.sku, "quantity": ln.quantity, "unit_price": str(ln.unit_price)} for ln in draft.lines],
            shipping_method=draft.shipping_method,
            shipping_cost=str(draft.shipping_cost),
            discount=str(draft.discount),
            voucher=draft.voucher,
            payment_method=draft.payment_method,
            vat=str(draft.vat),
            total=str(draft.total),
            language=draft.language,
            placed_at=draft.placed_at,
        )
        async with self._sessions.begin() as session:
            await _one_order_at_a_time(session)
            sold = await self._sold(session)
            for line in draft.lines:
                product = self._data.products.get(line.sku)
                # Items with a restock date can be backordered; the rest only while stock lasts.
                if (
                    product is not None
                    and product.restock_days is None
                    and line.quantity > product.stock - sold[line.sku]
                ):
                    raise OutOfStock(product.name)
            session.add(row)
            await session.flush()
            number = str(FIRST_ORDER_NUMBER + row.id)
            await session.execute(update(PlacedOrderRow).where(PlacedOrderRow.id == row.id).values(order_number=number))
        return number

    async def get_order(self, order_number: str) -> Order | None:
        """A pack order, or one placed in a conversation."""
        found = await super().get_order(order_number)
        if found is not None:
            return found
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(PlacedOrderRow).where(
                        PlacedOrderRow.company == self._company, PlacedOrderRow.order_number == order_number
                    )
                )
            ).scalar_one_or_none()
        if row is None:
            return None
        return Order(
            order_number=order_number,
            customer_number=row.customer_number or "",
            status=OrderStatus.PENDING,
            placed_at=row.placed_at,
            items=tuple(
                OrderItem(sku=i["sku"], quantity=int(i["quantity"]), unit_price=Decimal(i["unit_price"]))
                for i in row.items
            ),
            shipping_cost=Decimal(row.shipping_cost) - Decimal(row.discount),
            payment_method=row.payment_method,
            shipping_address=Address(**row.shipping_address),
        )


ORDER_LOCK = 7_000_001
"""PostgreSQL advisory lock key: placing orders is serialised, so the last unit is sold once."""


async def _one_order_at_a_time(session: AsyncSession) -> None:
    """Check stock and insert as one step for every process.

    Otherwise two transactions could both see the last unit. On PostgreSQL they queue on a
    transaction-scoped advisory lock; on SQLite a write that changes nothing takes the database's
    write lock first (reads alone take none, so the stock count would not be protected).
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ORDER_LOCK})
    else:
        await session.execute(update(PlacedOrderRow).where(false()).values(company=PlacedOrderRow.company))


def build_commerce_backend(engine: AsyncEngine, company: Company) -> SqlCommerceBackend | HttpCommerceBackend:
    """The pack's HTTP connector when ``commerce.yaml`` configures one, else the built-in SQL backend."""
    settings = company.commerce.backend
    if settings is not None:
        return HttpCommerceBackend(settings, company.data)
    return SqlCommerceBackend(engine, company.data, company=company.name)
