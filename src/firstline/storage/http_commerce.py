"""The shop's own system over HTTP: catalogue and order intake, endpoints and field names from ``commerce.yaml``.

``backend.fields`` maps our product fields to the shop's (dotted paths reach into nested
objects), so a shop does not have to speak firstline's format.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from firstline.commerce.ports import OrderDraft
from firstline.company.commerce_schema import HttpBackendConfig
from firstline.company.model import CompanyData
from firstline.domain.commerce import Product
from firstline.errors import ProviderError, ProviderUnavailable
from firstline.storage.pack_commerce import PackCommerceBackend


def _get(item: dict[str, Any], path: str) -> Any:
    """``pricing.gross`` → item["pricing"]["gross"]; None when any part is missing."""
    value: Any = item
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def product_from(item: dict[str, Any], fields: dict[str, str]) -> Product | None:
    """A product from the shop's JSON with the configured field names; None when essentials are missing."""

    def field(name: str) -> Any:
        return _get(item, fields.get(name, name))

    sku, name, price = field("sku"), field("name"), field("price")
    try:
        amount = Decimal(str(price))
    except (InvalidOperation, ValueError):
        return None
    if not sku or not name:
        return None
    names = field("category_name")
    return Product(
        sku=str(sku),
        name=str(name),
        brand=str(field("brand") or ""),
        category=str(field("category") or ""),
        category_name=names if isinstance(names, dict) else {},
        price=amount,
        stock=int(field("stock") or 0),
        restock_days=int(field("restock_days")) if field("restock_days") is not None else None,
        energy_label=field("energy_label"),
        warranty_years=int(field("warranty_years") or 2),
        dimensions_cm=dict(field("dimensions_cm") or {}),
        weight_kg=float(field("weight_kg") or 0.0),
        bulky=bool(field("bulky")),
        specs=dict(field("specs") or {}),
        description=dict(field("description") or {}),
        accessories=tuple(field("accessories") or ()),
        alternatives=tuple(field("alternatives") or ()),
        rating=float(field("rating")) if field("rating") is not None else None,
    )


class HttpCommerceBackend(PackCommerceBackend):
    """Catalogue and orders from the shop's HTTP API; customers and old orders still from the pack."""

    def __init__(
        self, config: HttpBackendConfig, data: CompanyData, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        super().__init__(data)
        self._config = config
        self._client = httpx.AsyncClient(
            base_url=str(config.base_url).rstrip("/"), timeout=config.timeout_seconds, transport=transport
        )
        self._products: list[Product] | None = None

    async def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self._client.request(method, path, **kwargs)
        except httpx.TransportError as error:
            raise ProviderUnavailable(f"shop backend unreachable: {type(error).__name__}") from error
        if response.status_code >= 500:
            raise ProviderUnavailable(f"shop backend answered {response.status_code}")
        return response

    async def products(self) -> Sequence[Product]:
        """The catalogue, loaded once (the same list afterwards, so the search index is kept)."""
        if self._products is None:
            response = await self._request("GET", self._config.products)
            response.raise_for_status()
            body = response.json()
            items = body.get(self._config.products_key) if self._config.products_key else body
            if not isinstance(items, list):
                raise ProviderError("shop backend: the product list is not a JSON list")
            found = [product_from(item, self._config.fields) for item in items if isinstance(item, dict)]
            self._products = [p for p in found if p is not None]
        return self._products

    async def get_product(self, sku: str) -> Product | None:
        """One product, fresh from the shop (stock changes); None when the shop does not know it."""
        response = await self._request("GET", self._config.product.format(sku=sku))
        if response.status_code == 404:
            return None
        response.raise_for_status()
        body = response.json()
        return product_from(body, self._config.fields) if isinstance(body, dict) else None

    async def place_order(self, draft: OrderDraft) -> str:
        """POST the order; the shop answers with its order number."""
        payload = {
            "customer_number": draft.customer_number,
            "email": draft.email,
            "shipping_address": {
                "name": draft.shipping_address.name,
                "street": draft.shipping_address.street,
                "postal_code": draft.shipping_address.postal_code,
                "city": draft.shipping_address.city,
                "country": draft.shipping_address.country,
            },
            "billing_address": draft.billing_address,
            "items": [{"sku": ln.sku, "quantity": ln.quantity, "unit_price": str(ln.unit_price)} for ln in draft.lines],
            "shipping_method": draft.shipping_method,
            "shipping_cost": str(draft.shipping_cost),
            "discount": str(draft.discount),
            "voucher": draft.voucher,
            "payment_method": draft.payment_method,
            "vat": str(draft.vat),
            "total": str(draft.total),
            "language": draft.language,
            "placed_at": draft.placed_at.isoformat(),
        }
        response = await self._request("POST", self._config.orders, json=payload)
        response.raise_for_status()
        number = _get(response.json(), self._config.order_number_field)
        if not number:
            raise ProviderError("shop backend: no order number in the answer")
        return str(number)

    async def close(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()
