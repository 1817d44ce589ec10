"""The HTTP connector against a real local HTTP server (no mock): field mappings, orders, errors."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from firstline.commerce.ports import DraftLine, OrderDraft, SalesBackend
from firstline.company.commerce_schema import HttpBackendConfig
from firstline.company.model import CompanyData
from firstline.domain.commerce import Address
from firstline.errors import ProviderUnavailable
from firstline.storage.http_commerce import HttpCommerceBackend

# The shop speaks its own dialect: nested prices, German field names.
SHOP_PRODUCTS: list[dict[str, Any]] = [
    {"artikelnummer": "X-1", "bezeichnung": "Kaffeemühle Classic", "marke": "Mahlwerk", "gruppe": "coffee_machine",
     "preise": {"brutto": "89.90"}, "bestand": 4, "sperrig": False, "gewicht": 2.5, "merkmale": {"noise_db": 60}},
    {"artikelnummer": "X-2", "bezeichnung": "Waschmaschine Eco 8", "marke": "Mahlwerk", "gruppe": "washing_machine",
     "preise": {"brutto": "499.00"}, "bestand": 0, "sperrig": True, "gewicht": 70, "merkmale": {"capacity_kg": 8}},
    {"artikelnummer": "X-3", "bezeichnung": "kaputt", "preise": {"brutto": "kein Preis"}},
]  # fmt: skip
FIELDS = {
    "sku": "artikelnummer", "name": "bezeichnung", "brand": "marke", "category": "gruppe",
    "price": "preise.brutto", "stock": "bestand", "bulky": "sperrig", "weight_kg": "gewicht", "specs": "merkmale",
}  # fmt: skip


class _Shop(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/api/artikel":
            self._send(200, {"artikel": SHOP_PRODUCTS})
        elif self.path.startswith("/api/artikel/"):
            sku = self.path.rsplit("/", 1)[1]
            found = [p for p in SHOP_PRODUCTS if p["artikelnummer"] == sku]
            self._send(200, found[0]) if found else self._send(404, {"fehler": "unbekannt"})
        else:
            self._send(500, {"fehler": "kaputt"})

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers["Content-Length"])
        _Shop.received.append(json.loads(self.rfile.read(length)))
        self._send(201, {"auftrag": {"nummer": "A-4711"}})

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test server
        return


@pytest.fixture
def shop_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Shop)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def backend(url: str, **overrides: Any) -> HttpCommerceBackend:
    config = HttpBackendConfig.model_validate(
        {"base_url": url, "products": "/api/artikel", "products_key": "artikel", "product": "/api/artikel/{sku}",
         "orders": "/api/auftraege", "order_number_field": "auftrag.nummer", "fields": FIELDS, **overrides}
    )  # fmt: skip
    return HttpCommerceBackend(config, CompanyData())


@pytest.mark.anyio
async def test_catalogue_is_mapped_from_the_shops_field_names(shop_url: str) -> None:
    shop = backend(shop_url)
    try:
        assert isinstance(shop, SalesBackend)
        products = await shop.products()
        assert [p.sku for p in products] == ["X-1", "X-2"]  # the broken record is skipped
        grinder = products[0]
        assert (grinder.name, grinder.brand, grinder.price, grinder.stock) == (
            "Kaffeemühle Classic", "Mahlwerk", Decimal("89.90"), 4,
        )  # fmt: skip
        assert products[1].bulky and products[1].specs == {"capacity_kg": 8}
        assert await shop.products() is products
        assert (await shop.get_product("X-2")) is not None
        assert await shop.get_product("NOPE") is None
    finally:
        await shop.close()


@pytest.mark.anyio
async def test_orders_are_posted_and_the_shops_number_returned(shop_url: str) -> None:
    shop = backend(shop_url)
    draft = OrderDraft(
        conversation_id=None,
        customer_number="K10001",
        email=None,
        shipping_address=Address(name="A B", street="Weg 1", postal_code="1010", city="Wien", country="AT"),
        billing_address=None,
        lines=(DraftLine(sku="X-1", quantity=2, unit_price=Decimal("90.66")),),
        shipping_method="standard",
        shipping_cost=Decimal("0.00"),
        discount=Decimal("0.00"),
        voucher=None,
        payment_method="paypal",
        vat=Decimal("30.22"),
        total=Decimal("181.32"),
        language="de",
        placed_at=datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
    )
    try:
        assert await shop.place_order(draft) == "A-4711"
        sent = _Shop.received[-1]
        assert sent["items"] == [{"sku": "X-1", "quantity": 2, "unit_price": "90.66"}]
        assert sent["total"] == "181.32" and sent["shipping_address"]["country"] == "AT"
    finally:
        await shop.close()


@pytest.mark.anyio
async def test_a_broken_or_unreachable_shop_is_a_provider_error(shop_url: str) -> None:
    broken = backend(shop_url, products="/api/kaputt")
    try:
        with pytest.raises(ProviderUnavailable):
            await broken.products()
    finally:
        await broken.close()
    gone = backend("http://127.0.0.1:9", timeout_seconds=2)
    try:
        with pytest.raises(ProviderUnavailable):
            await gone.products()
    finally:
        await gone.close()
