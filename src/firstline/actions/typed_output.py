"""The output of a company action: values read by path from an answer and converted to their declared type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from firstline.company.actions_schema import OutputField


class InvalidAnswer(ValueError):
    """A system's answer lacks a required field or has one of the wrong type."""


def read_path(data: Any, path: str) -> Any:
    """``meters.0.last_reading`` → data["meters"][0]["last_reading"]; None when any part is missing."""
    value = data
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("expected a text")
    return str(value)


def _integer(value: Any) -> int:
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError("expected a whole number")
    return int(value) if isinstance(value, float) else int(str(value))


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("expected a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError("expected a number") from error
    if not number.is_finite():
        raise ValueError("expected a finite number")
    return number


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return value


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "integer": _integer,
    "decimal": lambda value: str(_decimal(value)),
    "money": lambda value: str(_decimal(value).quantize(Decimal("0.01"))),
    "date": lambda value: date.fromisoformat(str(value)[:10]).isoformat(),
    "boolean": _boolean,
    "list": _list,
}


def convert(value: Any, kind: str) -> Any:
    """A JSON value as the declared output type, in a form slots can store; ValueError when it is not."""
    return None if value is None else _CONVERTERS[kind](value)


def map_output(data: Any, outputs: dict[str, OutputField], language: str = "de") -> dict[str, Any]:
    """The slots an answer fills; :class:`InvalidAnswer` when a required one is missing or mistyped.

    ``{language}`` in a path is the conversation's language (``tariff.name.{language}``).
    """
    slots: dict[str, Any] = {}
    for slot, spec in outputs.items():
        try:
            value = convert(read_path(data, spec.path.replace("{language}", language)), spec.type)
        except ValueError as error:
            if spec.required:
                raise InvalidAnswer(f"{spec.path}: {error}") from error
            value = None
        if value is None and spec.required:
            raise InvalidAnswer(f"{spec.path}: missing")
        slots[slot] = value
    return slots
