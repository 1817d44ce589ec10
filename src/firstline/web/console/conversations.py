"""Console pages: the live inbox and one conversation (transcript, what the agent did, take over, reply)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from firstline.domain.conversation import ConversationStatus
from firstline.domain.language import Language
from firstline.errors import InvalidInput, InvalidTransition, NotFound
from firstline.supervision.desk import DeskUpdate, InboxFilter
from firstline.web.api.deps import EventsDep, ServicesDep, StateDep
from firstline.web.auth.accounts import StaffContext
from firstline.web.console.publish import publish_update
from firstline.web.console.render import error_page, page, request_language
from firstline.web.console.security import AgentDep, FormDep
from firstline.web.console.texts import TEXTS
from firstline.web.ports import WebServices

router = APIRouter(prefix="/console", include_in_schema=False)

STATUSES = [status.value for status in ConversationStatus]
LANGUAGES = [language.value for language in Language]


def inbox_filter(status: str | None, channel: str | None, language: str | None) -> InboxFilter:
    """The inbox filter from query parameters; unknown values mean "all"."""
    return InboxFilter(
        status=ConversationStatus(status) if status in STATUSES else None,
        channel=channel.strip()[:50] if channel and channel.strip() else None,
        language=Language(language) if language in LANGUAGES else None,
    )


@router.get("", response_class=HTMLResponse)
async def console_home() -> RedirectResponse:
    """The console starts at the inbox."""
    return RedirectResponse("/console/inbox", status_code=303)


@router.get("/inbox", response_class=HTMLResponse)
async def inbox(
    request: Request,
    staff: AgentDep,
    services: ServicesDep,
    status: Annotated[str | None, Query(max_length=30)] = None,
    channel: Annotated[str | None, Query(max_length=50)] = None,
    language: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """Conversations, newest activity first, filtered by status, channel and language; updates live."""
    chosen = inbox_filter(status, channel, language)
    chosen_query = {"status": status or "", "channel": channel or "", "language": language or ""}
    entries = await services.desk.inbox(chosen)
    context: dict[str, Any] = {
        "entries": entries,
        "statuses": STATUSES,
        "languages": LANGUAGES,
        "chosen": chosen_query,
        "live_url": "/console/inbox?" + urlencode({**{k: v for k, v in chosen_query.items() if v}, "fragment": "1"}),
    }
    fragment = request.query_params.get("fragment") == "1"
    return page(request, "inbox_list.html" if fragment else "inbox.html", staff, context)


async def conversation_page(
    request: Request,
    staff: StaffContext,
    services: WebServices,
    conversation_id: str,
    *,
    error: str = "",
    status_code: int = 200,
    draft: str = "",
) -> HTMLResponse:
    """One conversation: transcript with what the agent understood and did, tickets, audit, actions."""
    try:
        view = await services.desk.view(conversation_id)
    except NotFound:
        return await error_page(request, "error.not_found", 404)
    context: dict[str, Any] = {
        "view": view,
        "conversation": view.conversation,
        "error": error,
        "draft": draft,
        "live_url": f"/console/conversations/{view.conversation.id}?fragment=1",
    }
    fragment = request.query_params.get("fragment") == "1"
    name = "conversation_live.html" if fragment else "conversation.html"
    return page(request, name, staff, context, status_code=status_code)


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
async def conversation(request: Request, conversation_id: str, staff: AgentDep, services: ServicesDep) -> HTMLResponse:
    """One conversation; updates live."""
    return await conversation_page(request, staff, services, conversation_id)


async def _act(
    request: Request,
    staff: StaffContext,
    services: WebServices,
    events: EventsDep,
    conversation_id: str,
    notice: str,
    operation: Awaitable[DeskUpdate],
    *,
    draft: str = "",
) -> Response:
    """Run a desk operation, publish what changed, and go back to the conversation (or say what is wrong)."""
    try:
        update = await operation
    except NotFound:
        return await error_page(request, "error.not_found", 404)
    except InvalidTransition as problem:
        return await _failed(request, staff, services, conversation_id, "error.transition", str(problem), 409, draft)
    except InvalidInput as problem:
        return await _failed(request, staff, services, conversation_id, "error.invalid", str(problem), 422, draft)
    await publish_update(events, update)
    return RedirectResponse(f"/console/conversations/{update.conversation.id}?notice={notice}", status_code=303)


async def _failed(
    request: Request,
    staff: StaffContext,
    services: WebServices,
    conversation_id: str,
    key: str,
    detail: str,
    status_code: int,
    draft: str,
) -> HTMLResponse:
    message = TEXTS[request_language(request, staff)][key] + (f" ({detail})" if detail else "")
    return await conversation_page(
        request, staff, services, conversation_id, error=message, status_code=status_code, draft=draft
    )


@router.post("/conversations/{conversation_id}/take-over")
async def take_over(
    request: Request, conversation_id: str, staff: AgentDep, services: ServicesDep, events: EventsDep
) -> Response:
    """Take the conversation from the bot (or from the waiting queue)."""
    operation = services.desk.take_over(conversation_id, staff=staff.username)
    return await _act(request, staff, services, events, conversation_id, "taken_over", operation)


@router.post("/conversations/{conversation_id}/reply")
async def reply(
    request: Request,
    conversation_id: str,
    staff: AgentDep,
    services: ServicesDep,
    events: EventsDep,
    state: StateDep,
    form: FormDep,
) -> Response:
    """Answer the customer as a person (the conversation must be with a person)."""
    text = form.get("text", "").strip()
    if not text or len(text) > state.max_text_chars:
        key = "error.empty" if not text else "error.too_long"
        return await _failed(request, staff, services, conversation_id, key, "", 422, form.get("text", ""))
    operation = services.desk.reply(conversation_id, text, staff=staff.username)
    return await _act(request, staff, services, events, conversation_id, "replied", operation, draft=text)


@router.post("/conversations/{conversation_id}/hand-back")
async def hand_back(
    request: Request, conversation_id: str, staff: AgentDep, services: ServicesDep, events: EventsDep
) -> Response:
    """Give the conversation back to the bot; the customer is told the assistant continues."""
    operation = services.desk.hand_back(conversation_id, staff=staff.username)
    return await _act(request, staff, services, events, conversation_id, "handed_back", operation)


@router.post("/conversations/{conversation_id}/close")
async def close(
    request: Request, conversation_id: str, staff: AgentDep, services: ServicesDep, events: EventsDep
) -> Response:
    """End the conversation."""
    operation = services.desk.close(conversation_id, staff=staff.username)
    return await _act(request, staff, services, events, conversation_id, "closed", operation)
