"""The customer's message read into the typed slots the selling and case actions get."""

from __future__ import annotations

import json

import pytest

from firstline.commerce.cart import Quantity, QuantityProblem
from firstline.commerce.catalogue import Catalogue
from firstline.commerce.references import Shown
from firstline.commerce.request import PREFIX, SalesRequest
from firstline.company.model import Company
from firstline.domain.complaints import (
    COMPLAINT_CATEGORY_SLOT,
    COMPLAINT_SEVERITY_SLOT,
    ComplaintCategory,
    Severity,
    category_in,
    severity_in,
)
from firstline.domain.language import Language
from firstline.understanding.action_reading import ActionReader, read_cases
from firstline.understanding.sales_reading import read_sales
from firstline.understanding.shop_text.mentions import ProductMentions


def test_the_request_survives_the_json_of_the_slots(catalogue: Catalogue, mentions: ProductMentions) -> None:
    slots = {"cart": [{"sku": "KE-1001", "quantity": 1}], **Shown(skus=("DW-1001", "DW-1002")).to_slots()}
    read = read_sales("Mach 3 von dem günstigeren daraus, Lieferung nach Österreich", slots, catalogue, mentions)
    again = SalesRequest.from_slots(json.loads(json.dumps(read.to_slots())))
    assert again == read
    assert read.country == "AT" and read.sets_quantity and read.pointed
    assert all(key.startswith(PREFIX) for key in read.to_slots())


def test_nothing_read_is_an_empty_request() -> None:
    assert SalesRequest.from_slots({}) == SalesRequest()
    assert SalesRequest.from_slots({"sales_counts": "garbage", "sales_query": 3}) == SalesRequest()


def test_a_count_leaves_the_products_own_name_out(catalogue: Catalogue, mentions: ProductMentions) -> None:
    read = read_sales("2 Bosch Serie 4 Spülmaschinen bitte", {}, catalogue, mentions)
    assert read.mentions == ("DW-1001",)
    assert read.count_for("DW-1001") == Quantity(value=2)
    huge = read_sales("10^9 davon", {"current_product": "DW-1001"}, catalogue, mentions)
    assert huge.count_for("DW-1001") == Quantity(value=None, problem=QuantityProblem.TOO_MANY)
    assert Quantity(value=25).within(20).problem is QuantityProblem.TOO_MANY


def test_checkout_answers_and_quote_items_are_read_from_their_slots(
    catalogue: Catalogue, mentions: ProductMentions
) -> None:
    slots = {
        "checkout_country": "nach Wien bitte",
        "checkout_postal_code": "PLZ 1010",
        "checkout_shipping": "Express bitte",
        "checkout_payment": "auf Rechnung",
        "checkout_voucher": "mein Code ist winter10",
        "quote_items": "25 WMF Lono Wasserkocher",
    }
    read = read_sales("", slots, catalogue, mentions)
    assert (read.answered_country, read.answered_postal_code) == ("AT", "1010")
    assert (read.answered_shipping, read.answered_payment, read.answered_voucher) == ("express", "invoice", "WINTER10")
    assert read.quote_skus == ("KE-1001",) and read.quote_quantity == 25
    assert read_sales("Angebot für 25 Wasserkocher", {}, catalogue, mentions).items == "Angebot für 25 Wasserkocher"
    assert read_sales("Ich brauche ein Angebot", {}, catalogue, mentions).items is None


def test_a_complaint_is_read_into_category_and_severity() -> None:
    read = read_cases({"complaint_text": "Das Paket kam beschädigt an, der Karton war eingedrückt"}, Language.DE)
    assert category_in(read) is ComplaintCategory.DELIVERY
    assert severity_in(read, COMPLAINT_SEVERITY_SLOT) in set(Severity)
    assert read_cases({}, Language.DE) == {}
    assert category_in({}) is ComplaintCategory.OTHER and severity_in({}, COMPLAINT_SEVERITY_SLOT) is Severity.NORMAL
    assert COMPLAINT_CATEGORY_SLOT in read


@pytest.mark.anyio
async def test_the_action_reader_uses_the_packs_catalogue_without_a_backend(company: Company) -> None:
    read = await ActionReader(company).read("Ist die Sony WH-1000XM5 lieferbar?", {}, Language.DE)
    assert read["sales_mentions"] == ["HP-1001"] and read["sales_topics"]["stock"] is True
