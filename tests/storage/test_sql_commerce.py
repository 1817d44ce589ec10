"""Orders placed in conversations, in the built-in SQL backend (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from firstline.commerce.ports import DraftLine, OrderDraft, OutOfStock, SalesBackend
from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.commerce import Address, OrderStatus
from firstline.storage.sql_commerce import SqlCommerceBackend, build_commerce_backend

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def draft(total: str = "104.94") -> OrderDraft:
    return OrderDraft(
        conversation_id="c1",
        customer_number=None,
        email="guest@example.de",
        shipping_address=Address(name="Anna Gast", street="Weg 1", postal_code="04229", city="Leipzig", country="DE"),
        billing_address=None,
        lines=(DraftLine(sku="SP-1001", quantity=1, unit_price=Decimal("99.99")),),
        shipping_method="express",
        shipping_cost=Decimal("9.95"),
        discount=Decimal("5.00"),
        voucher="WILLKOMMEN5",
        payment_method="paypal",
        vat=Decimal("16.75"),
        total=Decimal(total),
        language="de",
        placed_at=NOW,
    )


@pytest.mark.anyio
async def test_migration_creates_the_orders_table(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
    assert "placed_orders" in tables


@pytest.mark.anyio
async def test_placed_orders_get_consecutive_numbers_and_can_be_looked_up(engine: AsyncEngine) -> None:
    company = load_company(demo_company_dir())
    backend = build_commerce_backend(engine, company)
    assert isinstance(backend, SqlCommerceBackend) and isinstance(backend, SalesBackend)
    first, second = await backend.place_order(draft()), await backend.place_order(draft())
    assert (first, second) == ("700001", "700002")
    order = await backend.get_order(first)
    assert order is not None and order.status is OrderStatus.PENDING
    assert order.total == Decimal("104.94")  # items + shipping − discount
    assert order.shipping_address.city == "Leipzig"
    assert await backend.get_order("799999") is None
    assert (await backend.get_order("100055")) is not None  # the pack's own orders still answer


@pytest.mark.anyio
async def test_catalogue_is_the_same_list_every_time(engine: AsyncEngine) -> None:
    backend = SqlCommerceBackend(engine, load_company(demo_company_dir()).data, company="Voltaro")
    assert await backend.products() is await backend.products()
    assert len(await backend.products()) == 60


@pytest.mark.anyio
async def test_placed_orders_count_against_stock_and_the_last_unit_is_sold_once(engine: AsyncEngine) -> None:
    data = load_company(demo_company_dir()).data
    product = next(p for p in data.products.values() if p.stock == 1 and p.restock_days is None)
    backend = SqlCommerceBackend(engine, data, company="Voltaro")
    one = replace(draft(), lines=(DraftLine(sku=product.sku, quantity=1, unit_price=product.price),))
    before = await backend.products()
    await backend.place_order(one)
    after = await backend.products()
    assert after is not before and next(p for p in after if p.sku == product.sku).stock == 0
    assert await backend.products() is after  # no new order: the same list (the search index is kept)
    with pytest.raises(OutOfStock):
        await backend.place_order(one)
    # Another process sees the same stock.
    other = SqlCommerceBackend(engine, data, company="Voltaro")
    assert next(p for p in await other.products() if p.sku == product.sku).stock == 0


@pytest.mark.anyio
async def test_two_processes_racing_for_the_last_unit_sell_it_once(engine: AsyncEngine) -> None:
    import anyio

    data = load_company(demo_company_dir()).data
    product = next(p for p in data.products.values() if p.stock == 1 and p.restock_days is None)
    one = replace(draft(), lines=(DraftLine(sku=product.sku, quantity=1, unit_price=product.price),))
    outcomes: list[str] = []

    async def buy() -> None:
        # Separate backends, as separate processes would have.
        try:
            await SqlCommerceBackend(engine, data, company="Voltaro").place_order(one)
            outcomes.append("sold")
        except OutOfStock:
            outcomes.append("sold out")

    async with anyio.create_task_group() as group:
        group.start_soon(buy)
        group.start_soon(buy)
    assert sorted(outcomes) == ["sold", "sold out"]
