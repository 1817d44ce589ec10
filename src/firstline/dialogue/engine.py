"""Applies the proposed commands to the dialogue state and runs the flows, step by step.

Same state plus same commands (plus the same tool answers) give the same outcome:
conversations can be tested like code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from firstline.actions.base import ActionResult
from firstline.dialogue.outcome import TurnOutcome, TurnTools
from firstline.dialogue.state import DialogueState, Frame
from firstline.domain.commands import (
    AskKnowledge,
    CancelFlow,
    CannotHandle,
    Command,
    RejectSlot,
    RequestHandoff,
    Respond,
    SetSlot,
    SlotValue,
    SmallTalk,
    StartFlow,
)
from firstline.domain.conversation import ActionRecord
from firstline.domain.flows import Collect, Flow, Handoff, Jump, JumpUnless, LinkFlow, RunAction, Say
from firstline.domain.slot_constraints import Violation
from firstline.domain.utterance import Utterance

YES_NO_BUTTONS = ("button_yes", "button_no")
MAX_STEPS_PER_TURN = 50
"""A hard budget: a turn that needs more steps is handed to a person, never an endless loop."""
MISUNDERSTANDINGS_BEFORE_OFFER = 2
"""After this many misunderstandings in a row the agent offers a person."""
UNANSWERED_BEFORE_HANDOFF = 3
"""After this many real questions in a row without an answer it hands over on its own."""


def _order(command: Command) -> int:
    """Greetings first, then the flow's own business, then side questions, then a handoff."""
    if isinstance(command, Respond) and command.kind is SmallTalk.GREET:
        return 0
    if isinstance(command, CancelFlow):
        return 1
    if isinstance(command, (SetSlot, RejectSlot)):
        return 2
    if isinstance(command, StartFlow):
        return 4
    if isinstance(command, RequestHandoff):
        return 5
    return 3


class DialogueEngine:
    """Runs one turn of a conversation through the company's flows."""

    def __init__(
        self,
        flows: dict[str, Flow],
        *,
        max_steps: int = MAX_STEPS_PER_TURN,
        today: Callable[[], date] = date.today,
    ) -> None:
        """``today`` gives the company's date, for answers that must lie in the past or the future."""
        self._flows = flows
        self._max_steps = max_steps
        self._today = today

    async def run(self, state: DialogueState, commands: Sequence[Command], tools: TurnTools) -> TurnOutcome:
        """Apply ``commands`` to a copy of ``state``; run flows until they need the customer."""
        turn = _Turn(state.copy(), self._flows, tools, self._max_steps, self._today())
        turn.state.turns += 1
        turn.state.shop_question = None  # a follow-up continues only the turn right before it
        turn.state.knowledge_question = None
        for command in sorted(commands, key=_order):
            if turn.handoff_reason is not None:
                break
            await turn.apply(command)
        if turn.handoff_reason is None:
            await turn.continue_flows()
        if not turn.utterances:
            turn.say("fallback")
        return turn.outcome()

    async def resume(self, state: DialogueState, action: str, result: ActionResult, tools: TurnTools) -> TurnOutcome:
        """Continue the active flow after a person decided on an action it was waiting for."""
        turn = _Turn(state.copy(), self._flows, tools, self._max_steps, self._today())
        frame = turn.state.active
        turn.apply_action_result(frame, self._flows[frame.flow] if frame else None, action, result)
        if turn.handoff_reason is None:
            await turn.continue_flows()
        return turn.outcome()


_FOLLOW_UP_CONTEXT_CHARS = 500
"""Enough of the question before to carry its subject into a follow-up, never a whole pasted e-mail."""


class _Turn:
    """The working state of one turn."""

    def __init__(
        self, state: DialogueState, flows: dict[str, Flow], tools: TurnTools, max_steps: int, today: date
    ) -> None:
        self.state = state
        self.flows = flows
        self.tools = tools
        self.max_steps = max_steps
        self.today = today
        self.utterances: list[Utterance] = []
        self.actions: list[ActionRecord] = []
        self.flows_started: list[str] = []
        self.handoff_reason: str | None = None
        self.slots_set_now: set[str] = set()
        self.understood = False

    def outcome(self) -> TurnOutcome:
        waiting = self.awaiting()
        if self.utterances and (
            self.state.offer == "handoff" or (waiting is not None and waiting.slot_type == "yes_no")
        ):
            # A yes-or-no question gets the two answers as quick replies.
            self.utterances[-1] = dataclasses.replace(self.utterances[-1], buttons=YES_NO_BUTTONS)
        return TurnOutcome(
            state=self.state,
            utterances=tuple(self.utterances),
            actions=tuple(self.actions),
            flows_started=tuple(self.flows_started),
            handoff_reason=self.handoff_reason,
        )

    def say(self, template: str, **variables: Any) -> None:
        self.utterances.append(Utterance(template=template, variables={**self.state.slots, **variables}))

    def handoff(self, reason: str) -> None:
        self.handoff_reason = reason
        self.state.offer = None
        self.say("handoff", reason=reason)

    def awaiting(self) -> Collect | None:
        """The question the active flow put to the customer and is waiting on."""
        frame = self.state.active
        if frame is None or not frame.asked:
            return None
        step = self.flows[frame.flow].steps[frame.position]
        return step if isinstance(step, Collect) else None

    async def apply(self, command: Command) -> None:
        if not isinstance(command, CannotHandle):
            self.understood = True
        if isinstance(command, (SetSlot, StartFlow)):
            self.state.unanswered = 0
        if isinstance(command, SetSlot):
            self.set_slot(command.name, command.value)
        elif isinstance(command, RejectSlot):
            self.reject_slot(command.name)
        elif isinstance(command, StartFlow):
            self.start_flow(command.flow)
        elif isinstance(command, CancelFlow):
            self.cancel_flow()
        elif isinstance(command, AskKnowledge):
            await self.ask_knowledge(command)
        elif isinstance(command, Respond):
            self.respond(command.kind)
        elif isinstance(command, CannotHandle):
            self.cannot_handle(command.reason.value)
        elif isinstance(command, RequestHandoff):
            self.handoff(command.reason)
        if self.understood:
            self.state.misunderstandings = 0

    def set_slot(self, name: str, value: SlotValue) -> None:
        frame, waiting = self.state.active, self.awaiting()
        if frame is not None and waiting is not None and waiting.slot == name:
            violation = waiting.violation(value, self.state.slots, self.today)
            if violation is not None:
                # "Der Zählerstand muss mindestens 4711 sein": a value against the limits is a wrong answer.
                self.refuse(frame, waiting, violation)
                return
        previous = self.state.slots.get(name)
        self.state.slots[name] = value
        self.slots_set_now.add(name)
        if frame is None or (waiting is not None and waiting.slot == name):
            if frame is not None:
                frame.attempts, frame.asked = 0, False
            return
        flow = self.flows[frame.flow]
        index = flow.collect_index(name)
        if index is not None and index < frame.position and previous not in (None, value):
            corrected = flow.steps[index]
            violation = (
                corrected.violation(value, self.state.slots, self.today) if isinstance(corrected, Collect) else None
            )
            if isinstance(corrected, Collect) and violation is not None:
                # A correction against the limits: keep the earlier answer and say why.
                self.state.slots[name] = previous
                self.say(corrected.invalid, reason=violation.reason, **violation.variables)
                return
            # A correction: go back to just after that question and redo what depended on it.
            frame.position, frame.asked = index + 1, False
            self.say("correction_ack", slot=name, value=value, previous=previous)

    def reject_slot(self, name: str) -> None:
        frame, waiting = self.state.active, self.awaiting()
        if frame is None or waiting is None or waiting.slot != name:
            return
        self.refuse(frame, waiting, None)

    def refuse(self, frame: Frame, step: Collect, violation: Violation | None) -> None:
        """Count a wrong answer; say why (the limits it broke) and ask again, or hand over at the limit."""
        frame.attempts += 1
        if frame.attempts >= step.max_attempts:
            self.handoff("too_many_invalid_answers")
            return
        frame.asked = False
        why = {"reason": violation.reason, **violation.variables} if violation is not None else {}
        self.say(step.invalid, attempts_left=step.max_attempts - frame.attempts, **why)

    def start_flow(self, name: str) -> None:
        active = self.state.active
        if active is not None and active.flow == name:
            return
        if active is not None:
            active.interrupted = True
        for step in self.flows[name].collect_steps():
            if step.slot not in self.slots_set_now:
                self.state.slots.pop(step.slot, None)
        self.state.frames.append(Frame(flow=name))
        self.flows_started.append(name)

    def cancel_flow(self) -> None:
        self.state.offer = None
        if not self.state.frames:
            self.say("nothing_to_cancel")
            return
        frame = self.state.frames.pop()
        self.say("flow_cancelled", flow_title=self.flows[frame.flow].title)

    async def ask_knowledge(self, command: AskKnowledge) -> None:
        if command.shop is not None:
            facts = await self.tools.shop_facts(command.shop)
            if facts:
                # Computed from the pack's tables: the price for the country asked, not a sentence about another.
                self.state.unanswered = 0
                self.state.shop_question = command.shop.to_json()
                for fact in facts:
                    self.utterances.append(
                        Utterance(template=fact.template, variables=fact.variables, citation=fact.citation)
                    )
                return
        self.state.knowledge_question = command.question[:_FOLLOW_UP_CONTEXT_CHARS]
        found = await self.tools.answer(command.question)
        if found is not None:
            self.state.unanswered = 0
            self.utterances.append(Utterance(text=found.text, citation=found.citation))
            return
        if not command.fallback:
            # Only real questions we fail count towards a handover: garbled, empty or off-topic
            # input (spam, a 1 MB paste) must not land in a colleague's queue on its own.
            self.state.unanswered += 1
            if self.state.unanswered >= UNANSWERED_BEFORE_HANDOFF:
                self.handoff("repeated_misunderstanding")
                return
        self.understood = not command.fallback
        self.cannot_handle("out_of_scope" if command.fallback else "no_answer")

    def respond(self, kind: SmallTalk) -> None:
        offer, self.state.offer = self.state.offer, None
        if kind is SmallTalk.AFFIRM and offer == "handoff":
            self.handoff("customer_accepted_offer")
        elif kind is SmallTalk.DENY and offer is not None:
            self.say("offer_declined")
        elif kind in (SmallTalk.AFFIRM, SmallTalk.DENY):
            if self.awaiting() is None:
                self.say(f"{kind.value}_ack")
        else:
            self.say(kind.value)

    def cannot_handle(self, reason: str) -> None:
        self.state.misunderstandings += 1
        if reason in ("no_answer", "out_of_scope") or self.state.misunderstandings >= MISUNDERSTANDINGS_BEFORE_OFFER:
            self.state.offer = "handoff"
            self.say(reason, offer_handoff=True)
        else:
            self.say(reason, offer_handoff=False)

    async def continue_flows(self) -> None:
        for _ in range(self.max_steps):
            frame = self.state.active
            if frame is None or self.handoff_reason is not None:
                return
            flow = self.flows[frame.flow]
            if frame.position >= len(flow.steps):
                self.finish_frame()
                continue
            if await self.step(frame, flow):
                return
        self.handoff("step_budget_exceeded")

    def finish_frame(self) -> None:
        self.state.frames.pop()
        below = self.state.active
        if below is not None and below.interrupted:
            below.interrupted, below.asked = False, False
            self.say("resume_flow", flow_title=self.flows[below.flow].title)

    async def step(self, frame: Frame, flow: Flow) -> bool:
        """Run the step at the frame's position; True when the turn must wait for the customer."""
        step = flow.steps[frame.position]
        if isinstance(step, Collect):
            return self.collect(frame, flow, step)
        frame.position += 1
        if isinstance(step, RunAction) and step.check_only:
            await self.check_action(frame, flow, step.action)
        elif isinstance(step, RunAction):
            await self.run_action(frame, flow, step.action)
        elif isinstance(step, Say):
            self.say(step.template)
        elif isinstance(step, JumpUnless):
            if not all(condition.holds(self.state.slots) for condition in step.conditions):
                frame.position = step.target
        elif isinstance(step, Jump):
            frame.position = step.target
        elif isinstance(step, Handoff):
            self.handoff(step.reason)
            return True
        elif isinstance(step, LinkFlow):
            self.state.frames.pop()
            self.start_flow(step.flow)
        return False

    def collect(self, frame: Frame, flow: Flow, step: Collect) -> bool:
        """Ask the step's question unless its slot holds a valid value; True when the turn waits."""
        value = self.state.slots.get(step.slot)
        violation = None if value is None else step.violation(value, self.state.slots, self.today)
        if violation is not None:
            # Taken from an earlier message (or corrected) against the limits: not an answer after all.
            self.state.slots.pop(step.slot, None)
            self.refuse(frame, step, violation)
            return self.handoff_reason is not None
        if value is not None:
            frame.position, frame.attempts, frame.asked = frame.position + 1, 0, False
            return False
        if frame.asked and self.utterances and self.utterances[-1].template != step.invalid:
            self.say("back_to_flow", flow_title=flow.title)
        frame.asked = True
        self.say(step.ask)
        return True

    async def run_action(self, frame: Frame, flow: Flow, name: str) -> None:
        result = await self.tools.run_action(name, dict(self.state.slots))
        # A yes authorises one run: after a refused amount is asked again, the new one is confirmed anew.
        self.state.slots.pop(f"confirm_{name}", None)
        self.apply_action_result(frame, flow, name, result)

    async def check_action(self, frame: Frame, flow: Flow, name: str) -> None:
        """Before a confirmation question: a refusal is said now, not after the customer said yes."""
        result = await self.tools.check_action(name, dict(self.state.slots))
        self.state.slots[f"{name}_check"] = "allowed" if result is None else result.outcome
        if result is not None:
            self.apply_action_result(frame, flow, name, result)

    def apply_action_result(self, frame: Frame | None, flow: Flow | None, name: str, result: ActionResult) -> None:
        self.actions.append(ActionRecord(name=name, args=result.args, outcome=result.outcome, rule=result.rule))
        # Flows branch on this run's outcome, never on a slot left over from an earlier case.
        self.state.slots[f"{name}_outcome"] = result.outcome
        for slot, value in result.slots.items():
            if value is None:
                self.state.slots.pop(slot, None)
            else:
                self.state.slots[slot] = value
        for template in result.say:
            self.say(template)
        if result.handoff:
            # The action already told the customer what happens next (e.g. an approval request).
            self.handoff_reason, self.state.offer = result.handoff, None
            return
        if result.offer_handoff:
            self.state.offer = "handoff"
        if result.ask_again and frame is not None and flow is not None:
            for slot in result.ask_again:
                self.state.slots.pop(slot, None)
            positions = [flow.collect_index(slot) for slot in result.ask_again]
            frame.position = min(p for p in positions if p is not None)
            frame.asked = False
