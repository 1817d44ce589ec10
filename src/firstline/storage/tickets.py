"""Tickets and the audit log in SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from firstline.domain.language import Language
from firstline.domain.tickets import (
    AuditEntry,
    Decision,
    NewTicket,
    Priority,
    Ticket,
    TicketEvent,
    TicketKind,
    TicketStatus,
)
from firstline.errors import InvalidTransition, NotFound
from firstline.storage.tables import AuditRow, TicketEventRow, TicketRow

FIRST_REFERENCE = 100000
"""References count up from here, so they all have the same length for years."""


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _ticket(row: TicketRow, events: Sequence[TicketEventRow] = ()) -> Ticket:
    created, updated = _aware(row.created_at), _aware(row.updated_at)
    assert created is not None and updated is not None
    return Ticket(
        reference=row.reference or "",
        kind=TicketKind(row.kind),
        status=TicketStatus(row.status),
        priority=Priority(row.priority),
        subject=row.subject,
        language=Language(row.language),
        conversation_id=row.conversation_id,
        customer_number=row.customer_number,
        order_number=row.order_number,
        details=dict(row.details or {}),
        assignee=row.assignee,
        created_by=row.created_by,
        created_at=created,
        updated_at=updated,
        due_at=_aware(row.due_at),
        events=tuple(
            TicketEvent(author=e.author, kind=e.kind, text=e.text, created_at=_aware(e.created_at) or created)
            for e in events
        ),
    )


class SqlTicketStore:
    """Tickets with their history; references like ``CMP-100042`` are unique per database."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        company: str = "default",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._company = company
        self._clock = clock

    async def open(self, ticket: NewTicket, *, now: datetime | None = None) -> Ticket:
        """Store a new ticket and give it its reference."""
        moment = now or self._clock()
        async with self._sessions.begin() as session:
            row = TicketRow(
                company=self._company,
                kind=ticket.kind.value,
                status=ticket.status.value,
                priority=ticket.priority.value,
                conversation_id=ticket.conversation_id,
                customer_number=ticket.customer_number,
                order_number=ticket.order_number,
                language=ticket.language.value,
                subject=ticket.subject[:300],
                details=ticket.details,
                created_by=ticket.created_by,
                created_at=moment,
                updated_at=moment,
                # SQLite keeps no zone: store UTC, so a due time computed in company time reads back right.
                due_at=ticket.due_at.astimezone(UTC) if ticket.due_at else None,
            )
            session.add(row)
            await session.flush()
            # The id is unique and counts up: the reference is derived from it, no race.
            row.reference = f"{ticket.prefix or ticket.kind.prefix}-{FIRST_REFERENCE + row.id}"
            event = TicketEventRow(
                ticket_id=row.id, author=ticket.created_by, kind="created", text=ticket.subject, created_at=moment
            )
            session.add(event)
        return _ticket(row, [event])

    async def find(self, reference: str) -> Ticket | None:
        """The ticket with this reference (case and spaces do not matter)."""
        normalised = reference.strip().upper().replace(" ", "")
        async with self._sessions() as session:
            row = (
                await session.execute(select(TicketRow).where(TicketRow.reference == normalised))
            ).scalar_one_or_none()
            if row is None:
                return None
            return _ticket(row, await self._events(session, row.id))

    async def get(self, reference: str) -> Ticket:
        """Like :meth:`find`, but an unknown reference is an error."""
        ticket = await self.find(reference)
        if ticket is None:
            raise NotFound(f"ticket {reference} does not exist")
        return ticket

    async def list(
        self,
        *,
        status: TicketStatus | None = None,
        kind: TicketKind | None = None,
        open_only: bool = False,
        conversation_id: str | None = None,
        limit: int = 200,
    ) -> list[Ticket]:
        """Tickets, newest first."""
        query: Select[TicketRow] = select(TicketRow).order_by(TicketRow.id.desc()).limit(limit)
        if status is not None:
            query = query.where(TicketRow.status == status.value)
        if kind is not None:
            query = query.where(TicketRow.kind == kind.value)
        if open_only:
            query = query.where(TicketRow.status.not_in([s.value for s in TicketStatus if s.is_final]))
        if conversation_id is not None:
            query = query.where(TicketRow.conversation_id == conversation_id)
        async with self._sessions() as session:
            return [_ticket(row) for row in (await session.execute(query)).scalars()]

    async def update(
        self,
        reference: str,
        *,
        author: str,
        event: str,
        text: str,
        status: TicketStatus | None = None,
        assignee: str | None = None,
        details: dict[str, Any] | None = None,
        only_if: TicketStatus | None = None,
        now: datetime | None = None,
    ) -> Ticket:
        """Change a ticket and add the change to its history, in one transaction.

        With ``only_if`` the change happens only while the ticket still has that status (one
        conditional UPDATE, atomic on SQLite and PostgreSQL), else :class:`InvalidTransition`:
        of two colleagues deciding at once, exactly one wins.
        """
        moment = now or self._clock()
        normalised = reference.strip().upper()
        async with self._sessions.begin() as session:
            if only_if is not None and status is not None:
                claimed = await session.execute(
                    sql_update(TicketRow)
                    .where(TicketRow.reference == normalised, TicketRow.status == only_if.value)
                    .values(status=status.value, updated_at=moment)
                )
                if claimed.rowcount != 1:  # type: ignore[attr-defined]
                    current = (
                        await session.execute(select(TicketRow.status).where(TicketRow.reference == normalised))
                    ).scalar_one_or_none()
                    if current is None:
                        raise NotFound(f"ticket {reference} does not exist")
                    raise InvalidTransition(f"ticket {normalised} is {current} now, not {only_if.value}")
            row = (
                await session.execute(select(TicketRow).where(TicketRow.reference == normalised))
            ).scalar_one_or_none()
            if row is None:
                raise NotFound(f"ticket {reference} does not exist")
            if status is not None:
                row.status = status.value
            if assignee is not None:
                row.assignee = assignee
            if details:
                row.details = {**(row.details or {}), **details}
            row.updated_at = moment
            session.add(TicketEventRow(ticket_id=row.id, author=author, kind=event, text=text, created_at=moment))
            await session.flush()
            return _ticket(row, await self._events(session, row.id))

    async def note(self, reference: str, text: str, *, author: str) -> Ticket:
        """Add a note to a ticket's history."""
        return await self.update(reference, author=author, event="note", text=text)

    @staticmethod
    async def _events(session: AsyncSession, ticket_id: int) -> Sequence[TicketEventRow]:
        query = select(TicketEventRow).where(TicketEventRow.ticket_id == ticket_id).order_by(TicketEventRow.id)
        return (await session.execute(query)).scalars().all()


class SqlAuditLog:
    """Every action attempted, by the bot or a person, with the rule that decided."""

    def __init__(self, engine: AsyncEngine, *, company: str = "default") -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._company = company

    async def record(self, entry: AuditEntry) -> None:
        """Append one entry."""
        async with self._sessions.begin() as session:
            session.add(
                AuditRow(
                    company=self._company,
                    conversation_id=entry.conversation_id,
                    actor=entry.actor,
                    action=entry.action,
                    args=entry.args,
                    rule=entry.rule,
                    decision=entry.decision.value,
                    outcome=entry.outcome,
                    reason=entry.reason,
                    created_at=entry.created_at,
                )
            )

    async def entries(self, *, conversation_id: str | None = None, limit: int = 200) -> list[AuditEntry]:
        """Newest first."""
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if conversation_id is not None:
            query = query.where(AuditRow.conversation_id == conversation_id)
        async with self._sessions() as session:
            return [
                AuditEntry(
                    actor=r.actor,
                    action=r.action,
                    args=dict(r.args or {}),
                    decision=Decision(r.decision),
                    outcome=r.outcome,
                    created_at=_aware(r.created_at) or datetime.now(UTC),
                    conversation_id=r.conversation_id,
                    rule=r.rule,
                    reason=r.reason,
                )
                for r in (await session.execute(query)).scalars()
            ]
