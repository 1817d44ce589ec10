"""What a colleague at the desk does in a conversation test.

A ``supervisor:`` turn is one of::

    supervisor: {decide: approve, note: "ok"}   # the conversation's pending approval (or deny)
    supervisor: {take_over: true}
    supervisor: {reply: "Hello, this is Anna."}
    supervisor: {hand_back: true}
    supervisor: {close: true}

Its ``expect:`` block is checked against what the customer sees (the new messages) and the
conversation's status, as for a customer turn.
"""

from __future__ import annotations

from typing import Any

from firstline.app import Services
from firstline.domain.conversation import ConversationId, Reply, TurnResult
from firstline.domain.tickets import TicketKind, TicketStatus
from firstline.errors import FirstlineError
from firstline.supervision.desk import DeskUpdate, TicketFilter

STAFF = "test-supervisor"
_STEPS = ("decide", "take_over", "reply", "hand_back", "close")


def check_supervisor_step(step: Any, where: str) -> None:
    """Raise ValueError when a ``supervisor:`` step is malformed."""
    if not isinstance(step, dict) or len([k for k in step if k in _STEPS]) != 1:
        raise ValueError(f"{where}: 'supervisor' needs exactly one of {', '.join(_STEPS)}")
    if "decide" in step and step["decide"] not in ("approve", "deny"):
        raise ValueError(f"{where}: 'decide' must be approve or deny")


async def run_supervisor_step(services: Services, conversation_id: str, step: dict[str, Any]) -> TurnResult:
    """Do the step at the desk; a refused step (e.g. nothing to approve) shows as an ``error:`` reply."""
    desk = services.desk
    try:
        if "decide" in step:
            pending = await desk.tickets(
                TicketFilter(kind=TicketKind.APPROVAL, status=TicketStatus.PENDING, conversation_id=conversation_id)
            )
            if not pending:
                raise FirstlineError("no pending approval in this conversation")
            update = await desk.decide(
                pending[0].reference, approve=step["decide"] == "approve", note=str(step.get("note", "")), staff=STAFF
            )
        elif "take_over" in step:
            update = await desk.take_over(conversation_id, staff=STAFF)
        elif "reply" in step:
            update = await desk.reply(conversation_id, str(step["reply"]), staff=STAFF)
        elif "hand_back" in step:
            update = await desk.hand_back(conversation_id, staff=STAFF)
        else:
            update = await desk.close(conversation_id, staff=STAFF)
    except FirstlineError as error:
        conversation = await services.store.get(ConversationId(conversation_id))
        assert conversation is not None
        return TurnResult(
            conversation_id=conversation.id,
            replies=(Reply(text=f"error: {error}"),),
            status=conversation.status,
            language=conversation.language,
        )
    return _as_turn(update)


def _as_turn(update: DeskUpdate) -> TurnResult:
    conversation = update.conversation
    slots = dict(conversation.state.get("slots", {}))
    return TurnResult(
        conversation_id=conversation.id,
        replies=tuple(Reply(text=m.text, citations=m.citations) for m in update.messages),
        status=conversation.status,
        language=conversation.language,
        actions=update.actions,
        slots=slots,
    )
