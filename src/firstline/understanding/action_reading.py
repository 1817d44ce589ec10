"""The customer's words read for the actions, right before one runs: typed slots, never the text.

Actions see slots only. What they need from the message of the turn (the selling actions'
:class:`~firstline.commerce.request.SalesRequest`) or from words collected earlier (a
complaint's category and severity) is read here and handed over as plain slot values for
that one run; the dialogue state never stores them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from firstline.company.model import Company
from firstline.domain.complaints import COMPLAINT_CATEGORY_SLOT, COMPLAINT_SEVERITY_SLOT, DEFECT_SEVERITY_SLOT
from firstline.domain.language import Language
from firstline.nlp.complaints import classify_complaint, complaint_severity
from firstline.understanding.sales_reading import ProductSource, SalesReader


class ActionReader:
    """Reads the turn's message and the collected words into the slots the actions read."""

    def __init__(self, company: Company, products: ProductSource | None = None) -> None:
        self._sales = SalesReader(company, products)

    async def read(self, text: str, slots: Mapping[str, Any], language: Language) -> dict[str, Any]:
        """The slots to add to ``slots`` for an action run on ``text``."""
        return await self._sales.read(text, slots) | read_cases(slots, language)


def read_cases(slots: Mapping[str, Any], language: Language) -> dict[str, Any]:
    """The category and severity of the complaint and the defect the customer described, if any."""
    read: dict[str, Any] = {}
    complaint = str(slots.get("complaint_text") or "")
    if complaint:
        read[COMPLAINT_CATEGORY_SLOT] = classify_complaint(complaint, language).value
        read[COMPLAINT_SEVERITY_SLOT] = complaint_severity(complaint, language).value
    defect = str(slots.get("defect_description") or "")
    if defect:
        read[DEFECT_SEVERITY_SLOT] = complaint_severity(defect, language).value
    return read
