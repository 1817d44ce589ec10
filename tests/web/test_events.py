"""The in-memory event bus: per-conversation fan-out, bounded queues, clean shutdown."""

from __future__ import annotations

import pytest

from firstline.domain.conversation import ConversationId, ConversationStatus
from firstline.web.events import MemoryEventBus, TooManySubscribers, status_event

pytestmark = pytest.mark.anyio

A, B = ConversationId("a"), ConversationId("b")


async def test_subscribers_get_only_their_conversations_events_in_order() -> None:
    bus = MemoryEventBus()
    async with bus.subscribe(A) as first, bus.subscribe(A) as second, bus.subscribe(B) as other:
        await bus.publish(status_event(A, ConversationStatus.WAITING_FOR_HUMAN))
        await bus.publish(status_event(B, ConversationStatus.CLOSED))
        await bus.publish(status_event(A, ConversationStatus.WITH_HUMAN))
        await bus.close()
        seen_first = [event.data["status"] async for event in first]
        seen_second = [event.data["status"] async for event in second]
        seen_other = [event.data["status"] async for event in other]
    assert seen_first == seen_second == ["waiting_for_human", "with_human"]
    assert seen_other == ["closed"]


async def test_events_are_numbered_increasingly() -> None:
    bus = MemoryEventBus()
    async with bus.subscribe(A) as stream:
        for _ in range(3):
            await bus.publish(status_event(A, ConversationStatus.BOT))
        await bus.close()
        assert [event.seq async for event in stream] == [1, 2, 3]


async def test_a_subscriber_that_falls_behind_is_dropped_not_buffered_forever() -> None:
    bus = MemoryEventBus(queue_size=2)
    async with bus.subscribe(A) as slow:
        for _ in range(5):
            await bus.publish(status_event(A, ConversationStatus.BOT))
        assert bus.subscriber_count(A) == 0
        assert len([event async for event in slow]) <= 2


async def test_subscribers_per_conversation_are_limited_and_released() -> None:
    bus = MemoryEventBus(max_subscribers=1)
    async with bus.subscribe(A):
        assert not bus.can_subscribe(A) and bus.can_subscribe(B)
        with pytest.raises(TooManySubscribers):
            async with bus.subscribe(A):
                pass
    assert bus.can_subscribe(A) and bus.subscriber_count(A) == 0
