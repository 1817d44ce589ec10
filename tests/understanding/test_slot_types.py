"""Answers to typed questions: numbers, times, enums, patterns and IBANs in German and English."""

from __future__ import annotations

from datetime import date

import pytest

from firstline.domain.commands import SlotValue
from firstline.domain.flows import Choice, Collect, SourceRef
from firstline.domain.language import Language
from firstline.understanding.entities import EntityPatterns
from firstline.understanding.slot_values import parse_slot_value

SRC = SourceRef(path="flow.yaml", line=1)
ENERGY = (
    Choice(value="strom", synonyms=("strom", "Strom", "electricity", "power")),
    Choice(value="gas", synonyms=("gas", "Gas", "Erdgas")),
    Choice(value="muell", synonyms=("muell", "Müllabfuhr", "waste collection")),
)
METER = r"\b\d[A-Z]{3}\d{7,10}\b"


def answer(slot_type: str, text: str, language: Language = Language.DE) -> SlotValue | None:
    step = Collect(
        slot="s",
        slot_type=slot_type,
        ask="ask",
        invalid="invalid",
        max_attempts=3,
        source=SRC,
        choices=ENERGY if slot_type == "enum" else (),
        pattern=METER if slot_type == "pattern" else None,
    )
    return parse_slot_value(step, text, language=language, today=date(2026, 12, 6), patterns=EntityPatterns())


@pytest.mark.parametrize(
    ("text", "german", "english"),
    [
        ("4711", "4711", "4711"),
        ("ca. 4711 kWh", "4711", "4711"),
        ("4711kWh", "4711", "4711"),
        ("12.345", "12345", None),  # German thousands; in English twelve point three
        ("12,345", None, "12345"),
        ("12 345", "12345", "12345"),
        ("1.234.567", "1234567", "1234567"),
        ("12,5", None, None),
        ("-3", "-3", "-3"),
        ("zwölf", "12", None),
        ("twelve", None, "12"),
        ("Stand 12.345, Zähler 2", None, None),
        ("01.12.2026", None, None),
        ("1ESY1234567", None, None),
        ("", None, None),
        ("🙂🙂", None, None),
        ("9" * 40, None, None),
    ],
)
def test_integers(text: str, german: str | None, english: str | None) -> None:
    assert answer("integer", text, Language.DE) == german
    assert answer("integer", text, Language.EN) == english


@pytest.mark.parametrize(
    ("text", "german", "english"),
    [
        ("12,5", "12.5", "12.5"),
        ("12.5", "12.5", "12.5"),
        ("12,50 m³", "12.5", "12.5"),
        ("12.345", "12345", "12.345"),
        ("12,345.6", "12345.6", "12345.6"),
        ("12.345,6", "12345.6", "12345.6"),
        ("12.345.6", None, None),
        ("etwa 1.200", "1200", "1.2"),
        ("nichts", None, None),
    ],
)
def test_decimals(text: str, german: str | None, english: str | None) -> None:
    assert answer("decimal", text, Language.DE) == german
    assert answer("decimal", text, Language.EN) == english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", "14:30"),
        ("um 14 Uhr", "14:00"),
        ("14.30 Uhr", "14:30"),
        ("9 Uhr 15", "09:15"),
        ("2pm", "14:00"),
        ("2:30 pm", "14:30"),
        ("at 12 am", "00:00"),
        ("14", None),
        ("25:00", None),
        ("13 pm", None),
        ("14:30 oder 16:00", None),
        ("", None),
    ],
)
def test_times(text: str, expected: str | None) -> None:
    assert answer("time", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strom", "strom"),
        ("es geht um STROM bitte", "strom"),
        ("Erdgas", "gas"),
        ("electricity please", "strom"),
        ("Muellabfuhr", "muell"),
        ("die müllabfuhr", "muell"),
        ("waste   collection", "muell"),
        ("Stromzähler", None),  # whole words only
        ("Strom und Gas", None),  # two values: ask again
        ("Wasser", None),
        ("", None),
    ],
)
def test_enum_values_by_synonym(text: str, expected: str | None) -> None:
    assert answer("enum", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1ESY1234567", "1ESY1234567"),
        ("Meine Zählernummer ist 1esy1234567.", "1ESY1234567"),
        ("1ESY 1234 567", "1ESY1234567"),
        ("1ESY123", None),
        ("1ESY1234567 oder 1ESY7654321", None),
        ("", None),
    ],
)
def test_patterns(text: str, expected: str | None) -> None:
    assert answer("pattern", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("meine IBAN: de89370400440532013000, danke", "DE89370400440532013000"),
        ("AT61 1904 3002 3457 3201 bitte", "AT611904300234573201"),
        ("DE89 3704 0044 0532 0130 01", None),  # wrong check digits
        ("DE89", None),
        ("keine Ahnung", None),
        ("AB12 " * 5000, None),
    ],
)
def test_ibans(text: str, expected: str | None) -> None:
    assert answer("iban", text) == expected


def test_huge_input_is_read_quickly_and_refused() -> None:
    text = "1" * 30_000
    for slot_type in ("integer", "decimal", "time", "enum", "pattern", "iban"):
        assert answer(slot_type, text) is None
    assert answer("text", "  frei  ") == "frei"
