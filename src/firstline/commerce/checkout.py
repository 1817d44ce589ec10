"""Checkout answers checked: postcode per country, payment method per country and amount."""

from __future__ import annotations

import re
from decimal import Decimal

from firstline.company.commerce_schema import CommerceConfig


def postal_code_valid(code: str, country: str, config: CommerceConfig) -> bool:
    """Whether ``code`` is a postcode of ``country`` (DE five digits, AT and CH four)."""
    settings = config.countries.get(country)
    return settings is not None and re.fullmatch(settings.postal_code, code.strip()) is not None


def payment_refusal(method: str, country: str, total: Decimal, config: CommerceConfig) -> str | None:
    """Why a payment method cannot be used: ``country``, ``max_total`` or ``min_total``; None if it can."""
    settings = config.payment_methods[method]
    if country not in settings.countries:
        return "country"
    if settings.max_total is not None and total > settings.max_total:
        return "max_total"
    if settings.min_total is not None and total < settings.min_total:
        return "min_total"
    return None
