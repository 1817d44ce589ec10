"""Follow-ups pointing at what the conversation showed: position, price, brand, measures; product families."""

from __future__ import annotations

import json

import pytest

from firstline.commerce.catalogue import Catalogue
from firstline.commerce.references import SHOWN_SLOT, Shown
from firstline.understanding.shop_text.mentions import ProductMentions
from firstline.understanding.shop_text.references import comparative, position, referred, related

TVS = Shown(skus=("TV-1005", "TV-1003", "TV-1001", "TV-1002", "TV-1004"), offset=0, seen=3)
HEADPHONES = Shown(skus=("HP-1002", "HP-1003", "HP-1004", "HP-1001"), seen=3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("was kostet der Sony?", ["TV-1004"]),  # not on the page the customer saw, but in the list
        ("how much is the sony?", ["TV-1004"]),
        ("der erste", ["TV-1005"]),
        ("what's the second one cost?", ["TV-1003"]),
        ("Nummer 3 bitte", ["TV-1001"]),
        ("is the last one available?", ["TV-1001"]),  # the last one shown on the page
        ("the cheaper one", ["TV-1001"]),
        ("der günstigste", ["TV-1001"]),
        ("und der teuerste?", ["TV-1005"]),
        ("der mit 50 Zoll", ["TV-1002"]),
        ("die von LG", ["TV-1005", "TV-1003"]),
        ("und der Miele?", []),
    ],
)
def test_a_follow_up_picks_from_the_shown_list(catalogue: Catalogue, text: str, expected: list[str]) -> None:
    assert referred(text, TVS, catalogue) == expected


def test_a_brand_picks_among_the_shown_headphones(catalogue: Catalogue) -> None:
    assert referred("und die Bose?", HEADPHONES, catalogue) == ["HP-1002"]
    assert referred("and the bose ones?", HEADPHONES, catalogue) == ["HP-1002"]
    assert set(referred("und die von Sony?", HEADPHONES, catalogue)) == {"HP-1004", "HP-1001"}


def test_a_page_further_on_counts_positions_from_that_page(catalogue: Catalogue) -> None:
    second_page = Shown(skus=TVS.skus, offset=3, seen=2)
    assert referred("the first one", second_page, catalogue) == ["TV-1002"]
    assert referred("der letzte", second_page, catalogue) == ["TV-1004"]


def test_a_quieter_one_is_picked_by_the_attribute_not_a_question_about_it(catalogue: Catalogue) -> None:
    dishwashers = Shown(skus=("DW-1001", "DW-1004", "DW-1006"))
    quietest = min(dishwashers.skus, key=lambda s: catalogue.products[s].specs["noise_db"])
    assert referred("der leisere", dishwashers, catalogue) == [quietest]
    assert referred("wie laut ist der?", dishwashers, catalogue) == []


def test_nothing_is_pointed_at_without_a_shown_list(catalogue: Catalogue) -> None:
    assert referred("der erste", Shown(), catalogue) == []
    assert referred("was kostet der Sony?", Shown(), catalogue) == []


def test_another_brand_with_a_measure_is_found_among_products_of_the_shown_kind(catalogue: Catalogue) -> None:
    after_lg = Shown(skus=("TV-1003",))
    assert referred("und der Samsung mit 43 Zoll?", after_lg, catalogue) == []
    assert related("und der Samsung mit 43 Zoll?", after_lg, catalogue) == ["TV-1001"]
    assert related("and the 43 inch samsung?", after_lg, catalogue) == ["TV-1001"]
    assert related("wie laut ist der?", after_lg, catalogue) == []


def test_shown_products_live_in_plain_json_slots() -> None:
    slots = json.loads(json.dumps(TVS.to_slots()))
    assert Shown.from_slots(slots) == TVS
    assert Shown.from_slots({"search_skus": ["TV-1001", "TV-1002"]}).skus == ("TV-1001", "TV-1002")
    assert Shown.from_slots({"current_product": "DW-1001"}).skus == ("DW-1001",)
    assert Shown.from_slots({SHOWN_SLOT: "garbage", "shown_offset": "x"}) == Shown()


def test_positions_and_comparatives_are_read_in_both_languages() -> None:
    assert position("der zweite bitte") == 1
    assert position("number 2") == 1
    assert position("the last one") == -1
    assert position("Was kostet der Sony?") is None
    assert comparative("the cheaper one") and comparative("der billigere")
    assert not comparative("ist der günstig?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wie teuer ist Bosch Serie", 8),
        ("price of Samsung Galaxy?", 3),
        ("was kostet das Galaxy", 3),
    ],
)
def test_a_family_name_names_every_product_of_the_family(
    catalogue: Catalogue, text: str, expected: int, mentions: ProductMentions
) -> None:
    found = mentions.find(text)
    assert len(found) == expected
    words = [w for w in text.lower().split() if w in ("bosch", "serie", "samsung", "galaxy")]
    assert all(all(w in catalogue.products[s].name.lower() for w in words) for s in found)


def test_an_accessory_named_after_a_product_is_no_member_of_its_family(mentions: ProductMentions) -> None:
    assert mentions.find("habt ihr Apple iPhone lagernd?") == ["SM-1001"]
    assert mentions.find("Welches Zubehör passt zum Apple iPhone 17?") == ["SM-1001"]


def test_a_brand_with_one_product_names_it(mentions: ProductMentions) -> None:
    assert mentions.find("Do you have the Roborock in stock?") == ["VC-1003"]
    assert mentions.find("Habt ihr was von Bosch?") == []


def test_a_common_word_is_no_near_spelling_of_a_product_name(mentions: ProductMentions) -> None:
    assert mentions.find("Which phone number should I dial when calling from Vienna?") == []
    assert mentions.find("Is the Bose Quietcomfrt Ultra in stock?") == ["HP-1002"]


def test_a_brand_is_one_word_however_it_is_written(mentions: ProductMentions) -> None:
    for text in ("delonghi magnifica", "De Longhi Magnifica S", "De'Longhi Magnifica S ECAM 22.110.B"):
        assert mentions.find(text) == ["CM-1001"]
    for text in ("do u guys have the oral b io 7", "Oral-B iO Series 7", "the oralb io"):
        assert mentions.find(text) == ["ET-1001"]
