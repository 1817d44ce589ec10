"""The knowledge base: hybrid search over articles and extractive answers with citations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from firstline.domain.language import Language
from firstline.knowledge.calibration import IndexCalibration, calibrate_index
from firstline.knowledge.extract import extract_sentences
from firstline.knowledge.index import Fusion, LanguageIndex, PassageScores, build_indexes
from firstline.knowledge.model import Article, ArticleId, Citation, KnowledgeAnswer, ScoredPassage
from firstline.nlp.embedding_cache import CachedEmbedder
from firstline.nlp.embeddings import Embedder, Vectors


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
        between builds (e5 needs 15 s or more for the demo's 820 texts on two cores);
        customer questions are never stored there. Pass the plain embedder here, not a
        caching one, or every customer question is kept in the cache's memory.
        """
        fusion = fusion or Fusion()
        # Only build-time texts go through the cache: customer questions stay off disk.
        cached = CachedEmbedder(embedder, vector_cache) if vector_cache is not None else None
        indexes = build_indexes(articles, cached or embedder)
        negative_vectors = (cached or embedder).embed_queries(list(negatives))
        if cached is not None:
            cached.save()
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
        return self._search(query, self._embedder.embed_queries([query]), language, limit)

    def _search(self, query: str, vector: Vectors, language: Language, limit: int) -> list[ScoredPassage]:
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

    def answer(
        self, query: str, *, language: Language, prefer: Sequence[ArticleId] = (), trust_preference: bool = False
    ) -> KnowledgeAnswer | None:
        """Quote the passage that answers ``query``, or None when nothing passes the threshold.

        ``prefer`` ranks articles by an outside judgement (a classifier trained on the
        articles' example questions chooses articles better than similarity alone); the
        threshold still decides whether to answer at all, and the passage within the
        preferred article is chosen here. With ``trust_preference`` (the outside judge is
        sure, by its own calibration) the preferred article answers even below the threshold.
        """
        vector = self._embedder.embed_queries([query])  # once: search and preference share it
        best = self._search(query, vector, language, 1)
        if not best:
            return None
        passes = best[0].score >= self.threshold(best[0].passage.language, query_language=language)
        if not passes and not (trust_preference and prefer):
            return None
        hit = self._preferred_passage(query, vector, best[0], prefer) or best[0]
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

    def _preferred_passage(
        self, query: str, vector: Vectors, hit: ScoredPassage, prefer: Sequence[ArticleId]
    ) -> ScoredPassage | None:
        index = self._indexes[hit.passage.language]
        wanted = next((article for article in prefer if article in index.article_ids), None)
        if wanted is None or wanted == hit.passage.article_id:
            return None
        hidden = [article for article in index.article_ids if article != wanted]
        ranked = _rank(index, index.score(vector, [query], self._fusion, hidden_articles=hidden), 1)
        return ranked[0] if ranked else None

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
