"""One customer message over HTTP: one turn at a time per conversation, then live events."""

from __future__ import annotations

import asyncio
import uuid
import weakref
from datetime import UTC, datetime

from firstline.domain.conversation import Author, Conversation, ConversationId, InboundMessage, TurnResult
from firstline.web.events import EventBus, message_event, reply_events, status_event
from firstline.web.ports import WebServices


def now_utc() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class TurnGate:
    """Hands customer messages to the agent, one turn per conversation at a time, and publishes what happened.

    The agent stores the inbound message before it processes it, so a rejected or failed
    request never loses what was accepted. The lock is per process: several processes need
    the store to serialise turns of one conversation. At most ``max_concurrent_turns`` turns
    of all conversations run at once; the others wait their turn.
    """

    def __init__(self, services: WebServices, events: EventBus, *, max_concurrent_turns: int = 4) -> None:
        self._services = services
        self._events = events
        self._locks: weakref.WeakValueDictionary[ConversationId, asyncio.Lock] = weakref.WeakValueDictionary()
        # Turns are mostly CPU work on the event loop: more at once only lengthens every open
        # database transaction (SQLite then reports "database is locked"), it adds no throughput.
        self._slots = asyncio.Semaphore(max_concurrent_turns)

    def _lock(self, conversation_id: ConversationId) -> asyncio.Lock:
        lock = self._locks.get(conversation_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[conversation_id] = lock
        return lock

    async def post(self, conversation: Conversation, text: str, message_id: str | None) -> TurnResult:
        """Run the turn for one customer message; a known ``message_id`` returns the stored result."""
        channel_message_id = message_id or uuid.uuid4().hex
        lock = self._lock(conversation.id)
        async with lock, self._slots:
            before = await self._services.store.get(conversation.id)
            received_at = now_utc()
            result = await self._services.agent.handle(
                InboundMessage(
                    conversation_id=conversation.id,
                    channel=conversation.channel,
                    channel_message_id=channel_message_id,
                    text=text,
                    received_at=received_at,
                )
            )
            if not result.duplicate:
                await self._publish(conversation.id, text, channel_message_id, received_at, result, before)
        return result

    async def _publish(
        self,
        conversation_id: ConversationId,
        text: str,
        message_id: str,
        received_at: datetime,
        result: TurnResult,
        before: Conversation | None,
    ) -> None:
        events = [
            message_event(
                conversation_id, author=Author.CUSTOMER, text=text, created_at=received_at, message_id=message_id
            ),
            *reply_events(conversation_id, result.replies, created_at=now_utc(), reply_to=message_id),
        ]
        if before is None or before.status is not result.status:
            events.append(status_event(conversation_id, result.status))
        for event in events:
            await self._events.publish(event)
