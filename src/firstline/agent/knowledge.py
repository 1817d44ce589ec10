"""Adapts the knowledge base to what the dialogue needs: quoted text plus its citation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from firstline.commerce.shop_facts import shop_facts
from firstline.company.contact_facts import contact_facts
from firstline.company.model import Company
from firstline.dialogue.outcome import FoundAnswer, FoundFact
from firstline.domain.conversation import Citation
from firstline.domain.language import Language
from firstline.domain.shop_questions import CONTACT_TOPICS, ShopQuestion
from firstline.knowledge.model import ArticleId
from firstline.knowledge.retriever import KnowledgeBase
from firstline.understanding.intent_classifier import IntentClassifier


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRouter:
    """Chooses the article for a question; above ``threshold`` it may rescue a question below the
    knowledge base's own threshold, but only one that names a country its article speaks about
    (see ``KnowledgeBase.answer``: on public off-topic sets its certainty alone was no evidence)."""

    classifier: IntentClassifier
    threshold: float
    """The 95th percentile of its top probability on the pack's out-of-scope examples."""

    @classmethod
    def calibrated(cls, classifier: IntentClassifier, negatives: Sequence[str]) -> ArticleRouter:
        """Calibrate on off-topic messages: a router this sure about them is not to be trusted."""
        if not negatives:
            return cls(classifier=classifier, threshold=1.0)
        tops = [prediction.ranking[0][1] for prediction in classifier.predict(list(negatives))]
        return cls(classifier=classifier, threshold=float(np.quantile(tops, 0.95)))


class KnowledgeAdapter:
    """Answers from the knowledge base, or None when it holds no good enough answer.

    An article router per language (the intent classifier trained on the articles' example
    questions) chooses which article answers; on the demo company it picked the right article
    for 28–30 of 30 paraphrased questions, similarity alone for 25. The knowledge base's
    calibrated threshold still decides whether there is an answer at all.
    """

    def __init__(
        self,
        knowledge: KnowledgeBase,
        routers: Mapping[Language, ArticleRouter] | None = None,
        *,
        company: Company | None = None,
    ) -> None:
        self._knowledge = knowledge
        self._routers = dict(routers or {})
        self._company = company

    def shop_facts(self, question: ShopQuestion, *, language: Language) -> tuple[FoundFact, ...]:
        """Facts computed from ``commerce.yaml`` and ``company.yaml``, each citing the article that states it."""
        company = self._company
        if company is None:
            return ()
        computed = (
            *contact_facts(question, company.config, company.business_hours, language),
            *shop_facts(question, company.commerce, language),
        )
        order = {topic: index for index, topic in enumerate(question.topics)}
        sources = company.commerce.sources
        found = []
        for fact in sorted(computed, key=lambda f: order.get(f.topic, -1)):
            article = fact.source or (
                company.config.contacts.source if fact.topic in CONTACT_TOPICS else sources.get(fact.topic)
            )
            cited = self._knowledge.article_citation(article, language) if article else None
            citation = Citation(article_id=cited.article_id, title=cited.title, source=cited.source) if cited else None
            found.append(FoundFact(template=fact.template, variables=fact.variables, citation=citation))
        return tuple(found)

    def answer(self, question: str, *, language: Language) -> FoundAnswer | None:
        """The relevant sentences of the best passage, with the article they come from."""
        router = self._routers.get(language)
        prefer: tuple[ArticleId, ...] = ()
        confident = False
        if router is not None:
            article, probability = router.classifier.predict([question])[0].ranking[0]
            prefer, confident = (ArticleId(article),), probability > router.threshold
        found = self._knowledge.answer(question, language=language, prefer=prefer, trust_preference=confident)
        if found is None:
            return None
        citation = Citation(
            article_id=found.passage.article_id, title=found.citation.title, source=found.citation.source
        )
        return FoundAnswer(text=found.text, citation=citation)
