"""Misread product questions go to the product-question flow; other requests keep the classifier's reading."""

from __future__ import annotations

import pytest

from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.commands import AskKnowledge, Command, Respond, SmallTalk, StartFlow
from firstline.understanding.entities import EntityKind, ProductMatcher, ProductName
from firstline.understanding.sales_routing import SalesRouting

COMPANY = load_company(demo_company_dir())
ROUTING = SalesRouting.of(COMPANY)
MATCHER = ProductMatcher([ProductName(sku=p.sku, name=p.name, brand=p.brand) for p in COMPANY.data.products.values()])
QUESTION = StartFlow("sales_product_question")
TVS = ("TV-1005", "TV-1003", "TV-1001", "TV-1002", "TV-1004")
IPHONE = ("SM-1001",)


def route(text: str, commands: list[Command], shown: tuple[str, ...] = ()) -> list[Command] | None:
    assert ROUTING is not None
    entities = [e for e in MATCHER.match(text) if e.kind is EntityKind.PRODUCT]
    return ROUTING.route(text, commands, entities, shown)


@pytest.mark.parametrize(
    ("text", "commands", "shown"),
    [
        ("was kostet der Sony?", [AskKnowledge("was kostet der Sony?")], TVS),
        ("und die Bose?", [StartFlow("sales_cart_add")], ("HP-1002", "HP-1003")),
        ("und die Delonghi?", [Respond(SmallTalk.GREET)], ("CM-1003", "CM-1001")),
        ("ist das lieferbar?", [StartFlow("order_status")], IPHONE),
        ("can i get it now?", [StartFlow("sales_checkout")], IPHONE),
        ("the cheaper one", [StartFlow("sales_search")], TVS),
        ("number 3 please, how much", [StartFlow("sales_cart_show")], TVS),
        ("was kostet bei euch der WMF Lono", [AskKnowledge("x")], ()),
        ("WMF Lono how much", [AskKnowledge("x", fallback=True)], ()),
        ("habt ihr Apple iPhone lagernd?", [AskKnowledge("x")], ()),
        ("wird der Samsung WW90T554AAW/S2 mit der spedition geliefert?", [StartFlow("order_status")], ()),
        ("What does shipping cost for the Samsung WW90T554AAW/S2?", [StartFlow("sales_cart_show")], ()),
    ],
)
def test_a_misread_product_question_goes_to_the_product_question(
    text: str, commands: list[Command], shown: tuple[str, ...]
) -> None:
    assert route(text, commands, shown) == [QUESTION]


@pytest.mark.parametrize(
    ("text", "commands", "shown"),
    [
        ("Wo ist mein Dyson V15?", [StartFlow("order_status")], ()),
        ("Wann kommt meine Bestellung 100055?", [StartFlow("order_status")], IPHONE),
        ("Was kostet der Versand nach Österreich?", [AskKnowledge("x")], TVS),
        ("Was kostet der Versand für Bosch-Geräte?", [AskKnowledge("x")], ()),
        ("Was kostet das alles zusammen?", [StartFlow("sales_cart_show")], IPHONE),
        ("leg den ersten in den Warenkorb", [StartFlow("sales_cart_add")], TVS),
        ("billigste waschmaschine?", [StartFlow("sales_search")], TVS),
        ("welche davon sind günstiger?", [StartFlow("sales_search")], TVS),
        ("Wie lange habe ich Widerrufsrecht?", [AskKnowledge("x")], IPHONE),
        ("Kann ich den Dyson V15 zurückgeben?", [StartFlow("return_item")], ()),
        ("Welche Bosch Geschirrspüler kosten unter 600 Euro?", [StartFlow("sales_search")], ()),
    ],
)
def test_other_requests_keep_the_classifiers_reading(
    text: str, commands: list[Command], shown: tuple[str, ...]
) -> None:
    assert route(text, commands, shown) is None


def test_the_second_half_about_the_same_product_stays_with_it() -> None:
    commands: list[Command] = [QUESTION, AskKnowledge("does it come as a parcel?")]
    assert route("How much is the Dyson V15 and does it come as a parcel?", commands) == [QUESTION]
    other: list[Command] = [QUESTION, AskKnowledge("how long is the right of withdrawal?")]
    assert route("How much is the Dyson V15 and how long is the right of withdrawal?", other) is None


def test_a_named_product_beats_i_cannot_help_and_a_brand_of_many_names_none() -> None:
    assert route("do u guys have the oral b io 7", [AskKnowledge("x", fallback=True)]) == [QUESTION]
    assert route("Was kostet der Roborock?", [AskKnowledge("x")]) == [QUESTION]
    assert route("Wie teuer sind Miele Geräte?", [AskKnowledge("x")]) is None
    assert route("Which phone number should I dial when calling from Vienna?", [AskKnowledge("x")]) is None


def test_a_short_question_about_a_service_is_no_product_follow_up() -> None:
    assert route("Was kostet die Lieferung?", [AskKnowledge("x")], TVS) is None
    assert route("what does the installation cost?", [AskKnowledge("x")], IPHONE) is None
    assert route("ist das jetzt lieferbar?", [StartFlow("order_status")], IPHONE) == [QUESTION]
