"""Tickets: the cases people at the company work on, and the audit trail of every action."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from firstline.domain.language import Language


class TicketKind(StrEnum):
    """What a ticket is about; the value's prefix starts its reference number."""

    COMPLAINT = "complaint"
    ESCALATION = "escalation"
    APPROVAL = "approval"
    INVESTIGATION = "investigation"
    RETURN = "return"
    REPAIR = "repair"
    QUOTE = "quote"
    CASE = "case"
    """One of the company's own kinds (``rules.yaml`` tickets); ``details["case"]`` names it."""

    @property
    def prefix(self) -> str:
        """The reference prefix customers see, e.g. ``CMP-100042``."""
        return _PREFIXES[self]


_PREFIXES = {
    TicketKind.COMPLAINT: "CMP",
    TicketKind.ESCALATION: "ESC",
    TicketKind.APPROVAL: "APR",
    TicketKind.INVESTIGATION: "INV",
    TicketKind.RETURN: "RET",
    TicketKind.REPAIR: "REP",
    TicketKind.QUOTE: "QUO",
    TicketKind.CASE: "CAS",
}


class TicketStatus(StrEnum):
    """Where a ticket stands. Approvals end as approved or denied, everything else as resolved."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    """An approval waiting for a decision."""
    APPROVED = "approved"
    DENIED = "denied"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def is_final(self) -> bool:
        """Nothing more happens to a ticket in this state."""
        return self in (TicketStatus.APPROVED, TicketStatus.DENIED, TicketStatus.RESOLVED, TicketStatus.CLOSED)


class Priority(StrEnum):
    """How urgent a ticket is; decides its SLA."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


@dataclass(frozen=True, slots=True, kw_only=True)
class TicketEvent:
    """One entry of a ticket's history: created, a note, a status change, a decision."""

    author: str
    kind: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class NewTicket:
    """A ticket as the agent or a person opens it, before it has a reference."""

    kind: TicketKind
    subject: str
    language: Language
    priority: Priority = Priority.NORMAL
    conversation_id: str | None = None
    customer_number: str | None = None
    order_number: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    """Free JSON: the customer's words, category, amounts, an approval's action and arguments."""
    created_by: str = "bot"
    status: TicketStatus = TicketStatus.OPEN
    due_at: datetime | None = None
    prefix: str | None = None
    """The reference's prefix when not the kind's own (a company's case kind)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Ticket:
    """A stored ticket with its reference and history."""

    reference: str
    kind: TicketKind
    status: TicketStatus
    priority: Priority
    subject: str
    language: Language
    conversation_id: str | None
    customer_number: str | None
    order_number: str | None
    details: dict[str, Any]
    assignee: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime | None
    events: tuple[TicketEvent, ...] = ()


class Decision(StrEnum):
    """What the company's rules said about an action."""

    ALLOWED = "allowed"
    DENIED = "denied"
    NEEDS_APPROVAL = "needs_approval"


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One action attempted by the bot or a person, the rule that decided, and what happened."""

    actor: str
    """``bot`` or ``staff:<username>``."""
    action: str
    args: dict[str, Any]
    decision: Decision
    outcome: str
    created_at: datetime
    conversation_id: str | None = None
    rule: str | None = None
    reason: str | None = None
