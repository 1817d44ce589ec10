"""The supervisor's desk: what people at the company do with conversations, approvals and tickets.

The command line (`firstline desk …`) and the web console both work through this one class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from firstline.domain.conversation import Conversation, ConversationStatus, Message
from firstline.domain.language import Language
from firstline.domain.tickets import AuditEntry, Ticket, TicketKind, TicketStatus
from firstline.errors import FirstlineError


class InvalidTransition(FirstlineError):
    """The conversation or ticket is not in a state that allows this (e.g. replying before taking over)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InboxEntry:
    """One conversation as the inbox lists it."""

    conversation: Conversation
    last_message: Message | None
    open_tickets: tuple[Ticket, ...] = ()
    """Its escalation and approval tickets that are not finished yet."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TranscriptEntry:
    """One message; a customer message carries what the agent understood and did with it."""

    message: Message
    turn: dict[str, Any] | None = None
    """The stored turn result: intents, flows, slots, actions (with rules), replies and citations."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationView:
    """Everything the console shows about one conversation."""

    conversation: Conversation
    entries: tuple[TranscriptEntry, ...]
    tickets: tuple[Ticket, ...]
    audit: tuple[AuditEntry, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeskUpdate:
    """What a desk operation changed: the conversation now, and new messages the customer must see."""

    conversation: Conversation
    messages: tuple[Message, ...] = ()
    ticket: Ticket | None = None
    previous_status: ConversationStatus | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InboxFilter:
    """Which conversations the inbox shows."""

    status: ConversationStatus | None = None
    channel: str | None = None
    language: Language | None = None
    limit: int = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class TicketFilter:
    """Which tickets a list shows."""

    status: TicketStatus | None = None
    kind: TicketKind | None = None
    open_only: bool = False
    limit: int = 200
    conversation_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
