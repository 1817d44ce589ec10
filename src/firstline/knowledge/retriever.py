"""The knowledge base: hybrid search over articles and extractive answers with citations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from firstline.domain.language import Language
from firstline.knowledge.answer_types import STRICT_KINDS, AnswerKind, Wanted, gives, wanted_answers
from firstline.knowledge.calibration import IndexCalibration, calibrate_index
from firstline.knowledge.extract import MAX_SENTENCES, extract_sentences
from firstline.knowledge.index import Fusion, LanguageIndex, PassageScores, build_indexes
from firstline.knowledge.model import Article, ArticleId, Citation, KnowledgeAnswer, ScoredPassage
from firstline.knowledge.numbered_names import NumberedNames
from firstline.knowledge.sentences import split_sentences
from firstline.nlp.embedding_cache import CachedEmbedder
from firstline.nlp.embeddings import Embedder, Vectors
from firstline.nlp.places import countries_named

AGREEMENT_CANDIDATES = 40
"""Passages, best first, searched for one about the country the question names."""


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
        self._names = {
            language: NumberedNames(passage.text for passage in index.passages)
            for language, index in self._indexes.items()
        }

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

    def article_citation(self, article_id: str, language: Language) -> Citation | None:
        """How to cite an article in ``language`` (or in another language when it lacks one)."""
        indexes = [self._indexes[language]] if language in self._indexes else []
        indexes += [index for index in self._indexes.values() if index.language is not language]
        for index in indexes:
            passage = next((p for p in index.passages if p.article_id == article_id), None)
            if passage is not None:
                return Citation(
                    article_id=passage.article_id, title=passage.title, source=passage.source, language=passage.language
                )
        return None

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
        sure, by its own calibration) the preferred article may answer below the threshold,
        but only a question that names a country, with a quote about that country
        ("grüezi, was chostet de versand id schwiiz?"): the country anchors the topic where
        dialect words find no match. Without that anchor the judge's certainty is no evidence;
        on public off-topic sets it sent "Cancel all alarms" to the cancellation article with
        0.85 to 0.97 (``scripts/eval_abstention.py``).
        """
        if any(names.unknown_in(query) for names in self._names.values()):
            return None  # "Öko Fix 36" when only "Öko Fix 24" exists: not a question about Fix 24
        vector = self._embedder.embed_queries([query])  # once: search and preference share it
        best = self._search(query, vector, language, 1)
        if not best:
            return None
        passes = best[0].score >= self.threshold(best[0].passage.language, query_language=language)
        asked = frozenset(countries_named(query))
        if not passes and not (trust_preference and prefer and asked):
            return None
        hit = self._preferred_passage(query, vector, best[0], prefer) or best[0]
        index = self._indexes[hit.passage.language]
        wanted = wanted_answers(query, index.lexical.analyzer)
        sentences = extract_sentences(hit.passage, query, index.lexical, wanted)
        if not _answers(sentences, wanted, index):
            typed = self._passage_giving(query, vector, index, hit.passage.article_id, wanted)
            if typed is None and any(one.kind in STRICT_KINDS for one in wanted):
                return None  # "how many employees": an article that never counts them has no answer
            hit, sentences = typed or (hit, sentences)
        if asked and (not _agrees(sentences, asked) or not (passes or _names(sentences, asked))):
            agreeing = self._agreeing_passage(query, vector, index, asked, hit.passage.article_id, rescued=not passes)
            if agreeing is None:
                return None  # only passages about other countries: honestly unsure beats a wrong price
            hit, sentences = agreeing
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

    def _passage_giving(
        self, query: str, vector: Vectors, index: LanguageIndex, article: ArticleId, wanted: frozenset[Wanted]
    ) -> tuple[ScoredPassage, tuple[str, ...]] | None:
        """The best passage whose quote gives the kind of answer asked for, the article's own first.

        "wie lange widerrufsfrist?" may rank the section on when the period starts above the
        one that says how long it is; the duration decides between the article's sections.
        A count may also come from another article that passes the threshold ("Wie viele
        Werktage dauert der Versand nach Österreich?": the delivery times, not the shipping
        costs); the other kinds only choose within the article.
        """
        strict = any(one.kind in STRICT_KINDS for one in wanted)
        threshold = self.threshold(index.language, query_language=index.language)
        ranked = _rank(index, index.score(vector, [query], self._fusion), len(index.passages))
        ranked.sort(key=lambda candidate: candidate.passage.article_id != article)
        for candidate in ranked:
            if candidate.passage.article_id != article and (not strict or candidate.score < threshold):
                continue
            sentences = extract_sentences(candidate.passage, query, index.lexical, wanted)
            if _answers(sentences, wanted, index):
                return candidate, sentences
        return None

    def _agreeing_passage(
        self,
        query: str,
        vector: Vectors,
        index: LanguageIndex,
        asked: frozenset[str],
        article: ArticleId,
        *,
        rescued: bool = False,
    ) -> tuple[ScoredPassage, tuple[str, ...]] | None:
        """The best passage whose quoted sentences are about a country the question names.

        "Versand in die Schweiz?" must not be answered with the Austria paragraph of the same
        article: the best-ranked passages are searched for one that names the asked country,
        and sentences about other countries only are left out of the quote. The chosen
        article's own passages come first: it was chosen for the topic, the country only
        decides the section. An answer ``rescued`` below the threshold by the article router
        stays within the chosen article.
        """
        scores = index.score(vector, [query], self._fusion)
        threshold = self.threshold(index.language, query_language=index.language)
        ranked = _rank(index, scores, AGREEMENT_CANDIDATES)
        ranked.sort(key=lambda candidate: candidate.passage.article_id != article)
        for candidate in ranked:
            own = candidate.passage.article_id == article
            if (candidate.score < threshold and not (rescued and own)) or (rescued and not own):
                continue
            if not asked & _countries_in(candidate.passage.text):
                continue
            sentences = tuple(
                sentence
                for sentence in extract_sentences(candidate.passage, query, index.lexical)
                if _about(sentence, asked)
            )
            if not any(asked & _countries_in(sentence) for sentence in sentences):
                every = split_sentences(candidate.passage.text, candidate.passage.language)
                sentences = tuple(sentence for sentence in every if asked & _countries_in(sentence))
            if sentences:
                return candidate, sentences[:MAX_SENTENCES]
        return None

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


def _answers(sentences: Sequence[str], wanted: frozenset[Wanted], index: LanguageIndex) -> bool:
    """The quote gives every strict kind of answer and every rate asked for, and at least one of the others."""
    analyzer = index.lexical.analyzer
    given = {one for one in wanted if any(gives(sentence, one, analyzer) for sentence in sentences)}
    strict = {one for one in wanted if one.kind in STRICT_KINDS or one.kind is AnswerKind.RATE}
    loose = wanted - strict
    return strict <= given and (not loose or bool(loose & given))


def _about(sentence: str, asked: frozenset[str]) -> bool:
    """A sentence fits the question unless it names only countries the question did not ask about."""
    named = _countries_in(sentence)
    return not named or bool(named & asked)


def _names(sentences: Sequence[str], asked: frozenset[str]) -> bool:
    """Some quoted sentence names a country the question asks about."""
    return any(asked & _countries_in(sentence) for sentence in sentences)


def _agrees(sentences: Sequence[str], asked: frozenset[str]) -> bool:
    """The quote is about the asked country, or about no country in particular."""
    return all(_about(sentence, asked) for sentence in sentences)


@lru_cache(maxsize=4096)
def _countries_in(article_text: str) -> frozenset[str]:
    """Countries a passage or sentence of the articles names (pack text only: customer text is never cached)."""
    return frozenset(countries_named(article_text))
