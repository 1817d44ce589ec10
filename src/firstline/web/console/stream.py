"""``GET /console/events``: every conversation's messages and status changes, for the live console."""

from __future__ import annotations

from collections.abc import AsyncIterable

from fastapi import APIRouter, Depends
from fastapi.sse import EventSourceResponse, ServerSentEvent

from firstline.web.api.deps import EventsDep
from firstline.web.api.models import MessageEventOut, StatusEventOut
from firstline.web.console.security import AgentDep
from firstline.web.errors import ApiError
from firstline.web.events import ALL_CONVERSATIONS, TooManySubscribers

router = APIRouter(prefix="/console", tags=["staff"], include_in_schema=False)

RETRY_MS = 3000


async def _has_room(events: EventsDep) -> None:
    if not events.can_subscribe(ALL_CONVERSATIONS):
        raise ApiError(429, "too many live console connections", headers={"Retry-After": "30"})


@router.get(
    "/events",
    summary="Follow every conversation live (server-sent events, staff only)",
    response_class=EventSourceResponse,
    dependencies=[Depends(_has_room)],
)
async def console_events(_staff: AgentDep, events: EventsDep) -> AsyncIterable[ServerSentEvent]:
    """``event: message`` and ``event: status`` of every conversation, as the widget's stream has them."""
    try:
        async with events.subscribe_all() as stream:
            yield ServerSentEvent(comment="connected", retry=RETRY_MS)
            async for event in stream:
                model = MessageEventOut if event.type == "message" else StatusEventOut
                yield ServerSentEvent(event=event.type, data=model(**event.data), id=str(event.seq))
    except TooManySubscribers:
        return
