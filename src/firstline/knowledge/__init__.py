"""Knowledge: articles loaded from the company pack, hybrid search, cited extractive answers."""

from firstline.knowledge.errors import KnowledgeFormatError
from firstline.knowledge.index import Fusion
from firstline.knowledge.ingest import load_article, load_knowledge_dir
from firstline.knowledge.model import (
    Article,
    ArticleId,
    Citation,
    KnowledgeAnswer,
    Passage,
    ScoredPassage,
)
from firstline.knowledge.retriever import KnowledgeBase

__all__ = [
    "Article",
    "ArticleId",
    "Citation",
    "Fusion",
    "KnowledgeAnswer",
    "KnowledgeBase",
    "KnowledgeFormatError",
    "Passage",
    "ScoredPassage",
    "load_article",
    "load_knowledge_dir",
]
