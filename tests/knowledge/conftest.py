"""Fixtures for knowledge tests: one embedder per session, vectors kept between runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from firstline.nlp.embeddings import Embedder, load_embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """e5, the model the knowledge base is tuned for."""
    return load_embedder("e5")


@pytest.fixture(scope="session")
def vector_cache(pytestconfig: pytest.Config) -> Path | None:
    """Where article vectors are kept between test runs (pytest's cache directory).

    Embedding the demo knowledge takes 15 s or more on two cores; with the cache only
    the first run pays for it.
    """
    return Path(pytestconfig.cache.mkdir("firstline-vectors")) if pytestconfig.cache is not None else None
