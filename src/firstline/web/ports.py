"""What the web edge needs from the rest of firstline: small Protocols, so web never imports the composition root."""

from __future__ import annotations

from datetime import datetime
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
from firstline.storage.staff import Role, StaffSession, StaffUser
from firstline.supervision.desk import SupervisorDesk


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

    @property
    def desk(self) -> SupervisorDesk: ...

    @property
    def staff(self) -> StaffStore: ...

    async def open_conversation(
        self, *, channel: str = ..., language: Language | None = ..., customer: CustomerInfo | None = ...
    ) -> Conversation: ...


class StaffStore(Protocol):
    """Staff accounts and console sessions (``firstline.storage.staff.SqlStaffStore``)."""

    async def add_user(
        self,
        username: str,
        *,
        password_hash: str,
        role: Role,
        now: datetime,
        display_name: str = ...,
        language: Language | None = ...,
    ) -> StaffUser: ...

    async def credentials(self, username: str) -> tuple[StaffUser, str] | None: ...

    async def users(self) -> list[StaffUser]: ...

    async def count_active_admins(self) -> int: ...

    async def update_user(
        self,
        username: str,
        *,
        now: datetime,
        role: Role | None = ...,
        active: bool | None = ...,
        password_hash: str | None = ...,
        display_name: str | None = ...,
        language: Language | None = ...,
    ) -> StaffUser: ...

    async def add_session(
        self, user_id: int, *, token_hash: str, csrf_token: str, created_at: datetime, expires_at: datetime
    ) -> None: ...

    async def session(self, token_hash: str) -> StaffSession | None: ...

    async def extend_session(self, token_hash: str, expires_at: datetime) -> None: ...

    async def delete_session(self, token_hash: str) -> None: ...

    async def delete_sessions_of(self, user_id: int) -> None: ...

    async def delete_expired(self, now: datetime) -> int: ...
