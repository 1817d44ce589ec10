"""Values of the knowledge base: articles, passages, search hits and answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

from firstline.domain.language import Language

ArticleId = NewType("ArticleId", str)


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage:
    """One section of an article: the unit that is searched and quoted."""

    article_id: ArticleId
    title: str
    """The article's title."""
    heading: tuple[str, ...]
    """Heading path below the title, outermost first; empty for the article's intro."""
    text: str
    """Plain text; one block (paragraph, list item, table row) per line."""
    language: Language
    source: str
    """Where the article came from, e.g. ``de/shipping-costs.md``."""
    questions: tuple[str, ...] = ()
    """The article's example customer questions (front matter ``questions``)."""

    @property
    def section(self) -> str:
        """The innermost heading, or the title for the intro passage."""
        return self.heading[-1] if self.heading else self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A knowledge article in one language, split into passages."""

    id: ArticleId
    title: str
    language: Language
    source: str
    passages: tuple[Passage, ...]
    questions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """The source an answer quotes, shown to the customer."""

    article_id: ArticleId
    title: str
    source: str
    language: Language


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoredPassage:
    """A search hit with the evidence behind its score."""

    passage: Passage
    score: float
    """Fused relevance of the passage's article; compare it with the no-answer threshold."""
    dense: float
    """Dense part for this passage: the better of its article's example-question cosine
    and its own cosine plus the passage offset."""
    lexical: float
    """BM25 normalised to 0..1 (the share of the query's weight the passage matches)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class KnowledgeAnswer:
    """An extractive answer: sentences quoted from one passage, with its citation."""

    text: str
    sentences: tuple[str, ...]
    passage: Passage
    score: float
    citation: Citation
