"""Validators that check a customer's answer to one question."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from firstline.domain.language import Language
from firstline.understanding.entities import (
    EntityPatterns,
    MoneyAmount,
    PostalCode,
    parse_customer_number,
    parse_date,
    parse_email,
    parse_money,
    parse_money_amount,
    parse_order_number,
    parse_phone,
    parse_postal_code,
    parse_quantity,
)

TODAY = date(2026, 11, 26)
DE, EN = Language.DE, Language.EN
HOSTILE = ["", "   ", "😀😀😀", "'; DROP TABLE orders; --", "<b>hi</b>", "\x00\xff" * 50, "x" * 100_000]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("100042", "100042"),
        ("100 042", "100042"),
        ("#100042.", "100042"),
        ("Meine Bestellnummer ist 100042", "100042"),
        ("order no. 100 042", "100042"),
        ("12345", None),
        ("1000420", None),
        ("0341 998870", None),  # a phone number ending in six digits
        ("100042 oder 100043", None),  # two numbers: ask again
        ("weiß ich nicht", None),
    ],
)
def test_parse_order_number(answer: str, expected: str | None) -> None:
    assert parse_order_number(answer, EntityPatterns()) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("K12345", "K12345"), ("k 12345", "K12345"), ("Kundennummer: K12345", "K12345"), ("12345", None)],
)
def test_parse_customer_number(answer: str, expected: str | None) -> None:
    assert parse_customer_number(answer, EntityPatterns()) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Max.Mustermann@Example.DE", "max.mustermann@example.de"),
        ("meine Mail ist max@example.com.", "max@example.com"),
        ("jürgen@müller.de", "jürgen@müller.de"),
        ("max@example", None),
        ("max at example dot com", None),
    ],
)
def test_parse_email(answer: str, expected: str | None) -> None:
    assert parse_email(answer) == expected


@pytest.mark.parametrize(
    ("answer", "country", "expected"),
    [
        ("0341 998870", "DE", "+49341998870"),
        ("+49 (0)341 99887-0", "DE", "+49341998870"),
        ("0043 1 9988770", "DE", "+4319988770"),
        ("01 9988770", "AT", "+4319988770"),
        ("meine Nummer: 0176 12345678", "DE", "+4917612345678"),
        ("12345", "DE", None),
        ("keine", "DE", None),
    ],
)
def test_parse_phone(answer: str, country: str, expected: str | None) -> None:
    assert parse_phone(answer, default_country=country) == expected


@pytest.mark.parametrize(
    ("answer", "country", "expected"),
    [
        ("04229", None, PostalCode(code="04229", country="DE")),
        ("04229 Leipzig", None, PostalCode(code="04229", country="DE")),
        ("PLZ 1010", None, PostalCode(code="1010", country=None)),
        ("1010 Wien", None, PostalCode(code="1010", country="AT")),
        ("8001 Zürich", None, PostalCode(code="8001", country="CH")),
        ("CH-8001", None, PostalCode(code="8001", country="CH")),
        ("1010", "AT", PostalCode(code="1010", country="AT")),
        ("04229", "AT", None),  # five digits are not Austrian
        ("1010", "DE", None),
        ("123", None, None),
        ("00123", None, None),
    ],
)
def test_parse_postal_code(answer: str, country: str | None, expected: PostalCode | None) -> None:
    assert parse_postal_code(answer, country) == expected


@pytest.mark.parametrize(
    ("language", "answer", "expected"),
    [
        (DE, "49,90", "49.90"),
        (DE, "49,90 €", "49.90"),
        (EN, "€49.90", "49.90"),
        (DE, "1.299,00 EUR", "1299.00"),
        (DE, "zwanzig", "20.00"),
        (DE, "etwa 30", "30.00"),
        (EN, "no idea", None),
        (EN, "between 20 and 30", None),
    ],
)
def test_parse_money(language: Language, answer: str, expected: str | None) -> None:
    assert parse_money(answer, language) == expected


def test_parse_money_amount_keeps_the_currency() -> None:
    assert parse_money_amount("CHF 30", DE) == MoneyAmount(amount=Decimal("30.00"), currency="CHF")
    assert parse_money_amount("30", DE) == MoneyAmount(amount=Decimal("30.00"), currency="EUR")


@pytest.mark.parametrize(
    ("language", "answer", "expected"),
    [
        (DE, "übermorgen", "2026-11-28"),
        (DE, "nächsten Dienstag", "2026-12-01"),
        (EN, "next Tuesday", "2026-12-01"),
        (DE, "12.12.2026", "2026-12-12"),
        (DE, "am 3.12.", "2026-12-03"),
        (EN, "7th Dec", "2026-12-07"),
        (EN, "2026/12/03", "2026-12-03"),
        (DE, "3-12-2026", "2026-12-03"),
        (DE, "weiß nicht", None),
        (DE, "100042", None),
        (DE, "0341", None),
        (DE, "am 3.12. oder am 5.12.", None),
    ],
)
def test_parse_date(language: Language, answer: str, expected: str | None) -> None:
    assert parse_date(answer, language, TODAY) == expected


@pytest.mark.parametrize(
    ("language", "answer", "expected"),
    [
        (DE, "3", "3"),
        (DE, "drei", "3"),
        (DE, "zwölf Stück", "12"),
        (EN, "twelve", "12"),
        (EN, "a dozen", "12"),
        (DE, "ein Dutzend", "12"),
        (DE, "2x", "2"),
        (EN, "999", "999"),
        (EN, "0", None),
        (EN, "-3", None),
        (EN, "1000", None),
        (DE, "2,5", None),
        (DE, "zwei oder drei", None),
        (EN, "some", None),
    ],
)
def test_parse_quantity(language: Language, answer: str, expected: str | None) -> None:
    assert parse_quantity(answer, language) == expected


@pytest.mark.parametrize("answer", HOSTILE)
def test_validators_reject_hostile_answers(answer: str) -> None:
    assert parse_order_number(answer, EntityPatterns()) is None
    assert parse_customer_number(answer, EntityPatterns()) is None
    assert parse_email(answer) is None
    assert parse_phone(answer) is None
    assert parse_postal_code(answer, None) is None
    assert parse_money(answer, DE) is None
    assert parse_date(answer, DE, TODAY) is None
    assert parse_quantity(answer, EN) is None
