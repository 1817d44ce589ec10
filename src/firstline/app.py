"""Composition root: Settings → concrete adapters → services. The only module that knows them all."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from firstline.actions.base import Action, ActionRegistry
from firstline.actions.cases import (
    CreateReturn,
    FileComplaint,
    GoodwillVoucher,
    ReportDefect,
    ReportLostParcel,
    TicketStatusLookup,
)
from firstline.actions.catalogue_sales import sales_actions
from firstline.actions.company_actions import declared_actions
from firstline.actions.identity import VerifyIdentity
from firstline.actions.order_changes import CancelOrder, ChangeAddress, Refund
from firstline.actions.orders import LookupOrder
from firstline.actions.ports import CompanySystem
from firstline.agent.agent import Agent
from firstline.agent.guard import ActionRunner
from firstline.agent.knowledge import ArticleRouter, KnowledgeAdapter
from firstline.agent.ports import Clock
from firstline.commerce.ports import SalesBackend
from firstline.company.loader import load_company, resolve_pack_dir
from firstline.company.model import Company
from firstline.company.yaml_source import line_of, load_yaml
from firstline.dialogue.engine import DialogueEngine
from firstline.domain.conversation import ChannelName, Conversation, ConversationId, CustomerInfo, InboundMessage
from firstline.domain.flows import RunAction
from firstline.domain.language import Language
from firstline.errors import CompanyPackError
from firstline.knowledge.ingest import load_knowledge_dir
from firstline.knowledge.model import Article
from firstline.knowledge.retriever import KnowledgeBase
from firstline.nlp.embedding_cache import CachedEmbedder
from firstline.nlp.embeddings import load_embedder
from firstline.nlp.language import LanguageDetector
from firstline.nlp.model_cache import fingerprint, load_or_train
from firstline.responses.renderer import Responder
from firstline.settings import Settings
from firstline.storage.company_systems import HttpCompanySystem, open_systems
from firstline.storage.conversations import SqlConversationStore
from firstline.storage.database import open_database
from firstline.storage.http_commerce import HttpCommerceBackend
from firstline.storage.order_changes import ChangeableOrders
from firstline.storage.sql_commerce import SqlCommerceBackend, build_commerce_backend
from firstline.storage.staff import SqlStaffStore
from firstline.storage.tickets import SqlAuditLog, SqlTicketStore
from firstline.supervision.desk import SupervisorDesk
from firstline.understanding import intent_classifier
from firstline.understanding.action_reading import ActionReader
from firstline.understanding.embedded import OUT_OF_SCOPE_INTENT, EmbeddedUnderstanding
from firstline.understanding.entities import ProductMatcher, ProductName
from firstline.understanding.intent_classifier import IntentClassifier


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
    desk: SupervisorDesk
    staff: SqlStaffStore
    """Staff accounts and console sessions."""
    shop: SqlCommerceBackend | HttpCommerceBackend
    """The catalogue and order intake: built in, or the company's shop system over HTTP."""
    systems: dict[str, HttpCompanySystem] = field(default_factory=dict)
    """The company's own systems that its actions call."""

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

    def inbound(self, conversation: Conversation, text: str, *, message_id: str | None = None) -> InboundMessage:
        """A customer message in ``conversation`` as its channel received it now."""
        return InboundMessage(
            conversation_id=conversation.id,
            channel=conversation.channel,
            channel_message_id=message_id or uuid.uuid4().hex,
            text=text,
            received_at=self.clock(),
        )

    async def close(self) -> None:
        """Release the database connections (and the shop connector's HTTP client)."""
        if isinstance(self.shop, HttpCommerceBackend):
            await self.shop.close()
        for system in self.systems.values():
            await system.close()
        await self.engine.dispose()


CHANGES_DATA = frozenset({"cancel_order", "change_address", "refund", "create_return", "goodwill_voucher"})
"""Actions that must not run without the company's declared rules."""


def default_actions(sales: SalesBackend | None = None, company_actions: Sequence[Action] = ()) -> ActionRegistry:
    """Every action the engine offers to flows, plus the company's own from ``actions.yaml``."""
    return ActionRegistry(
        [
            *company_actions,
            VerifyIdentity(),
            LookupOrder(),
            CancelOrder(),
            ChangeAddress(),
            Refund(),
            CreateReturn(),
            ReportDefect(),
            ReportLostParcel(),
            GoodwillVoucher(),
            FileComplaint(),
            TicketStatusLookup(),
            *sales_actions(sales),
        ]
    )


def changes_data(company: Company) -> frozenset[str]:
    """The built-in and the company's own actions that write something."""
    return CHANGES_DATA | {name for name, action in company.actions.actions.items() if action.changes_data}


def company_actions(company: Company, systems: Mapping[str, CompanySystem]) -> list[Action]:
    """The pack's own actions; a plugin that cannot be loaded is a pack error with file and line."""
    path = company.root / "actions.yaml"
    builtin = default_actions().names()
    for name in company.actions.actions:
        if name in builtin:
            raise CompanyPackError(path, _line(path, ["actions", name]), f"'{name}' is a built-in action; rename it")
    try:
        return declared_actions(company.actions, systems, company.tables)
    except (LookupError, ImportError) as error:
        raise CompanyPackError(path, None, f"cannot load a plugin action: {error}") from error


def _line(path: Path, location: list[str]) -> int | None:
    return line_of(load_yaml(path), location) if path.exists() else None


def check_actions(company: Company, actions: ActionRegistry) -> None:
    """Every action a flow calls or a rule guards must exist; the error names the file and line."""
    writes = changes_data(company)
    rules_path = company.root / "rules.yaml"
    for action in company.rules.actions:
        if action not in actions.names():
            known = ", ".join(sorted(actions.names()))
            problem = f"actions.{action}: a rule for an unknown action; known: {known}"
            raise CompanyPackError(rules_path, _line(rules_path, ["actions", action]), problem)
    for flow in company.flows.values():
        for step in flow.steps:
            if isinstance(step, RunAction) and step.action in writes and step.action not in company.rules.actions:
                raise CompanyPackError(
                    step.source.path,
                    step.source.line,
                    f"action '{step.action}' changes data, so rules.yaml must declare its rules under 'actions:'",
                )
            if isinstance(step, RunAction) and step.action not in actions.names():
                known = ", ".join(sorted(actions.names()))
                raise CompanyPackError(
                    step.source.path, step.source.line, f"unknown action '{step.action}'; known: {known}"
                )


def _classifier_code() -> str:
    """The classifier's source: a code change must not reuse a model trained by older code."""
    return Path(intent_classifier.__file__).read_text(encoding="utf-8")


def train_classifier(
    name: str, examples: list[tuple[str, str]], settings: Settings, *, oos_label: str = "oos"
) -> IntentClassifier:
    """Train a classifier once per distinct training set; later starts load it from the cache."""
    cache_dir = settings.embedding_cache_dir()
    embedder_name = settings.understanding.intent_embedder
    embedder = CachedEmbedder(load_embedder(embedder_name), cache_dir)
    key = fingerprint(examples, embedder_name, oos_label, _classifier_code())
    classifier = load_or_train(
        cache_dir,
        name,
        key,
        embedder,
        lambda shell: IntentClassifier.train(examples, embedder=shell, oos_label=oos_label),
    )
    embedder.save()
    return classifier


def train_understanding(
    company: Company, settings: Settings, questions: dict[Language, list[str]]
) -> tuple[IntentClassifier, LanguageDetector]:
    """Train the intent classifier and the short-text language detector on the pack's examples.

    The articles' example questions teach the language detector, but not the intent classifier:
    many of them ("Wo ist meine Bestellung?") are requests a flow serves, not knowledge questions.
    """
    examples = [
        (text, intent)
        for per_language in company.intents.values()
        for intent, texts in per_language.items()
        for text in texts
    ]
    classifier = train_classifier("intents", examples, settings, oos_label=OUT_OF_SCOPE_INTENT)
    texts = {
        lang: [t for ts in company.intents[lang].values() for t in ts] + questions.get(lang, [])
        for lang in company.intents
    }
    return classifier, LanguageDetector(texts)


def train_article_routers(
    company: Company, articles: list[Article], settings: Settings
) -> dict[Language, ArticleRouter]:
    """Per language, a classifier from customer question to article (example questions, titles, headings)."""
    routers: dict[Language, ArticleRouter] = {}
    for language in sorted({article.language for article in articles}):
        examples = [
            (text, str(article.id))
            for article in articles
            if article.language is language
            for text in (*article.questions, article.title, *(p.section for p in article.passages))
        ]
        if len({article for _, article in examples}) >= 3:
            classifier = train_classifier(f"articles-{language.value}", examples, settings)
            negatives = company.intents.get(language, {}).get(OUT_OF_SCOPE_INTENT, [])
            routers[language] = ArticleRouter.calibrated(classifier, negatives)
    return routers


def build_knowledge(company: Company, settings: Settings, articles: list[Article]) -> KnowledgeBase:
    """Index the pack's articles; the pack's out-of-scope examples calibrate "no answer"."""
    negatives = [t for per_language in company.intents.values() for t in per_language.get(OUT_OF_SCOPE_INTENT, [])]
    knowledge = KnowledgeBase.build(
        articles,
        embedder=load_embedder(settings.understanding.knowledge_embedder),
        negatives=negatives,
        vector_cache=settings.embedding_cache_dir(),
    )
    # Load the models' lazy parts now, not during the first customer's turn.
    knowledge.answer("Versand", language=company.default_language)
    return knowledge


STARTUP_STEPS = (
    "Firmenpaket / company pack",
    "Sprachverständnis / language understanding",
    "Wissensartikel / knowledge articles",
    "Artikelwahl / article router",
    "Datenbank / database",
)
"""What start-up prepares, in order; the first start trains and embeds, later ones load caches."""


class StartupProgress:
    """Reports each start-up step with its duration, so a first start is not a silent minute."""

    def __init__(self, report: Callable[[str], None] | None) -> None:
        self._report = report
        self._started = time.perf_counter()
        self._done = 0

    def done(self) -> None:
        """The next step of :data:`STARTUP_STEPS` finished."""
        now = time.perf_counter()
        self._done += 1
        if self._report is not None:
            label = STARTUP_STEPS[self._done - 1]
            self._report(f"[{self._done}/{len(STARTUP_STEPS)}] {label} … {now - self._started:.1f} s")
        self._started = now


async def build_services(
    settings: Settings, *, clock: Clock = system_clock, progress: Callable[[str], None] | None = None
) -> Services:
    """Load the company pack, train the understanding, open the store: ready to serve turns.

    ``progress`` receives one line per finished step of :data:`STARTUP_STEPS`.
    """
    steps = StartupProgress(progress)
    company = load_company(resolve_pack_dir(settings.company_dir))
    systems = open_systems(company.actions.systems, settings, company.root, company.root / "actions.yaml")
    own_actions = company_actions(company, systems)
    check_actions(company, default_actions(None, own_actions))  # before the long training: a broken pack fails fast
    articles = load_knowledge_dir(company.knowledge_dir)
    steps.done()
    questions: dict[Language, list[str]] = {}
    for article in articles:
        questions.setdefault(article.language, []).extend(article.questions)
    classifier, languages = train_understanding(company, settings, questions)
    steps.done()
    knowledge = build_knowledge(company, settings, articles)
    steps.done()
    routers = train_article_routers(company, articles, settings)
    steps.done()
    products = ProductMatcher(
        [ProductName(sku=p.sku, name=p.name, brand=p.brand) for p in company.data.products.values()]
    )
    engine = await open_database(settings.database_url())
    steps.done()
    store = SqlConversationStore(engine)
    shop = build_commerce_backend(engine, company)
    actions = default_actions(shop, own_actions)
    tickets = SqlTicketStore(engine, clock=clock)
    audit = SqlAuditLog(engine)
    # Orders placed in conversations are looked up, cancelled and refunded like the shop's own.
    orders = ChangeableOrders(shop, engine, clock=clock)
    runner = ActionRunner(
        company=company, actions=actions, backend=orders, changes=orders, tickets=tickets, audit=audit
    )
    zone = company.business_hours.timezone
    # "Not in the future" means the company's today, on the same clock as the rest of the turn.
    dialogue = DialogueEngine(company.flows, today=lambda: clock().astimezone(zone).date())
    agent = Agent(
        company=company,
        store=store,
        understanding=EmbeddedUnderstanding(company, classifier, products),
        dialogue=dialogue,
        runner=runner,
        tickets=tickets,
        knowledge=KnowledgeAdapter(knowledge, routers, company=company),
        responder=Responder(company),
        languages=languages,
        clock=clock,
        reader=ActionReader(company, shop),
        max_message_chars=settings.max_message_chars,
    )
    desk = SupervisorDesk(
        agent=agent,
        store=store,
        tickets=tickets,
        audit=audit,
        runner=runner,
        knowledge=knowledge,
        responder=Responder(company),
        clock=clock,
    )
    return Services(
        settings=settings,
        company=company,
        agent=agent,
        store=store,
        engine=engine,
        clock=clock,
        desk=desk,
        staff=SqlStaffStore(engine),
        shop=shop,
        systems=systems,
    )
