"""The demo company's catalogue and its product-name matcher, loaded once for the shop-text tests."""

from __future__ import annotations

import pytest

from firstline.commerce.catalogue import Catalogue
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.understanding.shop_text.mentions import ProductMentions


@pytest.fixture(scope="session")
def company() -> Company:
    return load_company(demo_company_dir())


@pytest.fixture(scope="session")
def catalogue(company: Company) -> Catalogue:
    return Catalogue(company.data.products.values(), company.commerce)


@pytest.fixture(scope="session")
def mentions(company: Company) -> ProductMentions:
    return ProductMentions(company.data.products.values(), company.commerce.categories)
