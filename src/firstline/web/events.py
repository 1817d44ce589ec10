"""Live conversation events: what the widget and the console see as it happens.

The ``EventBus`` port fans events out per conversation. ``MemoryEventBus`` serves one
process; a deployment with several ``firstline serve`` processes needs a shared backend
(PostgreSQL ``LISTEN/NOTIFY`` or Redis) behind the same port.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from firstline.domain.conversation import Author, Citation, ConversationId, ConversationStatus, Reply

EventType = Literal["message", "status"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationEvent:
    """One thing that happened in a conversation; ``data`` is plain JSON."""

    conversation_id: ConversationId
    type: EventType
    data: dict[str, Any]
    seq: int = 0
    """Set by the bus: increases with every event it publishes."""


class TooManySubscribers(Exception):
    """A conversation already has as many live subscribers as the bus allows."""


class EventBus(Protocol):
    """Publishes conversation events to everyone subscribed to that conversation."""

    async def publish(self, event: ConversationEvent) -> None: ...

    def subscribe(
        self, conversation_id: ConversationId
    ) -> AbstractAsyncContextManager[AsyncIterator[ConversationEvent]]:
        """Events published from now on, until the context exits (or the bus closes)."""
        ...

    def subscribe_all(self) -> AbstractAsyncContextManager[AsyncIterator[ConversationEvent]]:
        """Events of every conversation published from now on (the console's inbox)."""
        ...

    def can_subscribe(self, conversation_id: ConversationId) -> bool: ...

    async def close(self) -> None: ...


_CLOSED: Any = object()
ALL_CONVERSATIONS = ConversationId("\x00all")
"""The subscription key of the inbox-wide stream; no conversation id can look like it."""


class MemoryEventBus:
    """An in-process event bus: one bounded queue per subscriber.

    A subscriber that falls ``queue_size`` events behind is dropped (its stream ends), so a
    slow client never holds memory; a browser's ``EventSource`` reconnects and re-reads the
    transcript.
    """

    def __init__(self, *, queue_size: int = 100, max_subscribers: int = 20) -> None:
        self._queue_size = queue_size
        self._max_subscribers = max_subscribers
        self._subscribers: dict[ConversationId, set[asyncio.Queue[ConversationEvent]]] = {}
        self._seq = itertools.count(1)
        self._closed = False

    def can_subscribe(self, conversation_id: ConversationId) -> bool:
        """Whether one more subscriber fits."""
        # Every open console tab follows all conversations: allow more of those than per conversation.
        limit = self._max_subscribers * 10 if conversation_id == ALL_CONVERSATIONS else self._max_subscribers
        return not self._closed and len(self._subscribers.get(conversation_id, ())) < limit

    def subscriber_count(self, conversation_id: ConversationId) -> int:
        """How many streams listen to a conversation now."""
        return len(self._subscribers.get(conversation_id, ()))

    async def publish(self, event: ConversationEvent) -> None:
        """Deliver the event to every current subscriber of its conversation."""
        numbered = ConversationEvent(
            conversation_id=event.conversation_id, type=event.type, data=event.data, seq=next(self._seq)
        )
        for key in (event.conversation_id, ALL_CONVERSATIONS):
            for queue in list(self._subscribers.get(key, ())):
                try:
                    queue.put_nowait(numbered)
                except asyncio.QueueFull:
                    self._drop(key, queue)

    def subscribe(
        self, conversation_id: ConversationId
    ) -> AbstractAsyncContextManager[AsyncIterator[ConversationEvent]]:
        """Listen to a conversation; raises ``TooManySubscribers`` when it is full."""
        return self._subscription(conversation_id)

    def subscribe_all(self) -> AbstractAsyncContextManager[AsyncIterator[ConversationEvent]]:
        """Listen to every conversation (the console's inbox); raises ``TooManySubscribers`` when full."""
        return self._subscription(ALL_CONVERSATIONS)

    @asynccontextmanager
    async def _subscription(self, conversation_id: ConversationId) -> AsyncIterator[AsyncIterator[ConversationEvent]]:
        if not self.can_subscribe(conversation_id):
            raise TooManySubscribers(conversation_id)
        # One slot more than queue_size, so the "closed" marker always fits.
        queue: asyncio.Queue[ConversationEvent] = asyncio.Queue(maxsize=self._queue_size + 1)
        self._subscribers.setdefault(conversation_id, set()).add(queue)
        try:
            yield self._drain(queue)
        finally:
            self._remove(conversation_id, queue)

    async def close(self) -> None:
        """End every subscription (on shutdown)."""
        self._closed = True
        for conversation_id, queues in list(self._subscribers.items()):
            for queue in list(queues):
                self._drop(conversation_id, queue)

    @staticmethod
    async def _drain(queue: asyncio.Queue[ConversationEvent]) -> AsyncIterator[ConversationEvent]:
        while True:
            event = await queue.get()
            if event is _CLOSED:
                return
            yield event

    def _drop(self, conversation_id: ConversationId, queue: asyncio.Queue[ConversationEvent]) -> None:
        self._remove(conversation_id, queue)
        while queue.full():
            queue.get_nowait()
        queue.put_nowait(_CLOSED)

    def _remove(self, conversation_id: ConversationId, queue: asyncio.Queue[ConversationEvent]) -> None:
        queues = self._subscribers.get(conversation_id)
        if queues is None:
            return
        queues.discard(queue)
        if not queues:
            del self._subscribers[conversation_id]


def citation_json(citation: Citation) -> dict[str, str]:
    """A citation as the API and the events show it."""
    return {"title": citation.title, "source": citation.source, "url": knowledge_url(citation.source)}


def knowledge_url(source: str) -> str:
    """Where the web app shows a cited article: web addresses as they are, pack files under ``/knowledge/``."""
    if source.startswith(("https://", "http://")):
        return source
    return "/knowledge/" + source.lstrip("/")


def message_event(
    conversation_id: ConversationId,
    *,
    author: Author,
    text: str,
    created_at: datetime,
    citations: Iterable[Citation] = (),
    buttons: Iterable[str] = (),
    message_id: str | None = None,
    reply_to: str | None = None,
) -> ConversationEvent:
    """A new message in the conversation (customer, agent or human)."""
    return ConversationEvent(
        conversation_id=conversation_id,
        type="message",
        data={
            "conversation_id": conversation_id,
            "author": author.value,
            "text": text,
            "created_at": created_at.isoformat(),
            "citations": [citation_json(c) for c in citations],
            "buttons": list(buttons),
            "message_id": message_id,
            "reply_to": reply_to,
        },
    )


def reply_events(
    conversation_id: ConversationId, replies: Iterable[Reply], *, created_at: datetime, reply_to: str | None
) -> list[ConversationEvent]:
    """The agent's replies of one turn as message events."""
    return [
        message_event(
            conversation_id,
            author=Author.AGENT,
            text=reply.text,
            created_at=created_at,
            citations=reply.citations,
            buttons=reply.buttons,
            reply_to=reply_to,
        )
        for reply in replies
    ]


def status_event(conversation_id: ConversationId, status: ConversationStatus) -> ConversationEvent:
    """Who answers the customer changed (bot, waiting for a human, with a human, closed)."""
    return ConversationEvent(
        conversation_id=conversation_id,
        type="status",
        data={"conversation_id": conversation_id, "status": status.value},
    )
