"""The demo company's catalogue and selling rules, loaded once."""

from __future__ import annotations

import pytest

from firstline.commerce.catalogue import Catalogue
from firstline.commerce.pricing import Pricing
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company


@pytest.fixture(scope="session")
def company() -> Company:
    return load_company(demo_company_dir())


@pytest.fixture(scope="session")
def catalogue(company: Company) -> Catalogue:
    return Catalogue(company.data.products.values(), company.commerce)


@pytest.fixture(scope="session")
def pricing(company: Company) -> Pricing:
    return Pricing(company.commerce, company.vouchers)
