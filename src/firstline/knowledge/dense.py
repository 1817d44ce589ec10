"""Dense retrieval: passage vectors plus the articles' example questions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from firstline.knowledge.model import Passage
from firstline.nlp.embeddings import Vectors

Matrix = npt.NDArray[np.float32]
Indices = npt.NDArray[np.intp]


def passage_document(passage: Passage) -> str:
    """The text a passage is embedded and indexed as: title and heading give it context."""
    context = [part for part in (passage.title, *passage.heading) if part and part != passage.text]
    return ". ".join([*context, passage.text])


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)  # holds arrays: compare by identity
class DenseIndex:
    """Cosine similarity of a query with passages and with example questions.

    Example questions are embedded as queries, so a customer question is compared with
    them query-to-query, and with passages query-to-passage as e5 was trained.
    """

    passage_vectors: Vectors
    question_vectors: Vectors

    def passage_scores(self, queries: Vectors) -> Matrix:
        """Cosine of each query (rows) with each passage (columns)."""
        return queries @ self.passage_vectors.T

    def question_similarities(self, queries: Vectors, *, exclude: Indices | None = None) -> Matrix:
        """Cosine of each query (rows) with each example question (columns).

        ``exclude`` names, per query, one example question to hide (-1 for none): the
        no-answer calibration asks each example question while hiding it from itself.
        """
        similarities = queries @ self.question_vectors.T
        if exclude is not None:
            rows = np.flatnonzero(exclude >= 0)
            similarities[rows, exclude[rows]] = -np.inf
        return similarities


def group_max(similarities: Matrix, groups: Indices, count: int) -> Matrix:
    """Best similarity per group (article or passage) of columns; -inf for empty groups."""
    best = np.full((len(similarities), count), -np.inf, dtype=np.float32)
    for group in np.unique(groups):
        best[:, group] = similarities[:, groups == group].max(axis=1)
    return best
