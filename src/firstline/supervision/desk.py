"""The supervisor's desk: what people at the company do with conversations, approvals and tickets.

The command line (`firstline desk …`) and the web console both work through this one class.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from firstline.actions.base import ActionResult
from firstline.agent.guard import ActionRunner, Attempt
from firstline.agent.ports import Clock
from firstline.dialogue.state import DialogueState
from firstline.domain.conversation import (
    ActionRecord,
    Author,
    Conversation,
    ConversationId,
    ConversationStatus,
    Message,
)
from firstline.domain.language import Language
from firstline.domain.tickets import AuditEntry, Ticket, TicketKind, TicketStatus
from firstline.errors import InvalidInput, InvalidTransition, NotFound
from firstline.responses.renderer import Responder
from firstline.supervision.ports import DeskAudit, DeskConversations, DeskTickets, Resumable, Searchable


@dataclass(frozen=True, slots=True, kw_only=True)
class InboxEntry:
    """One conversation as the inbox lists it."""

    conversation: Conversation
    last_message: Message | None
    open_tickets: tuple[Ticket, ...] = ()
    """Its escalation and approval tickets that are not finished yet."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TranscriptEntry:
    """One message; a customer message carries what the agent understood and did with it."""

    message: Message
    turn: dict[str, Any] | None = None
    """The stored turn result: intents, flows, slots, actions (with rules), replies and citations."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationView:
    """Everything the console shows about one conversation."""

    conversation: Conversation
    entries: tuple[TranscriptEntry, ...]
    tickets: tuple[Ticket, ...]
    audit: tuple[AuditEntry, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeskUpdate:
    """What a desk operation changed: the conversation now, and new messages the customer must see."""

    conversation: Conversation
    messages: tuple[Message, ...] = ()
    ticket: Ticket | None = None
    previous_status: ConversationStatus | None = None
    actions: tuple[ActionRecord, ...] = ()
    """What a decision ran (or refused), as a customer turn reports it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InboxFilter:
    """Which conversations the inbox shows."""

    status: ConversationStatus | None = None
    channel: str | None = None
    language: Language | None = None
    limit: int = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class TicketFilter:
    """Which tickets a list shows."""

    status: TicketStatus | None = None
    kind: TicketKind | None = None
    open_only: bool = False
    limit: int = 200
    conversation_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class KnowledgeHit:
    """A knowledge search result for staff."""

    article_id: str
    title: str
    source: str
    text: str
    score: float


class SupervisorDesk:
    """Take over, reply, hand back, decide approvals, work tickets; every step is stored and audited."""

    def __init__(
        self,
        *,
        agent: Resumable,
        store: DeskConversations,
        tickets: DeskTickets,
        audit: DeskAudit,
        runner: ActionRunner,
        knowledge: Searchable,
        responder: Responder,
        clock: Clock,
    ) -> None:
        self._agent = agent
        self._store = store
        self._tickets = tickets
        self._audit = audit
        self._runner = runner
        self._knowledge = knowledge
        self._responder = responder
        self._clock = clock

    async def inbox(self, filter: InboxFilter = InboxFilter()) -> list[InboxEntry]:  # noqa: A002
        """Conversations, most recently active first, with their unfinished handoff tickets."""
        found = await self._store.recent(
            status=filter.status, channel=filter.channel, language=filter.language, limit=filter.limit
        )
        open_tickets = await self._tickets.list(open_only=True, limit=1000)
        by_conversation: dict[str, list[Ticket]] = {}
        for ticket in open_tickets:
            if ticket.conversation_id and ticket.kind in (TicketKind.ESCALATION, TicketKind.APPROVAL):
                by_conversation.setdefault(ticket.conversation_id, []).append(ticket)
        return [
            InboxEntry(conversation=c, last_message=m, open_tickets=tuple(by_conversation.get(c.id, ())))
            for c, m in found
        ]

    async def view(self, conversation_id: str) -> ConversationView:
        """The transcript with what the agent understood and did, the tickets and the audit trail."""
        conversation = await self._conversation(conversation_id)
        turns = await self._store.turns(conversation.id)
        return ConversationView(
            conversation=conversation,
            entries=tuple(TranscriptEntry(message=m, turn=t) for m, t in turns),
            tickets=tuple(await self._tickets.list(conversation_id=conversation.id)),
            audit=tuple(await self._audit.entries(conversation_id=conversation.id)),
        )

    async def take_over(self, conversation_id: str, *, staff: str) -> DeskUpdate:
        """A person answers from now on; the customer is told."""
        conversation = await self._conversation(conversation_id)
        if conversation.status is ConversationStatus.CLOSED:
            raise InvalidTransition("the conversation is closed")
        if conversation.status is ConversationStatus.WITH_HUMAN:
            return DeskUpdate(conversation=conversation, previous_status=conversation.status)
        message = self._agent_message(conversation, "human_joined", staff=staff)
        update = await self._change(conversation, ConversationStatus.WITH_HUMAN, [message])
        for ticket in await self._tickets.list(conversation_id=conversation.id, kind=TicketKind.ESCALATION):
            if not ticket.status.is_final:
                await self._tickets.update(
                    ticket.reference,
                    author=_actor(staff),
                    event="assigned",
                    text=f"taken over by {staff}",
                    status=TicketStatus.IN_PROGRESS,
                    assignee=staff,
                    now=self._clock(),
                )
        return update

    async def reply(self, conversation_id: str, text: str, *, staff: str) -> DeskUpdate:
        """Send a person's message to the customer (after taking over)."""
        conversation = await self._conversation(conversation_id)
        clean = text.strip()
        if not clean:
            raise InvalidInput("the reply is empty")
        if len(clean) > MAX_REPLY_CHARS:
            raise InvalidInput(f"the reply is longer than {MAX_REPLY_CHARS} characters")
        if conversation.status is not ConversationStatus.WITH_HUMAN:
            raise InvalidTransition("take the conversation over before replying")
        message = Message(author=Author.HUMAN, text=clean, created_at=self._clock())
        await self._store.save(conversation, [message])
        return DeskUpdate(conversation=conversation, messages=(message,), previous_status=conversation.status)

    async def hand_back(self, conversation_id: str, *, staff: str) -> DeskUpdate:
        """The assistant answers again; open escalation tickets of the conversation are resolved."""
        conversation = await self._conversation(conversation_id)
        if conversation.status is ConversationStatus.BOT:
            return DeskUpdate(conversation=conversation, previous_status=conversation.status)
        if conversation.status is ConversationStatus.CLOSED:
            raise InvalidTransition("the conversation is closed")
        for ticket in await self._tickets.list(conversation_id=conversation.id, kind=TicketKind.APPROVAL):
            if ticket.status is TicketStatus.PENDING:
                raise InvalidTransition(f"decide approval {ticket.reference} before handing back")
        # The bot starts fresh on the next message, but keeps what the customer proved and told.
        state = DialogueState.from_json(conversation.state)
        state.frames, state.offer, state.misunderstandings = [], None, 0
        conversation.state = state.to_json()
        message = self._agent_message(conversation, "bot_back", staff=staff)
        update = await self._change(conversation, ConversationStatus.BOT, [message])
        await self._finish_escalations(conversation.id, staff, "handed back to the assistant")
        return update

    async def close(self, conversation_id: str, *, staff: str) -> DeskUpdate:
        """End the conversation."""
        conversation = await self._conversation(conversation_id)
        update = await self._change(conversation, ConversationStatus.CLOSED, [])
        await self._finish_escalations(conversation.id, staff, "conversation closed")
        return update

    async def approvals(self, *, pending_only: bool = True) -> list[Ticket]:
        """Approval requests, newest first."""
        status = TicketStatus.PENDING if pending_only else None
        return await self._tickets.list(kind=TicketKind.APPROVAL, status=status)

    async def decide(self, reference: str, *, approve: bool, note: str, staff: str) -> DeskUpdate:
        """Approve (the action runs exactly as requested) or deny; the customer hears the result, the bot resumes."""
        ticket = await self._tickets.get(reference)
        if ticket.kind is not TicketKind.APPROVAL:
            raise InvalidTransition(f"{ticket.reference} is not an approval request")
        if ticket.status is not TicketStatus.PENDING:
            raise InvalidTransition(f"{ticket.reference} was already decided ({ticket.status.value})")
        action = str(ticket.details.get("action", ""))
        now = self._clock()
        status = TicketStatus.APPROVED if approve else TicketStatus.DENIED
        # Claim the decision first: of two colleagues deciding at once, only one runs the action.
        decided = await self._tickets.update(
            ticket.reference,
            author=_actor(staff),
            event="decision",
            text=f"{status.value}: {note.strip()}" if note.strip() else status.value,
            status=status,
            assignee=staff,
            details={"decided_by": staff},
            only_if=TicketStatus.PENDING,
            now=now,
        )
        if approve:
            result = await self._runner.run(
                Attempt(
                    action=action,
                    slots=dict(ticket.details.get("slots") or {}),
                    language=ticket.language,
                    now=now,
                    conversation_id=ticket.conversation_id,
                    actor=_actor(staff),
                    approved=True,
                )
            )
            result = replace(result, say=("approval_granted", *result.say))
        else:
            result = ActionResult(
                outcome="denied",
                args=dict(ticket.details.get("args") or {}),
                say=("approval_denied",),
                slots={"approval_note": note.strip() or None},
                rule="supervisor_denied",
            )
            await self._runner.record_decision(
                action, result, actor=_actor(staff), now=now, conversation_id=ticket.conversation_id
            )
        decided = await self._tickets.update(
            ticket.reference,
            author=_actor(staff),
            event="outcome",
            text=f"{action}: {result.outcome}",
            details={"outcome": result.outcome},
            now=now,
        )
        if ticket.conversation_id is None:
            raise InvalidTransition(f"{ticket.reference} belongs to no conversation")
        conversation = await self._conversation(ticket.conversation_id)
        previous = conversation.status
        if conversation.status is ConversationStatus.CLOSED:
            return DeskUpdate(conversation=conversation, ticket=decided, previous_status=previous)
        turn = await self._agent.resume(conversation, action, result)
        messages = tuple(
            Message(author=Author.AGENT, text=r.text, created_at=now, citations=r.citations) for r in turn.replies
        )
        conversation = await self._conversation(conversation.id)
        return DeskUpdate(
            conversation=conversation,
            messages=messages,
            ticket=decided,
            previous_status=previous,
            actions=turn.actions,
        )

    async def tickets(self, filter: TicketFilter = TicketFilter()) -> list[Ticket]:  # noqa: A002
        """Tickets, newest first."""
        return await self._tickets.list(
            status=filter.status,
            kind=filter.kind,
            open_only=filter.open_only,
            conversation_id=filter.conversation_id,
            limit=filter.limit,
        )

    async def ticket(self, reference: str) -> Ticket:
        """One ticket with its history."""
        return await self._tickets.get(reference)

    async def add_note(self, reference: str, text: str, *, staff: str) -> Ticket:
        """Add a note to a ticket's history."""
        clean = text.strip()
        if not clean:
            raise InvalidInput("the note is empty")
        return await self._tickets.update(
            reference, author=_actor(staff), event="note", text=clean[:MAX_REPLY_CHARS], now=self._clock()
        )

    async def set_ticket_status(self, reference: str, status: TicketStatus, *, staff: str) -> Ticket:
        """Move a ticket on; approvals are decided with :meth:`decide`, not here."""
        ticket = await self._tickets.get(reference)
        if ticket.kind is TicketKind.APPROVAL or status in (
            TicketStatus.APPROVED,
            TicketStatus.DENIED,
            TicketStatus.PENDING,
        ):
            raise InvalidTransition("approvals are approved or denied with a decision")
        return await self._tickets.update(
            reference,
            author=_actor(staff),
            event="status",
            text=f"status: {status.value}",
            status=status,
            now=self._clock(),
        )

    async def audit(self, *, conversation_id: str | None = None, limit: int = 200) -> list[AuditEntry]:
        """The audit log, newest first."""
        return await self._audit.entries(conversation_id=conversation_id, limit=limit)

    def search_knowledge(self, query: str, language: Language, limit: int = 5) -> list[KnowledgeHit]:
        """The knowledge base's best passages for a staff search."""
        if not query.strip():
            return []
        return [
            KnowledgeHit(
                article_id=str(hit.passage.article_id),
                title=hit.passage.title,
                source=hit.passage.source,
                text=hit.passage.text,
                score=round(hit.score, 3),
            )
            for hit in self._knowledge.search(query[:500], language=language, limit=limit)
        ]

    async def _conversation(self, conversation_id: str) -> Conversation:
        conversation = await self._store.get(ConversationId(conversation_id))
        if conversation is None:
            raise NotFound(f"conversation {conversation_id} does not exist")
        return conversation

    def _agent_message(self, conversation: Conversation, template: str, *, staff: str) -> Message:
        now = self._clock()
        text = self._responder.text(template, conversation.language, now, {"staff": staff})
        return Message(author=Author.AGENT, text=text, created_at=now)

    async def _change(
        self, conversation: Conversation, status: ConversationStatus, messages: list[Message]
    ) -> DeskUpdate:
        previous = conversation.status
        conversation.status = status
        await self._store.save(conversation, messages)
        return DeskUpdate(conversation=conversation, messages=tuple(messages), previous_status=previous)

    async def _finish_escalations(self, conversation_id: str, staff: str, text: str) -> None:
        for ticket in await self._tickets.list(conversation_id=conversation_id, kind=TicketKind.ESCALATION):
            if not ticket.status.is_final:
                await self._tickets.update(
                    ticket.reference,
                    author=_actor(staff),
                    event="status",
                    text=text,
                    status=TicketStatus.RESOLVED,
                    now=self._clock(),
                )


MAX_REPLY_CHARS = 4000


def _actor(staff: str) -> str:
    return f"staff:{staff}"
