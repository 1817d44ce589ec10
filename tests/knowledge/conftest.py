"""Fixtures for knowledge tests: one embedder per session, vectors kept between runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from firstline.nlp.embeddings import Embedder, load_embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """e5, the model the knowledge base is tuned for."""
    return load_embedder("e5")


@pytest.fixture(scope="session")
def vector_cache() -> Path:
    """Where article vectors are kept between test runs (the shared test cache, see tests/conftest.py).

    Embedding the demo knowledge takes 15 s or more on two cores; with the cache only
    the first run pays for it.
    """
    return Path(os.environ["FIRSTLINE_CACHE_DIR"]) / "knowledge"
