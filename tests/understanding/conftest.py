"""The demo company's catalogue and its product-name matcher, loaded once for the shop-text tests."""

from __future__ import annotations

import pytest

from firstline.company.model import Company
from firstline.understanding.shop_text.mentions import ProductMentions


@pytest.fixture(scope="session")
def mentions(company: Company) -> ProductMentions:
    return ProductMentions(company.data.products.values(), company.commerce.categories)
