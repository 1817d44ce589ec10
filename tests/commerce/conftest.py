"""The demo company's catalogue and selling rules, loaded once."""

from __future__ import annotations

import pytest

from firstline.commerce.pricing import Pricing
from firstline.company.model import Company


@pytest.fixture(scope="session")
def pricing(company: Company) -> Pricing:
    return Pricing(company.commerce, company.vouchers)
