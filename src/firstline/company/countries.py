"""Country names in the customer's language, from pycountry's data (no text reading)."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from firstline.domain.language import Language


@cache
def german_names() -> gettext.NullTranslations:
    """pycountry's German translations of the country names."""
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])


def country_name(code: str, language: Language) -> str:
    """The country's everyday name in the language, e.g. ``country_name("GB", de)`` → "Vereinigtes Königreich"."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", country.name)
    if language.value == "de":
        return german_names().gettext(name)
    return str(name)
