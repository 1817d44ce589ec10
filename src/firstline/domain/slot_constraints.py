"""What a collected answer must satisfy beyond its type: bounds, dates relative to today, length.

Understanding only parses ("ca. 4711 kWh" → ``"4711"``); whether 4711 is allowed depends on
the conversation (the last reading an action looked up) and on the day, so the dialogue
engine checks it when the answer arrives, with the slots at hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeAlias

NUMBER_TYPES: frozenset[str] = frozenset({"integer", "decimal", "money", "quantity"})
"""Slot types whose values compare as numbers (``min``/``max``)."""
BOUNDED_TYPES: frozenset[str] = NUMBER_TYPES | {"date"}
"""Slot types that take ``min``/``max``."""
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateWhen(StrEnum):
    """Where a date must lie, seen from today."""

    PAST = "past"
    FUTURE = "future"
    NOT_FUTURE = "not_future"
    """Today or earlier (a meter reading, a move-out that happened)."""
    NOT_PAST = "not_past"
    """Today or later (a move-in date)."""


@dataclass(frozen=True, slots=True)
class SlotRef:
    """A value read from another slot at run time: an earlier answer or an action's result."""

    slot: str


Bound: TypeAlias = Decimal | date | SlotRef
Comparable: TypeAlias = Decimal | date


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    """Why an answer is not accepted; ``variables`` go to the question's ``invalid`` template."""

    reason: str
    """``below_min``, ``above_max``, ``in_future``, ``in_past``, ``too_early``, ``too_late`` or ``too_long``."""
    variables: dict[str, Any] = field(default_factory=dict)


def comparable(value: Any) -> Comparable | None:
    """A slot value as a number or a date, for bounds and conditions; None when it is neither.

    Numbers arrive as text ("12.5", "4711") from answers and as int, float or Decimal from
    actions; dates as ISO text ("2026-12-01") or ``date``.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def compare(left: Any, right: Any) -> int | None:
    """-1, 0 or 1 as ``left`` is below, equal to or above ``right``; None when they do not compare."""
    a, b = comparable(left), comparable(right)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return (a > b) - (a < b)
    if isinstance(a, date) and isinstance(b, date):
        return (a > b) - (a < b)
    return None


def resolve(bound: Bound | None, slots: dict[str, Any]) -> Comparable | None:
    """The bound's value now: a literal, or the other slot's value (None while it is unset)."""
    if isinstance(bound, SlotRef):
        return comparable(slots.get(bound.slot))
    return bound


def shown(value: Comparable) -> Decimal | str:
    """A bound as a template receives it: a Decimal (``{{ min | number }}``) or an ISO date."""
    if isinstance(value, date):
        return value.isoformat()
    return plain_number(value)


def plain_number(value: Decimal) -> Decimal:
    """``Decimal("1500.00")`` → ``1500``, ``12.50`` → ``12.5``: no trailing zeros, no exponent."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


@dataclass(frozen=True, slots=True, kw_only=True)
class SlotConstraints:
    """The limits a collect step puts on its answer (all optional)."""

    minimum: Bound | None = None
    """The smallest allowed number or earliest date; ``SlotRef`` compares with another slot."""
    maximum: Bound | None = None
    when: DateWhen | None = None
    within_days: int | None = None
    """At most this many days from today, in the direction of ``when`` (both ways without it)."""
    max_length: int | None = None
    """For free text: the most characters accepted."""

    def violation(self, slot_type: str, value: Any, slots: dict[str, Any], today: date) -> Violation | None:
        """Why ``value`` breaks these limits, or None when it keeps them (or they cannot be told yet)."""
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            return Violation(reason="too_long", variables={"max_length": self.max_length})
        found = self._bounds(value, slots)
        if found is not None or slot_type != "date":
            return found
        day = comparable(value)
        return self._dates(day, today) if isinstance(day, date) else None

    def _bounds(self, value: Any, slots: dict[str, Any]) -> Violation | None:
        low, high = resolve(self.minimum, slots), resolve(self.maximum, slots)
        limits = {name: shown(bound) for name, bound in (("min", low), ("max", high)) if bound is not None}
        if low is not None and compare(value, low) == -1:
            return Violation(reason="below_min", variables=limits)
        if high is not None and compare(value, high) == 1:
            return Violation(reason="above_max", variables=limits)
        return None

    def _dates(self, day: date, today: date) -> Violation | None:
        when = self.when
        if when is DateWhen.PAST and day >= today or when is DateWhen.NOT_FUTURE and day > today:
            return Violation(reason="in_future", variables={"today": today.isoformat()})
        if when is DateWhen.FUTURE and day <= today or when is DateWhen.NOT_PAST and day < today:
            return Violation(reason="in_past", variables={"today": today.isoformat()})
        if self.within_days is None:
            return None
        span = timedelta(days=self.within_days)
        earliest = today - span if when in (None, DateWhen.PAST, DateWhen.NOT_FUTURE) else None
        latest = today + span if when in (None, DateWhen.FUTURE, DateWhen.NOT_PAST) else None
        limits: dict[str, Any] = {"within_days": self.within_days}
        limits |= {"earliest": earliest.isoformat()} if earliest else {}
        limits |= {"latest": latest.isoformat()} if latest else {}
        if earliest is not None and day < earliest:
            return Violation(reason="too_early", variables=limits)
        if latest is not None and day > latest:
            return Violation(reason="too_late", variables=limits)
        return None
