"""Reads the pack's data files (products, customers, orders) into domain values."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedSeq

from firstline.company.model import CompanyData
from firstline.company.schema import AddressRecord, CustomerRecord, OrderRecord, ProductRecord
from firstline.company.yaml_source import line_of, load_yaml, validate
from firstline.domain.commerce import Address, Customer, Order, OrderItem, OrderStatus, Product
from firstline.domain.language import Language
from firstline.errors import CompanyPackError

ModelT = TypeVar("ModelT", bound=BaseModel)


def _records(path: Path, model: type[BaseModel]) -> list[tuple[Any, int | None]]:
    """Validate every item of a JSON list; only a broken file is re-read to find the line."""
    if not path.exists():
        return []
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(items, list):
            raise CompanyPackError(path, 1, "expected a JSON list")
        return [(model.model_validate(item), None) for item in items]
    except (ValueError, ValidationError):
        pass
    node = load_yaml(path)  # JSON is YAML, and ruamel keeps the line of every item
    if not isinstance(node, CommentedSeq):
        raise CompanyPackError(path, 1, "expected a JSON list")
    return [(validate(model, item, path), line_of(node, [index])) for index, item in enumerate(node)]


def load_records(path: Path, model: type[ModelT]) -> list[ModelT]:
    """Every item of a JSON list file validated with ``model`` (none if the file is missing)."""
    return [record for record, _ in _records(path, model)]


def _address(record: AddressRecord) -> Address:
    return Address(**record.model_dump())


def _product(record: ProductRecord) -> Product:
    return Product(
        **record.model_dump(exclude={"category_name", "description", "accessories", "alternatives"}),
        category_name=record.category_name.model_dump(),
        description=record.description.model_dump(),
        accessories=tuple(record.accessories),
        alternatives=tuple(record.alternatives),
    )


def _order(record: OrderRecord) -> Order:
    return Order(
        **record.model_dump(exclude={"items", "shipping_address", "status"}),
        status=OrderStatus(record.status),
        items=tuple(OrderItem(**item.model_dump()) for item in record.items),
        shipping_address=_address(record.shipping_address),
    )


def _customers(path: Path) -> dict[str, Customer]:
    if not path.exists():
        return {}
    customers: dict[str, Customer] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            try:
                record = CustomerRecord.model_validate({k: v or None for k, v in row.items() if k})
            except ValidationError as error:
                first = error.errors()[0]
                raise CompanyPackError(path, reader.line_num, f"{first['loc'][0]}: {first['msg']}") from error
            customers[record.customer_number] = Customer(
                customer_number=record.customer_number,
                first_name=record.first_name,
                last_name=record.last_name,
                email=record.email.lower(),
                phone=record.phone or "",
                address=Address(
                    name=f"{record.first_name} {record.last_name}",
                    street=record.street,
                    postal_code=record.postal_code,
                    city=record.city,
                    country=record.country,
                ),
                date_of_birth=record.date_of_birth,
                language=Language(record.language),
                marketing_consent=record.marketing_consent,
            )
    return customers


def load_data(root: Path) -> CompanyData:
    """Load ``data/`` and check that every reference (sku, customer) resolves."""
    data_dir = root / "data"
    products: dict[str, Product] = {}
    for record, line in _records(data_dir / "products.json", ProductRecord):
        assert isinstance(record, ProductRecord)
        if record.sku in products:
            raise CompanyPackError(data_dir / "products.json", line, f"duplicate sku {record.sku!r}")
        products[record.sku] = _product(record)
    customers = _customers(data_dir / "customers.csv")
    orders: dict[str, Order] = {}
    for record, line in _records(data_dir / "orders.json", OrderRecord):
        assert isinstance(record, OrderRecord)
        path = data_dir / "orders.json"
        if customers and record.customer_number not in customers:
            raise CompanyPackError(path, line, f"unknown customer {record.customer_number!r}")
        for item in record.items:
            if products and item.sku not in products:
                raise CompanyPackError(path, line, f"order {record.order_number}: unknown sku {item.sku!r}")
        orders[record.order_number] = _order(record)
    for product in products.values():
        for sku in (*product.accessories, *product.alternatives):
            if sku not in products:
                raise CompanyPackError(data_dir / "products.json", None, f"{product.sku}: unknown related sku {sku!r}")
    return CompanyData(products=products, customers=customers, orders=orders)
