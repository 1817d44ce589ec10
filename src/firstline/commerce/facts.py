"""Answers about a product computed from its data: "Hat er Bluetooth?", "Wie schwer?", "Passt er in 60 cm?".

Every fact names where it comes from (a field of the product); nothing is guessed. A
feature the data does not mention is reported as "not stated", not as "no".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

from firstline.commerce.catalogue import attribute_value
from firstline.company.commerce_schema import CommerceConfig, CountryConfig
from firstline.domain.commerce import Product

_OVERVIEW_ATTRIBUTES = ("noise_db", "capacity_kg", "screen_inch", "place_settings", "storage_gb", "battery_hours")


@dataclass(frozen=True, slots=True, kw_only=True)
class Topics:
    """What the customer asked about a product."""

    features: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    niche_cm: Decimal | None = None
    dimensions: bool = False
    stock: bool = False
    delivery: bool = False
    accessories: bool = False
    alternatives: bool = False
    energy_label: bool = False
    shipping: bool = False
    """How the product travels: as a parcel or by freight forwarder."""

    @property
    def any(self) -> bool:
        """Whether anything in particular was asked."""
        return bool(
            self.features or self.attributes or self.niche_cm is not None or self.dimensions or self.stock
            or self.delivery or self.accessories or self.alternatives or self.energy_label or self.shipping
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """A plain form for the dialogue state, so "und der Miele?" can ask the same again."""
        data = asdict(self)
        data["niche_cm"] = str(self.niche_cm) if self.niche_cm is not None else None
        data["features"], data["attributes"] = list(self.features), list(self.attributes)
        return data

    @classmethod
    def from_json(cls, data: object) -> Topics:
        """Read :meth:`to_json`'s form back; anything malformed gives no topics."""
        if not isinstance(data, dict):
            return cls()
        try:
            niche = data.get("niche_cm")
            flags = {f.name: bool(data.get(f.name)) for f in fields(cls) if f.type in ("bool", bool)}
            return cls(
                features=tuple(str(x) for x in data.get("features") or ()),
                attributes=tuple(str(x) for x in data.get("attributes") or ()),
                niche_cm=Decimal(str(niche)) if niche is not None else None,
                **flags,
            )
        except (TypeError, ValueError, ArithmeticError):
            return cls()


def feature_fact(product: Product, key: str, config: CommerceConfig, language: str) -> dict[str, Any]:
    """Whether the product has a feature: yes, no, or not stated in its data."""
    feature = config.features[key]
    value = product.specs.get(feature.spec)
    has = None if value is None else bool(value)
    return {"kind": "feature", "name": getattr(feature.name, language), "has": has}


def attribute_fact(product: Product, key: str, config: CommerceConfig, language: str) -> dict[str, Any]:
    """An attribute's value with its unit, or not stated."""
    attribute = config.attributes[key]
    value = attribute_value(product, attribute.source)
    shown = value if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None
    return {
        "kind": "attribute",
        "key": key,
        "name": getattr(attribute.name, language),
        "value": str(shown) if shown is not None else None,
        "unit": attribute.unit,
    }


def shipping_fact(product: Product, country: CountryConfig) -> dict[str, Any]:
    """How the product is shipped to ``country``: by freight forwarder (bulky) or as a parcel, and what that costs."""
    if product.bulky:
        return {"kind": "shipping", "freight": True, "price": str(country.freight), "free_from": None}
    free_from = str(country.free_from) if country.free_from is not None else None
    return {"kind": "shipping", "freight": False, "price": str(country.standard), "free_from": free_from}


def fit_fact(product: Product, niche: Decimal) -> dict[str, Any]:
    """Whether the product fits a niche of ``niche`` cm width (no tolerance: built-in niches are exact)."""
    width = product.dimensions_cm.get("width")
    fits = None if width is None else Decimal(str(width)) <= niche
    return {"kind": "fit", "niche": str(niche), "width": str(width) if width is not None else None, "fits": fits}


def dimensions_fact(product: Product) -> dict[str, Any]:
    """Width × height × depth in cm and the weight."""
    dims = product.dimensions_cm
    return {
        "kind": "dimensions",
        "width": str(dims.get("width")),
        "height": str(dims.get("height")),
        "depth": str(dims.get("depth")),
        "weight": str(product.weight_kg),
    }


def overview_facts(product: Product, config: CommerceConfig, language: str) -> list[dict[str, Any]]:
    """The key facts when the customer asked nothing in particular."""
    return [
        attribute_fact(product, key, config, language)
        for key in _OVERVIEW_ATTRIBUTES
        if key in config.attributes and attribute_value(product, config.attributes[key].source) is not None
    ][:3]
