"""The embedded understanding: intent classifier + entity extraction → proposed commands.

It never has side effects and never decides: the dialogue engine does that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from firstline.commerce.shop_facts import TEMPLATES as DELIVERY_TEMPLATES
from firstline.company.contact_facts import TEMPLATES as CONTACT_TEMPLATES
from firstline.company.model import Company
from firstline.domain.commands import (
    AskKnowledge,
    CancelFlow,
    CannotHandle,
    CannotHandleReason,
    Command,
    RejectSlot,
    RequestHandoff,
    Respond,
    SetSlot,
    SmallTalk,
    StartFlow,
)
from firstline.domain.flows import Collect
from firstline.domain.language import Language
from firstline.domain.shop_questions import HOME_COUNTRY_SLOT, ShopQuestion
from firstline.nlp.escalation import EscalationKind, EscalationSignal, detect_escalation
from firstline.nlp.text import has_words, looks_like_gibberish, split_requests
from firstline.understanding.entities import Entity, EntityKind, EntityPatterns, ProductMatcher, extract_entities
from firstline.understanding.follow_ups import continued, is_follow_up, leans_on
from firstline.understanding.intent_classifier import IntentClassifier, IntentPrediction
from firstline.understanding.sales_routing import SalesRouting
from firstline.understanding.shop_questions import ShopQuestionReader
from firstline.understanding.slot_filling import SHORT_ANSWER_WORDS, WHOLE_MESSAGE_TYPES, MessageSlots
from firstline.understanding.slot_values import parse_slot_value

KNOWLEDGE_INTENT = "ask_knowledge"
OUT_OF_SCOPE_INTENT = "out_of_scope"
_SMALL_TALK = {kind.value: kind for kind in SmallTalk}
IMMEDIATE_HANDOFF = frozenset({EscalationKind.SUPERVISOR_REQUEST, EscalationKind.LEGAL_THREAT})
SHOP_QUESTION_FLOW_INTENTS = frozenset(
    {"product_question", "product_search", "cart_show", "checkout", "quote_request", "order_status"}
)
"""Intents a delivery or payment question is often mistaken for; without a product or order named,
the shop's terms answer it, not a flow."""
# While a question is pending, these still count as something else than an answer.
_INTERRUPTING = (CancelFlow, RequestHandoff, StartFlow, AskKnowledge)


@dataclass(frozen=True, slots=True, kw_only=True)
class DialogueContext:
    """What understanding needs to know about the conversation: the pending question."""

    awaiting: Collect | None = None
    active_flow: str | None = None
    today: date
    last_shop_question: ShopQuestion | None = None
    """The delivery or payment question answered in the turn before ("und nach Österreich?" continues it)."""
    last_knowledge_question: str | None = None
    """The knowledge question of the turn before ("und beim Öko Fix 24?" asks it again for another subject)."""
    home_country: str | None = None
    """Where the customer said they live, for delivery questions that name no country."""
    shown_products: tuple[str, ...] = ()
    """SKUs the conversation last showed or talked about, for "was kostet der Sony?" after a list."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Understanding:
    """The proposed commands plus what was recognised (for tests, logs and the console)."""

    commands: tuple[Command, ...]
    intents: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    escalation: EscalationSignal | None = None
    """Anger, a legal threat or a demand for a supervisor in the message."""


class EmbeddedUnderstanding:
    """Proposes commands with the company's trained intent classifier and entity rules."""

    def __init__(self, company: Company, classifier: IntentClassifier, products: ProductMatcher | None) -> None:
        self._company = company
        self._classifier = classifier
        self._products = products
        self._sales = SalesRouting.of(company)
        patterns = company.config.patterns
        self._patterns = EntityPatterns(order_number=patterns.order_number, customer_number=patterns.customer_number)
        # Without the fact templates (an older pack) the knowledge keeps answering these questions.
        worded = [set(templates) for templates in company.responses.values()]
        self._shop = ShopQuestionReader(
            company.commerce,
            delivery=all(DELIVERY_TEMPLATES <= templates for templates in worded),
            contacts=all(CONTACT_TEMPLATES <= templates for templates in worded),
        )

    def propose(self, text: str, *, language: Language, context: DialogueContext) -> Understanding:
        """Read one customer message in the light of the pending question."""
        understood = self._propose(text, language=language, context=context)
        home = self._shop.home(text)
        if home is not None and home != context.home_country:
            understood = replace(understood, commands=(*understood.commands, SetSlot(HOME_COUNTRY_SLOT, home)))
        signal = detect_escalation(text, language) if has_words(text) else None
        if signal is None:
            return understood
        commands = understood.commands
        if signal.kind in IMMEDIATE_HANDOFF:
            # Nobody has to ask twice for a supervisor; a legal threat is for people, not for a bot.
            # The signal names the reason better than a generic "customer request" (and sets the priority).
            kept = [c for c in commands if not isinstance(c, (CannotHandle, AskKnowledge, RequestHandoff))]
            commands = (*kept, RequestHandoff(signal.kind.value))
        return Understanding(
            commands=commands, intents=understood.intents, entities=understood.entities, escalation=signal
        )

    def _propose(self, text: str, *, language: Language, context: DialogueContext) -> Understanding:
        if not has_words(text):
            reason = CannotHandleReason.EMPTY if not text.strip() else CannotHandleReason.GIBBERISH
            return Understanding(commands=(CannotHandle(reason),))
        entities = tuple(
            extract_entities(
                text, language=language, today=context.today, patterns=self._patterns, products=self._products
            )
        )
        segments = split_requests(text)
        predictions = self._classifier.predict(segments)
        intents = tuple(p.intent or OUT_OF_SCOPE_INTENT for p in predictions)
        per_segment = [self._command(s, p) for s, p in zip(segments, predictions, strict=True)]
        per_segment = _with_subjects(segments, per_segment)
        per_segment = self._shop_questions(text, segments, intents, per_segment, entities, context)
        commands: list[Command] = self._dedupe(_drop_context(segments, per_segment))
        commands = _follow_up(text, commands, context)
        # A delivery or payment question read above is the pack's data to answer, not a product's.
        shop_asked = any(isinstance(c, AskKnowledge) and c.shop is not None for c in commands)
        if context.awaiting is None and self._sales is not None and not shop_asked:
            commands = self._sales.route(text, commands, entities, context.shown_products) or commands
        if context.awaiting is not None:
            commands = self._answer_or_digression(text, language, context, commands)
        if looks_like_gibberish(text) and not any(isinstance(c, SetSlot) for c in commands):
            return Understanding(commands=(CannotHandle(CannotHandleReason.GIBBERISH),), intents=intents)
        answered_whole = context.awaiting is not None and any(
            isinstance(c, SetSlot) and c.name == context.awaiting.slot for c in commands
        )
        if answered_whole and context.awaiting is not None and context.awaiting.slot_type in WHOLE_MESSAGE_TYPES:
            # The postal code inside a new address is part of the address, not a new identity proof.
            return Understanding(commands=tuple(commands), intents=intents, entities=entities)
        from_entities = self._slots_from_entities(text, language, entities, commands, context)
        if from_entities:
            # The message corrects an earlier answer instead of answering the pending question.
            kept: list[Command] = [c for c in commands if not isinstance(c, RejectSlot)]
            commands = kept + from_entities
        return Understanding(commands=tuple(commands), intents=intents, entities=entities)

    def _command(self, segment: str, prediction: IntentPrediction) -> Command:
        intent = prediction.intent
        if intent is None or intent == OUT_OF_SCOPE_INTENT:
            return AskKnowledge(segment, fallback=True)
        if intent == KNOWLEDGE_INTENT:
            return AskKnowledge(segment)
        if intent == "cancel":
            return CancelFlow()
        if intent == "human_handoff":
            return RequestHandoff("customer_request")
        if intent in self._company.rules.human_only_topics:
            return RequestHandoff(intent)
        if intent in _SMALL_TALK:
            return Respond(_SMALL_TALK[intent])
        flow = self._company.flow_for_intent(intent)
        return StartFlow(flow.name) if flow is not None else AskKnowledge(segment, fallback=True)

    def _shop_questions(
        self,
        text: str,
        segments: Sequence[str],
        intents: Sequence[str],
        commands: Sequence[Command],
        entities: Sequence[Entity],
        context: DialogueContext,
    ) -> list[Command]:
        """Read delivery and payment questions, so that the pack's data answers them (not a nearby sentence)."""
        last = context.last_shop_question
        seen: dict[ShopQuestion, AskKnowledge] = {}
        read: list[Command] = []
        scene: tuple[str, ...] = ()
        offset = 0
        for segment, intent, command in zip(segments, intents, commands, strict=True):
            start = text.find(segment, offset)
            start, offset = (start, start + len(segment)) if start >= 0 else (0, offset)
            question = self._shop.read(segment, last=last, scene=scene, home=context.home_country)
            scene = scene or self._shop.countries(segment)
            names_something = any(
                e.kind in (EntityKind.PRODUCT, EntityKind.ORDER_NUMBER) and start <= e.start < start + len(segment)
                for e in entities
            )
            # A product or order named: its own flow knows better (a fridge goes by freight, an order has its date).
            # While a question is pending only a side question is read this way, never the answer itself.
            free = context.awaiting is None
            takes_over = (
                question is not None
                and not names_something
                and (
                    isinstance(command, AskKnowledge)
                    or (free and (isinstance(command, (Respond, CannotHandle)) or intent in SHOP_QUESTION_FLOW_INTENTS))
                )
            )
            if question is None or not takes_over:
                read.append(command)
                continue
            last = question
            # "Liefert ihr nach Wien? Was kostet das?" asks one thing: the same command twice is deduplicated later.
            asked = seen.setdefault(question, AskKnowledge(segment, shop=question))
            read.append(asked)
        return read

    @staticmethod
    def _dedupe(commands: Sequence[Command]) -> list[Command]:
        unique: list[Command] = []
        for command in commands:
            if (
                isinstance(command, AskKnowledge)
                and any(isinstance(c, AskKnowledge) and c.fallback for c in unique)
                and command.fallback
            ):
                continue  # several unclear fragments: one fallback lookup of the whole is enough
            if command not in unique:
                unique.append(command)
        return unique

    def _answer_or_digression(
        self, text: str, language: Language, context: DialogueContext, commands: list[Command]
    ) -> list[Command]:
        """Decide whether the message answers the pending question, and with which value."""
        awaiting = context.awaiting
        assert awaiting is not None
        if awaiting.slot_type == "yes_no":
            if Respond(SmallTalk.AFFIRM) in commands:
                return [SetSlot(awaiting.slot, "yes"), *self._without_yes_no(commands)]
            if Respond(SmallTalk.DENY) in commands:
                return [SetSlot(awaiting.slot, "no"), *self._without_yes_no(commands)]
        interrupting: list[Command] = [
            c
            for c in commands
            if isinstance(c, _INTERRUPTING)
            and not _is_fallback(c)
            # Naming the flow we are already in is no side request: "Landstraße 50, 402 Linz" is a (wrong) answer.
            and c != StartFlow(context.active_flow or "")
        ]
        value = parse_slot_value(
            awaiting,
            text,
            language=language,
            today=context.today,
            patterns=self._patterns,
            countries=tuple(self._company.config.countries),
        )
        if value is not None and awaiting.slot_type != "text" and len(text.split()) <= SHORT_ANSWER_WORDS:
            # "lukas.becker@example.de" is an answer, whatever the intent classifier guesses it to be.
            return [SetSlot(awaiting.slot, value)]
        if any(isinstance(c, (CancelFlow, RequestHandoff)) for c in interrupting):
            return interrupting
        if value is not None:
            # The answer itself often classifies as noise ("100042"); keep only real side requests.
            others: list[Command] = [c for c in interrupting if isinstance(c, AskKnowledge) and len(text.split()) > 4]
            return [SetSlot(awaiting.slot, value), *others]
        if not interrupting and awaiting.slot_type in WHOLE_MESSAGE_TYPES and "?" not in text:
            return [RejectSlot(awaiting.slot)]
        if not interrupting and _looks_like_question(text):
            # An unclear side question: let the knowledge base try before calling it a wrong answer.
            interrupting = [c for c in commands if _is_fallback(c)]
        social: list[Command] = [
            c for c in commands if isinstance(c, Respond) and c.kind not in (SmallTalk.AFFIRM, SmallTalk.DENY)
        ]
        if interrupting or social:
            return interrupting + social
        return [RejectSlot(awaiting.slot)]

    @staticmethod
    def _without_yes_no(commands: list[Command]) -> list[Command]:
        return [
            c
            for c in commands
            if not (isinstance(c, Respond) and c.kind in (SmallTalk.AFFIRM, SmallTalk.DENY)) and not _is_fallback(c)
        ]

    def _slots_from_entities(
        self,
        text: str,
        language: Language,
        entities: Sequence[Entity],
        commands: Sequence[Command],
        context: DialogueContext,
    ) -> list[Command]:
        """Fill questions of the active or starting flows that the message already answers."""
        flow_names = [c.flow for c in commands if isinstance(c, StartFlow)]
        if context.active_flow and not any(isinstance(c, CancelFlow) for c in commands):
            flow_names.append(context.active_flow)
        message = MessageSlots(
            text=text,
            language=language,
            today=context.today,
            entities=entities,
            patterns=self._patterns,
            countries=tuple(self._company.config.countries),
        )
        awaiting = context.awaiting
        answer = next(
            (c.value for c in commands if isinstance(c, SetSlot) and awaiting and c.name == awaiting.slot), None
        )
        if awaiting is not None and answer is not None:
            message.take_answer(awaiting, answer)
        already = {c.name for c in commands if isinstance(c, (SetSlot, RejectSlot))}
        starting = {c.flow for c in commands if isinstance(c, StartFlow)}
        flows = [self._company.flows[name] for name in flow_names]
        return list(message.fill(flows, starting, already))


def _with_subjects(segments: Sequence[str], commands: list[Command]) -> list[Command]:
    """'Wann wird der Abschlag abgebucht und wie niedrig darf er sein?': the second question's 'er' is the Abschlag."""
    joined = list(commands)
    for index in range(1, len(segments)):
        command = joined[index]
        if isinstance(command, AskKnowledge) and command.shop is None and leans_on(segments[index]):
            joined[index] = AskKnowledge(continued(segments[index], segments[index - 1]), command.fallback)
    return joined


def _follow_up(text: str, commands: list[Command], context: DialogueContext) -> list[Command]:
    """'und beim Öko Fix 24?' right after a knowledge question asks that question again, for the new subject."""
    previous = context.last_knowledge_question
    if previous is None or context.awaiting is not None or not is_follow_up(text):
        return commands
    if not commands or not all(isinstance(c, AskKnowledge) and c.shop is None for c in commands):
        return commands
    return [AskKnowledge(continued(text, previous))]


def _drop_context(segments: Sequence[str], commands: Sequence[Command]) -> list[Command]:
    """In a message of several sentences, keep the requests and drop what only sets the scene.

    "Wir bekommen nächste Woche eine Waschmaschine. Nehmen Sie die alte mit?" is one
    question; the first sentence must not start a flow, and "Sorry, my German is not very
    good." before a question must not earn an "I can't help with that".
    """
    if len(segments) < 2:
        return list(commands)
    pairs = list(zip(segments, commands, strict=True))
    requests: list[Command] = []
    context: list[str] = []
    for segment, command in pairs:
        if "?" in segment or not isinstance(command, (StartFlow, AskKnowledge)):
            if isinstance(command, AskKnowledge) and context:
                # "I'd like a copy of my data. Who do I contact for that?" needs both sentences.
                command = AskKnowledge(" ".join([*context, command.question]), command.fallback, command.shop)
            requests.append(command)
            context = []
        else:
            context.append(segment)
    if any(not isinstance(c, Respond) for c in requests):
        return requests
    clear = [c for c in commands if not _is_fallback(c)]
    return clear if any(not isinstance(c, Respond) for c in clear) else list(commands)


def _looks_like_question(text: str) -> bool:
    return "?" in text or len(text.split()) >= 5


def _is_fallback(command: Command) -> bool:
    return isinstance(command, AskKnowledge) and command.fallback
