"""The dialogue engine: slot filling, validation, correction, cancel, digression, budget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firstline.actions.base import ActionResult
from firstline.dialogue.engine import DialogueEngine
from firstline.dialogue.outcome import FoundAnswer, FoundFact, TurnOutcome
from firstline.dialogue.state import DialogueState, Frame
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
from firstline.domain.conversation import Citation
from firstline.domain.flows import Collect, Condition, Flow, Jump, JumpUnless, RunAction, Say, SourceRef
from firstline.domain.shop_questions import ShopQuestion, ShopTopic

SRC = SourceRef(path="test.yaml", line=1)


def collect(slot: str, attempts: int = 3) -> Collect:
    return Collect(
        slot=slot, slot_type="text", ask=f"ask_{slot}", invalid=f"invalid_{slot}", max_attempts=attempts, source=SRC
    )


ORDER = Flow(
    name="order",
    title={"de": "Bestellung", "en": "order"},
    intents=("order",),
    source=SRC,
    steps=(
        collect("number"),
        collect("email"),
        RunAction(action="check", source=SRC),
        JumpUnless(conditions=(Condition(slot="ok", operator="equals", value=True),), target=5, source=SRC),
        Say(template="report", source=SRC),
    ),
)
SIDE = Flow(
    name="side",
    title={"de": "Neben", "en": "side"},
    intents=("side",),
    source=SRC,
    steps=(collect("topic"), Say(template="side_done", source=SRC)),
)
LOOP = Flow(
    name="loop",
    title={"de": "Schleife", "en": "loop"},
    intents=(),
    source=SRC,
    steps=(Say(template="again", source=SRC), Jump(target=0, source=SRC)),
)


class FakeTools:
    """Actions and knowledge answers scripted by the test."""

    def __init__(self, *, check_ok: bool = True, knows: bool = True, computes: bool = True) -> None:
        self.check_ok = check_ok
        self.knows = knows
        self.computes = computes
        self.calls: list[str] = []

    async def run_action(self, name: str, slots: dict[str, Any]) -> ActionResult:
        self.calls.append(name)
        return ActionResult(
            outcome="done" if self.check_ok else "failed",
            slots={"ok": self.check_ok},
            args={"number": slots.get("number")},
        )

    async def answer(self, question: str) -> FoundAnswer | None:
        if not self.knows:
            return None
        return FoundAnswer(text=f"answer to {question}", citation=Citation(article_id="a", title="A", source="a.md"))

    async def shop_facts(self, question: ShopQuestion) -> tuple[FoundFact, ...]:
        if not self.computes:
            return ()
        citation = Citation(article_id="shipping", title="Shipping", source="shipping.md")
        return tuple(FoundFact(template=f"fact_{t.value}", variables={}, citation=citation) for t in question.topics)


ENGINE = DialogueEngine({"order": ORDER, "side": SIDE, "loop": LOOP})


async def turn(state: DialogueState, *commands: Command, tools: FakeTools | None = None) -> TurnOutcome:
    return await ENGINE.run(state, list(commands), tools or FakeTools())


def templates(outcome: TurnOutcome) -> list[str | None]:
    return [u.template for u in outcome.utterances]


@pytest.mark.anyio
async def test_flow_asks_for_each_slot_then_runs_action_and_reports() -> None:
    out = await turn(DialogueState(), StartFlow("order"))
    assert templates(out) == ["ask_number"] and out.flows_started == ("order",)
    out = await turn(out.state, SetSlot("number", "100042"))
    assert templates(out) == ["ask_email"]
    tools = FakeTools()
    out = await turn(out.state, SetSlot("email", "a@b.de"), tools=tools)
    assert tools.calls == ["check"]
    assert templates(out) == ["report"] and out.state.active is None
    assert [(a.name, a.outcome) for a in out.actions] == [("check", "done")]


@pytest.mark.anyio
async def test_slots_given_up_front_are_not_asked_again() -> None:
    out = await turn(DialogueState(), StartFlow("order"), SetSlot("number", "100042"))
    assert templates(out) == ["ask_email"]


@pytest.mark.anyio
async def test_condition_false_skips_the_report() -> None:
    state = (await turn(DialogueState(), StartFlow("order"), SetSlot("number", "1"))).state
    out = await turn(state, SetSlot("email", "x@y.de"), tools=FakeTools(check_ok=False))
    assert "report" not in templates(out)


@pytest.mark.anyio
async def test_invalid_answer_reprompts_and_too_many_hand_over() -> None:
    state = (await turn(DialogueState(), StartFlow("order"))).state
    out = await turn(state, RejectSlot("number"))
    assert templates(out) == ["invalid_number", "ask_number"]
    out = await turn(out.state, RejectSlot("number"))
    out = await turn(out.state, RejectSlot("number"))
    assert out.handoff_reason == "too_many_invalid_answers"
    assert templates(out)[-1] == "handoff"


@pytest.mark.anyio
async def test_correction_of_an_earlier_answer_reruns_what_follows() -> None:
    state = (await turn(DialogueState(), StartFlow("order"), SetSlot("number", "1"))).state
    assert state.active is not None and state.active.position == 1
    out = await turn(state, SetSlot("number", "2"))
    assert out.state.slots["number"] == "2"
    assert templates(out) == ["correction_ack", "ask_email"]


@pytest.mark.anyio
async def test_cancel_stops_the_flow() -> None:
    state = (await turn(DialogueState(), StartFlow("order"))).state
    out = await turn(state, CancelFlow())
    assert out.state.active is None and templates(out) == ["flow_cancelled"]
    out = await turn(out.state, CancelFlow())
    assert templates(out) == ["nothing_to_cancel"]


@pytest.mark.anyio
async def test_side_question_is_answered_and_the_question_asked_again() -> None:
    state = (await turn(DialogueState(), StartFlow("order"))).state
    out = await turn(state, AskKnowledge("Versandkosten?"))
    assert out.utterances[0].text == "answer to Versandkosten?"
    assert templates(out)[1:] == ["back_to_flow", "ask_number"]
    assert out.state.active is not None and out.state.active.flow == "order"


@pytest.mark.anyio
async def test_second_flow_on_top_resumes_the_first() -> None:
    state = (await turn(DialogueState(), StartFlow("order"))).state
    out = await turn(state, StartFlow("side"))
    assert templates(out) == ["ask_topic"] and [f.flow for f in out.state.frames] == ["order", "side"]
    out = await turn(out.state, SetSlot("topic", "x"))
    assert templates(out) == ["side_done", "resume_flow", "ask_number"]


@pytest.mark.anyio
async def test_unknown_answer_offers_a_person_and_yes_hands_over() -> None:
    out = await turn(DialogueState(), AskKnowledge("?"), tools=FakeTools(knows=False))
    assert templates(out) == ["no_answer"] and out.state.offer == "handoff"
    out = await turn(out.state, Respond(SmallTalk.AFFIRM))
    assert out.handoff_reason == "customer_accepted_offer"


@pytest.mark.anyio
async def test_declining_the_offer_keeps_the_bot() -> None:
    out = await turn(DialogueState(), AskKnowledge("?"), tools=FakeTools(knows=False))
    out = await turn(out.state, Respond(SmallTalk.DENY))
    assert templates(out) == ["offer_declined"] and out.handoff_reason is None


@pytest.mark.anyio
async def test_repeated_misunderstanding_offers_a_person() -> None:
    out = await turn(DialogueState(), CannotHandle(CannotHandleReason.GIBBERISH))
    assert out.utterances[0].variables["offer_handoff"] is False
    out = await turn(out.state, CannotHandle(CannotHandleReason.GIBBERISH))
    assert out.utterances[0].variables["offer_handoff"] is True and out.state.offer == "handoff"


@pytest.mark.anyio
async def test_handoff_request_stops_everything_else() -> None:
    out = await turn(DialogueState(), StartFlow("order"), RequestHandoff("customer_request"))
    assert out.handoff_reason == "customer_request"
    assert templates(out)[-1] == "handoff"


@pytest.mark.anyio
async def test_endless_flow_hits_the_step_budget_and_hands_over() -> None:
    state = DialogueState(frames=[Frame(flow="loop")])
    out = await turn(state)
    assert out.handoff_reason == "step_budget_exceeded"


@pytest.mark.anyio
async def test_the_given_state_is_never_changed() -> None:
    state = DialogueState()
    await turn(state, StartFlow("order"), SetSlot("number", "1"))
    assert state == DialogueState()


@pytest.mark.anyio
async def test_state_survives_json_round_trip() -> None:
    out = await turn(DialogueState(), StartFlow("order"), SetSlot("number", "1"))
    assert DialogueState.from_json(out.state.to_json()) == out.state


COMMANDS = st.one_of(
    st.sampled_from(["order", "side"]).map(StartFlow),
    st.tuples(st.sampled_from(["number", "email", "topic"]), st.text(max_size=5)).map(lambda t: SetSlot(*t)),
    st.sampled_from(["number", "email", "topic"]).map(RejectSlot),
    st.just(CancelFlow()),
    st.sampled_from(list(SmallTalk)).map(Respond),
    st.sampled_from(list(CannotHandleReason)).map(CannotHandle),
    st.text(max_size=10).map(AskKnowledge),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(COMMANDS, max_size=4), max_size=8))
def test_any_command_sequence_keeps_a_valid_state(turns: list[list[Command]]) -> None:
    import anyio

    async def run() -> None:
        state = DialogueState()
        for commands in turns:
            out = await ENGINE.run(state, commands, FakeTools())
            assert out.utterances, "every turn says something"
            for frame in out.state.frames:
                assert 0 <= frame.position <= len(ENGINE._flows[frame.flow].steps)
            state = out.state
            if out.handoff_reason:
                break

    anyio.run(run)


class ApprovalTools(FakeTools):
    """The action needs a supervisor's approval the first time."""

    async def run_action(self, name: str, slots: dict[str, Any]) -> ActionResult:
        self.calls.append(name)
        return ActionResult(
            outcome="pending_approval", say=("approval_requested",), handoff="approval_required", rule="limit"
        )


@pytest.mark.anyio
async def test_an_action_waiting_for_approval_hands_over_and_resumes_after_the_decision() -> None:
    state = (await turn(DialogueState(), StartFlow("order"), SetSlot("number", "1"))).state
    out = await turn(state, SetSlot("email", "x@y.de"), tools=ApprovalTools())
    assert out.handoff_reason == "approval_required"
    assert templates(out) == ["approval_requested"]  # the action's own text, not the generic handoff
    assert out.state.slots["check_outcome"] == "pending_approval"
    assert [(a.name, a.outcome, a.rule) for a in out.actions] == [("check", "pending_approval", "limit")]

    approved = ActionResult(outcome="done", slots={"ok": True}, say=("approval_granted",))
    resumed = await ENGINE.resume(out.state, "check", approved, FakeTools())
    assert templates(resumed) == ["approval_granted", "report"]
    assert resumed.state.slots["check_outcome"] == "done" and resumed.state.active is None
    assert resumed.handoff_reason is None


@pytest.mark.anyio
async def test_a_refusal_by_rule_offers_a_persons_review() -> None:
    class Refusing(FakeTools):
        async def run_action(self, name: str, slots: dict[str, Any]) -> ActionResult:
            return ActionResult(outcome="denied", say=("rule_reason", "rule_review_offer"), offer_handoff=True)

    state = (await turn(DialogueState(), StartFlow("order"), SetSlot("number", "1"))).state
    out = await turn(state, SetSlot("email", "x@y.de"), tools=Refusing())
    assert templates(out) == ["rule_reason", "rule_review_offer"] and out.state.offer == "handoff"
    accepted = await turn(out.state, Respond(SmallTalk.AFFIRM))
    assert accepted.handoff_reason == "customer_accepted_offer"


@pytest.mark.anyio
async def test_repeated_misunderstanding_hands_over_on_its_own() -> None:
    state = DialogueState()
    reasons = []
    for _ in range(3):
        out = await turn(state, AskKnowledge("what?"), tools=FakeTools(knows=False))
        state = out.state
        reasons.append(out.handoff_reason)
    assert reasons == [None, None, "repeated_misunderstanding"]


@pytest.mark.anyio
@pytest.mark.parametrize(
    "command", [CannotHandle(CannotHandleReason.GIBBERISH), AskKnowledge("xxxxxxxx", fallback=True)]
)
async def test_garbled_or_off_topic_input_alone_never_hands_over(command: Command) -> None:
    state = DialogueState()
    for _ in range(6):
        out = await turn(state, command, tools=FakeTools(knows=False))
        state = out.state
        assert out.handoff_reason is None


SHIPPING_TO_AUSTRIA = ShopQuestion(topics=(ShopTopic.SHIPPING_COST, ShopTopic.DELIVERY_TIME), countries=("AT",))


@pytest.mark.anyio
async def test_a_shop_question_is_answered_from_the_data_point_by_point_and_remembered() -> None:
    outcome = await turn(DialogueState(), AskKnowledge("Versand nach Wien?", shop=SHIPPING_TO_AUSTRIA))
    assert templates(outcome) == ["fact_shipping_cost", "fact_delivery_time"]
    assert all(u.citation is not None and u.citation.article_id == "shipping" for u in outcome.utterances)
    assert ShopQuestion.from_json(outcome.state.shop_question) == SHIPPING_TO_AUSTRIA
    later = await turn(outcome.state, Respond(SmallTalk.THANKS))
    assert later.state.shop_question is None  # a follow-up continues only the turn right before


@pytest.mark.anyio
async def test_a_shop_question_the_data_cannot_answer_falls_back_to_the_knowledge() -> None:
    outcome = await turn(
        DialogueState(), AskKnowledge("Zoll?", shop=SHIPPING_TO_AUSTRIA), tools=FakeTools(computes=False)
    )
    assert [u.text for u in outcome.utterances] == ["answer to Zoll?"]
    assert outcome.state.shop_question is None


def _confirmed_flow() -> Flow:
    from ruamel.yaml import YAML

    from firstline.company.flow_compiler import compile_flow

    text = (
        "name: cancel\nsteps:\n  - collect: number\n    type: order_number\n  - action: cancel_order\n  - say: done\n"
    )
    return compile_flow(YAML().load(text), Path("cancel.yaml"), confirm_before=frozenset({"cancel_order"}))


class CheckingTools(FakeTools):
    """Scripted rules: ``refuse`` makes the check say no."""

    def __init__(self, *, refuse: bool = False) -> None:
        super().__init__()
        self.refuse = refuse

    async def check_action(self, name: str, slots: dict[str, Any]) -> ActionResult | None:
        self.calls.append(f"check:{name}")
        return ActionResult(outcome="denied", say=("rule_no",)) if self.refuse else None


@pytest.mark.anyio
async def test_a_confirmed_action_runs_only_after_yes() -> None:
    engine = DialogueEngine({"cancel": _confirmed_flow()})
    tools = CheckingTools()
    asked = await engine.run(DialogueState(), [StartFlow("cancel"), SetSlot("number", "100042")], tools)
    assert templates(asked)[-1] == "confirm_cancel_order" and tools.calls == ["check:cancel_order"]
    done = await engine.run(asked.state, [SetSlot("confirm_cancel_order", "yes")], tools)
    assert tools.calls == ["check:cancel_order", "cancel_order"] and "done" in templates(done)


@pytest.mark.anyio
async def test_no_runs_nothing_and_a_refusal_asks_nothing() -> None:
    engine = DialogueEngine({"cancel": _confirmed_flow()})
    tools = CheckingTools()
    asked = await engine.run(DialogueState(), [StartFlow("cancel"), SetSlot("number", "100042")], tools)
    declined = await engine.run(asked.state, [SetSlot("confirm_cancel_order", "no")], tools)
    assert "cancel_order" not in tools.calls and "action_not_confirmed" in templates(declined)
    refusing = CheckingTools(refuse=True)
    refused = await engine.run(DialogueState(), [StartFlow("cancel"), SetSlot("number", "100042")], refusing)
    assert "rule_no" in templates(refused) and "confirm_cancel_order" not in templates(refused)
    assert refusing.calls == ["check:cancel_order"]
