"""Postal codes of Germany (5 digits), Austria and Switzerland (4 digits)."""

from __future__ import annotations

import re

from firstline.understanding.entities.model import (
    Candidate,
    Entity,
    EntityKind,
    PostalCode,
    Priority,
)

_LENGTH = {"DE": 5, "AT": 4, "CH": 4}
_CODE = r"(?:(?P<prefix>D|A|CH)-)?(?P<code>\d{4,5})(?![\d.,]\d|[.,]?-)\b"
_CUED = re.compile(
    r"\b(?:plz|postleitzahl|postcode|post\s*code|postal\s*code|zip(?:\s*code)?)"
    r"(?:\s*(?:ist|is|lautet|:|-|=))*\s*" + _CODE,
    re.IGNORECASE,
)
_PREFIXED = re.compile(r"(?<![\w-])(?P<prefix>D|A|CH)-(?P<code>\d{4,5})\b")
# A code followed by a place name, as on an envelope: "04229 Leipzig", "8001 Zürich".
_BEFORE_PLACE = re.compile(
    r"(?<![\w.,+/-])(?P<code>\d{4,5})[ \t]+(?P<place>(?:St\.|[A-ZÄÖÜ][a-zäöüß]{2,})(?: [A-ZÄÖÜ][a-zäöüß]+)?)"
)
_ADDRESS_BREAK = re.compile(r"(?:^|[,\n]|\bin)\s*$")
_KNOWN_PLACES = {
    "wien": "AT", "graz": "AT", "linz": "AT", "salzburg": "AT", "innsbruck": "AT",
    "klagenfurt": "AT", "villach": "AT", "wels": "AT", "st. pölten": "AT",
    "dornbirn": "AT", "bregenz": "AT", "steyr": "AT", "feldkirch": "AT",
    "eisenstadt": "AT", "leoben": "AT", "zürich": "CH", "zurich": "CH", "bern": "CH",
    "basel": "CH", "genf": "CH", "lausanne": "CH", "luzern": "CH", "winterthur": "CH",
    "st. gallen": "CH", "lugano": "CH", "biel": "CH", "thun": "CH", "zug": "CH",
    "chur": "CH", "schaffhausen": "CH", "aarau": "CH", "olten": "CH", "sion": "CH",
}  # fmt: skip
# Capitalised words that follow numbers in German without being places.
_NOT_PLACES = frozenset(
    "euro eur chf franken dollar pfund stück stk uhr mal jahre jahren tage tagen wochen "
    "monate monaten minuten stunden sekunden watt volt meter liter kilo gramm prozent "
    "punkte bestellungen artikel kunden exemplare packungen teile kilometer mark "
    "januar februar märz april mai juni juli august september oktober november "
    "dezember bestellung bestellnummer kundennummer nummer rechnung paket pakete "
    "geräte einheiten stunde tag woche monat jahr and und the der die das ich".split()
)
_PREFIX_COUNTRY = {"D": "DE", "A": "AT", "CH": "CH"}


def country_for(code: str, countries: tuple[str, ...], hint: str | None = None) -> str | None:
    """Return the country a code belongs to; None if it fits several or none."""
    fitting = [c for c in countries if _LENGTH.get(c) == len(code)]
    if hint is not None:
        return hint if hint in fitting else None
    return fitting[0] if len(fitting) == 1 else None


def code_fits(code: str, countries: tuple[str, ...]) -> bool:
    """Tell whether a code has the length of a postal code of any of the countries."""
    if code.startswith("00") or (len(code) == 4 and code.startswith("0")):
        return False
    return any(_LENGTH.get(c) == len(code) for c in countries)


def _hint(prefix: str | None, place: str | None) -> str | None:
    """Derive the country from a "CH-" prefix or a well-known place name."""
    if prefix:
        return _PREFIX_COUNTRY[prefix.upper()]
    if place:
        name = place.casefold()
        return _KNOWN_PLACES.get(name) or _KNOWN_PLACES.get(name.split()[0])
    return None


def _candidate(code: str, start: int, country: str | None) -> Candidate:
    """Wrap a postal code found at start as a candidate."""
    entity = Entity(
        kind=EntityKind.POSTAL_CODE,
        value=code,
        text=code,
        start=start,
        end=start + len(code),
        unit=country,
    )
    return Candidate(entity=entity, priority=Priority.POSTAL_CODE)


def _is_place(code: str, place: str, text: str, start: int) -> bool:
    """Tell whether "<code> <word>" reads as a postal code and a place."""
    if place.split()[0].casefold() in _NOT_PLACES:
        return False
    if len(code) == 5 or _hint(None, place) is not None:
        return True
    # Four digits before a word are often a year or an amount; trust them only where an
    # address line starts ("Hauptstraße 1, 1010 Wien").
    return _ADDRESS_BREAK.search(text, 0, start) is not None


def find_postal_codes(text: str, countries: tuple[str, ...]) -> list[Candidate]:
    """Propose postal codes that a cue word, a country prefix or a place name backs."""
    found: list[Candidate] = []
    for pattern in (_CUED, _PREFIXED):
        for match in pattern.finditer(text):
            code = match["code"]
            hint = _hint(match["prefix"], None)
            if code_fits(code, countries):
                found.append(_candidate(code, match.start("code"), country_for(code, countries, hint)))
    for match in _BEFORE_PLACE.finditer(text):
        code, place = match["code"], match["place"]
        if code_fits(code, countries) and _is_place(code, place, text, match.start()):
            country = country_for(code, countries, _hint(None, place))
            found.append(_candidate(code, match.start("code"), country))
    return found


def parse_postal(text: str, country: str | None, countries: tuple[str, ...]) -> PostalCode | None:
    """Read an answer to "what is your postal code?"."""
    allowed = (country,) if country else countries
    found = find_postal_codes(text, allowed)
    if found:
        entity = found[0].entity
        return PostalCode(code=entity.value, country=country or entity.unit)
    match = re.fullmatch(r"\s*" + _CODE + r"\s*(?P<place>\S.*)?", text, re.IGNORECASE)
    if match is None or not code_fits(match["code"], allowed):
        return None
    hint = _hint(match["prefix"], (match["place"] or "").strip(" .,") or None)
    code = match["code"]
    return PostalCode(code=code, country=country or country_for(code, allowed, hint))
