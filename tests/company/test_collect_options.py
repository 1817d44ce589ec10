"""Collect options in flow YAML: types with limits, choices, patterns; bad options name file and line."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from firstline.company.flow_compiler import compile_flow
from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.flows import Choice, Collect, Flow, JumpUnless
from firstline.domain.slot_constraints import DateWhen, SlotRef
from firstline.errors import CompanyPackError

PATTERNS = {"order_number": r"\b\d{6}\b", "meter_number": r"\b\d[A-Z]{3}\d{7,10}\b"}


def flow(steps: str) -> Flow:
    text = "name: meter\nsteps:\n" + steps
    return compile_flow(YAML().load(text), Path("meter.yaml"), patterns=PATTERNS)


def first(steps: str) -> Collect:
    step = flow(steps).steps[0]
    assert isinstance(step, Collect)
    return step


def fails(steps: str) -> CompanyPackError:
    with pytest.raises(CompanyPackError) as caught:
        flow(steps)
    assert caught.value.path == Path("meter.yaml")
    return caught.value


def test_a_reading_at_least_the_last_one() -> None:
    step = first("  - collect: reading\n    type: integer\n    min: {slot: last_reading}\n    max: 999999\n")
    assert step.constraints.minimum == SlotRef("last_reading")
    assert step.constraints.maximum == Decimal(999999)
    assert step.fills_from_other_messages is False


def test_a_date_in_the_past_within_a_fortnight() -> None:
    step = first("  - collect: read_on\n    type: date\n    when: not_future\n    within_days: 14\n")
    assert step.constraints.when is DateWhen.NOT_FUTURE and step.constraints.within_days == 14
    bounded = first("  - collect: move_in\n    type: date\n    min: 2026-01-01\n    max: '2027-12-31'\n")
    assert bounded.constraints.minimum == date(2026, 1, 1) and bounded.constraints.maximum == date(2027, 12, 31)


def test_an_enum_maps_synonyms_to_its_values() -> None:
    step = first(
        "  - collect: energy\n    type: enum\n"
        "    values: {strom: [Strom, electricity, power], gas: [Gas], wasser: Wasser}\n"
    )
    assert step.choices == (
        Choice(value="strom", synonyms=("strom", "Strom", "electricity", "power")),
        Choice(value="gas", synonyms=("gas", "Gas")),
        Choice(value="wasser", synonyms=("wasser", "Wasser")),
    )
    listed = first("  - collect: energy\n    type: enum\n    values: [strom, gas]\n")
    assert [c.value for c in listed.choices] == ["strom", "gas"]


def test_a_pattern_by_name_or_inline_and_from_opening() -> None:
    named = first("  - collect: meter\n    type: pattern\n    pattern: meter_number\n")
    assert named.pattern == PATTERNS["meter_number"] and named.fills_from_other_messages is True
    inline = first("  - collect: contract\n    type: pattern\n    pattern: 'V\\d{8}'\n    from_opening: false\n")
    assert inline.pattern == r"V\d{8}" and inline.fills_from_other_messages is False


def test_text_with_max_length() -> None:
    assert first("  - collect: note\n    type: text\n    max_length: 500\n").constraints.max_length == 500


@pytest.mark.parametrize(
    ("steps", "line", "message"),
    [
        ("  - collect: r\n    type: integer\n    min: lots\n", 3, "'min' must be a number"),
        ("  - collect: r\n    type: integer\n    min: true\n", 3, "'min' must be a number"),
        ("  - collect: r\n    type: integer\n    min: 10\n    max: 5\n", 3, "'min' is larger than 'max'"),
        ("  - collect: r\n    type: integer\n    min: {slots: x}\n", 3, "{slot: name}"),
        ("  - collect: r\n    type: text\n    min: 3\n", 3, "'min' does not go with type 'text'"),
        ("  - collect: d\n    type: date\n    when: yesterday\n", 3, "'when' must be one of"),
        ("  - collect: d\n    type: date\n    min: 31.12.2026\n", 3, "a date like"),
        ("  - collect: d\n    type: date\n    within_days: -1\n", 3, "'within_days' must be a whole number"),
        ("  - collect: d\n    type: integer\n    when: past\n", 3, "does not go with type 'integer'"),
        ("  - collect: e\n    type: enum\n", 1, "an enum needs 'values'"),
        ("  - collect: e\n    type: enum\n    values: {a: [1]}\n", 3, "synonyms of 'a'"),
        ("  - collect: e\n    type: enum\n    values: {a: [Gas], b: [gas]}\n", 3, "names both 'a' and 'b'"),
        ("  - collect: p\n    type: pattern\n", 1, "needs 'pattern'"),
        ("  - collect: p\n    type: pattern\n    pattern: meter_nummer\n", 3, "unknown pattern 'meter_nummer'"),
        ("  - collect: p\n    type: pattern\n    pattern: '[A-'\n", 3, "not a valid regular expression"),
        ("  - collect: t\n    type: text\n    max_length: 0\n", 3, "'max_length' must be"),
        ("  - collect: t\n    type: text\n    from_opening: yes please\n", 3, "'from_opening' must be true or false"),
        ("  - collect: t\n    type: integr\n", 2, "unknown slot type 'integr'"),
    ],
)
def test_bad_collect_options_name_the_line(steps: str, line: int, message: str) -> None:
    error = fails(steps)
    assert error.line == line + 2  # after "name:" and "steps:"
    assert message in str(error)


def test_comparison_conditions_compile() -> None:
    compiled = flow(
        "  - collect: reading\n    type: integer\n"
        "  - if: {slot: reading, at_least: {slot: last_reading}}\n    then:\n      - say: thanks\n"
        "  - if: [{slot: reading, less_than: 100000}, {slot: reading, greater_than: 0.5}]\n"
        "    then:\n      - say: plausible\n"
    )
    jumps = [s for s in compiled.steps if isinstance(s, JumpUnless)]
    assert jumps[0].conditions[0].value == SlotRef("last_reading")
    assert [c.value for c in jumps[1].conditions] == [Decimal(100000), Decimal("0.5")]


def test_a_comparison_with_a_word_names_the_line() -> None:
    error = fails("  - collect: r\n    type: integer\n  - if: {slot: r, at_least: many}\n    then:\n      - say: x\n")
    assert error.line == 5 and "'at_least' needs a number" in str(error)


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(demo_company_dir(), target)
    return target


def test_company_yaml_names_extra_patterns_for_pattern_questions(pack: Path) -> None:
    config = pack / "company.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("patterns:\n", "patterns:\n  meter_number: '\\b\\d[A-Z]{3}\\d{7,10}\\b'\n"))
    (pack / "flows" / "meter.yaml").write_text(
        "name: meter\nsteps:\n  - collect: meter\n    type: pattern\n    pattern: meter_number\n"
        "    ask: ask_order_number\n    invalid: invalid_order_number\n",
        encoding="utf-8",
    )
    company = load_company(pack)
    assert company.config.patterns.extra() == {"meter_number": r"\b\d[A-Z]{3}\d{7,10}\b"}
    step = company.flows["meter"].steps[0]
    assert isinstance(step, Collect) and step.pattern == r"\b\d[A-Z]{3}\d{7,10}\b"


def test_a_broken_extra_pattern_names_its_line(pack: Path) -> None:
    config = pack / "company.yaml"
    text = config.read_text(encoding="utf-8").replace("patterns:\n", "patterns:\n  meter_number: '[0-9'\n")
    config.write_text(text, encoding="utf-8")
    with pytest.raises(CompanyPackError) as caught:
        load_company(pack)
    assert caught.value.line == next(i for i, row in enumerate(text.splitlines(), 1) if "meter_number" in row)
    assert "not a valid regular expression" in str(caught.value)
