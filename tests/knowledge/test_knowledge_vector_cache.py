"""Article vectors are kept on disk between builds; customer questions are not."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from firstline.domain.language import Language
from firstline.knowledge.model import Article, ArticleId, Passage
from firstline.knowledge.retriever import KnowledgeBase
from firstline.nlp.embeddings import Vectors


class CountingEmbedder:
    """Deterministic fake vectors from a text hash; counts the texts it embeds."""

    name = "fake"
    dimensions = 8

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts)

    def _embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded += texts
        rows = [np.frombuffer(hashlib.sha256(text.encode()).digest()[:8], dtype=np.uint8) for text in texts]
        matrix = np.array(rows, dtype=np.float32).reshape(len(texts), self.dimensions) + 1
        return np.asarray(matrix / np.linalg.norm(matrix, axis=1, keepdims=True), dtype=np.float32)


def articles() -> list[Article]:
    passage = Passage(
        article_id=ArticleId("returns"),
        title="Returns",
        heading=("Label",),
        text="Print the free return label.",
        language=Language.EN,
        source="en/returns.md",
        questions=("How do I return an item?",),
    )
    return [
        Article(
            id=ArticleId("returns"),
            title="Returns",
            language=Language.EN,
            source="en/returns.md",
            passages=(passage,),
            questions=("How do I return an item?", "Is the return free?"),
        )
    ]


def test_second_build_embeds_nothing_and_queries_are_not_stored(tmp_path: Path) -> None:
    first = CountingEmbedder()
    KnowledgeBase.build(articles(), embedder=first, negatives=["Tell me a joke"], vector_cache=tmp_path)
    assert len(first.embedded) == 4  # one passage, two example questions, one negative

    second = CountingEmbedder()
    knowledge = KnowledgeBase.build(articles(), embedder=second, negatives=["Tell me a joke"], vector_cache=tmp_path)
    assert second.embedded == []
    knowledge.search("Where is the return label?", language=Language.EN)
    assert second.embedded == ["Where is the return label?"]
    with np.load(tmp_path / "embeddings-fake.npz") as stored:
        assert len(stored.files) == 4
