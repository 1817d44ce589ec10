"""The table of orders placed in conversations (carts live in the dialogue state)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.storage.tables import Base


class PlacedOrderRow(Base):
    """An order the customer confirmed in a conversation; the number is ``first_order_number + id``."""

    __tablename__ = "placed_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company: Mapped[str] = mapped_column(String(100), index=True)
    order_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    customer_number: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(320))
    shipping_address: Mapped[dict[str, Any]] = mapped_column(JSON)
    billing_address: Mapped[str | None] = mapped_column(String(500))
    items: Mapped[list[Any]] = mapped_column(JSON)
    shipping_method: Mapped[str] = mapped_column(String(20))
    shipping_cost: Mapped[str] = mapped_column(String(20))
    discount: Mapped[str] = mapped_column(String(20))
    voucher: Mapped[str | None] = mapped_column(String(40))
    payment_method: Mapped[str] = mapped_column(String(40))
    vat: Mapped[str] = mapped_column(String(20))
    total: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5))
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
