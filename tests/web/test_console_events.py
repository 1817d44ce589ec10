"""Live updates for the console: the bus's inbox-wide stream, and what a desk operation publishes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from firstline.domain.conversation import (
    Author,
    ChannelName,
    Citation,
    Conversation,
    ConversationId,
    ConversationStatus,
    Message,
)
from firstline.domain.language import Language
from firstline.supervision.desk import DeskUpdate
from firstline.web.console.publish import publish_update
from firstline.web.events import ALL_CONVERSATIONS, MemoryEventBus, TooManySubscribers, status_event

pytestmark = pytest.mark.anyio

A, B = ConversationId("a"), ConversationId("b")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


async def test_the_inbox_stream_gets_every_conversations_events() -> None:
    bus = MemoryEventBus()
    async with bus.subscribe_all() as everything, bus.subscribe(A) as only_a:
        await bus.publish(status_event(A, ConversationStatus.WAITING_FOR_HUMAN))
        await bus.publish(status_event(B, ConversationStatus.CLOSED))
        await bus.close()
        seen_all = [(event.conversation_id, event.data["status"]) async for event in everything]
        seen_a = [event.data["status"] async for event in only_a]
    assert seen_all == [(A, "waiting_for_human"), (B, "closed")]
    assert seen_a == ["waiting_for_human"]


async def test_the_inbox_stream_has_its_own_larger_limit() -> None:
    bus = MemoryEventBus(max_subscribers=1)
    async with bus.subscribe(A), bus.subscribe_all(), bus.subscribe_all():
        assert not bus.can_subscribe(A)
        assert bus.can_subscribe(ALL_CONVERSATIONS)
        with pytest.raises(TooManySubscribers):
            async with bus.subscribe(A):
                pass


def conversation(status: ConversationStatus) -> Conversation:
    return Conversation(id=A, channel=ChannelName("web"), language=Language.DE, status=status, created_at=NOW)


async def test_a_desk_update_publishes_the_status_then_the_messages() -> None:
    bus = MemoryEventBus()
    joined = Message(author=Author.AGENT, text="Jana ist jetzt für Sie da.", created_at=NOW)
    reply = Message(
        author=Author.HUMAN,
        text="Hallo!",
        created_at=NOW,
        citations=(Citation(article_id="x", title="Versand", source="de/shipping-costs.md"),),
    )
    update = DeskUpdate(
        conversation=conversation(ConversationStatus.WITH_HUMAN),
        messages=(joined, reply),
        previous_status=ConversationStatus.WAITING_FOR_HUMAN,
    )
    async with bus.subscribe(A) as stream:
        await publish_update(bus, update)
        await bus.close()
        events = [event async for event in stream]
    assert [event.type for event in events] == ["status", "message", "message"]
    assert events[0].data["status"] == "with_human"
    assert [(e.data["author"], e.data["text"]) for e in events[1:]] == [
        ("agent", "Jana ist jetzt für Sie da."),
        ("human", "Hallo!"),
    ]
    assert events[2].data["citations"][0]["url"] == "/knowledge/de/shipping-costs.md"


async def test_an_unchanged_status_is_not_published_again() -> None:
    bus = MemoryEventBus()
    reply = Message(author=Author.HUMAN, text="Noch etwas?", created_at=NOW)
    update = DeskUpdate(
        conversation=conversation(ConversationStatus.WITH_HUMAN),
        messages=(reply,),
        previous_status=ConversationStatus.WITH_HUMAN,
    )
    async with bus.subscribe_all() as stream:
        await publish_update(bus, update)
        await bus.close()
        assert [event.type async for event in stream] == ["message"]
