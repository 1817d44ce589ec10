"""Commands: what understanding proposes and dialogue decides on (data, never side effects)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from firstline.domain.shop_questions import ShopQuestion


class SmallTalk(StrEnum):
    """Social moves answered with a template."""

    GREET = "greet"
    GOODBYE = "goodbye"
    THANKS = "thanks"
    BOT_CHALLENGE = "bot_challenge"
    INSULT = "insult"
    CAPABILITIES = "capabilities"
    AFFIRM = "affirm"
    DENY = "deny"


class CannotHandleReason(StrEnum):
    """Why a message could not be handled."""

    EMPTY = "empty"
    GIBBERISH = "gibberish"
    OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True, slots=True)
class StartFlow:
    """Start (or restart) a flow."""

    flow: str


SlotValue = str | dict[str, str]
"""A slot's value: text, or a few named parts (an address)."""


@dataclass(frozen=True, slots=True)
class SetSlot:
    """Fill a slot with a validated, normalised value."""

    name: str
    value: SlotValue


@dataclass(frozen=True, slots=True)
class RejectSlot:
    """The customer answered the pending question, but the answer is not valid."""

    name: str


@dataclass(frozen=True, slots=True)
class AskKnowledge:
    """Answer a question from the knowledge base; ``fallback`` marks a guess for unclear text.

    ``shop`` is the same question read as a delivery or payment question: answered from the
    pack's data first, the knowledge's sentences only when the data has no answer.
    """

    question: str
    fallback: bool = False
    shop: ShopQuestion | None = None


@dataclass(frozen=True, slots=True)
class RequestHandoff:
    """Hand the conversation to a human colleague."""

    reason: str


@dataclass(frozen=True, slots=True)
class CancelFlow:
    """Abort the active flow."""


@dataclass(frozen=True, slots=True)
class Respond:
    """Answer a social move (greeting, thanks, …)."""

    kind: SmallTalk


@dataclass(frozen=True, slots=True)
class CannotHandle:
    """The message is not something the agent can handle."""

    reason: CannotHandleReason


Command: TypeAlias = (
    StartFlow | SetSlot | RejectSlot | AskKnowledge | RequestHandoff | CancelFlow | Respond | CannotHandle
)
