"""Shared fixtures: async tests run on asyncio; trained models are cached across tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Every test (and every `firstline` process a test starts) shares one cache of embeddings and
# trained models; entries are keyed by their content, so sharing never changes a result.
os.environ.setdefault("FIRSTLINE_CACHE_DIR", str(Path(tempfile.gettempdir()) / "firstline-test-cache"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
