"""Reading search filters out of German and English messages."""

from __future__ import annotations

from decimal import Decimal

from firstline.commerce.catalogue import Catalogue
from firstline.commerce.query import Compare, Limit, ProductQuery
from firstline.understanding.shop_text.query import parse_query


def limits(query: ProductQuery) -> set[tuple[str, str, Decimal]]:
    return {(lim.attribute, lim.compare.value, lim.value) for lim in query.limits}


def test_quiet_narrow_dishwasher_under_600_euros(catalogue: Catalogue) -> None:
    query = parse_query("Ich suche eine leise Spülmaschine, 45 cm breit, unter 600 Euro", catalogue.vocabulary)
    assert query.categories == ("dishwasher",)
    assert limits(query) == {("width", "about", Decimal(45)), ("price", "le", Decimal(600))}
    assert ("noise_db", "low") in query.prefer


def test_capacity_and_two_brands(catalogue: Catalogue) -> None:
    query = parse_query("a washing machine with at least 8 kg from Bosch or Siemens", catalogue.vocabulary)
    assert query.categories == ("washing_machine",)
    assert set(query.brands) == {"Bosch", "Siemens"}
    assert limits(query) == {("capacity_kg", "ge", Decimal(8))}


def test_kg_without_a_washing_machine_is_weight(catalogue: Catalogue) -> None:
    query = parse_query("Staubsauger leichter als 4 kg", catalogue.vocabulary)
    assert limits(query) == {("weight_kg", "le", Decimal(4))}


def test_stars_inches_and_price_range(catalogue: Catalogue) -> None:
    query = parse_query(
        "Fernseher ab 55 Zoll mit mindestens 4 Sternen zwischen 500 und 1.500 Euro", catalogue.vocabulary
    )
    assert limits(query) == {
        ("screen_inch", "ge", Decimal(55)),
        ("rating", "ge", Decimal(4)),
        ("price", "ge", Decimal(500)),
        ("price", "le", Decimal(1500)),
    }


def test_euro_sign_before_the_number(catalogue: Catalogue) -> None:
    assert limits(parse_query("headphones under €150", catalogue.vocabulary)) == {("price", "le", Decimal(150))}


def test_energy_label_features_and_stock(catalogue: Catalogue) -> None:
    query = parse_query("nur die mit Energieeffizienzklasse A, mit WLAN, auf Lager", catalogue.vocabulary)
    assert query.energy_label == "A"
    assert query.features == ("wifi",)
    assert query.in_stock
    assert not query.categories


def test_a_refinement_keeps_the_earlier_filters(catalogue: Catalogue) -> None:
    first = parse_query("Waschmaschine unter 900 Euro", catalogue.vocabulary)
    narrowed = first.narrowed_by(parse_query("nur die mit Energieeffizienzklasse A", catalogue.vocabulary))
    assert narrowed.categories == ("washing_machine",)
    assert narrowed.energy_label == "A"
    assert Limit(attribute="price", compare=Compare.AT_MOST, value=Decimal(900)) in narrowed.limits


def test_query_survives_the_dialogue_state(catalogue: Catalogue) -> None:
    query = parse_query("quiet dishwasher under 600 euros from Bosch", catalogue.vocabulary)
    assert ProductQuery.from_json(query.to_json()) == query
    assert ProductQuery.from_json({"limits": "garbage"}) == ProductQuery()
    assert ProductQuery.from_json(None).is_empty


def test_small_talk_has_no_filters(catalogue: Catalogue) -> None:
    assert parse_query("Hallo, wie geht es?", catalogue.vocabulary).categories == ()


def test_plural_category_words_and_euros(catalogue: Catalogue) -> None:
    query = parse_query("What smartwatches and tablets under 700 euros do you have?", catalogue.vocabulary)
    assert set(query.categories) == {"smartwatch", "tablet"}
    assert limits(query) == {("price", "le", Decimal(700))}
    assert parse_query("Welche Kühlschränke habt ihr?", catalogue.vocabulary).categories == ("fridge",)
