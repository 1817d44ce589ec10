"""HTTP API v1: conversations, messages, transcript and live events."""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Annotated

from fastapi import APIRouter, Body, Depends
from fastapi.sse import EventSourceResponse, ServerSentEvent

from firstline.domain.conversation import CustomerInfo
from firstline.web.api.deps import (
    ConversationDep,
    ConversationLimit,
    EventsDep,
    MessageLimit,
    ServicesDep,
    StateDep,
    TurnsDep,
)
from firstline.web.api.models import (
    ConversationCreated,
    ConversationOut,
    CreateConversation,
    MessageEventOut,
    PostMessage,
    StatusEventOut,
    TurnOut,
)
from firstline.web.errors import ApiError, error_responses
from firstline.web.events import TooManySubscribers, status_event

router = APIRouter(prefix="/api/v1", tags=["conversations"])

RETRY_MS = 3000
"""How long a browser's EventSource waits before it reconnects."""


@router.post(
    "/conversations",
    status_code=201,
    summary="Start a conversation",
    responses=error_responses(400, 413, 422, 429, 503),
    dependencies=[ConversationLimit],
)
async def create_conversation(
    services: ServicesDep, body: Annotated[CreateConversation | None, Body()] = None
) -> ConversationCreated:
    """Create a conversation; all fields are optional."""
    request = body or CreateConversation()
    customer = request.customer
    conversation = await services.open_conversation(
        channel=request.channel,
        language=request.language,
        customer=CustomerInfo(email=customer.email, name=customer.name) if customer else None,
    )
    return ConversationCreated(id=conversation.id)


@router.post(
    "/conversations/{conversation_id}/messages",
    summary="Send a customer message",
    responses=error_responses(400, 404, 413, 422, 429, 503),
    dependencies=[MessageLimit],
)
async def post_message(conversation: ConversationDep, body: PostMessage, turns: TurnsDep, state: StateDep) -> TurnOut:
    """Run one customer turn and return the agent's replies, the conversation's status and the actions taken.

    The text is stored before it is processed. Texts longer than the server's limit (4000
    characters by default) are refused with 413 and leave the conversation as it was. Send a
    ``message_id`` to retry safely: the same id returns the same replies.
    """
    if len(body.text) > state.max_text_chars:
        raise ApiError(413, f"text is longer than {state.max_text_chars} characters ({len(body.text)})")
    result = await turns.post(conversation, body.text, body.message_id)
    return TurnOut.of(result)


@router.get(
    "/conversations/{conversation_id}",
    summary="Read a conversation",
    responses=error_responses(404),
)
async def get_conversation(conversation: ConversationDep, services: ServicesDep) -> ConversationOut:
    """The transcript (every message with author, text, time and citations), the status and the dialogue state."""
    messages = await services.store.transcript(conversation.id)
    return ConversationOut.of(conversation, messages)


async def _has_room(conversation: ConversationDep, events: EventsDep) -> None:
    if not events.can_subscribe(conversation.id):
        raise ApiError(429, "too many live connections to this conversation", headers={"Retry-After": "30"})


@router.get(
    "/conversations/{conversation_id}/events",
    summary="Follow a conversation live (server-sent events)",
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": "A `text/event-stream`. `event: status` first (data: "
            "StatusEventOut), then `event: message` (data: MessageEventOut) for every new "
            "message (customer, agent, human) and `event: status` whenever the status changes.",
            "content": {
                "text/event-stream": {
                    "x-events": {
                        "message": {"$ref": "#/components/schemas/MessageEventOut"},
                        "status": {"$ref": "#/components/schemas/StatusEventOut"},
                    }
                }
            },
        },
        **error_responses(404, 429, json_only=True),
    },
    dependencies=[Depends(_has_room)],
)
async def conversation_events(conversation: ConversationDep, events: EventsDep) -> AsyncIterable[ServerSentEvent]:
    """Every new message and status change of the conversation, as JSON events."""
    try:
        async with events.subscribe(conversation.id) as stream:
            current = status_event(conversation.id, conversation.status)
            yield ServerSentEvent(event="status", data=StatusEventOut(**current.data), retry=RETRY_MS)
            async for event in stream:
                model = MessageEventOut if event.type == "message" else StatusEventOut
                yield ServerSentEvent(event=event.type, data=model(**event.data), id=str(event.seq))
    except TooManySubscribers:
        return
