"""What the dialogue hands to the responder, and what it needs from the outside."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from firstline.actions.base import ActionResult
from firstline.dialogue.state import DialogueState
from firstline.domain.conversation import ActionRecord, Citation
from firstline.domain.shop_questions import ShopQuestion
from firstline.domain.utterance import Utterance


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundAnswer:
    """A knowledge answer: quoted sentences and the article they come from."""

    text: str
    citation: Citation


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundFact:
    """A delivery or payment fact computed from the pack's data, with the article that states it."""

    template: str
    variables: dict[str, Any]
    citation: Citation | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnOutcome:
    """The dialogue's decision for one turn."""

    state: DialogueState
    utterances: tuple[Utterance, ...]
    actions: tuple[ActionRecord, ...]
    flows_started: tuple[str, ...]
    handoff_reason: str | None = None


class TurnTools(Protocol):
    """The side-effecting collaborators a turn calls (injected, so the dialogue stays testable)."""

    async def run_action(self, name: str, slots: dict[str, Any]) -> ActionResult: ...

    async def check_action(self, name: str, slots: dict[str, Any]) -> ActionResult | None:
        """The refusal the rules would give ``name`` now, or None when it may run (nothing runs)."""
        ...

    async def answer(self, question: str) -> FoundAnswer | None: ...

    async def shop_facts(self, question: ShopQuestion) -> tuple[FoundFact, ...]: ...
