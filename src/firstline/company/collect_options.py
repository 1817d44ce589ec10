"""The options of a ``collect`` step: its type's limits, choices, pattern and ``from_opening``."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml.comments import CommentedMap

from firstline.domain.flows import Choice
from firstline.domain.slot_constraints import (
    BOUNDED_TYPES,
    NUMBER_TYPES,
    Bound,
    DateWhen,
    SlotConstraints,
    SlotRef,
    compare,
)
from firstline.errors import CompanyPackError

Fail = Callable[[Any, str, str | None], CompanyPackError]
"""Builds the pack error for a problem at a key of a node (the compiler's, which knows file and line)."""

OPTION_TYPES: dict[str, frozenset[str]] = {
    "min": BOUNDED_TYPES,
    "max": BOUNDED_TYPES,
    "when": frozenset({"date"}),
    "within_days": frozenset({"date"}),
    "values": frozenset({"enum"}),
    "pattern": frozenset({"pattern"}),
    "max_length": frozenset({"text"}),
}
"""Which slot types take which option (``from_opening`` goes with every type)."""
_PATTERN_NAME = re.compile(r"[a-z][a-z0-9_]*")
_MAX_DAYS = 36_600
_MAX_TEXT = 10_000


class CollectOptions:
    """Reads and checks the options of one collect step; every problem names its line."""

    def __init__(self, node: CommentedMap, slot_type: str, fail: Fail, patterns: Mapping[str, str]) -> None:
        self.node, self.slot_type, self._fail, self._patterns = node, slot_type, fail, patterns
        for key, types in OPTION_TYPES.items():
            if key in node and slot_type not in types:
                allowed = ", ".join(sorted(types))
                raise fail(node, f"'{key}' does not go with type '{slot_type}' (only with: {allowed})", key)

    def constraints(self) -> SlotConstraints:
        """The limits on the answer: bounds, where a date lies, the length of a text."""
        minimum, maximum = self._bound("min"), self._bound("max")
        if isinstance(minimum, (Decimal, date)) and isinstance(maximum, (Decimal, date)):
            if compare(minimum, maximum) == 1:
                raise self._fail(self.node, "'min' is larger than 'max'", "min")
        when = self.node.get("when")
        if when is not None and when not in {w.value for w in DateWhen}:
            known = ", ".join(w.value for w in DateWhen)
            raise self._fail(self.node, f"'when' must be one of: {known}", "when")
        return SlotConstraints(
            minimum=minimum,
            maximum=maximum,
            when=DateWhen(when) if when is not None else None,
            within_days=self._whole("within_days", 0, _MAX_DAYS),
            max_length=self._whole("max_length", 1, _MAX_TEXT),
        )

    def from_opening(self) -> bool | None:
        """``from_opening`` as written, or None for the type's default."""
        value = self.node.get("from_opening")
        if value is not None and not isinstance(value, bool):
            raise self._fail(self.node, "'from_opening' must be true or false", "from_opening")
        return value

    def choices(self) -> tuple[Choice, ...]:
        """The values of an enum and their synonyms (the value's own name is one of them)."""
        if self.slot_type != "enum":
            return ()
        node = self.node.get("values")
        if isinstance(node, list):
            node = {value: [] for value in node}
        if not isinstance(node, Mapping) or not node:
            raise self._fail(
                self.node, "an enum needs 'values', e.g. {strom: [Strom, electricity], gas: [Gas]}", "values"
            )
        choices: list[Choice] = []
        owner: dict[str, str] = {}
        for key, words in node.items():
            words = [words] if isinstance(words, str) else [] if words is None else words
            if not isinstance(key, str) or not key.strip() or not isinstance(words, list):
                raise self._fail(self.node, "each enum value needs a list of synonyms (texts)", "values")
            if not all(isinstance(word, str) and word.strip() for word in words):
                raise self._fail(self.node, f"the synonyms of '{key}' must be non-empty texts", "values")
            synonyms = tuple(dict.fromkeys([str(key).strip(), *(str(word).strip() for word in words)]))
            for synonym in synonyms:
                folded = synonym.casefold()
                if owner.setdefault(folded, key) != key:
                    problem = f"the synonym '{synonym}' names both '{owner[folded]}' and '{key}'"
                    raise self._fail(self.node, problem, "values")
            choices.append(Choice(value=str(key).strip(), synonyms=synonyms))
        return tuple(choices)

    def pattern(self) -> str | None:
        """The regular expression of a pattern slot: a name from ``company.yaml`` or written inline."""
        if self.slot_type != "pattern":
            return None
        value = self.node.get("pattern")
        if not isinstance(value, str) or not value.strip():
            known = ", ".join(sorted(self._patterns)) or "none"
            problem = f"a pattern slot needs 'pattern': a regular expression or a pattern name (known: {known})"
            raise self._fail(self.node, problem, "pattern")
        if value in self._patterns:
            return self._patterns[value]
        if _PATTERN_NAME.fullmatch(value):
            known = ", ".join(sorted(self._patterns)) or "none"
            problem = f"unknown pattern '{value}' (company.yaml patterns: {known})"
            raise self._fail(self.node, problem, "pattern")
        try:
            re.compile(value)
        except re.error as error:
            raise self._fail(self.node, f"'pattern' is not a valid regular expression: {error}", "pattern") from error
        return value

    def _bound(self, key: str) -> Bound | None:
        value = self.node.get(key)
        if value is None:
            return None
        if isinstance(value, Mapping):
            slot = value.get("slot")
            if set(value) != {"slot"} or not isinstance(slot, str) or not slot.strip():
                raise self._fail(self.node, f"'{key}' as a mapping must be {{slot: name}}", key)
            return SlotRef(slot.strip())
        if self.slot_type == "date":
            return self._date(key, value)
        if self.slot_type in NUMBER_TYPES and isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                number = Decimal(str(value))
            except InvalidOperation:  # pragma: no cover - YAML numbers are always readable
                number = Decimal("NaN")
            if number.is_finite():
                return number
        raise self._fail(self.node, f"'{key}' must be a number or {{slot: name}}", key)

    def _date(self, key: str, value: Any) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self._fail(self.node, f"'{key}' must be a date like 2026-01-31 or {{slot: name}}", key)

    def _whole(self, key: str, low: int, high: int) -> int | None:
        value = self.node.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self._fail(self.node, f"'{key}' must be a whole number from {low} to {high}", key)
        return value
