"""A postal address in one line: "Hauptstraße 5, 10115 Berlin" or "Mariahilfer Str. 12, 1060 Wien, Österreich"."""

from __future__ import annotations

import re

from firstline.understanding.entities.postal import code_fits, country_for

_ADDRESS = re.compile(
    r"(?P<street>[^\W\d_][\w .'\-ßäöüÄÖÜ]*?\s+\d+\s?[a-zA-Z]?(?:[-/]\d+)?)\s*,?\s+"
    r"(?:(?P<prefix>D|A|CH)-)?(?P<code>\d{4,5})\s+(?P<city>[^\W\d_][\w .'\-ßäöüÄÖÜ]*?)"
    r"(?:\s*,\s*(?P<country>[^\W\d_][\w ]*))?\s*[.!]?\s*$",
    re.IGNORECASE,
)
_COUNTRY_WORDS = {
    "deutschland": "DE",
    "germany": "DE",
    "österreich": "AT",
    "oesterreich": "AT",
    "austria": "AT",
    "schweiz": "CH",
    "switzerland": "CH",
    "de": "DE",
    "at": "AT",
    "ch": "CH",
}
_PREFIX = {"D": "DE", "A": "AT", "CH": "CH"}
_LEAD_IN = re.compile(r"^.*?(?:adresse|address|to|nach|ist|is)\s*:?\s+(?=[^\W\d_])", re.IGNORECASE)


def parse_address(text: str, countries: tuple[str, ...]) -> dict[str, str] | None:
    """Street with house number, postal code and city; the country from the code, a prefix or a name.

    None when a part is missing or the postal code does not fit a country the company serves.
    """
    line = " ".join(text.split())
    match = _ADDRESS.search(line)
    if match is None:
        stripped = _LEAD_IN.sub("", line)
        match = _ADDRESS.search(stripped)
    if match is None:
        return None
    street = match["street"]
    while (shorter := _LEAD_IN.sub("", street, count=1)) != street:
        street = shorter
    street = street.strip(" ,")
    code, city = match["code"], match["city"].strip(" ,.")
    named = (match["country"] or "").strip().casefold()
    hint = _PREFIX.get((match["prefix"] or "").upper()) or _COUNTRY_WORDS.get(named)
    if not code_fits(code, countries):
        return None
    country = country_for(code, countries, hint) if hint else country_for(code, countries)
    if country is None and hint is None and len(code) == 4:
        country = country_for(code, countries, "AT") or country_for(code, countries, "CH")
    if country is None or not street or not city:
        return None
    return {"street": street, "postal_code": code, "city": city, "country": country}
