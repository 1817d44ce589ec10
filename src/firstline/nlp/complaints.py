"""Placeholder until the complaint classifier lands (replaced in this session)."""

from __future__ import annotations

from enum import StrEnum

from firstline.domain.language import Language


class ComplaintCategory(StrEnum):
    DELIVERY = "delivery"
    PRODUCT_QUALITY = "product_quality"
    SERVICE = "service"
    BILLING = "billing"
    OTHER = "other"


class Severity(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


def classify_complaint(text: str, language: Language) -> ComplaintCategory:
    return ComplaintCategory.OTHER


def complaint_severity(text: str, language: Language) -> Severity:
    return Severity.NORMAL
