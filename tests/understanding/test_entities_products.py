"""Fuzzy product recognition against a catalogue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import firstline
from firstline.domain.language import Language
from firstline.understanding.entities import (
    EntityKind,
    ProductMatcher,
    ProductName,
    extract_entities,
)

CATALOGUE = (
    ProductName(sku="DW-4", name="Bosch Serie 4 SMS4HVI33E", brand="Bosch", categories=("Geschirrspüler",)),
    ProductName(sku="WM-4", name="Bosch Serie 4 WAN28K43", brand="Bosch", categories=("Waschmaschinen",)),
    ProductName(sku="DW-6", name="Bosch Serie 6 SMV6ZCX10E", brand="Bosch", categories=("Geschirrspüler",)),
    ProductName(sku="HP-XM5", name="Sony WH-1000XM5", brand="Sony", categories=("Kopfhörer", "Headphones")),
    ProductName(sku="HP-720", name="Sony WH-CH720N", brand="Sony", categories=("Kopfhörer", "Headphones")),
    ProductName(sku="VC-V15", name="Dyson V15 Detect Absolute", brand="Dyson", categories=("Staubsauger",)),
    ProductName(sku="TB-AIR", name="Apple iPad Air 11 Zoll (M3) Wi-Fi 128 GB", brand="Apple"),
    ProductName(sku="SM-17", name="Apple iPhone 17 256 GB", brand="Apple", categories=("Smartphones",)),
    ProductName(sku="AC-17", name="Apple iPhone 17 Silikon Case mit MagSafe", brand="Apple"),
    ProductName(sku="KE-LONO", name="WMF Lono Wasserkocher 1,7 l", brand="WMF", aliases=("Lono Kettle",)),
)
DEMO_PRODUCTS = Path(firstline.__file__).parent / "demo" / "data" / "products.json"


@pytest.fixture(scope="module")
def matcher() -> ProductMatcher:
    return ProductMatcher(CATALOGUE)


@pytest.mark.parametrize(
    ("text", "sku", "span"),
    [
        ("the sony wh-1000xm5 headphones", "HP-XM5", "sony wh-1000xm5 headphones"),
        ("Sony WH1000 XM5", "HP-XM5", "Sony WH1000 XM5"),
        ("Mein Dysen V15 saugt nicht mehr", "VC-V15", "Dysen V15"),
        ("the Dyson V15 Detect", "VC-V15", "Dyson V15 Detect"),
        ("Ist das iPad Air lieferbar?", "TB-AIR", "iPad Air"),
        ("Boch Serie 6", "DW-6", "Boch Serie 6"),
        ("den Bosch Serie 4 Geschirrspüler", "DW-4", "Bosch Serie 4 Geschirrspüler"),
        ("Ich suche den SMS4HVI33E", "DW-4", "SMS4HVI33E"),
        ("Ist der Lono Kettle da?", "KE-LONO", "Lono Kettle"),
        ("WMF Lono", "KE-LONO", "WMF Lono"),
        ("mein Apple iPhone 17", "SM-17", "Apple iPhone 17"),
    ],
)
def test_products_are_found_by_name_code_or_typo(matcher: ProductMatcher, text: str, sku: str, span: str) -> None:
    best = matcher.match(text)[0]
    assert (best.kind, best.value, best.text) == (EntityKind.PRODUCT, sku, span)
    assert 0.8 <= best.score <= 1.0
    assert text[best.start : best.end] == best.text


@pytest.mark.parametrize(
    ("text", "skus"),
    [
        ("den Bosch Serie 4", {"DW-4", "WM-4"}),
        ("the sony headphones", {"HP-XM5", "HP-720"}),
        ("Bosch Geschirrspüler", {"DW-4", "DW-6"}),
        ("iPhone 17", {"SM-17", "AC-17"}),
    ],
)
def test_an_ambiguous_mention_returns_each_candidate(matcher: ProductMatcher, text: str, skus: set[str]) -> None:
    found = matcher.match(text)
    assert {e.value for e in found} == skus
    assert len({(e.start, e.end) for e in found}) == 1


def test_the_number_after_a_series_name_is_part_of_it(matcher: ProductMatcher) -> None:
    assert [e.value for e in matcher.match("Bosch Serie 6")] == ["DW-6"]


def test_candidates_come_best_first_and_respect_the_limit(matcher: ProductMatcher) -> None:
    found = matcher.match("Sony WH-1000XM5 oder Bosch Serie 4 oder Dyson V15", limit=3)
    assert len(found) == 3
    assert [e.score for e in found] == sorted((e.score for e in found), reverse=True)
    assert matcher.match("Sony WH-1000XM5", limit=0) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hallo, wie geht's?",
        "Ich möchte meine Bestellung stornieren",
        "Wo ist mein Paket?",
        "My package arrived damaged and the box was open",
        "I watch series on my laptop",
        "Die Serie ist gut",
        "I need a new phone",
        "Can I pay with PayPal?",
        "Haben Sie auch Geräte von Bosch?",
        "Apple pie recipe",
        "The air conditioning is broken",
        "Meine Waschmaschine leckt",
        "Is this a smart purchase?",
        "Danke für die schnelle Hilfe!",
        "order 100042, 49,90 €",
        "",
        "😀" * 20,
    ],
)
def test_sentences_without_a_product_give_nothing(matcher: ProductMatcher, text: str) -> None:
    assert matcher.match(text) == []


def test_an_empty_catalogue_matches_nothing() -> None:
    assert ProductMatcher([]).match("Sony WH-1000XM5") == []


def test_extract_entities_keeps_one_product_per_mention_beside_other_entities(matcher: ProductMatcher) -> None:
    text = "2x Dyson V15 für 649 €, Bestellung 100042"
    entities = extract_entities(text, language=Language.DE, today=date(2026, 11, 26), products=matcher)
    assert [(e.kind, e.value) for e in entities] == [
        (EntityKind.QUANTITY, "2"),
        (EntityKind.PRODUCT, "VC-V15"),
        (EntityKind.MONEY, "649.00"),
        (EntityKind.ORDER_NUMBER, "100042"),
    ]


@pytest.fixture(scope="module")
def demo_matcher() -> ProductMatcher:
    """Index the demo company's catalogue, with its categories."""
    records = json.loads(DEMO_PRODUCTS.read_text(encoding="utf-8"))
    return ProductMatcher(
        [
            ProductName(
                sku=r["sku"], name=r["name"], brand=r["brand"], categories=tuple(r.get("category_name", {}).values())
            )
            for r in records
        ]
    )


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("Mein Dysen V15 ist kaputt", "VC-1002"),
        ("Sony WH1000 XM5", "HP-1001"),
        ("Delonghi Magnifica", "CM-1001"),
        ("Roborock S8 Maxv", "VC-1003"),
        ("the Macbok Air", "LT-1002"),
        ("Samsung Galxy S25", "SM-1002"),
        ("Bose Quietcomfort Ultra", "HP-1002"),
        ("Jbl flip6", "SP-1001"),
        ("Boch Serie 6 Geschirrspüler", "DW-1006"),
        ("Samsung Galaxy Watch 8", "SW-1002"),
        ("meine Airpods Pro", "HP-1003"),
    ],
)
def test_demo_catalogue_names_typed_with_typos_are_found(demo_matcher: ProductMatcher, text: str, sku: str) -> None:
    assert demo_matcher.match(text)[0].value == sku
