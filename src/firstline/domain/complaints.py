"""What a complaint is about and how urgent it is: read from the customer's words by understanding."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class ComplaintCategory(StrEnum):
    """The part of the business a complaint is about; the first that applies wins a tie."""

    DELIVERY = "delivery"
    PRODUCT_QUALITY = "product_quality"
    BILLING = "billing"
    SERVICE = "service"
    OTHER = "other"


class Severity(StrEnum):
    """How soon a complaint needs a person."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


COMPLAINT_CATEGORY_SLOT = "complaint_text_category"
"""Slot with the :class:`ComplaintCategory` understanding read from ``complaint_text``."""
COMPLAINT_SEVERITY_SLOT = "complaint_text_severity"
"""Slot with the :class:`Severity` understanding read from ``complaint_text``."""
DEFECT_SEVERITY_SLOT = "defect_description_severity"
"""Slot with the :class:`Severity` understanding read from ``defect_description`` (a hazard is urgent)."""


def category_in(slots: Mapping[str, Any], name: str = COMPLAINT_CATEGORY_SLOT) -> ComplaintCategory:
    """The category read into slot ``name``; nothing read is :attr:`ComplaintCategory.OTHER`."""
    value = slots.get(name)
    return ComplaintCategory(value) if value in set(ComplaintCategory) else ComplaintCategory.OTHER


def severity_in(slots: Mapping[str, Any], name: str) -> Severity:
    """The severity read into slot ``name``; nothing read is :attr:`Severity.NORMAL`."""
    value = slots.get(name)
    return Severity(value) if value in set(Severity) else Severity.NORMAL
