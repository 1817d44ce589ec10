"""Answers about a product computed from its data: "Hat er Bluetooth?", "Wie schwer?", "Passt er in 60 cm?".

Every fact names where it comes from (a field of the product); nothing is guessed. A
feature the data does not mention is reported as "not stated", not as "no".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

from firstline.commerce.catalogue import attribute_value
from firstline.commerce.words import contains_phrase, fold, numbers
from firstline.company.commerce_schema import CommerceConfig, CountryConfig
from firstline.domain.commerce import Product

_FIT = ("passt", "passen", "nische", "platz", "fit", "fits", "niche", "space", "gap", "recess")
_DIMENSIONS = ("maße", "abmessungen", "wie groß", "größe", "dimensions", "how big", "size", "measurements")
_STOCK = ("lager", "lagernd", "auf lager", "lieferbar", "verfügbar", "vorrätig", "vorrat", "ausverkauft", "zu haben",
          "stock", "in stock", "available", "availability", "sold out", "get it now", "get one now", "get one",
          "right now", "sofort", "bekommen", "kriegen", "gerade da", "noch da", "vorhanden", "lieferfähig",
          "ready to ship")  # fmt: skip
_SHIPPING = ("spedition", "speditionsversand", "speditionslieferung", "spediteur", "paket", "als paket", "paketversand",
             "paketdienst", "per post", "mit der post", "versandart", "freight", "forwarder", "freight forwarder",
             "haulier", "parcel", "by parcel", "by post", "pallet", "palette", "shipping method", "how is it shipped",
             "how is it delivered")  # fmt: skip
_SHIPPING_COST = ("versandkosten", "versand kostet", "kostet der versand", "kosten für den versand", "lieferkosten",
                  "frachtkosten", "shipping cost", "shipping costs", "does shipping cost", "cost to ship",
                  "delivery cost", "delivery costs", "delivery charge")  # fmt: skip
"""What shipping a product costs: asks how it travels, not the product's own price."""
_DELIVERY = ("wann", "ankommen", "lieferzeit", "geliefert", "liefern", "lieferung", "arrive", "delivery", "deliver",
             "delivered", "get here", "how long", "wie lange", "when")  # fmt: skip
_ACCESSORIES = ("zubehör", "accessories", "accessory", "dazu passend", "goes with", "passendes")
_ALTERNATIVES = (
    "alternative",
    "alternativen",
    "ähnlich",
    "ähnliche",
    "vergleichbar",
    "similar",
    "instead",
    "stattdessen",
)
_ENERGY = ("energieeffizienz", "energielabel", "energieklasse", "effizienzklasse", "energy label", "energy class",
           "energy efficiency", "energy rating")  # fmt: skip
_PRICE_QUESTION = ("how much is", "how much are", "how much for", "how much would", "how much will", "wie viel kostet",
                   "wieviel kostet", "wie viel kosten", "wieviel kosten")  # fmt: skip
"""Price questions without a price word; "how much does it weigh?" is none."""
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


def topics(text: str, config: CommerceConfig, *, country_named: bool) -> Topics:
    """Read what a question asks about."""
    folded = fold(text)
    features = tuple(
        k for k, f in config.features.items() if contains_phrase(folded, sorted(f.words, key=len, reverse=True))
    )
    attributes = tuple(
        key
        for key, attribute in config.attributes.items()
        if contains_phrase(folded, (*attribute.words, *attribute.low_words, *attribute.high_words))
    )
    shipping_cost = contains_phrase(folded, _SHIPPING_COST) is not None
    if shipping_cost:
        attributes = tuple(a for a in attributes if a != "price")
    elif "price" in config.attributes and "price" not in attributes:
        if contains_phrase(folded, _PRICE_QUESTION) or folded.rstrip(" ?!.").endswith("how much"):
            attributes = ("price", *attributes)
    niche = None
    if contains_phrase(folded, _FIT):
        widths = [
            n for n, _, end in numbers(folded) if folded[end : end + 4].lstrip().startswith(("cm", "-cm", "zentimeter"))
        ]
        widths += [n for n, _, end in numbers(folded) if folded[end : end + 4].startswith("-cm")]
        niche = widths[0] if widths else None
    stock = contains_phrase(folded, _STOCK) is not None
    return Topics(
        features=features,
        attributes=tuple(a for a in attributes if not (niche is not None and a == "width")),
        niche_cm=niche,
        dimensions=contains_phrase(folded, _DIMENSIONS) is not None,
        stock=stock,
        delivery=contains_phrase(folded, _DELIVERY) is not None or country_named,
        accessories=contains_phrase(folded, _ACCESSORIES) is not None,
        alternatives=contains_phrase(folded, _ALTERNATIVES) is not None,
        energy_label=contains_phrase(folded, _ENERGY) is not None,
        shipping=shipping_cost or contains_phrase(folded, _SHIPPING) is not None,
    )


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
