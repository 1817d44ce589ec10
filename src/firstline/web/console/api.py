"""The staff API (JSON) under ``/console/api``: the console's functions for scripts and other front ends.

Log in with ``POST /console/api/login``; the answer sets the session cookie and carries the
CSRF token, which every POST and PATCH must send as ``X-CSRF-Token``. Errors are
``{"error": …}``: 401 without a valid session, 403 for a role that does not allow the route
or a missing CSRF token, 404 unknown, 409 not possible in the current state, 422 invalid.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from firstline.domain.conversation import ConversationStatus
from firstline.domain.language import Language
from firstline.domain.tickets import TicketKind, TicketStatus
from firstline.supervision.desk import InboxFilter, TicketFilter
from firstline.web.api.deps import ClientDep, EventsDep, ServicesDep
from firstline.web.console.api_models import (
    AuditOut,
    ConversationViewOut,
    DecisionIn,
    DeskUpdateOut,
    InboxEntryOut,
    KnowledgeHitOut,
    LoginIn,
    MeOut,
    NewUserIn,
    NoteIn,
    ReplyIn,
    StaffOut,
    TicketOut,
    TicketStatusIn,
    UserPatchIn,
)
from firstline.web.console.publish import publish_update
from firstline.web.console.security import (
    AdminDep,
    AgentDep,
    ConsoleStateDep,
    SupervisorDep,
    clear_session_cookie,
    set_session_cookie,
)
from firstline.web.errors import ApiError

# Not in the public OpenAPI document (/docs): that describes the customer API; the README documents this one.
router = APIRouter(prefix="/console/api", tags=["staff"], include_in_schema=False)

ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "Not logged in, or the session expired."},
    403: {"description": "The role does not allow this, or the X-CSRF-Token header is missing or wrong."},
}


@router.post("/login", summary="Log in (sets the session cookie)")
async def login(
    request: Request, body: LoginIn, response: Response, console: ConsoleStateDep, client: ClientDep
) -> MeOut:
    """Check the credentials and start a session; the answer's ``csrf_token`` goes into ``X-CSRF-Token``."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "send the credentials as application/json")
    if not await console.login_limiter.allowed(client):
        raise ApiError(429, "too many failed logins; try again in a minute", headers={"Retry-After": "60"})
    user = await console.accounts.authenticate(body.username, body.password)
    if user is None:
        await console.login_limiter.failed(client)
        raise ApiError(401, "wrong username or password")
    started = await console.accounts.login(user)
    set_session_cookie(request, response, started.token, int(console.accounts.policy.absolute.total_seconds()))
    return MeOut(user=StaffOut.of(user), csrf_token=started.csrf_token)


@router.post("/logout", status_code=204, summary="Log out", responses=ERRORS)
async def logout(request: Request, staff: AgentDep, console: ConsoleStateDep) -> Response:
    """End the session."""
    await console.accounts.logout(staff)
    response = Response(status_code=204)
    clear_session_cookie(request, response)
    return response


@router.get("/me", summary="Who is logged in", responses=ERRORS)
async def me(staff: AgentDep) -> MeOut:
    """The logged-in staff member and the session's CSRF token."""
    return MeOut(user=StaffOut.of(staff.user), csrf_token=staff.csrf_token)


@router.get("/conversations", summary="The inbox", responses=ERRORS)
async def inbox(
    _staff: AgentDep,
    services: ServicesDep,
    status: ConversationStatus | None = None,
    channel: Annotated[str | None, Query(max_length=50)] = None,
    language: Language | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[InboxEntryOut]:
    """Conversations, filtered by status, channel and language."""
    entries = await services.desk.inbox(InboxFilter(status=status, channel=channel, language=language, limit=limit))
    return [InboxEntryOut.of(entry) for entry in entries]


@router.get("/conversations/{conversation_id}", summary="One conversation", responses=ERRORS)
async def conversation(conversation_id: str, _staff: AgentDep, services: ServicesDep) -> ConversationViewOut:
    """Transcript with what the agent understood and did, tickets and audit log."""
    return ConversationViewOut.of(await services.desk.view(conversation_id))


@router.post("/conversations/{conversation_id}/take-over", summary="Take over", responses=ERRORS)
async def take_over(conversation_id: str, staff: AgentDep, services: ServicesDep, events: EventsDep) -> DeskUpdateOut:
    """A person answers the customer from now on (status ``with_human``)."""
    update = await services.desk.take_over(conversation_id, staff=staff.username)
    await publish_update(events, update)
    return DeskUpdateOut.of(update)


@router.post("/conversations/{conversation_id}/reply", summary="Reply as a person", responses=ERRORS)
async def reply(
    conversation_id: str, body: ReplyIn, staff: AgentDep, services: ServicesDep, events: EventsDep
) -> DeskUpdateOut:
    """Send the customer a message (the conversation must be ``with_human``, else 409)."""
    update = await services.desk.reply(conversation_id, body.text, staff=staff.username)
    await publish_update(events, update)
    return DeskUpdateOut.of(update)


@router.post("/conversations/{conversation_id}/hand-back", summary="Hand back to the bot", responses=ERRORS)
async def hand_back(conversation_id: str, staff: AgentDep, services: ServicesDep, events: EventsDep) -> DeskUpdateOut:
    """The assistant answers again; the customer is told so."""
    update = await services.desk.hand_back(conversation_id, staff=staff.username)
    await publish_update(events, update)
    return DeskUpdateOut.of(update)


@router.post("/conversations/{conversation_id}/close", summary="Close", responses=ERRORS)
async def close(conversation_id: str, staff: AgentDep, services: ServicesDep, events: EventsDep) -> DeskUpdateOut:
    """End the conversation."""
    update = await services.desk.close(conversation_id, staff=staff.username)
    await publish_update(events, update)
    return DeskUpdateOut.of(update)


@router.get("/approvals", summary="Approval requests", responses=ERRORS)
async def approvals(_staff: SupervisorDep, services: ServicesDep, pending_only: bool = True) -> list[TicketOut]:
    """Approvals waiting for a decision (``pending_only=false``: all)."""
    return [TicketOut.of(ticket) for ticket in await services.desk.approvals(pending_only=pending_only)]


@router.post("/approvals/{reference}/decision", summary="Approve or deny", responses=ERRORS)
async def decide(
    reference: str, body: DecisionIn, staff: SupervisorDep, services: ServicesDep, events: EventsDep
) -> DeskUpdateOut:
    """Run or refuse the requested action; the customer learns the result and the bot resumes."""
    update = await services.desk.decide(reference, approve=body.approve, note=body.note, staff=staff.username)
    await publish_update(events, update)
    return DeskUpdateOut.of(update)


@router.get("/tickets", summary="Tickets", responses=ERRORS)
async def tickets(
    _staff: AgentDep,
    services: ServicesDep,
    status: TicketStatus | None = None,
    kind: TicketKind | None = None,
    open_only: bool = False,
    conversation_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[TicketOut]:
    """Tickets, filtered by status, kind and conversation."""
    chosen = TicketFilter(status=status, kind=kind, open_only=open_only, conversation_id=conversation_id, limit=limit)
    return [TicketOut.of(ticket) for ticket in await services.desk.tickets(chosen)]


@router.get("/tickets/{reference}", summary="One ticket", responses=ERRORS)
async def ticket(reference: str, _staff: AgentDep, services: ServicesDep) -> TicketOut:
    """A ticket with its history."""
    return TicketOut.of(await services.desk.ticket(reference))


@router.post("/tickets/{reference}/notes", summary="Add a note", responses=ERRORS)
async def add_note(reference: str, body: NoteIn, staff: AgentDep, services: ServicesDep) -> TicketOut:
    """A note in the ticket's history."""
    return TicketOut.of(await services.desk.add_note(reference, body.text, staff=staff.username))


@router.post("/tickets/{reference}/status", summary="Change a ticket's status", responses=ERRORS)
async def set_status(reference: str, body: TicketStatusIn, staff: AgentDep, services: ServicesDep) -> TicketOut:
    """Move the ticket to another status."""
    return TicketOut.of(await services.desk.set_ticket_status(reference, body.status, staff=staff.username))


@router.get("/audit", summary="Audit log", responses=ERRORS)
async def audit(
    _staff: SupervisorDep,
    services: ServicesDep,
    conversation_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AuditOut]:
    """Every action attempted by the bot or a person, newest first."""
    return [AuditOut.of(e) for e in await services.desk.audit(conversation_id=conversation_id, limit=limit)]


@router.get("/knowledge", summary="Search the knowledge", responses=ERRORS)
async def knowledge(
    _staff: AgentDep,
    services: ServicesDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    language: Language = Language.DE,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> list[KnowledgeHitOut]:
    """Passages of the company's knowledge for a question, best first."""
    if not q.strip():
        raise ApiError(422, "q: must not be empty or only whitespace")
    return KnowledgeHitOut.all(services.desk.search_knowledge(q.strip(), language, limit))


@router.get("/users", summary="Staff accounts (admins)", responses=ERRORS)
async def users(_staff: AdminDep, console: ConsoleStateDep) -> list[StaffOut]:
    """Every staff account."""
    return [StaffOut.of(user) for user in await console.accounts.users()]


@router.post("/users", status_code=201, summary="Create a staff account (admins)", responses=ERRORS)
async def create_user(body: NewUserIn, _staff: AdminDep, console: ConsoleStateDep) -> StaffOut:
    """A new account; 422 when the username is taken or the password too short."""
    user = await console.accounts.create_user(
        body.username, body.password, body.role, display_name=body.display_name, language=body.language
    )
    return StaffOut.of(user)


@router.patch("/users/{username}", summary="Change a staff account (admins)", responses=ERRORS)
async def update_user(username: str, body: UserPatchIn, _staff: AdminDep, console: ConsoleStateDep) -> StaffOut:
    """Role, active, password or language; a new password or deactivation ends the account's sessions."""
    user = await console.accounts.update_user(
        username, role=body.role, active=body.active, password=body.password, language=body.language
    )
    return StaffOut.of(user)
