"""The supervisor desk end to end on the demo company: approvals, handoff round trip, tickets, audit."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal

from firstline.app import Services, build_services
from firstline.domain.conversation import Author, Conversation, ConversationStatus, TurnResult
from firstline.domain.language import Language
from firstline.domain.tickets import Decision, TicketKind, TicketStatus
from firstline.errors import InvalidInput, InvalidTransition, NotFound
from firstline.settings import Settings
from firstline.supervision.desk import InboxFilter, TicketFilter
from firstline.testing.clock import FakeClock
from firstline.testing.conversations import DEFAULT_NOW, isolated_settings

# Order 100052: delivered 2026-11-16, 1149.00 EUR, customer's email from customers.csv.
ORDER = "100052"


@pytest.fixture(scope="module")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as running:
        yield running


@pytest.fixture(scope="module")
def services(portal: BlockingPortal, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    settings = isolated_settings(Settings(), tmp_path_factory.mktemp("desk"))
    built = portal.call(lambda: build_services(settings, clock=FakeClock(DEFAULT_NOW)))
    yield built
    portal.call(built.close)


def _email_of(services: Services, order_number: str) -> str:
    order = services.company.data.orders[order_number]
    return services.company.data.customers[order.customer_number].email


def _say(portal: BlockingPortal, services: Services, conversation: Conversation, text: str) -> TurnResult:
    return portal.call(services.agent.handle, services.inbound(conversation, text))


def _refund_conversation(portal: BlockingPortal, services: Services, amount: str) -> tuple[Conversation, TurnResult]:
    conversation = portal.call(lambda: services.open_conversation(channel="test", language=Language.EN))
    _say(portal, services, conversation, f"I want a refund for order {ORDER}")
    _say(portal, services, conversation, _email_of(services, ORDER))
    asked = _say(portal, services, conversation, f"{amount} euros")
    assert "yes or no" in " ".join(r.text for r in asked.replies)  # refunds are confirmed first
    return conversation, _say(portal, services, conversation, "yes")


def test_a_refund_above_the_limit_waits_for_approval_and_runs_as_requested(
    portal: BlockingPortal, services: Services
) -> None:
    conversation, result = _refund_conversation(portal, services, "250")
    assert result.status is ConversationStatus.WAITING_FOR_HUMAN
    assert [(a.name, a.outcome) for a in result.actions][-1] == ("refund", "pending_approval")
    pending = portal.call(lambda: services.desk.tickets(TicketFilter(conversation_id=conversation.id)))
    approval = next(t for t in pending if t.kind is TicketKind.APPROVAL)
    assert approval.status is TicketStatus.PENDING and approval.details["args"]["refund_amount"] == "250.00"
    # While waiting, a new amount from the customer changes nothing.
    later = _say(portal, services, conversation, "Actually make it 900 euros")
    assert later.status is ConversationStatus.WAITING_FOR_HUMAN and not later.actions

    update = portal.call(lambda: services.desk.decide(approval.reference, approve=True, note="ok", staff="anna"))
    assert update.conversation.status is ConversationStatus.BOT
    text = " ".join(m.text for m in update.messages)
    assert "approved" in text and "250.00" in text
    refunded = portal.call(lambda: services.agent._runner._changes.refunded(ORDER))  # noqa: SLF001
    assert refunded == Decimal("250")
    audit = portal.call(lambda: services.desk.audit(conversation_id=conversation.id))
    assert any(a.actor == "staff:anna" and a.action == "refund" and a.outcome == "done" for a in audit)
    assert any(a.decision is Decision.NEEDS_APPROVAL for a in audit)
    with pytest.raises(InvalidTransition):
        portal.call(lambda: services.desk.decide(approval.reference, approve=True, note="", staff="anna"))


def test_a_denied_approval_changes_nothing_and_the_customer_reads_the_note(
    portal: BlockingPortal, services: Services
) -> None:
    before = portal.call(lambda: services.agent._runner._changes.refunded(ORDER))  # noqa: SLF001
    conversation, _ = _refund_conversation(portal, services, "300")
    approval = portal.call(services.desk.approvals)[0]
    assert approval.conversation_id == conversation.id
    update = portal.call(
        lambda: services.desk.decide(
            approval.reference, approve=False, note="Please return the device first.", staff="bo"
        )
    )
    assert "Please return the device first." in " ".join(m.text for m in update.messages)
    assert update.conversation.status is ConversationStatus.BOT
    assert portal.call(lambda: services.agent._runner._changes.refunded(ORDER)) == before  # noqa: SLF001


def test_handoff_round_trip(portal: BlockingPortal, services: Services) -> None:
    conversation = portal.call(lambda: services.open_conversation(channel="test", language=Language.DE))
    result = _say(portal, services, conversation, "Ich möchte mit einem Menschen sprechen")
    assert result.status is ConversationStatus.WAITING_FOR_HUMAN
    inbox = portal.call(lambda: services.desk.inbox(InboxFilter(status=ConversationStatus.WAITING_FOR_HUMAN)))
    entry = next(e for e in inbox if e.conversation.id == conversation.id)
    escalation = entry.open_tickets[0]
    assert escalation.kind is TicketKind.ESCALATION and escalation.details["reason"] == "customer_request"
    assert escalation.details["verified"] is False

    with pytest.raises(InvalidTransition):
        portal.call(lambda: services.desk.reply(conversation.id, "Hallo", staff="anna"))
    portal.call(lambda: services.desk.take_over(conversation.id, staff="anna"))
    with pytest.raises(InvalidInput):
        portal.call(lambda: services.desk.reply(conversation.id, "   ", staff="anna"))
    update = portal.call(lambda: services.desk.reply(conversation.id, "Hallo, hier ist Anna.", staff="anna"))
    assert update.messages[0].author is Author.HUMAN
    waiting = _say(portal, services, conversation, "Danke!")
    assert waiting.status is ConversationStatus.WITH_HUMAN

    back = portal.call(lambda: services.desk.hand_back(conversation.id, staff="anna"))
    assert back.conversation.status is ConversationStatus.BOT
    assert portal.call(lambda: services.desk.ticket(escalation.reference)).status is TicketStatus.RESOLVED
    answer = _say(portal, services, conversation, "Wie lange dauert der Versand nach Österreich?")
    assert answer.status is ConversationStatus.BOT and answer.replies
    view = portal.call(lambda: services.desk.view(conversation.id))
    assert [e.message.author for e in view.entries].count(Author.HUMAN) == 1


def test_tickets_notes_and_status(portal: BlockingPortal, services: Services) -> None:
    conversation = portal.call(lambda: services.open_conversation(channel="test", language=Language.EN))
    _say(portal, services, conversation, "I want to complain")
    result = _say(portal, services, conversation, "Your driver threw the parcel over the fence and was rude to me.")
    reference = result.slots["ticket_reference"]
    assert reference.startswith("CMP-")
    ticket = portal.call(lambda: services.desk.add_note(reference, "Called the carrier.", staff="anna"))
    assert ticket.events[-1].text == "Called the carrier."
    ticket = portal.call(lambda: services.desk.set_ticket_status(reference, TicketStatus.RESOLVED, staff="anna"))
    assert ticket.status is TicketStatus.RESOLVED
    with pytest.raises(InvalidInput):
        portal.call(lambda: services.desk.add_note(reference, "", staff="anna"))
    with pytest.raises(NotFound):
        portal.call(lambda: services.desk.ticket("CMP-999999"))
    with pytest.raises(NotFound):
        portal.call(lambda: services.desk.view("no-such-conversation"))
    hits = services.desk.search_knowledge("Rücksendung kostenlos", Language.DE)
    assert hits and hits[0].source.startswith("de/")


def test_two_colleagues_deciding_at_once_run_the_action_once(portal: BlockingPortal, services: Services) -> None:
    import anyio

    before = portal.call(lambda: services.agent._runner._changes.refunded(ORDER))  # noqa: SLF001
    _refund_conversation(portal, services, "260")
    approval = portal.call(services.desk.approvals)[0]
    outcomes: list[str] = []

    async def decide(staff: str) -> None:
        try:
            await services.desk.decide(approval.reference, approve=True, note="", staff=staff)
            outcomes.append("decided")
        except InvalidTransition:
            outcomes.append("refused")

    async def both() -> None:
        async with anyio.create_task_group() as group:
            group.start_soon(decide, "anna")
            group.start_soon(decide, "bo")

    portal.call(both)
    assert sorted(outcomes) == ["decided", "refused"]
    after = portal.call(lambda: services.agent._runner._changes.refunded(ORDER))  # noqa: SLF001
    assert after - before == Decimal("260")
