"""Entities in customer text: order numbers, contacts, amounts, dates, products, counts."""

from __future__ import annotations

from firstline.understanding.entities.answers import (
    parse_customer_number,
    parse_date,
    parse_email,
    parse_money,
    parse_money_amount,
    parse_order_number,
    parse_phone,
    parse_postal_code,
    parse_quantity,
)
from firstline.understanding.entities.dates_fallback import warm_up as warm_up_date_parser
from firstline.understanding.entities.extract import MAX_TEXT_CHARS, extract_entities
from firstline.understanding.entities.model import (
    DEFAULT_PATTERNS,
    Entity,
    EntityKind,
    EntityPatterns,
    MoneyAmount,
    PostalCode,
    ProductName,
)
from firstline.understanding.entities.products import ProductMatcher

__all__ = [
    "DEFAULT_PATTERNS",
    "MAX_TEXT_CHARS",
    "Entity",
    "EntityKind",
    "EntityPatterns",
    "MoneyAmount",
    "PostalCode",
    "ProductMatcher",
    "ProductName",
    "extract_entities",
    "parse_customer_number",
    "parse_date",
    "parse_email",
    "parse_money",
    "parse_money_amount",
    "parse_order_number",
    "parse_phone",
    "parse_postal_code",
    "parse_quantity",
    "warm_up_date_parser",
]
