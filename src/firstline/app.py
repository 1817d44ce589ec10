"""Composition root: Settings → concrete adapters → services. The only module that knows them all."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from firstline.actions.base import ActionRegistry
from firstline.actions.identity import VerifyIdentity
from firstline.actions.orders import LookupOrder
from firstline.agent.agent import Agent
from firstline.agent.knowledge import KnowledgeAdapter
from firstline.agent.ports import Clock
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.dialogue.engine import DialogueEngine
from firstline.domain.conversation import ChannelName, Conversation, ConversationId, CustomerInfo
from firstline.domain.flows import RunAction
from firstline.domain.language import Language
from firstline.errors import CompanyPackError
from firstline.knowledge.ingest import load_knowledge_dir
from firstline.knowledge.retriever import KnowledgeBase
from firstline.nlp.embedding_cache import CachedEmbedder
from firstline.nlp.embeddings import load_embedder
from firstline.nlp.language import LanguageDetector
from firstline.responses.renderer import Responder
from firstline.settings import Settings
from firstline.storage.conversations import SqlConversationStore
from firstline.storage.database import open_database
from firstline.storage.pack_commerce import PackCommerceBackend
from firstline.understanding.embedded import OUT_OF_SCOPE_INTENT, EmbeddedUnderstanding
from firstline.understanding.entities import ProductMatcher, ProductName
from firstline.understanding.intent_classifier import IntentClassifier

KNOWLEDGE_INTENT = "ask_knowledge"


def system_clock() -> datetime:
    """The real time, in UTC."""
    return datetime.now(UTC)


@dataclass(slots=True, kw_only=True)
class Services:
    """Everything a front end (CLI, web) needs, built once."""

    settings: Settings
    company: Company
    agent: Agent
    store: SqlConversationStore
    engine: AsyncEngine
    clock: Clock

    async def open_conversation(
        self, *, channel: str = "api", language: Language | None = None, customer: CustomerInfo | None = None
    ) -> Conversation:
        """Create and store a new conversation."""
        conversation = Conversation(
            id=ConversationId(uuid.uuid4().hex),
            channel=ChannelName(channel),
            language=language or self.company.default_language,
            customer=customer or CustomerInfo(),
            created_at=self.clock(),
        )
        await self.store.create(conversation)
        return conversation

    async def close(self) -> None:
        """Release the database connections."""
        await self.engine.dispose()


def default_actions() -> ActionRegistry:
    """Every action the engine offers to flows."""
    return ActionRegistry([VerifyIdentity(), LookupOrder()])


def check_actions(company: Company, actions: ActionRegistry) -> None:
    """Every action a flow calls must exist; the error names the flow file and line."""
    for flow in company.flows.values():
        for step in flow.steps:
            if isinstance(step, RunAction) and step.action not in actions.names():
                known = ", ".join(sorted(actions.names()))
                raise CompanyPackError(step.source.path, step.source.line, f"unknown action '{step.action}'; known: {known}")


def train_understanding(company: Company, settings: Settings, questions: dict[Language, list[str]]) -> tuple[
    IntentClassifier, LanguageDetector
]:
    """Train the intent classifier and the short-text language detector on the pack's examples."""
    examples = [(text, intent) for per_language in company.intents.values() for intent, texts in per_language.items()
                for text in texts]
    examples += [(question, KNOWLEDGE_INTENT) for texts in questions.values() for question in texts]
    embedder = CachedEmbedder(load_embedder(settings.understanding.intent_embedder), settings.data_dir / "cache")
    classifier = IntentClassifier.train(examples, embedder=embedder, oos_label=OUT_OF_SCOPE_INTENT)
    embedder.save()
    texts = {lang: [t for ts in company.intents[lang].values() for t in ts] + questions.get(lang, [])
             for lang in company.intents}
    return classifier, LanguageDetector(texts)


async def build_services(settings: Settings, *, clock: Clock = system_clock) -> Services:
    """Load the company pack, train the understanding, open the store: ready to serve turns."""
    company = load_company(settings.company_dir or demo_company_dir())
    actions = default_actions()
    check_actions(company, actions)
    articles = load_knowledge_dir(company.knowledge_dir)
    questions: dict[Language, list[str]] = {}
    for article in articles:
        questions.setdefault(article.language, []).extend(article.questions)
    classifier, languages = train_understanding(company, settings, questions)
    knowledge_embedder = CachedEmbedder(load_embedder(settings.understanding.knowledge_embedder),
                                        settings.data_dir / "cache")
    negatives = [t for per_language in company.intents.values() for t in per_language.get(OUT_OF_SCOPE_INTENT, [])]
    knowledge = KnowledgeBase.build(articles, embedder=knowledge_embedder, negatives=negatives)
    knowledge_embedder.save()
    products = ProductMatcher([ProductName(sku=p.sku, name=p.name, brand=p.brand)
                               for p in company.data.products.values()])
    engine = await open_database(settings.database_url())
    store = SqlConversationStore(engine)
    agent = Agent(
        company=company,
        store=store,
        understanding=EmbeddedUnderstanding(company, classifier, products),
        dialogue=DialogueEngine(company.flows),
        actions=actions,
        backend=PackCommerceBackend(company.data),
        knowledge=KnowledgeAdapter(knowledge),
        responder=Responder(company),
        languages=languages,
        clock=clock,
        max_message_chars=settings.max_message_chars,
    )
    return Services(settings=settings, company=company, agent=agent, store=store, engine=engine, clock=clock)
