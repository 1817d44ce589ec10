"""The turn pipeline: one customer message in, stored replies out."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import structlog

from firstline.actions.base import ActionResult
from firstline.actions.ports import TicketBook
from firstline.agent.guard import APPROVAL_HANDOFF, ActionRunner, Attempt
from firstline.agent.handoff import escalation_ticket
from firstline.agent.ports import Clock, ConversationStore, KnowledgeSource
from firstline.agent.results import result_from_json, result_to_json
from firstline.commerce.references import Shown
from firstline.company.model import Company
from firstline.dialogue.engine import DialogueEngine
from firstline.dialogue.outcome import FoundAnswer, FoundFact, TurnOutcome
from firstline.dialogue.state import DialogueState
from firstline.domain.commands import Command, RequestHandoff
from firstline.domain.conversation import (
    Author,
    Conversation,
    ConversationStatus,
    InboundMessage,
    Message,
    Reply,
    TurnResult,
)
from firstline.domain.flows import Collect
from firstline.domain.language import Language
from firstline.domain.shop_questions import HOME_COUNTRY_SLOT, ShopQuestion
from firstline.domain.tickets import Priority
from firstline.domain.utterance import Utterance
from firstline.errors import NotFound
from firstline.nlp.escalation import EscalationKind
from firstline.nlp.language import LanguageDetector
from firstline.nlp.text import clean_text
from firstline.responses.renderer import Responder
from firstline.understanding.action_reading import ActionReader
from firstline.understanding.embedded import DialogueContext, EmbeddedUnderstanding, Understanding

log = structlog.get_logger()

ANGER_SLOT = "escalation_signal"
ANSWER_KEEPS_LANGUAGE_WORDS = 6
LASTING_ANGER = frozenset({EscalationKind.STRONG_ANGER, EscalationKind.REPEATED_FRUSTRATION})


@dataclass(slots=True)
class _Tools:
    """What the dialogue may call during one turn: guarded actions and knowledge."""

    runner: ActionRunner
    knowledge: KnowledgeSource
    language: Language
    now: datetime
    conversation_id: str
    reader: ActionReader
    declared: frozenset[str]
    """The pack's own actions (actions.yaml)."""
    text: str = ""
    """The customer's message: only understanding reads it, actions get what it says as typed slots."""
    actor: str = "bot"
    approved: bool = False

    async def run_action(self, name: str, slots: dict[str, Any]) -> ActionResult:
        # The company's own actions take only their declared slots: nothing to read from the text for them.
        read = {} if name in self.declared else await self.reader.read(self.text, slots, self.language)
        return await self.runner.run(self._attempt(name, slots | read))

    async def check_action(self, name: str, slots: dict[str, Any]) -> ActionResult | None:
        return await self.runner.check(self._attempt(name, slots))

    def _attempt(self, name: str, slots: dict[str, Any]) -> Attempt:
        return Attempt(
            action=name,
            slots=slots,
            language=self.language,
            now=self.now,
            conversation_id=self.conversation_id,
            actor=self.actor,
            approved=self.approved,
        )

    async def answer(self, question: str) -> FoundAnswer | None:
        return self.knowledge.answer(question, language=self.language)

    async def shop_facts(self, question: ShopQuestion) -> tuple[FoundFact, ...]:
        return self.knowledge.shop_facts(question, language=self.language)


class Agent:
    """Runs customer turns: store, understand, decide, act, answer, store."""

    def __init__(
        self,
        *,
        company: Company,
        store: ConversationStore,
        understanding: EmbeddedUnderstanding,
        dialogue: DialogueEngine,
        runner: ActionRunner,
        tickets: TicketBook,
        knowledge: KnowledgeSource,
        responder: Responder,
        languages: LanguageDetector,
        clock: Clock,
        reader: ActionReader | None = None,
        max_message_chars: int = 4000,
    ) -> None:
        self.company = company
        self._store = store
        self._understanding = understanding
        self._dialogue = dialogue
        self._runner = runner
        self._tickets = tickets
        self._knowledge = knowledge
        self._responder = responder
        self._languages = languages
        self._clock = clock
        self._reader = reader or ActionReader(company)
        self._declared = frozenset(company.actions.actions)
        self._max_chars = max_message_chars

    async def handle(self, inbound: InboundMessage) -> TurnResult:
        """Run one customer turn, from a stored inbound message to stored replies."""
        stored = await self._store.store_inbound(inbound)
        if stored.duplicate and stored.result is not None:
            return result_from_json(stored.result, duplicate=True)
        conversation = await self._store.get(inbound.conversation_id)
        if conversation is None:
            raise NotFound(f"conversation {inbound.conversation_id} does not exist")
        started = time.perf_counter()
        with structlog.contextvars.bound_contextvars(conversation_id=conversation.id):
            text = clean_text(inbound.text)[: self._max_chars]
            now = self._clock()
            if conversation.status is not ConversationStatus.BOT:
                return await self._record(conversation, stored.message_id, self._while_with_humans(conversation, now))
            state = DialogueState.from_json(conversation.state)
            context = self._context(state, now)
            language = self._language(text, conversation.language, context)
            understood = self._understanding.propose(text, language=language, context=context)
            commands = self._escalate(state, understood)
            tools = _Tools(
                self._runner, self._knowledge, language, now, conversation.id, self._reader, self._declared, text
            )
            outcome = await self._dialogue.run(state, commands, tools)
            result = self._result(conversation, language, understood, outcome, now, first=state.turns == 0)
            if outcome.handoff_reason and outcome.handoff_reason != APPROVAL_HANDOFF:
                await self._open_escalation(conversation, language, understood.intents, outcome, now)
            conversation.language, conversation.state = language, outcome.state.to_json()
            conversation.status = result.status
            log.info(
                "turn.completed",
                commands=len(understood.commands),
                actions=len(outcome.actions),
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
            )
            return await self._record(conversation, stored.message_id, result)

    def _language(self, text: str, current: Language, context: DialogueContext) -> Language:
        """The message's language; a short answer to a pending question keeps the conversation's.

        "Hafenstraße 8, 22301 Hamburg" in an English conversation is an address, not a switch to German.
        """
        awaiting = context.awaiting
        if awaiting is not None and awaiting.slot_type != "text" and len(text.split()) <= ANSWER_KEEPS_LANGUAGE_WORDS:
            return current
        return self._languages.detect(text, fallback=current)

    @staticmethod
    def _escalate(state: DialogueState, understood: Understanding) -> tuple[Command, ...]:
        """Anger twice in a row goes to a person; once, the agent stays calm and helps."""
        signal = understood.escalation
        kind = signal.kind.value if signal is not None and signal.kind in LASTING_ANGER else None
        previous = state.slots.get(ANGER_SLOT)
        if kind is None:
            state.slots.pop(ANGER_SLOT, None)
            return understood.commands
        state.slots[ANGER_SLOT] = kind
        if previous is not None and not any(isinstance(c, RequestHandoff) for c in understood.commands):
            return (*understood.commands, RequestHandoff(kind))
        return understood.commands

    async def _open_escalation(
        self,
        conversation: Conversation,
        language: Language,
        intents: tuple[str, ...],
        outcome: TurnOutcome,
        now: datetime,
    ) -> None:
        """A handoff leaves a ticket with a summary, so the colleague need not read everything first."""
        reason = outcome.handoff_reason or "customer_request"
        # The pack may make a reason urgent (a gas smell); its SLA follows the priority.
        chosen = self.company.rules.handoff_priority.get(reason)
        priority = Priority(chosen) if chosen else None
        hours = getattr(self.company.rules.sla_hours, chosen) if chosen else self.company.rules.sla_hours.high
        ticket = escalation_ticket(
            conversation,
            language=language,
            reason=reason,
            intents=intents,
            state=outcome.state,
            actions=outcome.actions,
            due_at=self.company.business_hours.add_working_hours(now, hours),
            priority=priority,
        )
        await self._tickets.open(ticket)

    async def resume(self, conversation: Conversation, action: str, result: ActionResult) -> TurnResult:
        """After a supervisor decided on an approval: apply the result, continue the flow, store the replies."""
        now = self._clock()
        state = DialogueState.from_json(conversation.state)
        tools = _Tools(
            self._runner, self._knowledge, conversation.language, now, conversation.id, self._reader, self._declared
        )
        outcome = await self._dialogue.resume(state, action, result, tools)
        status = ConversationStatus.WAITING_FOR_HUMAN if outcome.handoff_reason else ConversationStatus.BOT
        active = outcome.state.active
        turn = TurnResult(
            conversation_id=conversation.id,
            replies=tuple(self._responder.render(list(outcome.utterances), conversation.language, now)),
            status=status,
            language=conversation.language,
            actions=outcome.actions,
            flows_started=outcome.flows_started,
            active_flow=active.flow if active else None,
            slots=dict(outcome.state.slots),
        )
        conversation.state, conversation.status = outcome.state.to_json(), status
        messages = [
            Message(author=Author.AGENT, text=r.text, created_at=now, citations=r.citations) for r in turn.replies
        ]
        await self._store.save(conversation, messages)
        return turn

    def _context(self, state: DialogueState, now: datetime) -> DialogueContext:
        frame = state.active
        awaiting = None
        if frame is not None and frame.asked:
            step = self.company.flows[frame.flow].steps[frame.position]
            awaiting = step if isinstance(step, Collect) else None
        today = now.astimezone(self._responder.business_hours.timezone).date()
        return DialogueContext(
            awaiting=awaiting,
            active_flow=frame.flow if frame else None,
            today=today,
            last_shop_question=ShopQuestion.from_json(state.shop_question),
            last_knowledge_question=state.knowledge_question,
            home_country=state.slots.get(HOME_COUNTRY_SLOT),
            shown_products=Shown.from_slots(state.slots).skus,
        )

    def _result(
        self,
        conversation: Conversation,
        language: Language,
        understood: Understanding,
        outcome: TurnOutcome,
        now: datetime,
        *,
        first: bool,
    ) -> TurnResult:
        utterances = list(outcome.utterances)
        if first:
            utterances.insert(0, Utterance(template="disclosure"))
        status = ConversationStatus.WAITING_FOR_HUMAN if outcome.handoff_reason else ConversationStatus.BOT
        active = outcome.state.active
        return TurnResult(
            conversation_id=conversation.id,
            replies=tuple(self._responder.render(utterances, language, now)),
            status=status,
            language=language,
            actions=outcome.actions,
            intents=understood.intents,
            flows_started=outcome.flows_started,
            active_flow=active.flow if active else None,
            slots=dict(outcome.state.slots),
        )

    def _while_with_humans(self, conversation: Conversation, now: datetime) -> TurnResult:
        text = self._responder.text("with_humans", conversation.language, now, {})
        return TurnResult(
            conversation_id=conversation.id,
            replies=(Reply(text=text),) if text else (),
            status=conversation.status,
            language=conversation.language,
        )

    async def _record(self, conversation: Conversation, message_id: int, result: TurnResult) -> TurnResult:
        now = self._clock()
        messages = [
            Message(author=Author.AGENT, text=r.text, created_at=now, citations=r.citations) for r in result.replies
        ]
        await self._store.record_turn(conversation, message_id, messages, result_to_json(result))
        return result
