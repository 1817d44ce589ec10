"""Catalogue search: filters, ranking, "like X but cheaper", free words, product mentions."""

from __future__ import annotations

from firstline.commerce.catalogue import Catalogue
from firstline.understanding.shop_text.query import parse_query


def search(catalogue: Catalogue, text: str, like: str | None = None) -> list[str]:
    return list(catalogue.search(parse_query(text, catalogue.vocabulary, like=like)).skus)


def test_narrow_quiet_dishwashers_under_600_quietest_first(catalogue: Catalogue) -> None:
    assert search(catalogue, "Ich suche eine leise Spülmaschine, 45 cm breit, unter 600 Euro") == ["DW-1004", "DW-1005"]


def test_washing_machines_with_8_kg_from_bosch_or_siemens(catalogue: Catalogue) -> None:
    assert set(search(catalogue, "a washing machine with at least 8 kg from Bosch or Siemens")) == {
        "WM-1001",
        "WM-1004",
    }


def test_in_stock_ranks_before_out_of_stock(catalogue: Catalogue) -> None:
    found = search(catalogue, "Waschmaschine")
    assert found.index("WM-1004") > found.index("WM-1001")  # WM-1004 is out of stock


def test_like_x_but_cheaper_stays_in_the_category_below_its_price(catalogue: Catalogue) -> None:
    found = search(catalogue, "something like the Dyson V15 but cheaper", like="VC-1002")
    assert found and "VC-1002" not in found
    assert all(catalogue.products[s].category == "vacuum_cleaner" for s in found)
    assert all(catalogue.products[s].price < catalogue.products["VC-1002"].price for s in found)


def test_free_words_alone_find_products_that_mention_them(catalogue: Catalogue) -> None:
    assert search(catalogue, "OLED")[0] == "TV-1005"


def test_impossible_wishes_find_nothing(catalogue: Catalogue) -> None:
    assert search(catalogue, "Spülmaschine unter 100 Euro") == []
