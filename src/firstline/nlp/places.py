"""Countries and cities named in a text, resolved to ISO 3166 country codes.

Customers ask about "Zürich", "Innsbruck", "the UK" or "nach Wien", not about "CH" or "AT":
a knowledge answer or a shipping fact is right only when it is about the country they meant.
Country names come from pycountry (English names and the German translations it ships),
plus the short forms customers use; cities come from GeoNames (``data/cities.json``, made by
``scripts/build_gazetteer.py``). A city whose name is also a common word ("Essen", "Zug",
"Halle", "Reading") counts only after a place preposition ("nach Zug", "to Reading"), and a
small town only there or right after a postcode ("8010 Graz").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

import pycountry

from firstline.company.countries import german_names


class PlaceKind(StrEnum):
    """What the customer named."""

    COUNTRY = "country"
    CITY = "city"


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A country or city named in a text."""

    country: str
    """ISO 3166-1 alpha-2 code, e.g. ``CH``."""
    kind: PlaceKind
    surface: str
    """The words as the customer wrote them."""
    start: int
    end: int


# The short and everyday names pycountry does not have (folded, see _fold).
_EVERYDAY_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "GB": (
        "uk",
        "u.k.",
        "england",
        "great britain",
        "britain",
        "grossbritannien",
        "scotland",
        "schottland",
        "wales",
        "nordirland",
        "northern ireland",
        "united kingdom",
        "the uk",
        "grossbritanien",
        "gb",
    ),
    "US": ("usa", "u.s.a.", "america", "amerika", "the states", "united states", "vereinigte staaten", "vstaaten"),
    "NL": ("holland", "netherlands", "niederlande", "the netherlands"),
    "CH": ("schweiz", "switzerland", "swiss", "schwiiz", "suisse", "svizzera", "helvetia", "der schweiz"),
    "AT": ("osterreich", "oesterreich", "austria", "ostereich", "oschterreich"),
    "DE": ("deutschland", "germany", "brd", "dtl", "dland"),
    "CZ": ("tschechien", "czechia", "czech republic"),
    "KR": ("south korea", "sudkorea", "korea"),
    "RU": ("russland", "russia"),
    "AE": ("dubai", "uae", "emirate", "emirates"),
    "LI": ("liechtenstein",),
    "LU": ("luxemburg", "luxembourg"),
    "TR": ("turkei", "tuerkei"),
}
_CASE_SENSITIVE_CODES = {"CH": "CH", "AT": "AT", "DE": "DE", "US": "US", "UK": "GB", "FR": "FR", "IT": "IT", "NL": "NL"}
"""Country codes customers type ("Versand nach CH"): only in capitals, as "at" and "us" are words."""
# Names that are also words or people: counted only in a list of the shop's own, never from pycountry.
_NOT_COUNTRIES = frozenset(
    {
        "jersey",
        "chad",
        "jordan",
        "georgia",
        "turkey",
        "guernsey",
        "man",
        "china",
        "niger",
        "guinea",
        "mali",
        "oman",
        "peru",
        "cuba",
        "togo",
        "iran",
        "laos",
        "fiji",
        "nauru",
    }
)
_AMBIGUOUS_CITIES = frozenset(
    "essen halle zug aue baden bulle damme enger forst gries haan haar heide hille hof horn kalk kamen lage langen "
    "leer lend linden melle mitte much norden roth rees schmelz senden singen springe waren wedding weiden werder "
    "wetter wil westend neubau sitten worms wangen witten verden menden minden hemer reading bath nice mobile split "
    "gera selb verl buer cham goch hude rhede syke stuhr wesel olpe borna peine celle unna soest lohne".split()
)
# Swiss and Austrian speech too: "uf Luzern", "id Schwiiz", "noch Graz", "auf Wien".
_PREPOSITIONS = ("nach", "in", "aus", "to", "from", "bei", "near", "ab", "von", "into", "für", "fur", "for", "richtung",
                 "uf", "uff", "id", "noch", "zu", "via", "auf")  # fmt: skip
_SMALL_TOWN = 100_000
_PREPOSITION = re.compile(r"(?:^|\W)(?:" + "|".join(_PREPOSITIONS) + r")\s+$", re.IGNORECASE)
_POSTCODE_BEFORE = re.compile(r"\b\d{4,5}\s+$")


def _fold(text: str) -> str:
    """Lower case without accents (ü → u, ß → ss), so "Zurich", "zürich" and "ZÜRICH" agree."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _variants(name: str) -> set[str]:
    """A name as customers type it: with or without accents, with ae/oe/ue for ä/ö/ü."""
    lowered = name.lower()
    digraphs = lowered.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return {_fold(name), _fold(digraphs)}


@dataclass(frozen=True, slots=True)
class _Entry:
    country: str
    kind: PlaceKind
    anywhere: bool
    """False for towns and word-like names: they count only after a preposition or postcode."""


@cache
def _gazetteer() -> tuple[dict[str, _Entry], re.Pattern[str]]:
    entries: dict[str, _Entry] = {}
    for code, names in _EVERYDAY_COUNTRY_NAMES.items():
        for name in names:
            entries[_fold(name)] = _Entry(code, PlaceKind.COUNTRY, True)
    german = german_names()
    for country in pycountry.countries:
        english = {country.name, getattr(country, "common_name", country.name)}
        for name in english | {german.gettext(name) for name in english}:
            for variant in _variants(name):
                if variant not in _NOT_COUNTRIES and variant not in entries:
                    entries[variant] = _Entry(country.alpha_2, PlaceKind.COUNTRY, True)
    document = json.loads(resources.files("firstline.nlp").joinpath("data/cities.json").read_text("utf-8"))
    for city in document["cities"]:
        for name in city["names"]:
            for variant in _variants(name):
                if variant in entries:  # a country name wins; the first (largest) city of a name wins
                    continue
                anywhere = city["population"] >= _SMALL_TOWN and variant not in _AMBIGUOUS_CITIES
                entries[variant] = _Entry(city["country"], PlaceKind.CITY, anywhere)
    longest_first = sorted(entries, key=len, reverse=True)  # longest first: "frankfurt am main" before "frankfurt"
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in longest_first) + r")(?![\w])")
    return entries, pattern


def find_places(text: str) -> tuple[PlaceMention, ...]:
    """Countries and cities named in ``text``, in the order they appear."""
    entries, pattern = _gazetteer()
    folded = _fold(text)
    if len(folded) != len(text):  # folding changed offsets (rare ligatures): match on the folded text only
        text = folded
    mentions: list[PlaceMention] = []
    for match in pattern.finditer(folded):
        entry = entries[match.group()]
        before = text[: match.start()]
        if not entry.anywhere and not (_PREPOSITION.search(before) or _POSTCODE_BEFORE.search(before)):
            continue
        mentions.append(
            PlaceMention(
                country=entry.country,
                kind=entry.kind,
                surface=text[match.start() : match.end()],
                start=match.start(),
                end=match.end(),
            )
        )
    for code, country in _CASE_SENSITIVE_CODES.items():
        for match in re.finditer(rf"(?<![\w.]){code}(?![\w])", text):
            mentions.append(
                PlaceMention(
                    country=country, kind=PlaceKind.COUNTRY, surface=code, start=match.start(), end=match.end()
                )  # fmt: skip
            )
    return tuple(sorted(mentions, key=lambda mention: mention.start))


def countries_named(text: str) -> tuple[str, ...]:
    """The ISO codes of the countries a text names (directly or through a city), first mention first."""
    seen: dict[str, None] = {}
    for mention in find_places(text):
        seen.setdefault(mention.country, None)
    return tuple(seen)
