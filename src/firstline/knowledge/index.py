"""The searchable index of each language: dense and lexical scores fused per passage."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from firstline.domain.language import SUPPORTED_LANGUAGES, Language
from firstline.knowledge.dense import DenseIndex, Indices, Matrix, group_max, passage_document
from firstline.knowledge.lexical import LexicalIndex
from firstline.knowledge.model import Article, ArticleId, Passage
from firstline.nlp.embeddings import Embedder, Vectors

LEXICAL_WEIGHT = 0.05
"""Share of the lexical score in the fused score.

Tuned with ``scripts/eval_faq.py --sweep`` (e5): the best mean top-1 over covid_de,
covid_en, the demo articles' example questions (leave-one-out) and the demo paraphrase
set (0.706; 0.1 gives 0.701, 0 gives 0.664). Lexical evidence helps the demo articles
(paraphrases +7 points over 0) and costs covid, whose documents are one-line questions;
an equal mix (0.5) loses 8 points on covid_de and 13 on covid_en.
"""
PASSAGE_OFFSET = 0.04
"""Added to passage cosines before taking the better of them and example-question cosines.

A query is compared with example questions query-to-query but with passages
query-to-passage; the second kind sits lower for e5. Tuned together with
``LEXICAL_WEIGHT`` (grid 0 to 0.09).
"""

SELECTION_LEXICAL_WEIGHT = 0.1
"""Share of the lexical score when choosing among one article's passages (see ``selection``).

Swept on the demo paraphrase set's section labels, within the right article: 0 and 0.05
choose 42 of 60 sections, 0.1 chooses 43, 0.3 41, 0.5 39.
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Fusion:
    """How dense and lexical evidence combine into one score."""

    lexical_weight: float = LEXICAL_WEIGHT
    passage_offset: float = PASSAGE_OFFSET
    selection_lexical_weight: float = SELECTION_LEXICAL_WEIGHT


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)  # holds arrays: compare by identity
class PassageScores:
    """Scores of a batch of queries (rows) against every passage (columns)."""

    relevance: Matrix
    """Fused score: (1 - w) * max(question cosine, passage cosine + offset) + w * lexical."""
    selection: Matrix
    """Orders one article's passages: (1 - w) * passage cosine + w * lexical.

    The example questions belong to the whole article, so they cannot choose among its
    passages. (Assigning each question to its closest passage was tried on the demo
    paraphrase set and chose no better.)
    """
    dense: Matrix
    lexical: Matrix


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)  # holds arrays: compare by identity
class LanguageIndex:
    """Passages of one language with their vectors and BM25 index."""

    language: Language
    passages: tuple[Passage, ...]
    passage_articles: Indices
    """For each passage, the index of its article in ``article_ids``."""
    article_ids: tuple[ArticleId, ...]
    questions: tuple[str, ...]
    question_articles: Indices
    dense: DenseIndex
    lexical: LexicalIndex

    def score(
        self,
        vectors: Vectors,
        texts: Sequence[str],
        fusion: Fusion,
        *,
        exclude_questions: Indices | None = None,
        hidden_articles: Collection[ArticleId] = (),
    ) -> PassageScores:
        """Score queries, given as texts and their query vectors, against every passage.

        Passages of ``hidden_articles`` score -inf.
        """
        by_passage = self.dense.passage_scores(vectors) + fusion.passage_offset
        similar = self.dense.question_similarities(vectors, exclude=exclude_questions)
        by_article = group_max(similar, self.question_articles, len(self.article_ids))
        dense = np.maximum(by_article[:, self.passage_articles], by_passage)
        lexical = np.vstack([self.lexical.scores(text) for text in texts]) if texts else dense * 0
        weight = fusion.lexical_weight
        if hidden_articles:
            hidden = np.isin(np.array(self.article_ids)[self.passage_articles], list(hidden_articles))
            dense[:, hidden] = -np.inf
        return PassageScores(
            relevance=(1 - weight) * dense + weight * lexical,
            selection=(1 - fusion.selection_lexical_weight) * by_passage + fusion.selection_lexical_weight * lexical,
            dense=dense,
            lexical=lexical,
        )

    def article_scores(self, scores: PassageScores, row: int = 0) -> Matrix:
        """For each passage, the best relevance of any passage of its article."""
        best = np.full(len(self.article_ids), -np.inf, dtype=np.float32)
        np.maximum.at(best, self.passage_articles, scores.relevance[row])
        return best[self.passage_articles]

    def ranking(self, scores: PassageScores, row: int = 0) -> list[int]:
        """Passage indices: articles by relevance, each article's passages by their own fit.

        An article's example questions lift all its passages alike, so they choose the
        article; the passage text itself (dense and lexical) chooses the passage.
        """
        order = np.lexsort((-scores.selection[row], self.passage_articles, -self.article_scores(scores, row)))
        return [int(i) for i in order]


def build_indexes(articles: Sequence[Article], embedder: Embedder) -> dict[Language, LanguageIndex]:
    """One index per language; all texts go to the embedder in two batches."""
    groups = {
        language: [article for article in articles if article.language is language] for language in SUPPORTED_LANGUAGES
    }
    groups = {language: group for language, group in groups.items() if group}
    ordered = [article for group in groups.values() for article in group]
    passage_vectors = embedder.embed_passages(
        [passage_document(passage) for article in ordered for passage in article.passages]
    )
    question_vectors = embedder.embed_queries([q for article in ordered for q in article.questions])
    indexes: dict[Language, LanguageIndex] = {}
    passage_start = question_start = 0
    for language, group in groups.items():
        passage_end = passage_start + sum(len(article.passages) for article in group)
        question_end = question_start + sum(len(article.questions) for article in group)
        indexes[language] = _language_index(
            language,
            group,
            passage_vectors[passage_start:passage_end],
            question_vectors[question_start:question_end],
        )
        passage_start, question_start = passage_end, question_end
    return indexes


def _language_index(
    language: Language, group: list[Article], passage_vectors: Vectors, question_vectors: Vectors
) -> LanguageIndex:
    passages = tuple(passage for article in group for passage in article.passages)
    passage_articles = np.array([i for i, article in enumerate(group) for _ in article.passages], dtype=np.intp)
    questions = tuple(question for article in group for question in article.questions)
    question_articles = np.array([i for i, article in enumerate(group) for _ in article.questions], dtype=np.intp)
    lexical = LexicalIndex([passage_document(passage) for passage in passages], language)
    return LanguageIndex(
        language=language,
        passages=passages,
        passage_articles=passage_articles,
        article_ids=tuple(article.id for article in group),
        questions=questions,
        question_articles=question_articles,
        dense=DenseIndex(passage_vectors=passage_vectors, question_vectors=question_vectors),
        lexical=lexical,
    )
