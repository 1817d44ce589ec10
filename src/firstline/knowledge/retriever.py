"""The knowledge base: hybrid search over articles and extractive answers with citations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from firstline.domain.language import Language
from firstline.knowledge.calibration import IndexCalibration, calibrate_index
from firstline.knowledge.extract import extract_sentences
from firstline.knowledge.index import Fusion, LanguageIndex, PassageScores, build_indexes
from firstline.knowledge.model import Article, Citation, KnowledgeAnswer, ScoredPassage
from firstline.knowledge.vector_cache import CachingEmbedder
from firstline.nlp.embeddings import Embedder


class KnowledgeBase:
    """Answers questions from the company's articles, preferring the question's language."""

    def __init__(
        self,
        *,
        indexes: Mapping[Language, LanguageIndex],
        calibrations: Mapping[Language, IndexCalibration],
        embedder: Embedder,
        fusion: Fusion,
    ) -> None:
        self._indexes = dict(indexes)
        self.calibrations = dict(calibrations)
        """Per language of the articles: the no-answer thresholds and how they were derived."""
        self._embedder = embedder
        self._fusion = fusion

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        *,
        embedder: Embedder,
        negatives: Sequence[str] = (),
        fusion: Fusion | None = None,
        vector_cache: Path | None = None,
    ) -> KnowledgeBase:
        """Index the articles and calibrate the no-answer threshold per language.

        ``negatives`` are off-topic customer messages (the pack's ``out_of_scope``
        examples); each is used for the language it is written in. ``vector_cache`` is a
        directory where the vectors of articles, example questions and negatives are kept
        between builds; customer questions are never stored there.
        """
        fusion = fusion or Fusion()
        build_embedder = CachingEmbedder(embedder, vector_cache) if vector_cache is not None else embedder
        indexes = build_indexes(articles, build_embedder)
        negative_vectors = build_embedder.embed_queries(list(negatives))
        calibrations = {
            language: calibrate_index(
                index,
                [other for other in indexes.values() if other is not index],
                negatives,
                negative_vectors,
                fusion,
            )
            for language, index in indexes.items()
        }
        return cls(indexes=indexes, calibrations=calibrations, embedder=embedder, fusion=fusion)

    @property
    def languages(self) -> tuple[Language, ...]:
        """Languages that have at least one article."""
        return tuple(self._indexes)

    @property
    def indexes(self) -> Mapping[Language, LanguageIndex]:
        """The index of each language (for evaluation and diagnostics)."""
        return dict(self._indexes)

    def threshold(self, language: Language, *, query_language: Language | None = None) -> float:
        """Score a passage in ``language`` needs to answer a question in ``query_language``."""
        calibration = self.calibrations[language]
        if query_language is None or query_language is language:
            return calibration.same_language.threshold
        return calibration.other_language.threshold

    def search(self, query: str, *, language: Language, limit: int = 5) -> list[ScoredPassage]:
        """Best passages in the query's language; others only for articles it lacks.

        Another language is searched only when nothing in the query's language passes
        its threshold, and then only among articles that have no version in the query's
        language (a translated article that did not match will not match better in
        translation). When nothing passes anywhere, the query language's ranking is
        returned anyway; compare ``score`` with ``threshold`` to tell.
        """
        vector = self._embedder.embed_queries([query])
        own = self._indexes.get(language)
        translated = frozenset(own.article_ids) if own is not None else frozenset()
        rankings: list[list[ScoredPassage]] = []
        for index in self._candidate_indexes(language):
            hidden = translated if index is not own else frozenset()
            ranked = _rank(index, index.score(vector, [query], self._fusion, hidden_articles=hidden), limit)
            if ranked and ranked[0].score >= self.threshold(index.language, query_language=language):
                return ranked
            rankings.append(ranked)
        return rankings[0] if rankings else []

    def answer(self, query: str, *, language: Language) -> KnowledgeAnswer | None:
        """Quote the passage that answers ``query``, or None when nothing passes the threshold."""
        best = self.search(query, language=language, limit=1)
        if not best or best[0].score < self.threshold(best[0].passage.language, query_language=language):
            return None
        hit = best[0]
        index = self._indexes[hit.passage.language]
        sentences = extract_sentences(hit.passage, query, index.lexical)
        return KnowledgeAnswer(
            text=" ".join(sentences),
            sentences=sentences,
            passage=hit.passage,
            score=hit.score,
            citation=Citation(
                article_id=hit.passage.article_id,
                title=hit.passage.title,
                source=hit.passage.source,
                language=hit.passage.language,
            ),
        )

    def _candidate_indexes(self, language: Language) -> list[LanguageIndex]:
        """The query's language first, then the others."""
        order = sorted(self._indexes, key=lambda candidate: candidate is not language)
        return [self._indexes[candidate] for candidate in order]


def _rank(index: LanguageIndex, scores: PassageScores, limit: int) -> list[ScoredPassage]:
    article_scores = index.article_scores(scores)
    ranking = [i for i in index.ranking(scores) if np.isfinite(article_scores[i])]
    return [
        ScoredPassage(
            passage=index.passages[i],
            score=float(article_scores[i]),
            dense=float(scores.dense[0, i]),
            lexical=float(scores.lexical[0, i]),
        )
        for i in ranking[:limit]
    ]
