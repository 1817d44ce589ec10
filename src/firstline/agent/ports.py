"""What the agent needs from storage and knowledge (implemented at the edges)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from firstline.dialogue.outcome import FoundAnswer, FoundFact
from firstline.domain.conversation import Conversation, ConversationId, InboundMessage, Message
from firstline.domain.language import Language
from firstline.domain.shop_questions import ShopQuestion

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredInbound:
    """An inbound message after it was written to the store."""

    message_id: int
    duplicate: bool
    """The channel delivered this message before."""
    result: dict[str, Any] | None
    """The stored turn result when the message was already processed."""


class ConversationStore(Protocol):
    """Keeps conversations, their messages and their state."""

    async def create(self, conversation: Conversation) -> None: ...

    async def get(self, conversation_id: ConversationId) -> Conversation | None: ...

    async def store_inbound(self, inbound: InboundMessage) -> StoredInbound: ...

    async def record_turn(
        self, conversation: Conversation, message_id: int, replies: list[Message], result: dict[str, Any]
    ) -> None: ...

    async def transcript(self, conversation_id: ConversationId) -> list[Message]: ...

    async def save(self, conversation: Conversation, messages: list[Message]) -> None:
        """Store the conversation's status and state and append messages, in one transaction."""
        ...


class KnowledgeSource(Protocol):
    """Answers questions from the company's knowledge and data, with the article it quotes."""

    def answer(self, question: str, *, language: Language) -> FoundAnswer | None: ...

    def shop_facts(self, question: ShopQuestion, *, language: Language) -> tuple[FoundFact, ...]: ...
