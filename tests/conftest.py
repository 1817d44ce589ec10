"""Shared fixtures: async tests run on asyncio; trained models are cached across tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from firstline.commerce.catalogue import Catalogue
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company

# Every test (and every `firstline` process a test starts) shares one cache of embeddings and
# trained models; entries are keyed by their content, so sharing never changes a result.
os.environ.setdefault("FIRSTLINE_CACHE_DIR", str(Path(tempfile.gettempdir()) / "firstline-test-cache"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def company() -> Company:
    """The demo company, loaded once (test folders may define their own)."""
    return load_company(demo_company_dir())


@pytest.fixture(scope="session")
def catalogue(company: Company) -> Catalogue:
    """The demo company's catalogue."""
    return Catalogue(company.data.products.values(), company.commerce)
