"""The shopping cart kept in the conversation's state, and how many units a message asks for.

The cart lives in the dialogue state (stored with the conversation), so it survives an
abandoned checkout, a side question or a restart of the process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from firstline.commerce.words import NUMBER_WORDS, fold

_DOZEN = re.compile(r"(?:(?P<n>\w+)\s+)?(?:dutzend|dozen)\b")
_COUNT = re.compile(
    r"(?<![\w.,])(?P<sign>[-−–])?\s?(?P<n>\d[\d.,']*)(?:\s*(?:[x×]|stück|stk|mal|pieces?|pcs|units?|times|of)\b|\s*[x×])?"
)
_POWER = re.compile(r"\d+\s*(?:\^|\*\*)\s*\d+|\d+\s*[x×]\s*10\s*\^|10[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SET = ("auf", "to", "insgesamt", "in total", "make it", "mach", "ändere", "change")


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


def read_quantity(text: str, *, max_quantity: int, skip: tuple[str, ...] = ()) -> Quantity | None:
    """The count of units in a message: "2", "zwei", "ein Dutzend", "a dozen"; None if it names none.

    Numbers that belong to product names or filters (``skip``: "Serie 4", "55 Zoll") are not counts.
    """
    folded = fold(text)
    for part in skip:
        folded = folded.replace(fold(part), " ")
    if _POWER.search(folded):
        return Quantity(value=None, problem=QuantityProblem.TOO_MANY)
    dozen = _DOZEN.search(folded)
    if dozen:
        factor = NUMBER_WORDS.get(dozen.group("n") or "", 1) if dozen.group("n") not in ("half", "halbes") else 0.5
        return _checked(int(12 * factor), max_quantity)
    for match in _COUNT.finditer(folded):
        raw = match.group("n").replace(".", "").replace(",", "").replace("'", "")
        if not raw.isdigit():
            continue
        value = int(raw) * (-1 if match.group("sign") else 1)
        return _checked(value, max_quantity)
    for word in re.findall(r"[^\W\d_]+", folded):
        if word in NUMBER_WORDS and word not in ("a", "an", "ein", "eine", "einen", "einem"):
            return _checked(NUMBER_WORDS[word], max_quantity)
    return None


def _checked(value: int, max_quantity: int) -> Quantity:
    if value <= 0:
        return Quantity(value=value, problem=QuantityProblem.NOT_POSITIVE)
    if value > max_quantity:
        return Quantity(value=value, problem=QuantityProblem.TOO_MANY)
    return Quantity(value=value)


def sets_quantity(text: str) -> bool:
    """ "Ändere die Menge auf 3", "make it 3": the count replaces the line's count instead of adding."""
    folded = fold(text)
    return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded) for w in _SET)


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
