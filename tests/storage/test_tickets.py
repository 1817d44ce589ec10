"""Tickets, the audit log and order changes in SQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from firstline.domain.commerce import Address, Order, OrderItem, OrderStatus
from firstline.domain.language import Language
from firstline.domain.tickets import AuditEntry, Decision, NewTicket, TicketKind, TicketStatus
from firstline.errors import NotFound
from firstline.storage.order_changes import ChangeableOrders
from firstline.storage.tickets import SqlAuditLog, SqlTicketStore

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.anyio


async def test_tickets_get_unique_references_and_keep_their_history(engine: AsyncEngine) -> None:
    store = SqlTicketStore(engine, clock=lambda: NOW)
    first = await store.open(NewTicket(kind=TicketKind.COMPLAINT, subject="Driver rude", language=Language.EN))
    second = await store.open(
        NewTicket(kind=TicketKind.RETURN, subject="Return", language=Language.DE, details={"items": ["DW-1001"]})
    )
    assert first.reference.startswith("CMP-1") and second.reference.startswith("RET-1")
    assert first.reference.split("-")[1] != second.reference.split("-")[1]
    assert (await store.find(f" {first.reference.lower()} ")) is not None
    updated = await store.update(
        first.reference, author="staff:anna", event="note", text="Called back", status=TicketStatus.IN_PROGRESS
    )
    assert [e.kind for e in updated.events] == ["created", "note"]
    assert updated.status is TicketStatus.IN_PROGRESS
    assert [t.reference for t in await store.list(open_only=True)] == [second.reference, first.reference]
    assert [t.reference for t in await store.list(kind=TicketKind.RETURN)] == [second.reference]
    with pytest.raises(NotFound):
        await store.get("CMP-000000")


async def test_audit_log_keeps_every_attempt(engine: AsyncEngine) -> None:
    audit = SqlAuditLog(engine)
    for decision, outcome in ((Decision.DENIED, "denied"), (Decision.ALLOWED, "done")):
        await audit.record(
            AuditEntry(
                actor="bot",
                action="cancel_order",
                args={"order_number": "100001"},
                decision=decision,
                outcome=outcome,
                created_at=NOW,
                conversation_id="c1",
                rule="not_yet_shipped" if outcome == "denied" else None,
            )
        )
    entries = await audit.entries(conversation_id="c1")
    assert [(e.decision, e.outcome, e.rule) for e in entries] == [
        (Decision.ALLOWED, "done", None),
        (Decision.DENIED, "denied", "not_yet_shipped"),
    ]


class _Shop:
    async def get_order(self, order_number: str) -> Order | None:
        if order_number != "100001":
            return None
        return Order(
            order_number="100001",
            customer_number="K1",
            status=OrderStatus.PAID,
            placed_at=NOW,
            items=(OrderItem(sku="X", quantity=2, unit_price=Decimal("10.50")),),
            shipping_cost=Decimal("4.90"),
            payment_method="paypal",
            shipping_address=Address(name="A", street="S 1", postal_code="10115", city="Berlin", country="DE"),
        )

    async def get_customer(self, customer_number: str) -> None:
        return None

    async def get_product(self, sku: str) -> None:
        return None


async def test_order_changes_apply_on_every_read(engine: AsyncEngine) -> None:
    orders = ChangeableOrders(_Shop(), engine, clock=lambda: NOW)
    new = Address(name="A", street="Ring 2", postal_code="1010", city="Wien", country="AT")
    await orders.change_address("100001", new, actor="bot")
    await orders.record_refund("100001", Decimal("5.00"), actor="bot", reference="RF-1")
    await orders.record_refund("100001", Decimal("2.50"), actor="staff:anna", reference="RF-2")
    await orders.cancel_order("100001", actor="bot", reason="customer request")
    # A second store on the same database (another process) sees the same order.
    order = await ChangeableOrders(_Shop(), engine).get_order("100001")
    assert order is not None
    assert order.status is OrderStatus.CANCELLED and order.cancelled_at == NOW
    assert order.shipping_address == new
    assert await orders.refunded("100001") == Decimal("7.50")
    assert await orders.get_order("999999") is None


async def test_a_conditional_update_wins_once_even_when_two_race(engine: AsyncEngine) -> None:
    import anyio

    from firstline.errors import InvalidTransition

    store = SqlTicketStore(engine, clock=lambda: NOW)
    ticket = await store.open(
        NewTicket(kind=TicketKind.APPROVAL, subject="Refund", language=Language.DE, status=TicketStatus.PENDING)
    )
    results: list[str] = []

    async def decide(status: TicketStatus) -> None:
        try:
            await store.update(
                ticket.reference,
                author="staff:x",
                event="decision",
                text="",
                status=status,
                only_if=TicketStatus.PENDING,
            )
            results.append(status.value)
        except InvalidTransition:
            results.append("refused")

    async with anyio.create_task_group() as group:
        group.start_soon(decide, TicketStatus.APPROVED)
        group.start_soon(decide, TicketStatus.DENIED)
    assert results.count("refused") == 1
    final = await store.get(ticket.reference)
    assert final.status.value in results


async def test_a_company_ticket_kind_gets_its_prefix_priority_and_sla(engine: AsyncEngine) -> None:
    from firstline.actions.base import ActionContext
    from firstline.actions.company_actions import TicketAction
    from firstline.company.actions_schema import ActionConfig
    from firstline.company.loader import bundled_pack_dir, load_company

    company = load_company(bundled_pack_dir("stadtwerke"))
    store = SqlTicketStore(engine, clock=lambda: NOW)
    config = ActionConfig.model_validate({"ticket": "outage", "input": ["energy", "postal_code", "street"]})
    context = ActionContext(
        slots={"energy": "strom", "postal_code": "36251", "street": "Lindenweg 4", "verified_customer": "VK-104233"},
        language=Language.DE,
        company=company,
        backend=None,  # type: ignore[arg-type]  # a ticket action needs only the ticket book
        changes=None,  # type: ignore[arg-type]
        tickets=store,
        now=NOW,
    )
    result = await TicketAction("report_outage", config).run(context)
    reference = result.slots["ticket_reference"]
    assert reference.startswith("STO-")
    ticket = await store.get(reference)
    assert ticket.kind is TicketKind.CASE and ticket.priority.value == "urgent"
    assert ticket.details["case"] == "outage" and ticket.details["fields"]["street"] == "Lindenweg 4"
    assert ticket.due_at is not None and ticket.due_at == company.business_hours.add_working_hours(NOW, 2)
    assert (await store.find(reference.lower())) is not None
