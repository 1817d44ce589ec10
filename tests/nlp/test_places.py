"""Countries and cities customers name, resolved to the country they mean."""

from __future__ import annotations

import pytest

from firstline.company.countries import country_name
from firstline.domain.language import Language
from firstline.nlp.places import PlaceKind, countries_named, find_places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Was kostet der Versand in die Schweiz?", ("CH",)),
        ("paket nach züri oder zuerich", ("CH",)),
        ("shipping to innsbruck pls", ("AT",)),
        ("Am Wiesengrund 3, 8010 Graz", ("AT",)),
        ("do you ship to the UK?", ("GB",)),
        ("Versand nach CH?", ("CH",)),
        ("what about Vienna and Basel", ("AT", "CH")),
        ("Lieferung nach Köln, München oder Wien", ("DE", "AT")),
        ("ship to France or Italy?", ("FR", "IT")),
        ("Lieferung nach Essen", ("DE",)),
        ("Versand nach Zug", ("CH",)),
        ("wie teuer isch de Versand uf Luzern?", ("CH",)),
        ("schickt ihr das au uff Luzern", ("CH",)),
    ],
)
def test_places_resolve_to_the_country_meant(text: str, expected: tuple[str, ...]) -> None:
    assert countries_named(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Das Essen ist fertig",
        "ich sitze gerade im Zug",
        "at the moment I can't",
        "can you send it to us",
        "Können Sie mir das senden?",
        "my meter reading is 1234",
        "ein neues Jersey",
    ],
)
def test_words_that_are_also_places_are_not_places(text: str) -> None:
    assert countries_named(text) == ()


def test_a_mention_keeps_the_customers_words_and_kind() -> None:
    (mention,) = find_places("Liefern Sie nach Zürich?")
    assert (mention.surface, mention.kind, mention.country) == ("Zürich", PlaceKind.CITY, "CH")


def test_country_names_in_both_languages() -> None:
    assert country_name("GB", Language.DE) == "Vereinigtes Königreich"
    assert country_name("CH", Language.EN) == "Switzerland"
    assert country_name("AT", Language.DE) == "Österreich"
