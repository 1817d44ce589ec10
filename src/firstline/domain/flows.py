"""Flows: deterministic processes the agent runs, compiled to a flat list of steps.

A flow's YAML may nest ``if``/``then``/``else``; the company loader compiles that into
conditional jumps so that a position in a flow is a single integer, easy to store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

from firstline.domain.slot_constraints import SlotConstraints, SlotRef, Violation, compare

SLOT_TYPES: frozenset[str] = frozenset(
    {
        "order_number",
        "customer_number",
        "email",
        "phone",
        "postal_code",
        "email_or_postal_code",
        "date",
        "money",
        "quantity",
        "yes_no",
        "text",
        "address",
        "ticket_reference",
        "integer",
        "decimal",
        "time",
        "enum",
        "pattern",
        "iban",
    }
)
"""How a collected answer is validated and normalised."""

FROM_OPENING_TYPES: frozenset[str] = frozenset(
    {
        "order_number",
        "customer_number",
        "email",
        "phone",
        "postal_code",
        "email_or_postal_code",
        "iban",
        "pattern",
        "ticket_reference",
        "address",
    }
)
"""Unambiguous identifiers: by default taken from any message, not only the answer to their question.

A date, a number or a free text in the opening message could mean anything (a birth date is no
meter-reading date); a flow opts in with ``from_opening: true``.
"""

COMPARISONS: dict[str, tuple[int, ...]] = {
    "at_least": (0, 1),
    "at_most": (-1, 0),
    "greater_than": (1,),
    "less_than": (-1,),
}
"""Condition operators that compare numbers (or dates) and the results of ``compare`` that make them true."""
CONDITION_OPERATORS: frozenset[str] = frozenset({"equals", "not_equals", "in", "is_set", "equals_slot", *COMPARISONS})


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRef:
    """Where a piece of a company pack was written (for error messages)."""

    path: str
    line: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Condition:
    """A test on a slot: ``equals``, ``not_equals``, ``in`` (a list), ``is_set``, ``equals_slot``.

    ``at_least``, ``at_most``, ``greater_than`` and ``less_than`` compare numbers as Decimal (or ISO
    dates) with a literal or with another slot (a :class:`SlotRef`); an unset side makes them false.
    """

    slot: str
    operator: str
    value: Any

    def holds(self, slots: dict[str, Any]) -> bool:
        """Whether the condition is true for these slot values."""
        current = slots.get(self.slot)
        if self.operator == "equals":
            return bool(current == self.value)
        if self.operator == "not_equals":
            return bool(current != self.value)
        if self.operator == "in":
            return current in self.value
        if self.operator == "equals_slot":
            return current is not None and current == slots.get(str(self.value))
        if self.operator in COMPARISONS:
            other = slots.get(self.value.slot) if isinstance(self.value, SlotRef) else self.value
            return compare(current, other) in COMPARISONS[self.operator]
        return (current is not None) == bool(self.value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Collect:
    """Ask for a slot until a valid answer arrives (or the attempts run out)."""

    slot: str
    slot_type: str
    ask: str
    invalid: str
    max_attempts: int
    source: SourceRef
    constraints: SlotConstraints = field(default_factory=SlotConstraints)
    choices: tuple[Choice, ...] = ()
    """For ``enum``: the values and the words that name them."""
    pattern: str | None = None
    """For ``pattern``: the regular expression the answer must contain."""
    from_opening: bool | None = None
    """Whether a message that is not the answer to this question may fill it (None: the type's default)."""

    @property
    def fills_from_other_messages(self) -> bool:
        """Whether the opening message (or another answer) may fill this question."""
        return self.slot_type in FROM_OPENING_TYPES if self.from_opening is None else self.from_opening

    def violation(self, value: Any, slots: dict[str, Any], today: date) -> Violation | None:
        """Why ``value`` is not a valid answer here (a bound, a date rule, a length), or None."""
        return self.constraints.violation(self.slot_type, value, slots, today)


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """One value of an ``enum`` question and the words customers use for it."""

    value: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RunAction:
    """Run an action; its results land in slots.

    ``check_only``: only ask the rules whether it may run (before the customer confirms it);
    a refusal is said and recorded like any, an allowance sets ``<action>_check`` to ``allowed``.
    """

    action: str
    source: SourceRef
    check_only: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Say:
    """Send a reply from a template."""

    template: str
    source: SourceRef


@dataclass(frozen=True, slots=True, kw_only=True)
class JumpUnless:
    """Continue with the next step when all conditions hold, else jump to ``target``."""

    conditions: tuple[Condition, ...]
    target: int
    source: SourceRef


@dataclass(frozen=True, slots=True, kw_only=True)
class Jump:
    """Continue at ``target`` (the end of an ``if`` block)."""

    target: int
    source: SourceRef


@dataclass(frozen=True, slots=True, kw_only=True)
class Handoff:
    """Hand the conversation to a human colleague."""

    reason: str
    source: SourceRef


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkFlow:
    """End this flow and start another one."""

    flow: str
    source: SourceRef


Step: TypeAlias = Collect | RunAction | Say | JumpUnless | Jump | Handoff | LinkFlow


@dataclass(frozen=True, slots=True, kw_only=True)
class Flow:
    """A named process, started by intents, made of compiled steps."""

    name: str
    title: dict[str, str]
    intents: tuple[str, ...]
    steps: tuple[Step, ...]
    source: SourceRef

    def collect_steps(self) -> tuple[Collect, ...]:
        """The flow's questions, in order."""
        return tuple(step for step in self.steps if isinstance(step, Collect))

    def collect_index(self, slot: str) -> int | None:
        """The position of the step that collects ``slot``."""
        for index, step in enumerate(self.steps):
            if isinstance(step, Collect) and step.slot == slot:
                return index
        return None
