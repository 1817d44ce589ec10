"""Measuring the intent classifier on labelled JSON Lines data: held-out and cross-validated metrics."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from firstline.errors import InvalidInput
from firstline.nlp.embedding_cache import CachedEmbedder
from firstline.nlp.embeddings import Embedder, EmbeddingModelName, Vectors, load_embedder
from firstline.understanding.intent_classifier import ClassifierSettings, IntentClassifier, stratified_folds

Metrics = dict[str, float | int | str | None]
_THROUGHPUT_ROWS = 500


def load_intent_jsonl(path: Path | str) -> list[tuple[str, str]]:
    """Read ``{"text": ..., "intent": ...}`` lines; a malformed line raises naming file and line."""
    path = Path(path)
    examples: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InvalidInput(f"{path}:{number}: not valid JSON ({error.msg})") from error
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not isinstance(row.get("intent"), str):
            raise InvalidInput(f"{path}:{number}: expected an object with string fields 'text' and 'intent'")
        examples.append((row["text"], row["intent"]))
    return examples


@dataclass(slots=True)
class _Stopwatch:
    """Seconds spent inside the embedding model (mutable: embedders add to it as they run)."""

    seconds: float = 0.0


class _TimedEmbedder:
    """Counts the time the wrapped model spends embedding."""

    __slots__ = ("dimensions", "inner", "name", "stopwatch")

    def __init__(self, inner: Embedder, stopwatch: _Stopwatch) -> None:
        self.inner = inner
        self.stopwatch = stopwatch
        self.name = inner.name
        self.dimensions = inner.dimensions

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed messages, timing the model."""
        start = time.perf_counter()
        vectors = self.inner.embed_queries(texts)
        self.stopwatch.seconds += time.perf_counter() - start
        return vectors

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages, timing the model."""
        start = time.perf_counter()
        vectors = self.inner.embed_passages(texts)
        self.stopwatch.seconds += time.perf_counter() - start
        return vectors


class _BatchCache:
    """Serves batches (training, test sets) from a cache and single texts from the model.

    Single texts bypass the cache so that the one-query-at-a-time throughput stays honest.
    """

    __slots__ = ("cache", "dimensions", "model", "name")

    def __init__(self, model: Embedder, cache: CachedEmbedder) -> None:
        self.model = model
        self.cache = cache
        self.name = model.name
        self.dimensions = model.dimensions

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed messages."""
        return self.cache.embed_queries(texts) if len(texts) > 1 else self.model.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages."""
        return self.cache.embed_passages(texts) if len(texts) > 1 else self.model.embed_passages(texts)


class ConcatenatedEmbedder:
    """Joins the vectors of several models; each part keeps an equal share of the unit length."""

    __slots__ = ("dimensions", "name", "parts")

    def __init__(self, parts: Sequence[Embedder]) -> None:
        self.parts = tuple(parts)
        self.name = "+".join(part.name for part in self.parts)
        self.dimensions = sum(part.dimensions for part in self.parts)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed messages with every model."""
        return self._join([part.embed_queries(texts) for part in self.parts])

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages with every model."""
        return self._join([part.embed_passages(texts) for part in self.parts])

    def _join(self, vectors: list[Vectors]) -> Vectors:
        joined: Vectors = np.hstack(vectors) / np.float32(np.sqrt(len(vectors)))
        return joined


def build_embedder(name: str, cache_dir: Path, stopwatch: _Stopwatch) -> Embedder:
    """Build ``use``, ``e5`` or a ``+``-joined concatenation such as ``use+e5``, cached under ``cache_dir``."""
    parts: list[Embedder] = []
    for part in name.split("+"):
        if part not in ("use", "e5"):
            raise ValueError(f"unknown embedding model {part!r}; choose 'use', 'e5' or 'use+e5'")
        model_name: EmbeddingModelName = "use" if part == "use" else "e5"
        timed = _TimedEmbedder(load_embedder(model_name), stopwatch)
        parts.append(_BatchCache(timed, CachedEmbedder(timed, cache_dir)))
    return parts[0] if len(parts) == 1 else ConcatenatedEmbedder(parts)


def intent_metrics(truth: Sequence[str], predicted: Sequence[str], *, oos_label: str = "oos") -> Metrics:
    """Score predictions (``oos_label`` = out of scope); macro-F1 runs over the labels present in ``truth``."""
    gold, guess = np.array(truth, dtype=np.str_), np.array(predicted, dtype=np.str_)
    in_scope, oos, said_oos = gold != oos_label, gold == oos_label, guess == oos_label
    labels = sorted(set(gold.tolist()))
    return {
        "in_scope_accuracy": float(np.mean(guess[in_scope] == gold[in_scope])) if in_scope.any() else None,
        "oos_recall": float(np.mean(said_oos[oos])) if oos.any() else None,
        "oos_precision": (float(np.mean(oos[said_oos])) if said_oos.any() else 0.0) if oos.any() else None,
        "overall_accuracy": float(np.mean(guess == gold)),
        "macro_f1": float(f1_score(gold, guess, labels=labels, average="macro", zero_division=0)),
    }


@dataclass(frozen=True, slots=True)
class _Run:
    """One training and test run, before the metrics are pooled."""

    truth: list[str]
    predicted: list[str]
    closed: list[str]
    train_seconds: float
    embed_seconds: float
    queries_per_second: float
    threshold: float
    n_train: int
    n_intents: int


def _run(
    train: Sequence[tuple[str, str]],
    test: Sequence[tuple[str, str]],
    embedder: Embedder,
    stopwatch: _Stopwatch,
    *,
    oos_label: str,
    settings: ClassifierSettings | None,
    seed: int,
    throughput_rows: int,
) -> _Run:
    embedded_before = stopwatch.seconds
    start = time.perf_counter()
    classifier = IntentClassifier.train(train, embedder=embedder, oos_label=oos_label, seed=seed, settings=settings)
    train_seconds = time.perf_counter() - start
    embed_seconds = stopwatch.seconds - embedded_before
    texts = [text for text, _ in test]
    predictions = classifier.predict(texts)
    sample = texts[:throughput_rows]
    start = time.perf_counter()
    for text in sample:
        classifier.predict([text])
    elapsed = time.perf_counter() - start
    return _Run(
        truth=[intent for _, intent in test],
        predicted=[p.intent or oos_label for p in predictions],
        closed=[p.ranking[0][0] if p.ranking else oos_label for p in predictions],
        train_seconds=train_seconds,
        embed_seconds=embed_seconds,
        queries_per_second=len(sample) / elapsed if elapsed > 0 else 0.0,
        threshold=classifier.threshold,
        n_train=len(train),
        n_intents=len(classifier.intents),
    )


def _report(runs: Sequence[_Run], embedder_name: str, oos_label: str) -> Metrics:
    truth = [label for run in runs for label in run.truth]
    metrics = intent_metrics(truth, [label for run in runs for label in run.predicted], oos_label=oos_label)
    in_scope = [(t, c) for run in runs for t, c in zip(run.truth, run.closed, strict=True) if t != oos_label]
    metrics["closed_set_accuracy"] = float(np.mean([t == c for t, c in in_scope])) if in_scope else None
    for key in ("train_seconds", "embed_seconds", "queries_per_second", "threshold"):
        metrics[key] = float(np.mean([getattr(run, key) for run in runs]))
    metrics["fit_seconds"] = float(metrics["train_seconds"] or 0.0) - float(metrics["embed_seconds"] or 0.0)
    metrics["n_train"] = int(np.mean([run.n_train for run in runs]))
    metrics["n_test"] = len(truth)
    metrics["n_intents"] = max(run.n_intents for run in runs)
    metrics["embedder"] = embedder_name
    return metrics


def evaluate_intents(
    train: Sequence[tuple[str, str]],
    test: Sequence[tuple[str, str]],
    *,
    embedder_name: str = "use",
    oos_label: str = "oos",
    cache_dir: Path | None = None,
    settings: ClassifierSettings | None = None,
    seed: int = 0,
) -> Metrics:
    """Train on ``train`` and measure on ``test``; ``cache_dir`` keeps embeddings between runs.

    ``train_seconds`` includes the embedding time that the cache did not save
    (``embed_seconds``); ``queries_per_second`` always embeds afresh.
    """
    with tempfile.TemporaryDirectory() as scratch:
        stopwatch = _Stopwatch()
        embedder = build_embedder(embedder_name, cache_dir or Path(scratch), stopwatch)
        run = _run(
            train,
            test,
            embedder,
            stopwatch,
            oos_label=oos_label,
            settings=settings,
            seed=seed,
            throughput_rows=_THROUGHPUT_ROWS,
        )
        _save(embedder)
    return _report([run], embedder_name, oos_label)


def cross_validate_intents(
    examples: Sequence[tuple[str, str]],
    *,
    folds: int = 5,
    embedder_name: str = "use",
    oos_label: str = "oos",
    cache_dir: Path | None = None,
    settings: ClassifierSettings | None = None,
    seed: int = 0,
) -> Metrics:
    """Stratified k-fold cross-validation; metrics pool all folds, timings are means per fold."""
    labels = np.array([intent for _, intent in examples], dtype=np.str_)
    assignment = stratified_folds(labels, folds, np.random.default_rng(seed))
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        stopwatch = _Stopwatch()
        embedder = build_embedder(embedder_name, cache_dir or Path(scratch), stopwatch)
        for fold in range(folds):
            train = [row for row, f in zip(examples, assignment, strict=True) if f != fold]
            test = [row for row, f in zip(examples, assignment, strict=True) if f == fold]
            if test:
                runs.append(
                    _run(
                        train,
                        test,
                        embedder,
                        stopwatch,
                        oos_label=oos_label,
                        settings=settings,
                        seed=seed,
                        throughput_rows=-(-_THROUGHPUT_ROWS // folds),
                    )
                )
        _save(embedder)
    return _report(runs, embedder_name, oos_label)


def _save(embedder: Embedder) -> None:
    parts = embedder.parts if isinstance(embedder, ConcatenatedEmbedder) else (embedder,)
    for part in parts:
        if isinstance(part, _BatchCache):
            part.cache.save()
