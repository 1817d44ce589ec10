"""The HTTP API v1 in Pydantic: these models are the public contract (DESIGN.md), built from domain values here."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from firstline.dialogue.state import DialogueState
from firstline.domain.conversation import (
    Author,
    Citation,
    Conversation,
    ConversationStatus,
    Message,
    TurnResult,
)
from firstline.domain.language import Language
from firstline.web.events import citation_json

_NON_SPACE = re.compile(r"\S")


def _sanitize(value: str) -> str:
    # Lone surrogates (valid in JSON, not in UTF-8) and NUL (refused by PostgreSQL) become U+FFFD.
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def _not_blank(value: str) -> str:
    if not _NON_SPACE.search(value):
        raise PydanticCustomError("blank_text", "must not be empty or only whitespace")
    return value


SafeStr = Annotated[str, AfterValidator(_sanitize)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CustomerIn(_Request):
    """What the customer told the channel about themselves."""

    # A plain pattern, not EmailStr: the schema then says exactly what is accepted (email-validator
    # refused some addresses that the OpenAPI "email" format allows, so generated requests flaked).
    email: Annotated[str, Field(max_length=320, pattern=r"^[^@\s]{1,64}@[^@\s]{1,255}$")] | None = Field(
        default=None, description="The customer's e-mail address."
    )
    name: Annotated[SafeStr, Field(max_length=200)] | None = Field(default=None, description="The customer's name.")


class CreateConversation(_Request):
    """``POST /api/v1/conversations``: every field is optional."""

    channel: Literal["api", "web"] = Field(default="api", description="`web` for the chat widget, `api` otherwise.")
    language: Language | None = Field(
        default=None, description="The conversation's starting language (default: the company's)."
    )
    customer: CustomerIn | None = None


class ConversationCreated(BaseModel):
    """The new conversation's id."""

    id: str


class PostMessage(_Request):
    """``POST /api/v1/conversations/{id}/messages``."""

    text: Annotated[
        SafeStr,
        AfterValidator(_not_blank),
        Field(
            description="The customer's message. Not blank; longer than the server's limit (4000 characters by "
            "default) gets a 413.",
            json_schema_extra={"pattern": r"\S"},
        ),
    ]
    message_id: Annotated[SafeStr, Field(min_length=1, max_length=200)] | None = Field(
        default=None,
        description="The client's own id for this message. A retry with the same id is not processed twice "
        "and returns the same replies.",
    )


class CitationOut(BaseModel):
    """The knowledge article a reply quotes."""

    title: str
    source: str
    url: str = Field(description="Where to read the article: a web address or a path on this server.")

    @classmethod
    def of(cls, citation: Citation) -> CitationOut:
        return cls(**citation_json(citation))


class ReplyOut(BaseModel):
    """One message of the agent."""

    text: str
    citations: list[CitationOut]
    buttons: list[str] = Field(description="Quick replies the customer can pick.")


class ActionOut(BaseModel):
    """An action the agent ran (or tried to run) during the turn."""

    name: str
    args: dict[str, Any]
    outcome: str = Field(description="`done`, `failed` or `denied`.")


class TurnOut(BaseModel):
    """What one customer message produced."""

    replies: list[ReplyOut]
    status: ConversationStatus
    language: Language
    actions: list[ActionOut]
    duplicate: bool = Field(
        default=False, description="True when this message_id was processed before: the stored replies."
    )

    @classmethod
    def of(cls, result: TurnResult) -> TurnOut:
        return cls(
            replies=[
                ReplyOut(
                    text=reply.text,
                    citations=[CitationOut.of(c) for c in reply.citations],
                    buttons=list(reply.buttons),
                )
                for reply in result.replies
            ],
            status=result.status,
            language=result.language,
            actions=[ActionOut(name=a.name, args=a.args, outcome=a.outcome) for a in result.actions],
            duplicate=result.duplicate,
        )


class MessageOut(BaseModel):
    """One message of the transcript."""

    author: Author
    text: str
    created_at: datetime
    citations: list[CitationOut]

    @classmethod
    def of(cls, message: Message) -> MessageOut:
        return cls(
            author=message.author,
            text=message.text,
            created_at=message.created_at,
            citations=[CitationOut.of(c) for c in message.citations],
        )


class StateOut(BaseModel):
    """Where the dialogue stands."""

    active_flow: str | None = Field(description="The flow running now, if any.")
    flows: list[str] = Field(description="Running flows, the active one last.")
    slots: dict[str, Any] = Field(description="What the agent has collected so far.")
    turns: int

    @classmethod
    def of(cls, state: dict[str, Any]) -> StateOut:
        dialogue = DialogueState.from_json(state)
        active = dialogue.active
        return cls(
            active_flow=active.flow if active else None,
            flows=[frame.flow for frame in dialogue.frames],
            slots=dict(dialogue.slots),
            turns=dialogue.turns,
        )


class CustomerOut(BaseModel):
    """What is known about the customer."""

    email: str | None
    name: str | None


class ConversationOut(BaseModel):
    """``GET /api/v1/conversations/{id}``: the transcript, status and state."""

    id: str
    channel: str
    status: ConversationStatus
    language: Language
    created_at: datetime
    customer: CustomerOut
    messages: list[MessageOut]
    state: StateOut

    @classmethod
    def of(cls, conversation: Conversation, messages: list[Message]) -> ConversationOut:
        return cls(
            id=conversation.id,
            channel=conversation.channel,
            status=conversation.status,
            language=conversation.language,
            created_at=conversation.created_at,
            customer=CustomerOut(email=conversation.customer.email, name=conversation.customer.name),
            messages=[MessageOut.of(m) for m in messages],
            state=StateOut.of(conversation.state),
        )


class MessageEventOut(BaseModel):
    """SSE ``event: message``: a new message in the conversation."""

    conversation_id: str
    author: Author
    text: str
    created_at: datetime
    citations: list[CitationOut]
    buttons: list[str]
    message_id: str | None = Field(description="For customer messages: the id the message was sent with.")
    reply_to: str | None = Field(description="For agent replies: the message_id of the customer message answered.")


class StatusEventOut(BaseModel):
    """SSE ``event: status``: who answers the customer now (sent first on every connection, then on changes)."""

    conversation_id: str
    status: ConversationStatus


class Health(BaseModel):
    """``GET /healthz``."""

    status: Literal["ok"] = "ok"
