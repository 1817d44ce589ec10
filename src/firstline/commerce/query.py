"""A catalogue search as typed filters: categories, brands, limits, features, free words.

Understanding reads it from the customer's message (``understanding.shop_text.query``);
the catalogue searches by it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from firstline.company.commerce_schema import CommerceConfig
from firstline.domain.text import fold


class Compare(StrEnum):
    """How a number in a filter bounds the attribute."""

    AT_MOST = "le"
    AT_LEAST = "ge"
    ABOUT = "about"


@dataclass(frozen=True, slots=True, kw_only=True)
class Limit:
    """A numeric filter: ``width about 45``, ``price at most 600``."""

    attribute: str
    compare: Compare
    value: Decimal

    def admits(self, actual: float | Decimal | None) -> bool:
        """Whether a product's value passes; an unknown value never does."""
        if actual is None:
            return False
        number = Decimal(str(actual))
        if self.compare is Compare.AT_MOST:
            return number <= self.value
        if self.compare is Compare.AT_LEAST:
            return number >= self.value
        tolerance = max(Decimal("1"), self.value * Decimal("0.03"))
        return abs(number - self.value) <= tolerance


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductQuery:
    """A catalogue search, as structured filters plus free words."""

    categories: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    limits: tuple[Limit, ...] = ()
    features: tuple[str, ...] = ()
    energy_label: str | None = None
    """Best-to-this class: ``B`` admits A and B."""
    in_stock: bool = False
    prefer: tuple[tuple[str, str], ...] = ()
    """(attribute, ``low``/``high``): how to rank, e.g. quiet first."""
    words: tuple[str, ...] = ()
    """Words left over for lexical matching ("OLED", "schwarz")."""
    like: str | None = None
    """SKU of a product the customer compares with ("like the X but cheaper")."""
    exclude: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        """Nothing to search for."""
        return not (
            self.categories or self.brands or self.limits or self.features or self.energy_label
            or self.in_stock or self.prefer or self.words or self.like
        )  # fmt: skip

    def narrowed_by(self, other: ProductQuery) -> ProductQuery:
        """This search with ``other``'s filters added ("nur die mit Energieeffizienzklasse A")."""
        replaced = {limit.attribute for limit in other.limits}
        return replace(
            self,
            categories=other.categories or self.categories,
            brands=other.brands or self.brands,
            limits=tuple(lim for lim in self.limits if lim.attribute not in replaced) + other.limits,
            features=tuple(dict.fromkeys(self.features + other.features)),
            energy_label=other.energy_label or self.energy_label,
            in_stock=self.in_stock or other.in_stock,
            prefer=other.prefer or self.prefer,
            words=tuple(dict.fromkeys(self.words + other.words)),
            like=other.like or self.like,
        )

    def to_json(self) -> dict[str, object]:
        """A plain form for the dialogue state."""
        return {
            "categories": list(self.categories),
            "brands": list(self.brands),
            "limits": [[lim.attribute, lim.compare.value, str(lim.value)] for lim in self.limits],
            "features": list(self.features),
            "energy_label": self.energy_label,
            "in_stock": self.in_stock,
            "prefer": [list(p) for p in self.prefer],
            "words": list(self.words),
            "like": self.like,
            "exclude": list(self.exclude),
        }

    @classmethod
    def from_json(cls, data: object) -> ProductQuery:
        """Read :meth:`to_json`'s form back; anything malformed gives an empty query."""
        if not isinstance(data, dict):
            return cls()
        try:
            return cls(
                categories=tuple(data.get("categories") or ()),
                brands=tuple(data.get("brands") or ()),
                limits=tuple(Limit(attribute=a, compare=Compare(c), value=Decimal(v)) for a, c, v in data["limits"]),
                features=tuple(data.get("features") or ()),
                energy_label=data.get("energy_label"),
                in_stock=bool(data.get("in_stock")),
                prefer=tuple((str(a), str(d)) for a, d in data.get("prefer") or ()),
                words=tuple(data.get("words") or ()),
                like=data.get("like"),
                exclude=tuple(data.get("exclude") or ()),
            )
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return cls()


@dataclass(frozen=True, slots=True, kw_only=True)
class Vocabulary:
    """The words that name categories, brands, attributes and features of one catalogue."""

    config: CommerceConfig
    brands: dict[str, str]
    """Folded brand → brand as written."""

    @classmethod
    def of(cls, config: CommerceConfig, brands: Iterable[str]) -> Vocabulary:
        """The vocabulary of a pack's commerce settings plus the catalogue's brands."""
        return cls(config=config, brands={fold(b): b for b in brands})
