"""The shape every action has, and the registry the dialogue runs them through."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from firstline.actions.ports import CommerceBackend, OrderChanges, TicketBook
from firstline.company.model import Company
from firstline.domain.language import Language


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionContext:
    """What an action may look at: the slots so far and the company's systems."""

    slots: dict[str, Any]
    language: Language
    company: Company
    backend: CommerceBackend
    changes: OrderChanges
    tickets: TicketBook
    now: datetime
    actor: str = "bot"
    conversation_id: str | None = None
    """``bot``, or ``staff:<username>`` when a supervisor's approval runs the action."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionResult:
    """What an action did; the dialogue applies it to the conversation."""

    outcome: str
    """``done``, ``failed`` or ``denied``."""
    slots: dict[str, Any] = field(default_factory=dict)
    """Slot values to set (``None`` clears a slot)."""
    say: tuple[str, ...] = ()
    """Response templates to send right away."""
    ask_again: tuple[str, ...] = ()
    """Collected slots that turned out wrong: the flow goes back and asks for them again."""
    args: dict[str, Any] = field(default_factory=dict)
    """The arguments as recorded in the audit trail (no secrets)."""
    handoff: str | None = None
    """Hand the conversation to a person for this reason (e.g. an approval is needed)."""
    offer_handoff: bool = False
    """Offer a person's review (a refusal based on a company rule, GDPR Art. 22)."""
    rule: str | None = None
    """The company rule that decided, for the turn's record."""


class Action(Protocol):
    """A named tool the flows can call."""

    @property
    def name(self) -> str: ...

    async def run(self, context: ActionContext) -> ActionResult: ...


class ActionRegistry:
    """The actions a company's flows may call, by name."""

    def __init__(self, actions: Iterable[Action]) -> None:
        self._actions = {action.name: action for action in actions}

    def names(self) -> frozenset[str]:
        """Every registered action name."""
        return frozenset(self._actions)

    def get(self, name: str) -> Action | None:
        """The action called ``name``, if registered."""
        return self._actions.get(name)
