"""How many units a message asks for: "2", "zwei", "ein Dutzend", "make it 3"."""

from __future__ import annotations

import re

from firstline.commerce.cart import Quantity, QuantityProblem
from firstline.understanding.shop_text.words import NUMBER_WORDS, fold

_DOZEN = re.compile(r"(?:(?P<n>\w+)\s+)?(?:dutzend|dozen)\b")
_COUNT = re.compile(
    r"(?<![\w.,])(?P<sign>[-−–])?\s?(?P<n>\d[\d.,']*)(?:\s*(?:[x×]|stück|stk|mal|pieces?|pcs|units?|times|of)\b|\s*[x×])?"
)
_POWER = re.compile(r"\d+\s*(?:\^|\*\*)\s*\d+|\d+\s*[x×]\s*10\s*\^|10[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SET = ("auf", "to", "insgesamt", "in total", "make it", "mach", "ändere", "change")


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
        return Quantity(value=int(12 * factor)).within(max_quantity)
    for match in _COUNT.finditer(folded):
        raw = match.group("n").replace(".", "").replace(",", "").replace("'", "")
        if not raw.isdigit():
            continue
        value = int(raw) * (-1 if match.group("sign") else 1)
        return Quantity(value=value).within(max_quantity)
    for word in re.findall(r"[^\W\d_]+", folded):
        if word in NUMBER_WORDS and word not in ("a", "an", "ein", "eine", "einen", "einem"):
            return Quantity(value=NUMBER_WORDS[word]).within(max_quantity)
    return None


def sets_quantity(text: str) -> bool:
    """ "Ändere die Menge auf 3", "make it 3": the count replaces the line's count instead of adding."""
    folded = fold(text)
    return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded) for w in _SET)
