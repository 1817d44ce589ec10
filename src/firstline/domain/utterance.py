"""What the dialogue decided to say, before it is worded in the customer's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from firstline.domain.conversation import Citation


@dataclass(frozen=True, slots=True, kw_only=True)
class Utterance:
    """Something to say: a template with variables, or finished text (knowledge answers)."""

    template: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    citation: Citation | None = None
    buttons: tuple[str, ...] = ()
    """Templates of quick replies the customer can pick (e.g. yes / no)."""
