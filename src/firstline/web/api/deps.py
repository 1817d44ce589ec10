"""Route dependencies: what a request gets from ``app.state``, as ``Annotated`` aliases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from firstline.domain.conversation import Conversation, ConversationId
from firstline.web.api.turns import TurnGate
from firstline.web.errors import ApiError
from firstline.web.events import EventBus
from firstline.web.ports import WebServices
from firstline.web.ratelimit import RateLimits


@dataclass(frozen=True, slots=True, kw_only=True)
class WebState:
    """Everything the routes share, kept on ``app.state.web``."""

    services: WebServices
    events: EventBus
    limits: RateLimits
    turns: TurnGate
    max_text_chars: int


def get_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


StateDep = Annotated[WebState, Depends(get_state)]


def get_services(state: StateDep) -> WebServices:
    return state.services


def get_events(state: StateDep) -> EventBus:
    return state.events


def get_turns(state: StateDep) -> TurnGate:
    return state.turns


ServicesDep = Annotated[WebServices, Depends(get_services)]
EventsDep = Annotated[EventBus, Depends(get_events)]
TurnsDep = Annotated[TurnGate, Depends(get_turns)]


def client_address(request: Request) -> str:
    """The client's IP (uvicorn resolves X-Forwarded-For from trusted proxies)."""
    return request.client.host if request.client else "unknown"


ClientDep = Annotated[str, Depends(client_address)]


async def get_conversation(conversation_id: str, services: ServicesDep) -> Conversation:
    conversation = await services.store.get(ConversationId(conversation_id))
    if conversation is None:
        raise ApiError(404, f"conversation '{conversation_id[:80]}' not found")
    return conversation


ConversationDep = Annotated[Conversation, Depends(get_conversation)]


async def limit_messages(conversation: ConversationDep, client: ClientDep, state: StateDep) -> None:
    await state.limits.hit_message(client, conversation.id)


async def limit_conversations(client: ClientDep, state: StateDep) -> None:
    await state.limits.hit_conversation(client)


MessageLimit = Depends(limit_messages)
ConversationLimit = Depends(limit_conversations)
