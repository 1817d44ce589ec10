"""Conversations, messages and what one turn produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NewType

from firstline.domain.language import Language

ConversationId = NewType("ConversationId", str)
ChannelName = NewType("ChannelName", str)


class ConversationStatus(StrEnum):
    """Who is answering the customer right now."""

    BOT = "bot"
    WAITING_FOR_HUMAN = "waiting_for_human"
    WITH_HUMAN = "with_human"
    CLOSED = "closed"


class Author(StrEnum):
    """Who wrote a message."""

    CUSTOMER = "customer"
    AGENT = "agent"
    HUMAN = "human"


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundMessage:
    """A customer message as one channel received it, before any processing."""

    conversation_id: ConversationId
    channel: ChannelName
    channel_message_id: str
    """The channel's own id; used to drop duplicates."""
    text: str
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """The knowledge article a reply quotes."""

    article_id: str
    title: str
    source: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    """One message of the agent to the customer."""

    text: str
    citations: tuple[Citation, ...] = ()
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionRecord:
    """An action the agent ran (or tried to run) during a turn."""

    name: str
    args: dict[str, Any]
    outcome: str
    """``done``, ``failed``, ``denied`` or ``pending_approval``."""
    rule: str | None = None
    """The company rule that denied the action or asked for approval."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """One message of a transcript."""

    author: Author
    text: str
    created_at: datetime
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerInfo:
    """What the customer told a channel about themselves before the conversation."""

    email: str | None = None
    name: str | None = None


@dataclass(slots=True, kw_only=True)
class Conversation:
    """A conversation with one customer and its dialogue state (a plain JSON document)."""

    id: ConversationId
    channel: ChannelName
    language: Language
    status: ConversationStatus = ConversationStatus.BOT
    customer: CustomerInfo = field(default_factory=CustomerInfo)
    state: dict[str, Any] = field(default_factory=dict)
    created_at: datetime
    company: str = "default"


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnResult:
    """Everything one customer turn produced: replies plus what the agent understood and did."""

    conversation_id: ConversationId
    replies: tuple[Reply, ...]
    status: ConversationStatus
    language: Language
    actions: tuple[ActionRecord, ...] = ()
    intents: tuple[str, ...] = ()
    flows_started: tuple[str, ...] = ()
    active_flow: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    duplicate: bool = False
    """True when the inbound message had been processed before; the stored replies are returned."""
