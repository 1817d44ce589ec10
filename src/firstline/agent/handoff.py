"""The summary a colleague gets with a handed-over conversation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from firstline.dialogue.state import DialogueState
from firstline.domain.conversation import ActionRecord, Conversation
from firstline.domain.language import Language
from firstline.domain.tickets import NewTicket, Priority, TicketKind

_URGENT_REASONS = frozenset({"legal_threat", "strong_anger", "supervisor_request"})
_HIDDEN_SLOTS = frozenset({"verification", "verification_attempts", "attempts_left"})


def escalation_ticket(
    conversation: Conversation,
    *,
    language: Language,
    reason: str,
    intents: Sequence[str],
    state: DialogueState,
    actions: Sequence[ActionRecord],
    due_at: datetime,
    priority: Priority | None = None,
) -> NewTicket:
    """An escalation ticket: who the customer is, whether verified, what they want, what was tried, why."""
    slots = {k: v for k, v in state.slots.items() if k not in _HIDDEN_SLOTS and v is not None}
    verified = state.slots.get("identity_verified") is True
    active = state.active
    summary: dict[str, Any] = {
        "reason": reason,
        "customer": {"name": conversation.customer.name, "email": conversation.customer.email},
        "customer_number": state.slots.get("customer_number"),
        "verified": verified,
        "intents": list(intents),
        "active_flow": active.flow if active else None,
        "collected": slots,
        "tried": [{"action": a.name, "outcome": a.outcome, "rule": a.rule} for a in actions],
        "misunderstandings": state.misunderstandings,
    }
    who = conversation.customer.name or conversation.customer.email or "unknown customer"
    wants = active.flow if active else (intents[-1] if intents else "unknown")
    subject = f"Handover ({reason}): {who}, {'verified' if verified else 'not verified'}, wants {wants}"
    return NewTicket(
        kind=TicketKind.ESCALATION,
        subject=subject,
        language=language,
        priority=priority or (Priority.HIGH if reason in _URGENT_REASONS else Priority.NORMAL),
        conversation_id=conversation.id,
        customer_number=state.slots.get("customer_number"),
        order_number=state.slots.get("order_number"),
        details=summary,
        due_at=due_at,
    )
