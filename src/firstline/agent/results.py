"""Turn results as JSON: stored with the inbound message, so a duplicate gets the same answer."""

from __future__ import annotations

from typing import Any

from firstline.domain.conversation import (
    ActionRecord,
    Citation,
    ConversationId,
    ConversationStatus,
    Reply,
    TurnResult,
)
from firstline.domain.language import Language


def result_to_json(result: TurnResult) -> dict[str, Any]:
    """A JSON-serialisable form of a turn result."""
    return {
        "conversation_id": result.conversation_id,
        "replies": [
            {
                "text": reply.text,
                "citations": [
                    {"article_id": c.article_id, "title": c.title, "source": c.source} for c in reply.citations
                ],
                "buttons": list(reply.buttons),
            }
            for reply in result.replies
        ],
        "status": result.status.value,
        "language": result.language.value,
        "actions": [{"name": a.name, "args": a.args, "outcome": a.outcome, "rule": a.rule} for a in result.actions],
        "intents": list(result.intents),
        "flows_started": list(result.flows_started),
        "active_flow": result.active_flow,
        "slots": result.slots,
    }


def result_from_json(data: dict[str, Any], *, duplicate: bool = False) -> TurnResult:
    """Rebuild a stored turn result."""
    return TurnResult(
        conversation_id=ConversationId(data["conversation_id"]),
        replies=tuple(
            Reply(
                text=reply["text"],
                citations=tuple(Citation(**c) for c in reply.get("citations", [])),
                buttons=tuple(reply.get("buttons", [])),
            )
            for reply in data["replies"]
        ),
        status=ConversationStatus(data["status"]),
        language=Language(data["language"]),
        actions=tuple(ActionRecord(**a) for a in data.get("actions", [])),
        intents=tuple(data.get("intents", [])),
        flows_started=tuple(data.get("flows_started", [])),
        active_flow=data.get("active_flow"),
        slots=dict(data.get("slots", {})),
        duplicate=duplicate,
    )
