"""Trained models kept on disk, keyed by what they were trained on, so restarts skip training.

A model that embeds text holds an embedder, which cannot be pickled (it wraps a native
library). It is trained with a :class:`DetachableEmbedder` instead, which pickles as an
empty shell and is re-attached to the live embedder after loading.

The cache files are Python pickles: keep the cache directory private to the service user.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import structlog

from firstline.nlp.embeddings import Embedder, Vectors

ModelT = TypeVar("ModelT")
log = structlog.get_logger()


class DetachableEmbedder:
    """Delegates to an embedder; pickles without it."""

    def __init__(self, inner: Embedder) -> None:
        self._inner: Embedder | None = inner
        self.name = inner.name
        self.dimensions = inner.dimensions

    def attach(self, inner: Embedder) -> None:
        """Use ``inner`` from now on (after loading from disk)."""
        self._inner = inner

    def _live(self) -> Embedder:
        if self._inner is None:
            raise RuntimeError("embedder not attached after loading the model")
        return self._inner

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed customer messages."""
        return self._live().embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed knowledge passages."""
        return self._live().embed_passages(texts)

    def __getstate__(self) -> dict[str, Any]:
        return {"name": self.name, "dimensions": self.dimensions}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._inner = None
        self.name = state["name"]
        self.dimensions = state["dimensions"]


def fingerprint(*parts: Any) -> str:
    """A short stable hash of JSON-serialisable parts (training data, settings, code)."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()[:20]


def load_or_train(
    cache_dir: Path, name: str, key: str, embedder: Embedder, train: Callable[[Embedder], ModelT]
) -> ModelT:
    """The model cached under ``name-key``, or a freshly trained one that is then cached."""
    path = cache_dir / f"{name}-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as handle:
                model, shell = pickle.load(handle)  # noqa: S301 - our own cache, see module docstring
            shell.attach(embedder)
            return model  # type: ignore[no-any-return]
        except Exception as error:  # a damaged or outdated cache is retrained, never fatal
            log.warning("model_cache.unreadable", path=str(path), error=str(error))
    shell = DetachableEmbedder(embedder)
    model = train(shell)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps((model, shell)))
        temporary.replace(path)
    except OSError as error:
        log.warning("model_cache.not_written", path=str(path), error=str(error))
    return model
