"""A message that already answers a flow's questions fills each question with its own value."""

from __future__ import annotations

import dataclasses
import functools
from datetime import date

from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.commands import Command, RejectSlot, SetSlot, StartFlow
from firstline.domain.flows import Choice, Collect, Flow, SourceRef
from firstline.domain.language import Language
from firstline.understanding.embedded import DialogueContext, EmbeddedUnderstanding
from firstline.understanding.entities import EntityPatterns, extract_entities

SRC = SourceRef(path="meter.yaml", line=1)


def _ask(slot: str) -> Collect:
    # Both may come from the opening message: still, one date fills one of them.
    return Collect(
        slot=slot,
        slot_type="date",
        ask=f"ask_{slot}",
        invalid="invalid_date",
        max_attempts=3,
        source=SRC,
        from_opening=True,
    )


METER = Flow(
    name="meter_reading",
    title={"de": "Zählerstand", "en": "meter reading"},
    intents=(),
    steps=(_ask("birth_date"), _ask("reading_date")),
    source=SRC,
)


def test_one_date_fills_one_question_not_every_date_question() -> None:
    demo = load_company(demo_company_dir())
    company = dataclasses.replace(demo, flows={**demo.flows, "meter_reading": METER})
    understanding = EmbeddedUnderstanding(company, classifier=None, products=None)  # type: ignore[arg-type]
    text = "Ich bin am 3. März 1980 geboren und möchte meinen Zählerstand melden"
    today = date(2026, 12, 4)
    entities = extract_entities(text, language=Language.DE, today=today, patterns=EntityPatterns())
    context = DialogueContext(today=today)
    proposed = understanding._slots_from_entities(  # noqa: SLF001
        text, Language.DE, entities, [StartFlow("meter_reading")], context
    )
    assert proposed == [SetSlot("birth_date", "1980-03-03")]  # the reading date is still asked


def _step(slot: str, slot_type: str, **options: object) -> Collect:
    return Collect(
        slot=slot,
        slot_type=slot_type,
        ask=f"ask_{slot}",
        invalid=f"invalid_{slot}",
        max_attempts=3,
        source=SRC,
        **options,  # type: ignore[arg-type]
    )


READING = Flow(
    name="reading",
    title={"de": "Zählerstand", "en": "meter reading"},
    intents=(),
    steps=(
        _step("meter", "pattern", pattern=r"\b\d[A-Z]{3}\d{7,10}\b"),
        _step("birth_date", "date", from_opening=True),
        _step("reading", "integer", from_opening=True),
        _step("read_on", "date"),
        _step("energy", "enum", choices=(Choice(value="strom", synonyms=("Strom",)),)),
    ),
    source=SRC,
)


@functools.cache
def _understanding() -> EmbeddedUnderstanding:
    demo = load_company(demo_company_dir())
    company = dataclasses.replace(demo, flows={**demo.flows, "reading": READING})
    return EmbeddedUnderstanding(company, classifier=None, products=None)  # type: ignore[arg-type]


def _fill(text: str, commands: list[Command], context: DialogueContext) -> list[Command]:
    entities = extract_entities(text, language=Language.DE, today=context.today, patterns=EntityPatterns())
    return _understanding()._slots_from_entities(text, Language.DE, entities, commands, context)  # noqa: SLF001


def test_an_opening_message_fills_only_the_questions_that_allow_it() -> None:
    text = "Zählernummer 1ESY1234567, Stand 4711 Strom, ich bin am 3. März 1980 geboren"
    proposed = _fill(text, [StartFlow("reading")], DialogueContext(today=date(2026, 12, 4)))
    # The date is the birth date, not also the reading date; the enum waits for its own question.
    assert proposed == [
        SetSlot("meter", "1ESY1234567"),
        SetSlot("birth_date", "1980-03-03"),
        SetSlot("reading", "4711"),
    ]


def test_two_numbers_in_an_opening_fill_no_number_question() -> None:
    proposed = _fill("Stand 4711, vorher 4700", [StartFlow("reading")], DialogueContext(today=date(2026, 12, 4)))
    assert proposed == []


def test_the_answer_to_the_pending_question_fills_no_other() -> None:
    awaiting = READING.steps[2]
    assert isinstance(awaiting, Collect)
    context = DialogueContext(today=date(2026, 12, 4), awaiting=awaiting, active_flow="reading")
    assert _fill("4711", [SetSlot("reading", "4711")], context) == []
    # An answer that says more fills the other questions that allow it.
    meter = READING.steps[0]
    assert isinstance(meter, Collect)
    context = DialogueContext(today=date(2026, 12, 4), awaiting=meter, active_flow="reading")
    proposed = _fill("1ESY1234567, Stand 4711", [SetSlot("meter", "1ESY1234567")], context)
    assert proposed == [SetSlot("reading", "4711")]


def test_the_pending_question_takes_a_reading_with_its_unit() -> None:
    awaiting = READING.steps[2]
    assert isinstance(awaiting, Collect)
    context = DialogueContext(today=date(2026, 12, 4), awaiting=awaiting, active_flow="reading")
    read = _understanding()._answer_or_digression("ca. 4711 kWh", Language.DE, context, [])  # noqa: SLF001
    assert read == [SetSlot("reading", "4711")]
    choice = READING.steps[4]
    assert isinstance(choice, Collect)
    context = DialogueContext(today=date(2026, 12, 4), awaiting=choice, active_flow="reading")
    assert _understanding()._answer_or_digression("Strom", Language.DE, context, []) == [  # noqa: SLF001
        SetSlot("energy", "strom")
    ]
    assert _understanding()._answer_or_digression("Fernwärme", Language.DE, context, []) == [  # noqa: SLF001
        RejectSlot("energy")
    ]
