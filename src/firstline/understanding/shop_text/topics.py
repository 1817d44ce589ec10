"""What a product question asks about: "Hat er Bluetooth?", "Wie schwer?", "Passt er in 60 cm?"."""

from __future__ import annotations

from firstline.commerce.facts import Topics
from firstline.company.commerce_schema import CommerceConfig
from firstline.understanding.shop_text.words import contains_phrase, fold, numbers

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
