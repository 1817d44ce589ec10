"""The engine checks a question's limits when the answer arrives: a meter reading below the last one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from firstline.actions.base import ActionResult
from firstline.company.flow_compiler import compile_flow
from firstline.dialogue.engine import DialogueEngine
from firstline.dialogue.outcome import FoundAnswer, FoundFact, TurnOutcome
from firstline.dialogue.state import DialogueState
from firstline.domain.commands import SetSlot, StartFlow
from firstline.domain.shop_questions import ShopQuestion

METER_FLOW = """
name: meter_reading
steps:
  - action: lookup_meter
  - collect: reading
    type: integer
    min: {slot: last_reading}
    max: 999999
    max_attempts: 2
  - collect: read_on
    type: date
    when: not_future
    within_days: 14
  - if: {slot: reading, greater_than: {slot: last_reading}}
    then:
      - say: reading_saved
    else:
      - say: reading_unchanged
"""


class MeterTools:
    """The company's system: the last reading of the meter is 4711."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def run_action(self, name: str, slots: dict[str, Any]) -> ActionResult:
        self.calls.append(name)
        return ActionResult(outcome="done", slots={"last_reading": 4711})

    async def check_action(self, name: str, slots: dict[str, Any]) -> ActionResult | None:
        return None

    async def answer(self, question: str) -> FoundAnswer | None:
        return None

    async def shop_facts(self, question: ShopQuestion) -> tuple[FoundFact, ...]:
        return ()


ENGINE = DialogueEngine(
    {"meter_reading": compile_flow(YAML().load(METER_FLOW), Path("meter.yaml"))}, today=lambda: date(2026, 12, 6)
)


async def run(state: DialogueState, *commands: SetSlot | StartFlow) -> TurnOutcome:
    return await ENGINE.run(state, list(commands), MeterTools())


def said(outcome: TurnOutcome) -> list[str | None]:
    return [u.template for u in outcome.utterances]


@pytest.mark.anyio
async def test_a_reading_below_the_last_one_is_asked_again_with_the_minimum() -> None:
    asked = await run(DialogueState(), StartFlow("meter_reading"))
    assert said(asked) == ["ask_reading"] and asked.state.slots["last_reading"] == 4711
    lower = await run(asked.state, SetSlot("reading", "4700"))
    assert said(lower) == ["invalid_reading", "ask_reading"]
    refusal = lower.utterances[0].variables
    assert refusal["reason"] == "below_min" and refusal["min"] == 4711 and refusal["attempts_left"] == 1
    assert "reading" not in lower.state.slots
    accepted = await run(lower.state, SetSlot("reading", "4800"))
    assert said(accepted) == ["ask_read_on"] and accepted.state.slots["reading"] == "4800"


@pytest.mark.anyio
async def test_too_many_readings_against_the_limits_hand_over() -> None:
    asked = await run(DialogueState(), StartFlow("meter_reading"))
    once = await run(asked.state, SetSlot("reading", "1"))
    twice = await run(once.state, SetSlot("reading", "2"))
    assert twice.handoff_reason == "too_many_invalid_answers"


@pytest.mark.anyio
async def test_the_reading_date_may_not_lie_in_the_future_or_long_ago() -> None:
    asked = await run(DialogueState(), StartFlow("meter_reading"))
    dated = await run(asked.state, SetSlot("reading", "4711"))
    future = await run(dated.state, SetSlot("read_on", "2026-12-07"))
    assert said(future) == ["invalid_read_on", "ask_read_on"]
    assert future.utterances[0].variables["reason"] == "in_future"
    old = await run(future.state, SetSlot("read_on", "2026-11-01"))
    assert old.utterances[0].variables["earliest"] == "2026-11-22"
    done = await run(old.state, SetSlot("read_on", "2026-12-06"))
    assert said(done) == ["reading_unchanged"]  # 4711 is not greater than the last reading


@pytest.mark.anyio
async def test_a_value_from_the_opening_message_is_checked_when_its_question_comes() -> None:
    started = await run(DialogueState(), SetSlot("reading", "12"), StartFlow("meter_reading"))
    assert said(started) == ["invalid_reading", "ask_reading"]
    assert started.utterances[0].variables["min"] == 4711
    done = await run(started.state, SetSlot("reading", "5000"), SetSlot("read_on", "2026-12-05"))
    assert said(done) == ["reading_saved"]


@pytest.mark.anyio
async def test_a_correction_against_the_limits_keeps_the_earlier_answer() -> None:
    asked = await run(DialogueState(), StartFlow("meter_reading"))
    dated = await run(asked.state, SetSlot("reading", "5000"))
    corrected = await run(dated.state, SetSlot("reading", "10"))
    assert said(corrected)[0] == "invalid_reading" and said(corrected)[-1] == "ask_read_on"
    assert corrected.utterances[0].variables["reason"] == "below_min"
    assert corrected.state.slots["reading"] == "5000"
    fixed = await run(corrected.state, SetSlot("reading", "5100"))
    assert said(fixed) == ["correction_ack", "ask_read_on"] and fixed.state.slots["reading"] == "5100"
