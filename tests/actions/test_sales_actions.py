"""The selling actions on the demo pack, with an in-memory order intake and ticket book."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from firstline.actions.base import ActionContext, ActionResult
from firstline.actions.catalogue_sales import sales_actions
from firstline.actions.catalogue_shop import ShopCache
from firstline.commerce.ports import OrderDraft
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.domain.commerce import Address, Product
from firstline.domain.language import Language
from firstline.domain.tickets import NewTicket, Priority, Ticket, TicketStatus
from firstline.storage.pack_commerce import PackCommerceBackend
from firstline.understanding.sales_reading import SalesReader

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
COMPANY = load_company(demo_company_dir())


class Shop(PackCommerceBackend):
    """The pack's catalogue plus an order intake that remembers what it got."""

    def __init__(self, company: Company) -> None:
        super().__init__(company.data)
        self.orders: list[OrderDraft] = []

    async def products(self) -> Sequence[Product]:
        return list(self._data.products.values())

    async def place_order(self, draft: OrderDraft) -> str:
        self.orders.append(draft)
        return str(700000 + len(self.orders))


class Tickets:
    def __init__(self) -> None:
        self.opened: list[NewTicket] = []

    async def open(self, ticket: NewTicket) -> Ticket:
        self.opened.append(ticket)
        return Ticket(
            reference=f"QUO-{100000 + len(self.opened)}", kind=ticket.kind, status=TicketStatus.OPEN,
            priority=Priority.NORMAL, subject=ticket.subject, language=ticket.language, conversation_id=None,
            customer_number=None, order_number=None, details=ticket.details, assignee=None, created_by="bot",
            created_at=NOW, updated_at=NOW, due_at=None,
        )  # fmt: skip

    async def find(self, reference: str) -> Ticket | None:
        return None

    async def note(self, reference: str, text: str, *, author: str) -> Ticket:
        raise NotImplementedError


class NoChanges:
    async def cancel_order(self, order_number: str, *, actor: str, reason: str) -> None: ...
    async def change_address(self, order_number: str, address: Address, *, actor: str) -> None: ...
    async def record_refund(self, order_number: str, amount: Decimal, *, actor: str, reference: str) -> None: ...
    async def refunded(self, order_number: str) -> Decimal:
        return Decimal(0)


class Conversation:
    """Runs actions by name and keeps their slots, the way the dialogue does."""

    def __init__(self, language: Language = Language.DE) -> None:
        self.shop = Shop(COMPANY)
        self.tickets = Tickets()
        self.actions = {a.name: a for a in sales_actions()}
        self.reader = SalesReader(COMPANY, self.shop)
        self.slots: dict[str, Any] = {}
        self.language = language

    async def run(self, name: str, text: str = "", **slots: Any) -> ActionResult:
        """Run ``name`` on ``text`` read the way the agent reads it: into ``sales_*`` slots, never the text."""
        self.slots.update(slots)
        read = await self.reader.read(text, self.slots)
        context = ActionContext(
            slots=self.slots | read, language=self.language, company=COMPANY, backend=self.shop,
            changes=NoChanges(), tickets=self.tickets, now=NOW,
        )  # fmt: skip
        result = await self.actions[name].run(context)
        for key, value in result.slots.items():
            if value is None:
                self.slots.pop(key, None)
            else:
                self.slots[key] = value
        return result


@pytest.mark.anyio
async def test_search_then_refine_then_page() -> None:
    chat = Conversation()
    first = await chat.run("search_catalogue", "Ich suche eine Waschmaschine")
    assert first.say == ("search_results",) and chat.slots["search_total"] == 5
    narrowed = await chat.run("search_catalogue", "nur die mit Energieeffizienzklasse A")
    assert narrowed.args["results"] == 4
    await chat.run("search_catalogue", "zeig mir mehr")
    assert chat.slots["search_page"] == 1 and len(chat.slots["search_results"]) == 1
    await chat.run("search_catalogue", "noch mehr")
    assert chat.slots["search_page"] == 1  # past the end: stays on the last page


@pytest.mark.anyio
async def test_product_question_uses_the_product_talked_about() -> None:
    chat = Conversation(Language.EN)
    await chat.run("answer_product_question", "Does the Miele WCA 030 WPS Active have wifi?")
    assert chat.slots["current_product"] == "WM-1002"
    await chat.run("answer_product_question", "How heavy is it?")
    facts = chat.slots["product_facts"]
    assert facts[0]["kind"] == "attribute" and facts[0]["value"] == "85"


@pytest.mark.anyio
async def test_another_shops_product_is_not_confused_with_the_current_one() -> None:
    chat = Conversation()
    await chat.run("answer_product_question", "Wie schwer ist die Miele WCA 030?")
    result = await chat.run("answer_product_question", "Was kostet das iPhone 16 bei MediaMarkt?")
    assert result.outcome == "failed" and result.say == ("product_unknown",)


@pytest.mark.anyio
@pytest.mark.parametrize("text", ["0 Stück JBL Flip 6", "-1 JBL Flip 6", "10^9 JBL Flip 6", "1000000000 JBL Flip 6"])
async def test_bad_quantities_never_reach_the_cart(text: str) -> None:
    chat = Conversation()
    result = await chat.run("add_to_cart", text)
    assert result.outcome == "failed" and not chat.slots.get("cart")


@pytest.mark.anyio
async def test_unavailable_product_is_not_added() -> None:
    chat = Conversation()
    result = await chat.run("add_to_cart", "LG GSXV90MCAE Side-by-Side in den Warenkorb")
    assert result.say == ("cart_unavailable",) and not chat.slots.get("cart")


@pytest.mark.anyio
async def test_checkout_places_the_order_only_after_yes() -> None:
    chat = Conversation()
    await chat.run("add_to_cart", "zwei JBL Flip 6 bitte")
    assert chat.slots["cart"] == [{"sku": "SP-1001", "quantity": 2}]
    assert (await chat.run("checkout_start")).outcome == "done"
    await chat.run("checkout_country", checkout_country="Österreich")
    assert chat.slots["checkout_country"] == "AT"
    bad = await chat.run("checkout_postcode", checkout_postal_code="10115")
    assert bad.ask_again == ("checkout_postal_code",)
    await chat.run("checkout_postcode", checkout_postal_code="PLZ 1060")
    assert chat.slots["checkout_postal_code"] == "1060"
    await chat.run("checkout_shipping", checkout_shipping="Express")
    assert chat.slots["checkout_shipping"] == "standard"  # no express to Austria
    refused = await chat.run("checkout_payment", checkout_payment="Ratenkauf")
    assert refused.ask_again == ("checkout_payment",)
    await chat.run("checkout_payment", checkout_payment="PayPal")
    await chat.run("checkout_voucher", checkout_voucher="nein")
    await chat.run("checkout_summary")
    assert chat.slots["checkout_total"] == "201.66"
    denied = await chat.run("place_order", checkout_confirm="no")
    assert denied.outcome == "denied" and not chat.shop.orders
    placed = await chat.run("place_order", checkout_confirm="yes", checkout_name="Anna", checkout_street="Weg 1",
                            checkout_city="Wien")  # fmt: skip
    assert placed.outcome == "done" and chat.slots["order_placed_number"] == "700001"
    assert chat.shop.orders[0].total == Decimal("201.66") and chat.shop.orders[0].shipping_address.country == "AT"
    assert "cart" not in chat.slots or chat.slots["cart"] == []


@pytest.mark.anyio
async def test_a_changed_cart_is_summarised_again_before_ordering() -> None:
    chat = Conversation()
    await chat.run("add_to_cart", "WMF Lono Wasserkocher")
    await chat.run("checkout_start")
    await chat.run("checkout_summary", checkout_country="DE")
    chat.slots["cart"] = [{"sku": "KE-1001", "quantity": 2}]  # changed behind the summary's back
    result = await chat.run("place_order", checkout_confirm="yes")
    assert result.outcome == "failed" and result.ask_again == ("checkout_confirm",) and not chat.shop.orders


@pytest.mark.anyio
async def test_removing_keeps_the_rest_and_a_missing_item_is_reported() -> None:
    chat = Conversation()
    await chat.run("add_to_cart", "WMF Lono Wasserkocher")
    await chat.run("add_to_cart", "2 JBL Flip 6")
    missing = await chat.run("change_cart", "Nimm den Toaster raus")
    assert missing.say == ("cart_item_not_in_cart",) and len(chat.slots["cart"]) == 2
    await chat.run("change_cart", "Nimm den Wasserkocher raus")
    assert chat.slots["cart"] == [{"sku": "SP-1001", "quantity": 2}]
    await chat.run("change_cart", "Ändere die Menge auf 3")
    assert chat.slots["cart"] == [{"sku": "SP-1001", "quantity": 3}]


@pytest.mark.anyio
async def test_quote_request_becomes_a_quote_ticket() -> None:
    chat = Conversation()
    result = await chat.run(
        "create_quote",
        quote_items="25 WMF Lono Wasserkocher",
        quote_company="Huber AG",
        quote_contact="a@huber.example",
    )
    assert result.outcome == "done" and chat.slots["quote_reference"] == "QUO-100001"
    ticket = chat.tickets.opened[0]
    assert ticket.kind.value == "quote" and ticket.details["skus"] == ["KE-1001"] and ticket.details["quantity"] == 25


@pytest.mark.anyio
async def test_without_a_sales_backend_the_catalogue_still_answers() -> None:
    chat = Conversation()
    cache = ShopCache()
    context = ActionContext(
        slots={}, language=Language.DE, company=COMPANY, backend=PackCommerceBackend(COMPANY.data),
        changes=NoChanges(), tickets=chat.tickets, now=NOW,
    )  # fmt: skip
    shop = await cache.shop(context)
    assert len(shop.catalogue.products) == 60
    with pytest.raises(RuntimeError):
        await cache.backend(context).place_order(replace(_draft(), total=Decimal(1)))


def _draft() -> OrderDraft:
    address = Address(name="A", street="B", postal_code="04229", city="Leipzig", country="DE")
    return OrderDraft(
        conversation_id=None, customer_number=None, email=None, shipping_address=address, billing_address=None,
        lines=(), shipping_method="standard", shipping_cost=Decimal(0), discount=Decimal(0), voucher=None,
        payment_method="paypal", vat=Decimal(0), total=Decimal(0), language="de", placed_at=NOW,
    )  # fmt: skip


@pytest.mark.anyio
async def test_a_model_we_do_not_sell_is_not_the_current_product() -> None:
    chat = Conversation()
    await chat.run("answer_product_question", "Hat die Bosch Serie 4 Spülmaschine WLAN?")
    fits = await chat.run("answer_product_question", "Passt sie in eine 60-cm-Nische?")
    assert fits.outcome == "done" and chat.slots["product_facts"][0]["fits"] is True
    other = await chat.run("answer_product_question", "Hat der Bosch XY-9000 Bluetooth?")
    assert other.say == ("product_unknown",)
    added = await chat.run("add_to_cart", "Dann nehme ich den Bosch XY-9000")
    assert added.outcome == "failed" and not chat.slots.get("cart")


@pytest.mark.anyio
async def test_a_follow_up_resolves_against_the_list_shown_last() -> None:
    chat = Conversation()
    await chat.run("search_catalogue", "Welche Fernseher habt ihr?")
    sony = await chat.run("answer_product_question", "was kostet der Sony?")
    assert sony.args == {"sku": "TV-1004"} and chat.slots["product"]["price"] == "1599.00"
    second = await chat.run("answer_product_question", "und der zweite?")
    assert second.args == {"sku": chat.slots["shown_products"][1]}  # the list is kept after a product of it
    cheapest = await chat.run("answer_product_question", "welcher ist der günstigste?")
    assert cheapest.args == {"sku": "TV-1001"}
    stock = await chat.run("answer_product_question", "Ist der lagernd?")
    assert stock.args == {"sku": "TV-1001"} and chat.slots["product_facts"][0]["kind"] == "stock"


@pytest.mark.anyio
async def test_another_brand_with_a_measure_after_one_product_is_of_the_same_kind() -> None:
    chat = Conversation(Language.EN)
    await chat.run("answer_product_question", "How much is the LG 55QNED86A6A?")
    samsung = await chat.run("answer_product_question", "and the 43 inch samsung?")
    assert samsung.args == {"sku": "TV-1001"}
    assert chat.slots["shown_products"] == ["TV-1001"]


@pytest.mark.anyio
async def test_a_family_name_lists_every_member_with_its_price() -> None:
    chat = Conversation()
    listed = await chat.run("answer_product_question", "wie teuer ist Samsung Galaxy")
    assert listed.say == ("product_choices",)
    prices = {p["name"]: p["price"] for p in chat.slots["product_choices"]}
    assert (
        prices["Samsung Galaxy S25 128 GB"] == "699.00" and prices["Samsung Galaxy Watch8 40 mm Bluetooth"] == "299.00"
    )
    picked = await chat.run("answer_product_question", "die Uhr, der dritte")
    assert picked.args == {"sku": chat.slots["shown_products"][2]}


@pytest.mark.anyio
async def test_a_named_product_without_filters_is_answered_not_searched() -> None:
    chat = Conversation()
    answer = await chat.run("search_catalogue", "Welche Energieklasse hat der Bosch Serie 4 SMS4HVI33E?")
    assert answer.say == ("product_facts",) and chat.slots["product_facts"] == [{"kind": "energy_label", "value": "D"}]
    loud = await chat.run("answer_product_question", "und wie laut ist der?")
    assert loud.args == {"sku": "DW-1001"} and chat.slots["product_facts"][0]["value"] == "44"


@pytest.mark.anyio
async def test_freight_or_parcel_comes_from_the_product_with_the_country_price() -> None:
    chat = Conversation()
    await chat.run("answer_product_question", "Kommt der Sony Bravia 7 nach Österreich per Spedition oder als Paket?")
    shipping = [f for f in chat.slots["product_facts"] if f["kind"] == "shipping"]
    assert shipping and shipping[0]["freight"] is True and shipping[0]["price"] == "69.00"
    await chat.run("answer_product_question", "Kommt der JBL Flip 6 als Paket?")
    shipping = [f for f in chat.slots["product_facts"] if f["kind"] == "shipping"]
    assert shipping[0]["freight"] is False and shipping[0]["price"] == "4.95"


@pytest.mark.anyio
async def test_an_elliptic_follow_up_asks_the_same_about_the_other_product() -> None:
    chat = Conversation()
    await chat.run("answer_product_question", "Wie laut ist der Bosch Serie 4 SMS4HVI33E?")
    other = await chat.run("answer_product_question", "und der Miele G 7110 SCi?")
    assert other.args == {"sku": "DW-1003"}
    assert [f["key"] for f in chat.slots["product_facts"]] == ["noise_db"]


@pytest.mark.anyio
async def test_the_cart_takes_a_product_pointed_at_in_the_shown_list() -> None:
    chat = Conversation()
    await chat.run("search_catalogue", "Welche Fernseher habt ihr?")
    added = await chat.run("add_to_cart", "leg den Sony in den Warenkorb")
    assert added.outcome == "done" and chat.slots["current_product"] == "TV-1004"
    await chat.run("add_to_cart", "pack noch den günstigsten dazu")
    assert chat.slots["current_product"] == "TV-1001"
