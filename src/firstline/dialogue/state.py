"""The dialogue state of one conversation, stored as plain JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True, kw_only=True)
class Frame:
    """One running flow: where it is and how often its current question failed."""

    flow: str
    position: int = 0
    attempts: int = 0
    asked: bool = False
    """The current question was put to the customer and awaits an answer."""
    interrupted: bool = False
    """Another flow started on top of this one; say so when we come back."""


@dataclass(slots=True, kw_only=True)
class DialogueState:
    """Running flows (a stack: the last one is active), slots and pending offers."""

    frames: list[Frame] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    offer: str | None = None
    """``handoff`` when the agent offered a person and waits for yes or no."""
    misunderstandings: int = 0
    unanswered: int = 0
    """Real questions in a row that the agent could not answer (a handover comes at a limit)."""
    turns: int = 0
    shop_question: dict[str, Any] | None = None
    """The last delivery or payment question answered, for follow-ups ("und nach Österreich?")."""
    knowledge_question: str | None = None
    """The knowledge question of the turn before, for follow-ups ("und beim Öko Fix 24?")."""

    @property
    def active(self) -> Frame | None:
        """The flow that is running now."""
        return self.frames[-1] if self.frames else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable copy."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> DialogueState:
        """Rebuild a state stored by :meth:`to_json` (an empty state for ``None``)."""
        if not data:
            return cls()
        return cls(
            frames=[Frame(**frame) for frame in data.get("frames", [])],
            slots=dict(data.get("slots", {})),
            offer=data.get("offer"),
            misunderstandings=int(data.get("misunderstandings", 0)),
            unanswered=int(data.get("unanswered", 0)),
            turns=int(data.get("turns", 0)),
            shop_question=data.get("shop_question"),
            knowledge_question=data.get("knowledge_question"),
        )

    def copy(self) -> DialogueState:
        """A deep copy, so a turn never changes the state it was given."""
        return DialogueState.from_json(self.to_json())
