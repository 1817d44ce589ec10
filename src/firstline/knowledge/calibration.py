"""Choosing the "no answer" threshold from data instead of a number per model.

Each embedding model puts its cosines in a band of its own (e5: about 0.75 to 0.95), so a fixed
threshold is meaningless. At build time we score two kinds of questions against the
knowledge base and put the threshold between them:

* positives: every example question of every article, asked while that question is hidden
  from its article (leave-one-out), so it has to be matched by the article's other
  questions and its text, as a customer's own wording would be;
* negatives: off-topic messages (the company pack's ``out_of_scope`` examples).

A question in another language than the index (the fallback when nothing in the
question's language passes) scores lower, since no words are shared; the index gets a
second threshold for those, calibrated the same way from the other language's example
questions of translated articles and its off-topic messages.

The rule: the threshold that maximises balanced accuracy, (share of positives at or above
it + share of negatives below it) / 2, taken at the middle of the best range, so both
sides keep a margin; but never below the 95th percentile of the negatives, since a wrong
answer costs more than an honest "I don't know". (Balanced accuracy alone put the German
threshold where one off-topic example in ten passed. Together with the narrower router
rescue in ``KnowledgeBase.answer``, answered off-topic questions fell from 52 to 11 of 300
on xSID German and from 12 to 1 on its Bavarian version, while 28 of 30 German paraphrases
are still answered, 29 before; ``scripts/eval_abstention.py``.) Without negatives, it is
the 5th percentile of the positives (about one example question in twenty would go
unanswered). Without positives, it is just above the 95th percentile of the negatives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from firstline.domain.language import SUPPORTED_LANGUAGES, Language
from firstline.knowledge.analysis import Analyzer, fold
from firstline.knowledge.index import Fusion, LanguageIndex
from firstline.knowledge.lexical import Scores
from firstline.nlp.embeddings import Vectors

POSITIVE_PERCENTILE = 5.0
NEGATIVE_PERCENTILE = 95.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Calibration:
    """A no-answer threshold and the evidence it was drawn from."""

    threshold: float
    positives: int
    negatives: int
    accepted_positives: float
    """Share of the leave-one-out example questions that score at or above the threshold."""
    rejected_negatives: float
    """Share of the off-topic messages that score below the threshold."""


def calibrate(positives: Sequence[float], negatives: Sequence[float]) -> Calibration:
    """Place the threshold between positive and negative top scores (see module doc)."""
    pos = np.sort(np.asarray(positives, dtype=np.float64))
    neg = np.sort(np.asarray(negatives, dtype=np.float64))
    if len(pos) and len(neg):
        threshold = max(_balanced_threshold(pos, neg), _above_negatives(neg))
    elif len(pos):
        threshold = float(np.percentile(pos, POSITIVE_PERCENTILE))
    elif len(neg):
        threshold = _above_negatives(neg)
    else:
        threshold = -np.inf
    return Calibration(
        threshold=threshold,
        positives=len(pos),
        negatives=len(neg),
        accepted_positives=float(np.mean(pos >= threshold)) if len(pos) else 1.0,
        rejected_negatives=float(np.mean(neg < threshold)) if len(neg) else 1.0,
    )


def _above_negatives(neg: np.ndarray) -> float:
    """Just above the 95th percentile of the negatives."""
    return float(np.nextafter(np.percentile(neg, NEGATIVE_PERCENTILE), np.inf))


def _balanced_threshold(pos: np.ndarray, neg: np.ndarray) -> float:
    """Middle of the widest-scoring run of candidate thresholds."""
    values = np.unique(np.concatenate([pos, neg]))
    candidates = np.concatenate([[values[0] - 1e-6], (values[:-1] + values[1:]) / 2, [values[-1] + 1e-6]])
    accepted = 1 - np.searchsorted(pos, candidates, side="left") / len(pos)
    rejected = np.searchsorted(neg, candidates, side="left") / len(neg)
    balanced = (accepted + rejected) / 2
    best = np.flatnonzero(balanced >= balanced.max() - 1e-12)
    # The best candidates form runs; take the middle of the longest-spanning run.
    runs = np.split(best, np.flatnonzero(np.diff(best) > 1) + 1)
    run = max(runs, key=lambda indices: candidates[indices[-1]] - candidates[indices[0]])
    return float((candidates[run[0]] + candidates[run[-1]]) / 2)


def leave_one_out_scores(index: LanguageIndex, fusion: Fusion) -> Scores:
    """Top fused score of each example question, hidden from its own article."""
    if not index.questions:
        return np.zeros(0, dtype=np.float32)
    scores = index.score(
        index.dense.question_vectors,
        index.questions,
        fusion,
        exclude_questions=np.arange(len(index.questions), dtype=np.intp),
    )
    return np.asarray(scores.relevance.max(axis=1), dtype=np.float32)


def cross_language_scores(index: LanguageIndex, source: LanguageIndex, fusion: Fusion) -> Scores:
    """Top fused score of ``source``'s example questions whose article ``index`` also has."""
    shared = set(index.article_ids)
    rows = [row for row, article in enumerate(source.question_articles) if source.article_ids[article] in shared]
    return _top_scores(index, source.dense.question_vectors[rows], [source.questions[row] for row in rows], fusion)


def negative_scores(
    index: LanguageIndex, texts: Sequence[str], vectors: Vectors, fusion: Fusion, *, language: Language
) -> Scores:
    """Top fused score of each off-topic message written in ``language``."""
    rows = [row for row, text in enumerate(texts) if language in guess_languages(text)]
    return _top_scores(index, vectors[rows], [texts[row] for row in rows], fusion)


def _top_scores(index: LanguageIndex, vectors: Vectors, texts: Sequence[str], fusion: Fusion) -> Scores:
    if not texts:
        return np.zeros(0, dtype=np.float32)
    return np.asarray(index.score(vectors, texts, fusion).relevance.max(axis=1), dtype=np.float32)


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexCalibration:
    """No-answer thresholds of one language's index."""

    same_language: Calibration
    """For questions in the index's language."""
    other_language: Calibration
    """For questions in another language, whose scores run lower (no shared words).

    Positives are the other language's example questions of articles that exist in both
    languages; without such articles this equals ``same_language``.
    """


def calibrate_index(
    index: LanguageIndex,
    others: Sequence[LanguageIndex],
    negatives: Sequence[str],
    negative_vectors: Vectors,
    fusion: Fusion,
) -> IndexCalibration:
    """Calibrate one index for its own language and for the others (see module doc)."""
    same = calibrate(
        leave_one_out_scores(index, fusion).tolist(),
        negative_scores(index, negatives, negative_vectors, fusion, language=index.language).tolist(),
    )
    positives = [float(s) for other in others for s in cross_language_scores(index, other, fusion)]
    if not positives:
        return IndexCalibration(same_language=same, other_language=same)
    foreign = [
        float(s)
        for other in others
        for s in negative_scores(index, negatives, negative_vectors, fusion, language=other.language)
    ]
    return IndexCalibration(same_language=same, other_language=calibrate(positives, foreign))


def guess_languages(text: str) -> frozenset[Language]:
    """German, English or (too short to tell) both, by counting function words."""
    words = fold(text).split()
    counts = {
        language: sum(word.strip("?!.,;:") in Analyzer.stopwords(language) for word in words)
        for language in SUPPORTED_LANGUAGES
    }
    top = max(counts.values())
    return frozenset(language for language, count in counts.items() if count == top)
