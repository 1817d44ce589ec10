"""A message that already answers a flow's questions fills each question with its own value."""

from __future__ import annotations

import dataclasses
from datetime import date

from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.commands import SetSlot, StartFlow
from firstline.domain.flows import Collect, Flow, SourceRef
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
