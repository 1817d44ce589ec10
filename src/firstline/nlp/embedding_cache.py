"""A disk cache of embeddings, so start-up does not re-embed the same texts every time."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from firstline.nlp.embeddings import Embedder, Vectors


class CachedEmbedder:
    """Wraps an :class:`Embedder`; vectors are kept per (model, kind, text) in one ``.npz`` file."""

    def __init__(self, inner: Embedder, cache_dir: Path) -> None:
        self._inner = inner
        self.name = inner.name
        self.dimensions = inner.dimensions
        self._path = cache_dir / f"embeddings-{inner.name}.npz"
        self._lock = threading.Lock()
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        self._recording = True
        if self._path.exists():
            try:
                with np.load(self._path) as stored:
                    self._vectors = {key: stored[key] for key in stored.files}
            except (OSError, ValueError):
                self._vectors = {}  # a damaged cache is rebuilt, never fatal

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed customer messages (cached)."""
        return self._embed("q", texts, self._inner.embed_queries)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed knowledge passages (cached)."""
        return self._embed("p", texts, self._inner.embed_passages)

    def _embed(self, kind: str, texts: Sequence[str], compute: Callable[[Sequence[str]], Vectors]) -> Vectors:
        keys = [hashlib.sha1(f"{kind}\0{text}".encode()).hexdigest() for text in texts]
        with self._lock:
            missing = [i for i, key in enumerate(keys) if key not in self._vectors]
        if missing:
            fresh = compute([texts[i] for i in missing])
            if not self._recording:
                # After start-up, customer messages pass through but are never kept.
                return self._assemble(keys, missing, fresh)
            with self._lock:
                for i, vector in zip(missing, fresh, strict=True):
                    self._vectors[keys[i]] = vector
                self._dirty = True
        with self._lock:
            if not keys:
                return np.zeros((0, self.dimensions), dtype=np.float32)
            return np.stack([self._vectors[key] for key in keys]).astype(np.float32)

    def _assemble(self, keys: list[str], missing: list[int], fresh: Vectors) -> Vectors:
        computed = dict(zip(missing, fresh, strict=True))
        with self._lock:
            rows = [computed[i] if i in computed else self._vectors[key] for i, key in enumerate(keys)]
        return np.stack(rows).astype(np.float32)

    def save(self) -> None:
        """Write new vectors to disk (atomically) and stop recording new texts."""
        with self._lock:
            self._recording = False
            if not self._dirty:
                return
            self._path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._path.with_suffix(f".{os.getpid()}.tmp.npz")
            save_arrays: Any = np.savez  # numpy's stub mistakes array keywords for its options
            save_arrays(temporary, **self._vectors)
            temporary.replace(self._path)
            self._dirty = False
