"""Tell the customer's widget and every console what a desk operation changed."""

from __future__ import annotations

from firstline.supervision.desk import DeskUpdate
from firstline.web.events import EventBus, message_event, status_event


async def publish_update(events: EventBus, update: DeskUpdate) -> None:
    """A status change first (the widget shows who answers now), then the new messages."""
    conversation = update.conversation
    if update.previous_status is None or update.previous_status is not conversation.status:
        await events.publish(status_event(conversation.id, conversation.status))
    for message in update.messages:
        await events.publish(
            message_event(
                conversation.id,
                author=message.author,
                text=message.text,
                created_at=message.created_at,
                citations=message.citations,
            )
        )
