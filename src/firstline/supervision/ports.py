"""What the desk needs from storage and the agent (implemented elsewhere, injected in app.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from firstline.domain.conversation import Conversation, ConversationId, ConversationStatus, Message, TurnResult
from firstline.domain.language import Language
from firstline.domain.tickets import AuditEntry, Ticket, TicketKind, TicketStatus
from firstline.knowledge.model import ScoredPassage


class DeskConversations(Protocol):
    """Conversations as people at the company see and change them."""

    async def get(self, conversation_id: ConversationId) -> Conversation | None: ...

    async def save(self, conversation: Conversation, messages: list[Message]) -> None: ...

    async def recent(
        self,
        *,
        status: ConversationStatus | None = None,
        channel: str | None = None,
        language: Language | None = None,
        limit: int = 200,
    ) -> list[tuple[Conversation, Message | None]]: ...

    async def turns(self, conversation_id: ConversationId) -> list[tuple[Message, dict[str, Any] | None]]: ...


class DeskTickets(Protocol):
    """Tickets as people work on them."""

    async def find(self, reference: str) -> Ticket | None: ...

    async def get(self, reference: str) -> Ticket: ...

    async def list(
        self,
        *,
        status: TicketStatus | None = None,
        kind: TicketKind | None = None,
        open_only: bool = False,
        conversation_id: str | None = None,
        limit: int = 200,
    ) -> list[Ticket]: ...

    async def update(
        self,
        reference: str,
        *,
        author: str,
        event: str,
        text: str,
        status: TicketStatus | None = None,
        assignee: str | None = None,
        details: dict[str, Any] | None = None,
        only_if: TicketStatus | None = None,
        now: datetime | None = None,
    ) -> Ticket: ...


class DeskAudit(Protocol):
    """The audit log, read side."""

    async def entries(self, *, conversation_id: str | None = None, limit: int = 200) -> list[AuditEntry]: ...


class Searchable(Protocol):
    """The knowledge base's search."""

    def search(self, query: str, *, language: Language, limit: int = 5) -> list[ScoredPassage]: ...


class Resumable(Protocol):
    """The agent: continues a conversation after a decision."""

    async def resume(self, conversation: Conversation, action: str, result: Any) -> TurnResult: ...
