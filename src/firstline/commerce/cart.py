"""The shopping cart kept in the conversation's state, and a count checked against the shop's limit.

The cart lives in the dialogue state (stored with the conversation), so it survives an
abandoned checkout, a side question or a restart of the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class QuantityProblem(StrEnum):
    """Why a count cannot go into the cart."""

    NOT_POSITIVE = "not_positive"
    TOO_MANY = "too_many"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A count read from a message, or why it is not one we accept."""

    value: int | None
    problem: QuantityProblem | None = None

    def within(self, max_quantity: int) -> Quantity:
        """This count checked against the shop's limit (a count read without one)."""
        if self.problem is not None or self.value is None:
            return self
        return _checked(self.value, max_quantity)


def _checked(value: int, max_quantity: int) -> Quantity:
    if value <= 0:
        return Quantity(value=value, problem=QuantityProblem.NOT_POSITIVE)
    if value > max_quantity:
        return Quantity(value=value, problem=QuantityProblem.TOO_MANY)
    return Quantity(value=value)


@dataclass(frozen=True, slots=True, kw_only=True)
class CartLine:
    """A product and how many of it."""

    sku: str
    quantity: int


def cart_from_slot(value: object) -> list[CartLine]:
    """The cart as stored in the slot ``cart`` (anything malformed is dropped)."""
    lines: list[CartLine] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and isinstance(item.get("sku"), str) and isinstance(item.get("quantity"), int):
                lines.append(CartLine(sku=item["sku"], quantity=item["quantity"]))
    return lines


def cart_to_slot(lines: list[CartLine]) -> list[dict[str, object]]:
    """The cart as a plain slot value."""
    return [{"sku": line.sku, "quantity": line.quantity} for line in lines]


def put(lines: list[CartLine], sku: str, quantity: int, *, replace: bool) -> list[CartLine]:
    """Add ``quantity`` units (or set the line to it); a line that reaches 0 goes."""
    updated: list[CartLine] = []
    found = False
    for line in lines:
        if line.sku == sku:
            found = True
            new = quantity if replace else line.quantity + quantity
            if new > 0:
                updated.append(CartLine(sku=sku, quantity=new))
        else:
            updated.append(line)
    if not found and quantity > 0:
        updated.append(CartLine(sku=sku, quantity=quantity))
    return updated


def remove(lines: list[CartLine], sku: str) -> list[CartLine]:
    """The cart without ``sku``."""
    return [line for line in lines if line.sku != sku]
