"""The staff API's request and answer bodies, built from the desk's values by the ``of`` methods next to them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from firstline.domain.conversation import ConversationStatus
from firstline.domain.language import Language
from firstline.domain.tickets import AuditEntry, Ticket, TicketStatus
from firstline.storage.staff import Role, StaffUser
from firstline.supervision.desk import ConversationView, DeskUpdate, InboxEntry, KnowledgeHit
from firstline.web.api.models import CustomerOut, MessageOut
from firstline.web.events import knowledge_url

_NON_SPACE = re.compile(r"\S")


def _not_blank(value: str) -> str:
    if not _NON_SPACE.search(value):
        raise PydanticCustomError("blank_text", "must not be empty or only whitespace")
    return value.strip()


Text = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_not_blank)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginIn(_In):
    """``POST /console/api/login``."""

    username: str = Field(max_length=200)
    password: str = Field(max_length=4096)


class ReplyIn(_In):
    """A person's answer to the customer."""

    text: Text


class DecisionIn(_In):
    """Approve or deny an approval request."""

    approve: bool
    note: str = Field(default="", max_length=4000)


class NoteIn(_In):
    """A note on a ticket."""

    text: Text


class TicketStatusIn(_In):
    """A ticket's new status."""

    status: TicketStatus


class NewUserIn(_In):
    """A new staff account."""

    username: str = Field(max_length=100)
    password: str = Field(max_length=1024)
    role: Role
    display_name: str = Field(default="", max_length=200)
    language: Language | None = None


class UserPatchIn(_In):
    """Changes to a staff account; fields left out stay as they are."""

    role: Role | None = None
    active: bool | None = None
    password: str | None = Field(default=None, max_length=1024)
    language: Language | None = None


class StaffOut(BaseModel):
    """A staff account."""

    username: str
    display_name: str
    role: Role
    language: Language | None
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, user: StaffUser) -> StaffOut:
        return cls(
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            language=user.language,
            active=user.active,
            created_at=user.created_at,
        )


class MeOut(BaseModel):
    """The logged-in staff member and the CSRF token to send as ``X-CSRF-Token`` on every change."""

    user: StaffOut
    csrf_token: str


class TicketEventOut(BaseModel):
    """One entry of a ticket's history."""

    author: str
    kind: str
    text: str
    created_at: datetime


class TicketOut(BaseModel):
    """A ticket with its history."""

    reference: str
    kind: str
    status: TicketStatus
    priority: str
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
    events: list[TicketEventOut]

    @classmethod
    def of(cls, ticket: Ticket) -> TicketOut:
        return cls(
            reference=ticket.reference,
            kind=ticket.kind.value,
            status=ticket.status,
            priority=ticket.priority.value,
            subject=ticket.subject,
            language=ticket.language,
            conversation_id=ticket.conversation_id,
            customer_number=ticket.customer_number,
            order_number=ticket.order_number,
            details=ticket.details,
            assignee=ticket.assignee,
            created_by=ticket.created_by,
            created_at=ticket.created_at,
            updated_at=ticket.updated_at,
            due_at=ticket.due_at,
            events=[
                TicketEventOut(author=e.author, kind=e.kind, text=e.text, created_at=e.created_at)
                for e in ticket.events
            ],
        )


class AuditOut(BaseModel):
    """One action attempted by the bot or a person, and the rule that decided."""

    actor: str
    action: str
    args: dict[str, Any]
    decision: str
    outcome: str
    created_at: datetime
    conversation_id: str | None
    rule: str | None
    reason: str | None

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditOut:
        return cls(
            actor=entry.actor,
            action=entry.action,
            args=entry.args,
            decision=entry.decision.value,
            outcome=entry.outcome,
            created_at=entry.created_at,
            conversation_id=entry.conversation_id,
            rule=entry.rule,
            reason=entry.reason,
        )


class InboxEntryOut(BaseModel):
    """One conversation in the inbox."""

    id: str
    status: ConversationStatus
    channel: str
    language: Language
    customer: CustomerOut
    created_at: datetime
    last_message: MessageOut | None
    open_tickets: list[str] = Field(description="References of its unfinished tickets.")

    @classmethod
    def of(cls, entry: InboxEntry) -> InboxEntryOut:
        conversation = entry.conversation
        return cls(
            id=conversation.id,
            status=conversation.status,
            channel=conversation.channel,
            language=conversation.language,
            customer=CustomerOut(email=conversation.customer.email, name=conversation.customer.name),
            created_at=conversation.created_at,
            last_message=MessageOut.of(entry.last_message) if entry.last_message else None,
            open_tickets=[ticket.reference for ticket in entry.open_tickets],
        )


class TranscriptEntryOut(MessageOut):
    """A message; customer messages carry what the agent understood and did (intents, flows, slots, actions)."""

    turn: dict[str, Any] | None


class ConversationViewOut(BaseModel):
    """Everything the console knows about one conversation."""

    id: str
    status: ConversationStatus
    channel: str
    language: Language
    customer: CustomerOut
    created_at: datetime
    entries: list[TranscriptEntryOut]
    tickets: list[TicketOut]
    audit: list[AuditOut]

    @classmethod
    def of(cls, view: ConversationView) -> ConversationViewOut:
        conversation = view.conversation
        return cls(
            id=conversation.id,
            status=conversation.status,
            channel=conversation.channel,
            language=conversation.language,
            customer=CustomerOut(email=conversation.customer.email, name=conversation.customer.name),
            created_at=conversation.created_at,
            entries=[
                TranscriptEntryOut(**MessageOut.of(entry.message).model_dump(), turn=entry.turn)
                for entry in view.entries
            ],
            tickets=[TicketOut.of(ticket) for ticket in view.tickets],
            audit=[AuditOut.of(entry) for entry in view.audit],
        )


class DeskUpdateOut(BaseModel):
    """What a desk operation changed."""

    conversation_id: str
    status: ConversationStatus
    previous_status: ConversationStatus | None
    messages: list[MessageOut] = Field(description="New messages the customer sees.")
    ticket: TicketOut | None

    @classmethod
    def of(cls, update: DeskUpdate) -> DeskUpdateOut:
        return cls(
            conversation_id=update.conversation.id,
            status=update.conversation.status,
            previous_status=update.previous_status,
            messages=[MessageOut.of(message) for message in update.messages],
            ticket=TicketOut.of(update.ticket) if update.ticket else None,
        )


class KnowledgeHitOut(BaseModel):
    """A passage of the company's knowledge."""

    article_id: str
    title: str
    source: str
    url: str
    text: str
    score: float

    @classmethod
    def all(cls, hits: Sequence[KnowledgeHit]) -> list[KnowledgeHitOut]:
        return [
            cls(
                article_id=hit.article_id,
                title=hit.title,
                source=hit.source,
                url=knowledge_url(hit.source),
                text=hit.text,
                score=float(hit.score),
            )
            for hit in hits
        ]
