"""Console pages: approvals, tickets and the knowledge search."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from firstline.domain.language import Language
from firstline.domain.tickets import TicketKind, TicketStatus
from firstline.errors import InvalidInput, InvalidTransition, NotFound
from firstline.supervision.desk import TicketFilter
from firstline.web.api.deps import EventsDep, ServicesDep
from firstline.web.auth.accounts import StaffContext
from firstline.web.console.publish import publish_update
from firstline.web.console.render import error_page, page, request_language
from firstline.web.console.security import AgentDep, FormDep, SupervisorDep
from firstline.web.console.texts import TEXTS
from firstline.web.ports import WebServices

router = APIRouter(prefix="/console", include_in_schema=False)

TICKET_STATUSES = [status.value for status in TicketStatus]
TICKET_KINDS = [kind.value for kind in TicketKind]
MAX_NOTE = 4000


def _message(request: Request, staff: StaffContext, key: str, detail: str = "") -> str:
    return TEXTS[request_language(request, staff)][key] + (f" ({detail})" if detail else "")


async def approvals_page(
    request: Request, staff: StaffContext, services: WebServices, *, error: str = "", status_code: int = 200
) -> HTMLResponse:
    """The approvals waiting for a decision."""
    pending = await services.desk.approvals(pending_only=True)
    fragment = request.query_params.get("fragment") == "1"
    context = {"approvals": pending, "error": error, "live_url": "/console/approvals?fragment=1"}
    return page(
        request, "approvals_list.html" if fragment else "approvals.html", staff, context, status_code=status_code
    )


@router.get("/approvals", response_class=HTMLResponse)
async def approvals(request: Request, staff: SupervisorDep, services: ServicesDep) -> HTMLResponse:
    """Pending approvals; updates live."""
    return await approvals_page(request, staff, services)


@router.post("/approvals/{reference}/decide")
async def decide(
    request: Request, reference: str, staff: SupervisorDep, services: ServicesDep, events: EventsDep, form: FormDep
) -> Response:
    """Approve or deny, with a note; the customer learns the result and the bot resumes."""
    choice, note = form.get("decision", ""), form.get("note", "").strip()[:MAX_NOTE]
    if choice not in ("approve", "deny"):
        return await approvals_page(
            request, staff, services, error=_message(request, staff, "error.invalid"), status_code=422
        )
    try:
        update = await services.desk.decide(reference, approve=choice == "approve", note=note, staff=staff.username)
    except NotFound:
        return await error_page(request, "error.not_found", 404)
    except (InvalidTransition, InvalidInput) as problem:
        message = _message(request, staff, "error.transition", str(problem))
        return await approvals_page(request, staff, services, error=message, status_code=409)
    await publish_update(events, update)
    return RedirectResponse("/console/approvals?notice=decided", status_code=303)


@router.get("/tickets", response_class=HTMLResponse)
async def tickets(
    request: Request,
    staff: AgentDep,
    services: ServicesDep,
    status: Annotated[str | None, Query(max_length=30)] = None,
    kind: Annotated[str | None, Query(max_length=30)] = None,
    open_only: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """Tickets, filtered by status and kind."""
    chosen = TicketFilter(
        status=TicketStatus(status) if status in TICKET_STATUSES else None,
        kind=TicketKind(kind) if kind in TICKET_KINDS else None,
        open_only=open_only == "1",
    )
    context: dict[str, Any] = {
        "tickets": await services.desk.tickets(chosen),
        "statuses": TICKET_STATUSES,
        "kinds": TICKET_KINDS,
        "chosen": {"status": status or "", "kind": kind or "", "open_only": open_only == "1"},
    }
    # New complaints, returns and handovers arrive with a customer's turn: the list follows the live events.
    query = {"status": status or "", "kind": kind or "", "open_only": open_only or "", "fragment": "1"}
    context["live_url"] = "/console/tickets?" + urlencode({k: v for k, v in query.items() if v})
    fragment = request.query_params.get("fragment") == "1"
    return page(request, "tickets_list.html" if fragment else "tickets.html", staff, context)


async def ticket_page(
    request: Request,
    staff: StaffContext,
    services: WebServices,
    reference: str,
    *,
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    """One ticket with its history, a note form and a status form."""
    try:
        found = await services.desk.ticket(reference)
    except NotFound:
        return await error_page(request, "error.not_found", 404)
    context = {"ticket": found, "statuses": TICKET_STATUSES, "error": error}
    return page(request, "ticket.html", staff, context, status_code=status_code)


@router.get("/tickets/{reference}", response_class=HTMLResponse)
async def ticket(request: Request, reference: str, staff: AgentDep, services: ServicesDep) -> HTMLResponse:
    """One ticket."""
    return await ticket_page(request, staff, services, reference)


@router.post("/tickets/{reference}/notes")
async def add_note(request: Request, reference: str, staff: AgentDep, services: ServicesDep, form: FormDep) -> Response:
    """Add a note to the ticket's history."""
    text = form.get("text", "").strip()
    if not text or len(text) > MAX_NOTE:
        key = "error.empty" if not text else "error.too_long"
        return await ticket_page(
            request, staff, services, reference, error=_message(request, staff, key), status_code=422
        )
    try:
        await services.desk.add_note(reference, text, staff=staff.username)
    except NotFound:
        return await error_page(request, "error.not_found", 404)
    except (InvalidTransition, InvalidInput) as problem:
        message = _message(request, staff, "error.transition", str(problem))
        return await ticket_page(request, staff, services, reference, error=message, status_code=409)
    return RedirectResponse(f"/console/tickets/{reference}?notice=note_added", status_code=303)


@router.post("/tickets/{reference}/status")
async def set_status(
    request: Request, reference: str, staff: AgentDep, services: ServicesDep, form: FormDep
) -> Response:
    """Move the ticket to another status."""
    status = form.get("status", "")
    if status not in TICKET_STATUSES:
        message = _message(request, staff, "error.invalid")
        return await ticket_page(request, staff, services, reference, error=message, status_code=422)
    try:
        await services.desk.set_ticket_status(reference, TicketStatus(status), staff=staff.username)
    except NotFound:
        return await error_page(request, "error.not_found", 404)
    except (InvalidTransition, InvalidInput) as problem:
        message = _message(request, staff, "error.transition", str(problem))
        return await ticket_page(request, staff, services, reference, error=message, status_code=409)
    return RedirectResponse(f"/console/tickets/{reference}?notice=status_changed", status_code=303)


@router.get("/knowledge", response_class=HTMLResponse)
async def knowledge(
    request: Request,
    staff: AgentDep,
    services: ServicesDep,
    q: Annotated[str, Query(max_length=500)] = "",
    language: Annotated[str | None, Query(max_length=5)] = None,
) -> HTMLResponse:
    """Search the company's knowledge as the agent would (in the chosen language)."""
    lang = Language(language) if language in {code.value for code in Language} else request_language(request, staff)
    hits = services.desk.search_knowledge(q.strip(), lang) if q.strip() else []
    context = {"query": q, "hits": hits, "search_language": lang.value, "languages": [code.value for code in Language]}
    return page(request, "knowledge.html", staff, context)


@router.get("/audit", response_class=HTMLResponse)
async def audit(
    request: Request,
    staff: SupervisorDep,
    services: ServicesDep,
    conversation_id: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    """Every action the bot or a person attempted, the rule that decided and what happened, newest first."""
    entries = await services.desk.audit(conversation_id=conversation_id or None, limit=300)
    return page(request, "audit.html", staff, {"entries": entries, "conversation_id": conversation_id or ""})
