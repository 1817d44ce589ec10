"""Checks one turn's result against the ``expect:`` block of a conversation test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from firstline.domain.conversation import TurnResult


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _replies(result: TurnResult) -> str:
    return " ".join(reply.text for reply in result.replies)


def _contains(result: TurnResult, expected: Any) -> list[str]:
    text = _replies(result).lower()
    return [f"reply does not contain {e!r}" for e in _as_list(expected) if str(e).lower() not in text]


def _not_contains(result: TurnResult, expected: Any) -> list[str]:
    text = _replies(result).lower()
    return [f"reply contains {e!r}" for e in _as_list(expected) if str(e).lower() in text]


def _cites(result: TurnResult, expected: Any) -> list[str]:
    cited = [c.article_id for reply in result.replies for c in reply.citations]
    if expected in (None, "none"):
        return [f"expected no citation, got {cited}"] if cited else []
    return [f"expected a citation of {e!r}, got {cited or 'none'}" for e in _as_list(expected) if e not in cited]


def _actions(result: TurnResult, expected: Any) -> list[str]:
    done = [(a.name, a.outcome) for a in result.actions]
    errors = []
    for action in _as_list(expected):
        name, outcome = (action.get("name"), action.get("outcome")) if isinstance(action, dict) else (action, None)
        if not any(n == name and (outcome is None or o == outcome) for n, o in done):
            errors.append(f"expected action {name}{'=' + outcome if outcome else ''}, got {done or 'none'}")
    return errors


def _no_action(result: TurnResult, expected: Any) -> list[str]:
    names = [a.name for a in result.actions]
    return [f"action {e} ran" for e in _as_list(expected) if e in names]


def _slots(result: TurnResult, expected: Any) -> list[str]:
    return [
        f"slot {name}={result.slots.get(name)!r}, expected {value!r}"
        for name, value in dict(expected).items()
        if result.slots.get(name) != value
    ]


def _equal(field: str) -> Callable[[TurnResult, Any], list[str]]:
    def check(result: TurnResult, expected: Any) -> list[str]:
        actual = getattr(result, field)
        actual = getattr(actual, "value", actual)
        return [] if actual == expected else [f"{field} is {actual!r}, expected {expected!r}"]

    return check


def _in_tuple(field: str, label: str) -> Callable[[TurnResult, Any], list[str]]:
    def check(result: TurnResult, expected: Any) -> list[str]:
        actual = list(getattr(result, field))
        return [f"{label} {e!r} not in {actual}" for e in _as_list(expected) if e not in actual]

    return check


def _buttons(result: TurnResult, expected: Any) -> list[str]:
    offered = list(result.replies[-1].buttons) if result.replies else []
    wanted = [] if expected in (None, "none") else [str(e) for e in _as_list(expected)]
    return [] if offered == wanted else [f"buttons are {offered}, expected {wanted}"]


CHECKS: dict[str, Callable[[TurnResult, Any], list[str]]] = {
    "buttons": _buttons,
    "reply_contains": _contains,
    "reply_not_contains": _not_contains,
    "cites": _cites,
    "action": _actions,
    "actions": _actions,
    "no_action": _no_action,
    "slots": _slots,
    "status": _equal("status"),
    "language": _equal("language"),
    "active_flow": _equal("active_flow"),
    "flow_started": _in_tuple("flows_started", "flow"),
    "intent": _in_tuple("intents", "intent"),
}


def check_turn(result: TurnResult, expect: dict[str, Any]) -> list[str]:
    """Every way the result differs from the expectation (empty when it matches)."""
    errors = []
    for key, expected in expect.items():
        check = CHECKS.get(key)
        if check is None:
            errors.append(f"unknown expectation {key!r}; known: {', '.join(sorted(CHECKS))}")
        else:
            errors.extend(check(result, expected))
    return errors
