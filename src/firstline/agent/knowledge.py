"""Adapts the knowledge base to what the dialogue needs: quoted text plus its citation."""

from __future__ import annotations

from firstline.dialogue.outcome import FoundAnswer
from firstline.domain.conversation import Citation
from firstline.domain.language import Language
from firstline.knowledge.retriever import KnowledgeBase


class KnowledgeAdapter:
    """Answers from the knowledge base, or None when it holds no good enough answer."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self._knowledge = knowledge

    def answer(self, question: str, *, language: Language) -> FoundAnswer | None:
        """The relevant sentences of the best passage, with the article they come from."""
        found = self._knowledge.answer(question, language=language)
        if found is None:
            return None
        citation = Citation(
            article_id=found.passage.article_id,
            title=found.citation.title,
            source=found.citation.source,
        )
        return FoundAnswer(text=found.text, citation=citation)
