"""An embedder wrapper that keeps vectors on disk, so rebuilding the index is quick.

e5 needs about 50-180 ms per 90-token passage on two shared cores, so the demo's 264
passages and 556 example questions take 15 s or more to embed. Texts rarely change
between starts; with this cache only new or edited texts are embedded again. It is
meant for knowledge texts at build time only: every new text rewrites the file, and
customer messages do not belong on disk.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np

from firstline.nlp.embeddings import Embedder, Vectors

Kind = Literal["query", "passage"]


class CachingEmbedder:
    """Implements ``Embedder`` over another embedder, with vectors kept in one ``.npz`` file."""

    def __init__(self, embedder: Embedder, directory: Path) -> None:
        self._embedder = embedder
        self.name = embedder.name
        self.dimensions = embedder.dimensions
        self._path = directory / f"vectors-{embedder.name}.npz"
        self._vectors: dict[str, np.ndarray] = self._load()
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed customer messages, reusing stored vectors."""
        return self._embed(texts, "query")

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed knowledge passages, reusing stored vectors."""
        return self._embed(texts, "passage")

    def _embed(self, texts: Sequence[str], kind: Kind) -> Vectors:
        keys = [_key(kind, text) for text in texts]
        with self._lock:
            missing = list(dict.fromkeys(t for k, t in zip(keys, texts, strict=True) if k not in self._vectors))
            if missing:
                embed = self._embedder.embed_queries if kind == "query" else self._embedder.embed_passages
                for text, vector in zip(missing, embed(missing), strict=True):
                    self._vectors[_key(kind, text)] = vector
                self._save()
            if not keys:
                return np.zeros((0, self.dimensions), dtype=np.float32)
            return np.stack([self._vectors[key] for key in keys]).astype(np.float32)

    def _load(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self._path, allow_pickle=False) as stored:
                keys, matrix = stored["keys"], stored["vectors"]
        except (OSError, KeyError, ValueError):
            return {}  # no cache yet, or a damaged one: embed again
        if matrix.ndim != 2 or matrix.shape[1] != self.dimensions:
            return {}
        return {str(key): row for key, row in zip(keys, matrix, strict=True)}

    def _save(self) -> None:
        """Write atomically, so a concurrent reader never sees half a file."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="U64")
        matrix = np.stack(list(self._vectors.values())).astype(np.float32)
        handle, temporary = tempfile.mkstemp(dir=self._path.parent, suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(file, keys=keys, vectors=matrix)
            os.replace(temporary, self._path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _key(kind: Kind, text: str) -> str:
    return hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()
