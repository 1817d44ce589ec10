"""What the web edge needs from the rest of firstline: small Protocols, so web never imports the composition root."""

from __future__ import annotations

from typing import Protocol

from firstline.company.model import Company
from firstline.domain.conversation import (
    Conversation,
    ConversationId,
    CustomerInfo,
    InboundMessage,
    Message,
    TurnResult,
)
from firstline.domain.language import Language


class TurnHandler(Protocol):
    """Runs one customer turn (``firstline.agent.Agent``)."""

    async def handle(self, inbound: InboundMessage) -> TurnResult: ...


class ConversationReader(Protocol):
    """Reads conversations and their transcripts (the conversation store)."""

    async def get(self, conversation_id: ConversationId) -> Conversation | None: ...

    async def transcript(self, conversation_id: ConversationId) -> list[Message]: ...


class WebServices(Protocol):
    """The services the web app serves (``firstline.app.Services`` satisfies it)."""

    @property
    def agent(self) -> TurnHandler: ...

    @property
    def store(self) -> ConversationReader: ...

    @property
    def company(self) -> Company: ...

    async def open_conversation(
        self, *, channel: str = ..., language: Language | None = ..., customer: CustomerInfo | None = ...
    ) -> Conversation: ...
