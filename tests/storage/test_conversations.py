"""The SQL conversation store on SQLite and (when configured) on a real PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

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
from firstline.storage.conversations import SqlConversationStore
from firstline.storage.database import alembic_config

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def conversation() -> Conversation:
    return Conversation(
        id=ConversationId(uuid.uuid4().hex),
        channel=ChannelName("test"),
        language=Language.DE,
        customer=CustomerInfo(email="a@example.de", name="Anna"),
        created_at=NOW,
    )


def inbound(conv: Conversation, text: str, message_id: str = "m1") -> InboundMessage:
    return InboundMessage(
        conversation_id=conv.id, channel=conv.channel, channel_message_id=message_id, text=text, received_at=NOW
    )


@pytest.mark.anyio
async def test_conversation_round_trip(engine: AsyncEngine) -> None:
    store = SqlConversationStore(engine)
    conv = conversation()
    await store.create(conv)
    loaded = await store.get(conv.id)
    assert loaded is not None
    assert (loaded.language, loaded.status, loaded.customer) == (Language.DE, ConversationStatus.BOT, conv.customer)
    assert await store.get(ConversationId("missing")) is None


@pytest.mark.anyio
async def test_inbound_is_stored_before_processing_and_listed_as_unprocessed(engine: AsyncEngine) -> None:
    store = SqlConversationStore(engine)
    conv = conversation()
    await store.create(conv)
    stored = await store.store_inbound(inbound(conv, "Wo ist meine Bestellung?"))
    assert not stored.duplicate
    assert [m.text for m in await store.transcript(conv.id)] == ["Wo ist meine Bestellung?"]
    assert [m.text for m in await store.unprocessed() if m.conversation_id == conv.id] == ["Wo ist meine Bestellung?"]


@pytest.mark.anyio
async def test_redelivered_message_is_a_duplicate_with_the_stored_result(engine: AsyncEngine) -> None:
    store = SqlConversationStore(engine)
    conv = conversation()
    await store.create(conv)
    first = await store.store_inbound(inbound(conv, "Hallo"))
    conv.status, conv.state = ConversationStatus.WAITING_FOR_HUMAN, {"turns": 1}
    reply = Message(
        author=Author.AGENT,
        text="Guten Tag!",
        created_at=NOW,
        citations=(Citation(article_id="x", title="X", source="x.md"),),
    )
    await store.record_turn(conv, first.message_id, [reply], {"replies": [{"text": "Guten Tag!"}]})
    again = await store.store_inbound(inbound(conv, "Hallo"))
    assert again.duplicate and again.message_id == first.message_id
    assert again.result == {"replies": [{"text": "Guten Tag!"}]}
    transcript = await store.transcript(conv.id)
    assert [(m.author, m.text) for m in transcript] == [(Author.CUSTOMER, "Hallo"), (Author.AGENT, "Guten Tag!")]
    assert transcript[1].citations[0].article_id == "x"
    loaded = await store.get(conv.id)
    assert loaded is not None and loaded.status is ConversationStatus.WAITING_FOR_HUMAN
    assert loaded.state == {"turns": 1}
    assert all(m.conversation_id != conv.id for m in await store.unprocessed())


@pytest.mark.anyio
async def test_hostile_text_is_stored_verbatim(engine: AsyncEngine) -> None:
    store = SqlConversationStore(engine)
    conv = conversation()
    await store.create(conv)
    hostile = "'; DROP TABLE messages; -- <script>alert(1)</script> 😀 \u202e"
    await store.store_inbound(inbound(conv, hostile))
    assert (await store.transcript(conv.id))[0].text == hostile


@pytest.mark.anyio
async def test_migrations_create_and_remove_every_table(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert {"conversations", "messages", "tickets", "ticket_events", "audit_log", "alembic_version"} <= tables
        version = (await connection.execute(text("select version_num from alembic_version"))).scalar_one()
        assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
