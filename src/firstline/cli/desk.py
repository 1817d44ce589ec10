"""``firstline desk``: the supervisor's work from the terminal (the web console does the same).

Every command opens the same database as ``firstline chat``/``serve``, so a colleague can
answer a conversation a customer is having in another process.
"""

from __future__ import annotations

import asyncio
import getpass
import json
from collections.abc import Awaitable, Callable
from dataclasses import asdict, is_dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from firstline.errors import CompanyPackError, FirstlineError
from firstline.settings import Settings

desk_app = typer.Typer(help="Supervisor desk: handoffs, approvals, tickets, audit log.", no_args_is_help=True)

T = TypeVar("T")

CompanyOption = Annotated[Path | None, typer.Option("--company", help="Company pack folder (default: the demo).")]
StaffOption = Annotated[str | None, typer.Option("--as", help="Your staff name (default: your login name).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of lines.")]


def _run(company: Path | None, work: Callable[[Any], Awaitable[T]]) -> T:
    """Build the services, run ``work(desk)``, close; errors become a message and exit code."""
    from firstline.app import build_services

    settings = Settings()
    if company is not None:
        settings.company_dir = company.resolve()

    async def run() -> T:
        services = await build_services(settings)
        try:
            return await work(services.desk)
        finally:
            await services.close()

    try:
        return asyncio.run(run())
    except CompanyPackError as error:
        typer.echo(f"error: invalid company pack: {error}", err=True)
        raise typer.Exit(2) from error
    except FirstlineError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error


def _staff(name: str | None) -> str:
    return name or getpass.getuser() or "supervisor"


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _print(value: Any, as_json: bool, lines: Callable[[], list[str]]) -> None:
    if as_json:
        typer.echo(json.dumps(_plain(value), ensure_ascii=False, indent=2, default=str))
    else:
        for line in lines():
            typer.echo(line)


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


@desk_app.command()
def inbox(
    company: CompanyOption = None,
    status: Annotated[str | None, typer.Option(help="bot, waiting_for_human, with_human or closed.")] = None,
    channel: Annotated[str | None, typer.Option(help="Only this channel.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="de or en.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Conversations, most recently active first."""
    from firstline.domain.conversation import ConversationStatus
    from firstline.domain.language import Language
    from firstline.supervision.desk import InboxFilter

    try:
        wanted = InboxFilter(
            status=ConversationStatus(status) if status else None,
            channel=channel,
            language=Language(lang) if lang else None,
        )
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    entries = _run(company, lambda desk: desk.inbox(wanted))

    def lines() -> list[str]:
        return [
            f"{e.conversation.id}  {e.conversation.status.value:<17} {e.conversation.channel:<6} "
            f"{e.conversation.language.value}  {' '.join(t.reference for t in e.open_tickets) or '-':<12} "
            f"{(e.last_message.text if e.last_message else '')[:60]!r}"
            for e in entries
        ] or ["no conversations"]

    _print(entries, as_json, lines)


@desk_app.command()
def show(conversation: str, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """A conversation's transcript with what the agent understood and did, its tickets and audit trail."""
    view = _run(company, lambda desk: desk.view(conversation))

    def lines() -> list[str]:
        out = [f"conversation {view.conversation.id}: {view.conversation.status.value}, {view.conversation.language}"]
        for entry in view.entries:
            out.append(f"[{_when(entry.message.created_at)}] {entry.message.author.value}: {entry.message.text}")
            turn = entry.turn or {}
            if turn.get("intents") or turn.get("actions"):
                actions = ", ".join(
                    f"{a['name']}={a['outcome']}" + (f" ({a['rule']})" if a.get("rule") else "")
                    for a in turn.get("actions", [])
                )
                out.append(
                    f"    understood: {', '.join(turn.get('intents', []))}; flow: {turn.get('active_flow')}; "
                    f"actions: {actions or '-'}"
                )
        out += [f"ticket {t.reference} {t.kind.value} {t.status.value}: {t.subject}" for t in view.tickets]
        out += [f"audit {a.actor} {a.action} {a.decision.value} {a.outcome} {a.rule or ''}" for a in view.audit]
        return out

    _print(view, as_json, lines)


def _update_lines(update: Any) -> list[str]:
    lines = [f"conversation {update.conversation.id} is now {update.conversation.status.value}"]
    lines += [f"customer sees: {m.text}" for m in update.messages]
    if update.ticket is not None:
        lines.append(f"ticket {update.ticket.reference}: {update.ticket.status.value}")
    return lines


@desk_app.command()
def take(conversation: str, company: CompanyOption = None, staff: StaffOption = None) -> None:
    """Take a conversation over: you answer the customer from now on."""
    update = _run(company, lambda desk: desk.take_over(conversation, staff=_staff(staff)))
    _print(update, False, lambda: _update_lines(update))


@desk_app.command()
def reply(conversation: str, text: str, company: CompanyOption = None, staff: StaffOption = None) -> None:
    """Reply to the customer as yourself (take the conversation over first)."""
    update = _run(company, lambda desk: desk.reply(conversation, text, staff=_staff(staff)))
    _print(update, False, lambda: _update_lines(update))


@desk_app.command()
def handback(conversation: str, company: CompanyOption = None, staff: StaffOption = None) -> None:
    """Hand the conversation back to the assistant."""
    update = _run(company, lambda desk: desk.hand_back(conversation, staff=_staff(staff)))
    _print(update, False, lambda: _update_lines(update))


@desk_app.command()
def close(conversation: str, company: CompanyOption = None, staff: StaffOption = None) -> None:
    """Close a conversation."""
    update = _run(company, lambda desk: desk.close(conversation, staff=_staff(staff)))
    _print(update, False, lambda: _update_lines(update))


@desk_app.command()
def approvals(
    company: CompanyOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="Decided ones too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Approval requests waiting for a decision."""
    found = _run(company, lambda desk: desk.approvals(pending_only=not show_all))

    def lines() -> list[str]:
        return [
            f"{t.reference}  {t.status.value:<8} due {_when(t.due_at)}  conversation {t.conversation_id}  {t.subject}"
            for t in found
        ] or ["no approval requests"]

    _print(found, as_json, lines)


def _decide(reference: str, approve: bool, note: str, company: Path | None, staff: str | None) -> None:
    update = _run(company, lambda desk: desk.decide(reference, approve=approve, note=note, staff=_staff(staff)))
    _print(update, False, lambda: _update_lines(update))


@desk_app.command()
def approve(
    reference: str,
    note: Annotated[str, typer.Option(help="Why (kept in the ticket).")] = "",
    company: CompanyOption = None,
    staff: StaffOption = None,
) -> None:
    """Approve a request: the action runs exactly as requested and the customer is told."""
    _decide(reference, True, note, company, staff)


@desk_app.command()
def deny(
    reference: str,
    note: Annotated[str, typer.Option(help="The reason; the customer reads it.")] = "",
    company: CompanyOption = None,
    staff: StaffOption = None,
) -> None:
    """Deny a request: nothing runs, the customer gets your note."""
    _decide(reference, False, note, company, staff)


@desk_app.command()
def tickets(
    company: CompanyOption = None,
    status: Annotated[str | None, typer.Option(help="open, in_progress, pending, resolved, …")] = None,
    kind: Annotated[str | None, typer.Option(help="complaint, escalation, approval, investigation, return, …")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only unfinished tickets.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Tickets, newest first."""
    from firstline.domain.tickets import TicketKind, TicketStatus
    from firstline.supervision.desk import TicketFilter

    try:
        wanted = TicketFilter(
            status=TicketStatus(status) if status else None,
            kind=TicketKind(kind) if kind else None,
            open_only=open_only,
        )
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    found = _run(company, lambda desk: desk.tickets(wanted))

    def lines() -> list[str]:
        return [
            f"{t.reference}  {t.kind.value:<13} {t.status.value:<11} {t.priority.value:<6} due {_when(t.due_at)}  "
            f"{t.subject}"
            for t in found
        ] or ["no tickets"]

    _print(found, as_json, lines)


@desk_app.command()
def ticket(reference: str, company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """One ticket with its details and history."""
    found = _run(company, lambda desk: desk.ticket(reference))

    def lines() -> list[str]:
        out = [
            f"{found.reference} {found.kind.value} {found.status.value} ({found.priority.value}), "
            f"due {_when(found.due_at)}, assignee {found.assignee or '-'}",
            found.subject,
            json.dumps(_plain(found.details), ensure_ascii=False),
        ]
        out += [f"[{_when(e.created_at)}] {e.author} {e.kind}: {e.text}" for e in found.events]
        return out

    _print(found, as_json, lines)


@desk_app.command()
def note(reference: str, text: str, company: CompanyOption = None, staff: StaffOption = None) -> None:
    """Add a note to a ticket."""
    found = _run(company, lambda desk: desk.add_note(reference, text, staff=_staff(staff)))
    typer.echo(f"{found.reference}: note added ({len(found.events)} entries)")


@desk_app.command("status")
def set_status(reference: str, status: str, company: CompanyOption = None, staff: StaffOption = None) -> None:
    """Move a ticket on (open, in_progress, resolved, closed)."""
    from firstline.domain.tickets import TicketStatus

    try:
        wanted = TicketStatus(status)
    except ValueError as error:
        typer.echo(f"error: unknown status {status!r}", err=True)
        raise typer.Exit(2) from error
    found = _run(company, lambda desk: desk.set_ticket_status(reference, wanted, staff=_staff(staff)))
    typer.echo(f"{found.reference}: {found.status.value}")


@desk_app.command()
def audit(
    company: CompanyOption = None,
    conversation: Annotated[str | None, typer.Option(help="Only this conversation.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many entries.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """The audit log: every action attempted, who, the rule that decided, the outcome."""
    found = _run(company, lambda desk: desk.audit(conversation_id=conversation, limit=limit))

    def lines() -> list[str]:
        return [
            f"[{_when(a.created_at)}] {a.actor:<14} {a.action:<18} {a.decision.value:<14} {a.outcome:<16} "
            f"{a.rule or '-':<20} {json.dumps(a.args, ensure_ascii=False)}"
            for a in found
        ] or ["no entries"]

    _print(found, as_json, lines)
