"""Conversations in SQL: every inbound message is committed before it is processed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from firstline.agent.ports import StoredInbound
from firstline.domain.conversation import (
    Author,
    ChannelName,
    Citation,
    Conversation,
    ConversationId,
    ConversationStatus,
    CustomerInfo,
    InboundMessage,
    Message,
)
from firstline.domain.language import Language
from firstline.errors import NotFound
from firstline.storage.tables import ConversationRow, MessageRow


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _conversation(row: ConversationRow) -> Conversation:
    return Conversation(
        id=ConversationId(row.id),
        channel=ChannelName(row.channel),
        language=Language(row.language),
        status=ConversationStatus(row.status),
        customer=CustomerInfo(email=row.customer_email, name=row.customer_name),
        state=dict(row.state or {}),
        created_at=_aware(row.created_at),
        company=row.company,
    )


def _message(row: MessageRow) -> Message:
    return Message(
        author=Author(row.author),
        text=row.text,
        created_at=_aware(row.created_at),
        citations=tuple(Citation(**c) for c in row.citations or []),
    )


def _message_row(conversation_id: str, message: Message) -> MessageRow:
    return MessageRow(
        conversation_id=conversation_id,
        author=message.author.value,
        text=message.text,
        citations=[{"article_id": c.article_id, "title": c.title, "source": c.source} for c in message.citations],
        created_at=message.created_at,
    )


class SqlConversationStore:
    """The conversation store on SQLite or PostgreSQL."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def create(self, conversation: Conversation) -> None:
        """Insert a new conversation."""
        async with self._sessions.begin() as session:
            session.add(
                ConversationRow(
                    id=conversation.id,
                    company=conversation.company,
                    channel=conversation.channel,
                    language=conversation.language.value,
                    status=conversation.status.value,
                    customer_email=conversation.customer.email,
                    customer_name=conversation.customer.name,
                    state=conversation.state,
                    created_at=conversation.created_at,
                    updated_at=conversation.created_at,
                )
            )

    async def get(self, conversation_id: ConversationId) -> Conversation | None:
        """Load a conversation, or None."""
        async with self._sessions() as session:
            row = await session.get(ConversationRow, conversation_id)
            return None if row is None else _conversation(row)

    async def save(self, conversation: Conversation, messages: list[Message]) -> None:
        """Store status, language and state and append messages (a person's reply, a decision's result)."""
        async with self._sessions.begin() as session:
            row = await session.get(ConversationRow, conversation.id)
            if row is None:
                raise NotFound(f"conversation {conversation.id} does not exist")
            row.language, row.status = conversation.language.value, conversation.status.value
            row.state, row.updated_at = conversation.state, datetime.now(UTC)
            session.add_all(_message_row(conversation.id, message) for message in messages)

    async def recent(
        self,
        *,
        status: ConversationStatus | None = None,
        channel: str | None = None,
        language: Language | None = None,
        limit: int = 200,
    ) -> list[tuple[Conversation, Message | None]]:
        """Conversations, most recently active first, each with its last message."""
        query = select(ConversationRow).order_by(ConversationRow.updated_at.desc()).limit(limit)
        if status is not None:
            query = query.where(ConversationRow.status == status.value)
        if channel is not None:
            query = query.where(ConversationRow.channel == channel)
        if language is not None:
            query = query.where(ConversationRow.language == language.value)
        async with self._sessions() as session:
            rows = list((await session.execute(query)).scalars())
            found: list[tuple[Conversation, Message | None]] = []
            for row in rows:
                last = (
                    await session.execute(
                        select(MessageRow)
                        .where(MessageRow.conversation_id == row.id)
                        .order_by(MessageRow.id.desc())
                        .limit(1)
                    )
                ).scalar_one_or_none()
                found.append((_conversation(row), _message(last) if last is not None else None))
            return found

    async def turns(self, conversation_id: ConversationId) -> list[tuple[Message, dict[str, Any] | None]]:
        """Every message, oldest first; customer messages with their stored turn result."""
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    select(MessageRow).where(MessageRow.conversation_id == conversation_id).order_by(MessageRow.id)
                )
            ).scalars()
            return [(_message(r), r.result) for r in rows]

    async def store_inbound(self, inbound: InboundMessage) -> StoredInbound:
        """Commit the customer's message; a redelivered channel message is recognised, not stored twice."""
        row = MessageRow(
            conversation_id=inbound.conversation_id,
            author=Author.CUSTOMER.value,
            text=inbound.text,
            channel_message_id=inbound.channel_message_id,
            citations=[],
            created_at=inbound.received_at,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
            return StoredInbound(message_id=row.id, duplicate=False, result=None)
        except IntegrityError:
            async with self._sessions() as session:
                existing = (
                    await session.execute(
                        select(MessageRow).where(
                            MessageRow.conversation_id == inbound.conversation_id,
                            MessageRow.channel_message_id == inbound.channel_message_id,
                        )
                    )
                ).scalar_one()
                return StoredInbound(message_id=existing.id, duplicate=True, result=existing.result)

    async def record_turn(
        self, conversation: Conversation, message_id: int, replies: list[Message], result: dict[str, Any]
    ) -> None:
        """Store replies, the new state and the turn result in one transaction."""
        now = datetime.now(UTC)
        async with self._sessions.begin() as session:
            row = await session.get(ConversationRow, conversation.id)
            if row is None:
                raise NotFound(f"conversation {conversation.id} does not exist")
            row.language, row.status = conversation.language.value, conversation.status.value
            row.state, row.updated_at = conversation.state, now
            inbound = await session.get(MessageRow, message_id)
            if inbound is not None:
                inbound.result, inbound.processed_at = result, now
            session.add_all(_message_row(conversation.id, reply) for reply in replies)

    async def transcript(self, conversation_id: ConversationId) -> list[Message]:
        """Every message of a conversation, oldest first."""
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    select(MessageRow).where(MessageRow.conversation_id == conversation_id).order_by(MessageRow.id)
                )
            ).scalars()
            return [_message(r) for r in rows]

    async def unprocessed(self) -> list[InboundMessage]:
        """Inbound messages stored but never answered (a crash mid-turn); replayed on start."""
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    select(MessageRow, ConversationRow.channel)
                    .join(ConversationRow, ConversationRow.id == MessageRow.conversation_id)
                    .where(MessageRow.author == Author.CUSTOMER.value, MessageRow.processed_at.is_(None))
                    .order_by(MessageRow.id)
                )
            ).all()
            return [
                InboundMessage(
                    conversation_id=ConversationId(m.conversation_id),
                    channel=ChannelName(channel),
                    channel_message_id=m.channel_message_id or str(m.id),
                    text=m.text,
                    received_at=_aware(m.created_at),
                )
                for m, channel in rows
            ]
