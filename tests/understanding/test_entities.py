"""Entity extraction from whole customer messages, German and English."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firstline.domain.language import Language
from firstline.understanding.entities import (
    Entity,
    EntityKind,
    EntityPatterns,
    extract_entities,
)

TODAY = date(2026, 11, 26)  # a Thursday
DE, EN = Language.DE, Language.EN
K = EntityKind


def extract(text: str, language: Language = DE, patterns: EntityPatterns | None = None) -> list[Entity]:
    """Extract with the test's fixed today."""
    if patterns is None:
        return extract_entities(text, language=language, today=TODAY)
    return extract_entities(text, language=language, today=TODAY, patterns=patterns)


def found(text: str, language: Language = DE) -> list[tuple[EntityKind, str]]:
    """Return (kind, value) for each entity, in text order."""
    return [(e.kind, e.value) for e in extract(text, language)]


def assert_well_formed(text: str, entities: list[Entity]) -> None:
    """Spans point into the text and never overlap."""
    previous_end = 0
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
        assert entity.start >= previous_end, f"{entity} overlaps its predecessor"
        previous_end = entity.end


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (DE, "Meine Bestellung Nr. 100042 ist nicht angekommen.", [(K.ORDER_NUMBER, "100042")]),
        (DE, "Bestellnummer: 100042", [(K.ORDER_NUMBER, "100042")]),
        (DE, "meine Bestellnummer ist 100 042", [(K.ORDER_NUMBER, "100042")]),
        (DE, "Auftrag #100042 bitte stornieren", [(K.ORDER_NUMBER, "100042")]),
        (EN, "order #100042 hasn't arrived", [(K.ORDER_NUMBER, "100042")]),
        (EN, "My order number is 100042.", [(K.ORDER_NUMBER, "100042")]),
        (EN, "Order no. 100 042 please", [(K.ORDER_NUMBER, "100042")]),
        (DE, "Kundennummer K12345", [(K.CUSTOMER_NUMBER, "K12345")]),
        (EN, "my customer number is k12345", [(K.CUSTOMER_NUMBER, "K12345")]),
        (DE, "Kundennummer K 12345, danke", [(K.CUSTOMER_NUMBER, "K12345")]),
    ],
)
def test_order_and_customer_numbers_are_found_inside_sentences(
    language: Language, text: str, expected: list[tuple[EntityKind, str]]
) -> None:
    assert found(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (DE, "Meine Mail: Max.Mustermann@Example.DE.", "max.mustermann@example.de"),
        (EN, "Reach me at (anna-lena@firma.co.uk), thanks", "anna-lena@firma.co.uk"),
        (EN, "write to john.doe+shop@gmail.com; I check it daily", "john.doe+shop@gmail.com"),
        (DE, "E-Mail:max@example.com!", "max@example.com"),
        (DE, "<kunde@voltaro.example>", "kunde@voltaro.example"),
    ],
)
def test_emails_are_found_next_to_punctuation_and_lower_cased(language: Language, text: str, expected: str) -> None:
    assert found(text, language) == [(K.EMAIL, expected)]


@pytest.mark.parametrize(
    ("language", "text", "value", "country"),
    [
        (DE, "Ruf mich an unter 0341 998870", "+49341998870", "DE"),
        (DE, "Telefon: +49 (0)341 99887-0", "+49341998870", "DE"),
        (EN, "call me on 0043 1 9988770 please", "+4319988770", "AT"),
        (EN, "my mobile is +41 44 668 18 00", "+41446681800", "CH"),
        (DE, "Handy 0176 12345678", "+4917612345678", "DE"),
        (DE, "Tel. 0341/998870", "+49341998870", "DE"),
    ],
)
def test_phone_numbers_are_normalised_to_e164_with_their_country(
    language: Language, text: str, value: str, country: str
) -> None:
    (entity,) = extract(text, language)
    assert (entity.kind, entity.value, entity.unit) == (K.PHONE, value, country)


@pytest.mark.parametrize(
    ("language", "text", "value", "country"),
    [
        (DE, "Ich wohne in 04229 Leipzig", "04229", "DE"),
        (DE, "PLZ 1010", "1010", None),  # Austria or Switzerland: cannot tell
        (DE, "8001 Zürich", "8001", "CH"),
        (DE, "Hauptstraße 1, 1010 Wien", "1010", "AT"),
        (EN, "my postcode is 10115", "10115", "DE"),
        (DE, "Lieferung nach CH-8001 Zürich", "8001", "CH"),
        (EN, "zip code: A-6020", "6020", "AT"),
    ],
)
def test_postal_codes_need_a_cue_a_prefix_or_a_place(
    language: Language, text: str, value: str, country: str | None
) -> None:
    (entity,) = extract(text, language)
    assert (entity.kind, entity.value, entity.unit) == (K.POSTAL_CODE, value, country)


@pytest.mark.parametrize(
    ("language", "text", "value", "currency"),
    [
        (DE, "Das kostet 49,90 €", "49.90", "EUR"),
        (EN, "It was €49.90", "49.90", "EUR"),
        (DE, "Ich habe 49 Euro bezahlt", "49.00", "EUR"),
        (DE, "Preis: 1.299,00 EUR", "1299.00", "EUR"),
        (DE, "Mehr als zwanzig Euro zahle ich nicht", "20.00", "EUR"),
        (DE, "Das Angebot war CHF 30", "30.00", "CHF"),
        (EN, "something under 600 euros", "600.00", "EUR"),
        (EN, "it cost $1,299.99", "1299.99", "USD"),
        (EN, "twenty-five pounds", "25.00", "GBP"),
        (DE, "Der Preis war Fr. 30.–", "30.00", "CHF"),
        (DE, "nur fünfzig Cent", "0.50", "EUR"),
        (DE, "Es kostet 49,- €", "49.00", "EUR"),
    ],
)
def test_money_is_a_decimal_string_with_a_currency(language: Language, text: str, value: str, currency: str) -> None:
    (entity,) = extract(text, language)
    assert (entity.kind, entity.value, entity.unit) == (K.MONEY, value, currency)


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        (DE, "Ich hätte gern 3 Stück", "3"),
        (DE, "ein Dutzend bitte", "12"),
        (EN, "I need a dozen", "12"),
        (EN, "send 2x please", "2"),
        (DE, "zwei Paar Socken", "2"),
        (EN, "three pieces", "3"),
        (EN, "half a dozen", "6"),
    ],
)
def test_quantities_need_a_unit_or_a_dozen(language: Language, text: str, value: str) -> None:
    assert found(text, language) == [(K.QUANTITY, value)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            DE,
            "Bestellung 100042 vom 3.12. über 49,90 € – bitte an max@example.de, PLZ 04229.",
            [
                (K.ORDER_NUMBER, "100042"),
                (K.DATE, "2026-12-03"),
                (K.MONEY, "49.90"),
                (K.EMAIL, "max@example.de"),
                (K.POSTAL_CODE, "04229"),
            ],
        ),
        (
            EN,
            "Hi, order #100042 (€1,299.00) was delivered yesterday to 8001 Zürich; call +41 44 668 18 00.",
            [
                (K.ORDER_NUMBER, "100042"),
                (K.MONEY, "1299.00"),
                (K.DATE, "2026-11-25"),
                (K.POSTAL_CODE, "8001"),
                (K.PHONE, "+41446681800"),
            ],
        ),
        (
            DE,
            "Kundennr. K12345: bitte 2 Stück übermorgen an 04229 Leipzig, Tel 0341 998870",
            [
                (K.CUSTOMER_NUMBER, "K12345"),
                (K.QUANTITY, "2"),
                (K.DATE, "2026-11-28"),
                (K.POSTAL_CODE, "04229"),
                (K.PHONE, "+49341998870"),
            ],
        ),
    ],
)
def test_a_message_with_many_entities_yields_each_once_in_text_order(
    language: Language, text: str, expected: list[tuple[EntityKind, str]]
) -> None:
    entities = extract(text, language)
    assert [(e.kind, e.value) for e in entities] == expected
    assert_well_formed(text, entities)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (DE, "Hallo, wie geht's?"),
        (EN, "Hi, how are you?"),
        (DE, "Guten Morgen!"),
        (EN, "May I have a refund?"),
        (EN, "Do you ship to Austria?"),
        (DE, "So, ich möchte das zurückgeben."),
        (DE, "Ich bin um 10 Uhr da"),
        (EN, "I have 3 questions"),
        (EN, "Version 1.2.3 of the app"),
        (EN, "my router is 192.168.1.1"),
        (DE, "Mo bis Fr geöffnet"),
        (EN, "now please, a second question"),
        (DE, "Seit 2019 bin ich Kunde"),
        (DE, "Der Föhn hat 1500 Watt"),
        (EN, "Thanks a lot!"),
    ],
)
def test_ordinary_sentences_contain_no_entities(language: Language, text: str) -> None:
    assert extract(text, language) == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Bestellung 100042", [K.ORDER_NUMBER]),
        ("04229 Leipzig", [K.POSTAL_CODE]),
        ("Ruf an: 0341 998870", [K.PHONE]),  # ends in six digits, still no order number
        ("Das kostet 12.10 €", [K.MONEY]),  # a price, not 12 October
        ("Kosten: 12.10 und 49.90", []),
        ("Bestellung 100042 über 100042 €", [K.ORDER_NUMBER, K.MONEY]),
        ("Bestellung 100042, PLZ 04229", [K.ORDER_NUMBER, K.POSTAL_CODE]),
        ("am 12.12.2026", [K.DATE]),  # a date, not a phone number
    ],
)
def test_numbers_get_their_most_specific_reading(text: str, kinds: list[EntityKind]) -> None:
    assert [e.kind for e in extract(text)] == kinds


def test_a_company_order_pattern_replaces_the_default() -> None:
    patterns = EntityPatterns(order_number=r"\bA-\d{4}\b", customer_number=r"\bC\d{3}\b")
    entities = extract("Order A-1234 for customer C123, not 100042", EN, patterns)
    assert [(e.kind, e.value) for e in entities] == [(K.ORDER_NUMBER, "A-1234"), (K.CUSTOMER_NUMBER, "C123")]


def test_countries_limit_postal_codes() -> None:
    germany_only = EntityPatterns(countries=("DE",))
    assert extract("8001 Zürich", DE, germany_only) == []
    assert [e.unit for e in extract("PLZ 1010", DE, EntityPatterns(countries=("DE", "AT")))] == ["AT"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "😀🎉🔥" * 50,
        "'; DROP TABLE orders; -- 100042",
        "<script>alert('x@y.de')</script><a href=\"mailto:a@b.de\">49,90 €</a>",
        "\x00\x01\x02\xff\xfe" * 100,
        "1" * 10_000,
        "@" * 10_000,
        "1.2.3.4.5.6.7.8.9" * 500,
        "€" * 5_000 + "9" * 5_000,
        "‮גשר 100042 مرحبا",
    ],
)
def test_hostile_input_never_breaks_extraction(text: str) -> None:
    entities = extract(text)
    assert_well_formed(text, entities)


def test_binary_garbage_of_a_megabyte_finishes_quickly() -> None:
    rng = random.Random(7)
    garbage = bytes(rng.getrandbits(8) for _ in range(1_000_000)).decode("latin-1")
    started = time.perf_counter()
    entities = extract(garbage)
    assert time.perf_counter() - started < 10
    assert_well_formed(garbage, entities)


def test_a_megabyte_of_real_sentences_finishes_and_reads_the_start() -> None:
    sentence = "Bestellung 100042 am 3.12. für 49,90 € an max@example.de, Tel 0341 998870. "
    text = sentence * (1_000_000 // len(sentence))
    started = time.perf_counter()
    entities = extract(text)
    assert time.perf_counter() - started < 10
    assert entities[:5] == extract(sentence)
    assert_well_formed(text, entities)


@pytest.mark.parametrize(
    "text",
    [
        "Bestellung 100042 am 3.12. für 49,90 € an max@example.de, Tel 0341 998870",
        "order 100042 next Tuesday, €49.90, 3 pieces, 04229 Leipzig, K12345",
        "Ich habe am 3-12-2026 bestellt, Nr 100042, 49,90 EUR",
    ],
)
def test_entities_never_overlap(text: str) -> None:
    assert_well_formed(text, extract(text))


_ENTITY_ALPHABET = st.sampled_from(
    list("0123456789 .,-/+#@€$£()KkAaDdEe")
    + ["Bestellung ", "order ", "PLZ ", "Euro", "CHF ", "morgen", "next ", "Dienstag", "vor ", "Tagen", "Stück"]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_ENTITY_ALPHABET, max_size=40).map("".join), st.sampled_from([DE, EN]))
def test_any_mix_of_entity_fragments_gives_well_formed_entities(text: str, language: Language) -> None:
    assert_well_formed(text, extract(text, language))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=200))
def test_any_text_gives_well_formed_entities(text: str) -> None:
    assert_well_formed(text, extract(text))
