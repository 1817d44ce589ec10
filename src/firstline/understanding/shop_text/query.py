"""What a customer looks for, read from their message: category, brands, limits, features, words.

"Ich suche eine leise Spülmaschine, 45 cm breit, unter 600 Euro" becomes
category ``dishwasher``, width ≈ 45 cm, price ≤ 600, prefer low noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from firstline.commerce.query import Compare, Limit, ProductQuery, Vocabulary
from firstline.company.commerce_schema import AttributeConfig, CommerceConfig
from firstline.understanding.shop_text.words import contains_noun, contains_phrase, fold, numbers, tokens

_AT_MOST = (
    "unter", "bis", "höchstens", "maximal", "max", "max.", "weniger als", "nicht mehr als", "kleiner als",
    "leichter als", "günstiger als", "billiger als", "under", "below", "less than", "up to", "at most",
    "no more than", "cheaper than", "lighter than", "smaller than", "within", "<",
)  # fmt: skip
_AT_LEAST = (
    "über", "ab", "mindestens", "mind.", "min.", "mehr als", "größer als", "at least", "over", "above",
    "more than", "from", "minimum", "bigger than", "larger than", ">", "+",
)  # fmt: skip
_BETWEEN = re.compile(r"(?:zwischen|between)\s+(\d[\d.,]*)\s*(?:\S+\s+)?(?:und|and|-)\s+(\d[\d.,]*)")
_ENERGY = re.compile(
    r"(?:energieeffizienzklasse|effizienzklasse|energieklasse|energielabel|energy\s*(?:efficiency\s*)?"
    r"(?:class|label|rating)|klasse|class)\s*([a-g])\b(\s*(?:oder besser|or better))?"
)
_STOCK = ("auf lager", "lieferbar", "sofort lieferbar", "verfügbar", "in stock", "available", "ready to ship")
_CHEAPER = ("günstiger", "billiger", "preiswerter", "cheaper", "less expensive", "lower price")
_STOP = frozenset(
    """ich suche suchen such brauche benötige hätte gern gerne möchte will wir eine einen einer eines ein der die
    das den dem des mit und oder für von vom zum zur nur noch bitte mir mich haben habt gibt es sie ihr ihre euch
    zeig zeige zeigen sie mal welche welcher welches was wie etwas so ähnlich ähnliches wie aber als auch nicht
    sollte soll muss am im in an auf aus bei ist sind sein hat breit breite hoch tief euro eur cm kg stück
    i im looking for need want would like a an the with and or from by only just please me show some something
    like similar but than any do you have has is are it its of to in on which what that this one ones should
    must be at least most under over up cheaper wide high deep unter über ab mindestens höchstens maximal zwischen
    between bis mehr weniger less more than max min oder better besser gern klasse""".split()
)


def parse_query(text: str, vocabulary: Vocabulary, *, like: str | None = None) -> ProductQuery:
    """Read the search filters out of a customer's message (German or English)."""
    folded = fold(text)
    config = vocabulary.config
    categories = tuple(
        key for key, words in config.categories.items() if contains_noun(folded, sorted(words, key=len, reverse=True))
    )
    brands = tuple(brand for key, brand in vocabulary.brands.items() if contains_phrase(folded, [key]))
    features = tuple(
        key for key, feature in config.features.items() if contains_phrase(folded, sorted(feature.words, key=len))
    )
    limits = list(_limits(folded, config, categories))
    prefer: list[tuple[str, str]] = []
    for key, attribute in config.attributes.items():
        if attribute.low_words and contains_phrase(folded, attribute.low_words):
            prefer.append((key, "low"))
        elif attribute.high_words and contains_phrase(folded, attribute.high_words):
            prefer.append((key, "high"))
    if (
        like is not None
        and contains_phrase(folded, _CHEAPER)
        and ("price", "low") not in prefer
        and not any(lim.attribute == "price" for lim in limits)
    ):
        prefer.append(("price", "low"))
    energy = _ENERGY.search(folded)
    used = _used_words(config, categories, brands, features)
    words = tuple(w for w in tokens(folded) if w not in _STOP and w not in used and not w[0].isdigit() and len(w) > 2)
    return ProductQuery(
        categories=categories,
        brands=brands,
        limits=tuple(limits),
        features=features,
        energy_label=energy.group(1).upper() if energy else None,
        in_stock=contains_phrase(folded, _STOCK) is not None,
        prefer=tuple(prefer),
        words=words,
        like=like,
    )


def _used_words(
    config: CommerceConfig, categories: Sequence[str], brands: Sequence[str], features: Sequence[str]
) -> set[str]:
    """Words already read as filters: they must not also count as free words."""
    used: set[str] = {fold(b) for b in brands}
    for words in config.categories.values():
        used.update(t + ending for w in words for t in tokens(w) for ending in ("", "s", "es", "n", "en", "e"))
    for feature in config.features.values():
        used.update(t for w in feature.words for t in tokens(w))
    for attribute in config.attributes.values():
        for group in (attribute.words, attribute.units, attribute.low_words, attribute.high_words):
            used.update(t for w in group for t in tokens(w))
    used.update(("energieeffizienzklasse", "effizienzklasse", "energieklasse", "energielabel", "energy", "class",
                 "klasse", "efficiency", "label", "lager", "lieferbar", "stock", "available", "besser", "better",
                 "preiswerter", "billiger", "sterne", "stars", "zoll", "inch"))  # fmt: skip
    return used


def _limits(folded: str, config: CommerceConfig, categories: Sequence[str]) -> Iterable[Limit]:
    """Numbers with a unit, read with the comparison word in front of them."""
    seen: set[str] = set()
    between = _BETWEEN.search(folded)
    for value, start, end in numbers(folded):
        after = folded[end : end + 24].lstrip()
        before = folded[max(0, start - 24) : start]
        attribute = _attribute_for(after, before, config, categories)
        if attribute is None or attribute in seen:
            continue
        seen.add(attribute)
        if between and between.start() <= start < between.end():
            low, high = _pair(between.group(0))
            yield Limit(attribute=attribute, compare=Compare.AT_LEAST, value=low)
            yield Limit(attribute=attribute, compare=Compare.AT_MOST, value=high)
            continue
        yield Limit(attribute=attribute, compare=_compare(before, after, attribute), value=value)


def _pair(text: str) -> tuple[Decimal, Decimal]:
    found = sorted(n for n, _, _ in numbers(text))
    return found[0], found[-1]


def _compare(before: str, after: str, attribute: str) -> Compare:
    """The comparison: the word before the number, or after it ("600 € or less", "8 kg+")."""
    tail = before.rstrip().rsplit(" ", 3)
    near = " ".join(tail[-3:]) + " "
    if contains_phrase(near, _AT_MOST) or contains_phrase(after[:20], ("oder weniger", "or less", "maximum", "max")):
        return Compare.AT_MOST
    if (
        contains_phrase(near, _AT_LEAST)
        or after.startswith("+")
        or contains_phrase(after[:20], ("oder mehr", "or more"))
    ):
        return Compare.AT_LEAST
    if attribute in ("price",):
        return Compare.AT_MOST  # "a TV for 500 euros": nothing dearer
    if attribute in ("rating", "capacity_kg", "storage_gb", "battery_hours", "place_settings", "volume_l"):
        return Compare.AT_LEAST  # "4 stars", "8 kg": that much or more
    return Compare.ABOUT


def _attribute_for(after: str, before: str, config: CommerceConfig, categories: Sequence[str]) -> str | None:
    """Which attribute a number measures, from its unit and the words around it."""
    candidates = [
        key for key, attribute in config.attributes.items() if attribute.units and _starts_with_unit(after, attribute)
    ]
    if before.rstrip().endswith(("€", "eur", "euro")):
        candidates = ["price"] if "price" in config.attributes else candidates
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    # The word right after the unit counts most ("45 cm breit"), then the one before ("Breite 45 cm").
    for context in (after[:16], before[-16:]):
        named = [key for key in candidates if contains_phrase(context, config.attributes[key].words)]
        if named:
            return named[0]
    # "8 kg" for a washing machine is its load, for a vacuum cleaner its weight.
    if "capacity_kg" in candidates and set(categories) & {"washing_machine", "dryer"}:
        return "capacity_kg"
    return candidates[0]


def _starts_with_unit(after: str, attribute: AttributeConfig) -> bool:
    for unit in sorted(attribute.units, key=len, reverse=True):
        if after.startswith(unit) and (len(after) == len(unit) or not after[len(unit)].isalnum()):
            return True
    return False
