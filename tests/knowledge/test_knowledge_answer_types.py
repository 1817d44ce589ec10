"""The kind of answer a question asks for, and whether a sentence gives it (German and English)."""

from __future__ import annotations

import pytest

from firstline.domain.language import Language
from firstline.knowledge.analysis import Analyzer
from firstline.knowledge.answer_types import AnswerKind, Wanted, gives, wanted_answers

GERMAN = Analyzer(Language.DE)
ENGLISH = Analyzer(Language.EN)


def kinds(question: str, analyzer: Analyzer) -> set[AnswerKind]:
    return {wanted.kind for wanted in wanted_answers(question, analyzer)}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Unter welcher Mailadresse erreiche ich euch?", {AnswerKind.EMAIL}),
        ("E-Mail-Adresse vom Support?", {AnswerKind.EMAIL}),
        ("An welche Anschrift geht meine Post?", {AnswerKind.POSTAL_ADDRESS}),
        ("wie lang ist die rückgabefrist", {AnswerKind.DURATION}),
        ("Wie teuer ist die Lieferung per Spedition?", {AnswerKind.PRICE}),
        ("Welche Rufnummer hat die Hotline?", {AnswerKind.PHONE}),
        ("Kann ich die Lieferadresse noch ändern?", set()),
        ("Sind eure Preise inklusive Mehrwertsteuer?", set()),
    ],
)
def test_german_questions_ask_for_a_kind_of_answer(question: str, expected: set[AnswerKind]) -> None:
    assert kinds(question, GERMAN) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which email do I write to?", {AnswerKind.EMAIL}),
        ("What's your mailing address?", {AnswerKind.POSTAL_ADDRESS}),
        ("return period?", {AnswerKind.DURATION}),
        ("What's the fee for express delivery?", {AnswerKind.PRICE}),
        ("Can I call off my order?", set()),
        ("Are your prices including VAT?", set()),
    ],
)
def test_english_questions_ask_for_a_kind_of_answer(question: str, expected: set[AnswerKind]) -> None:
    assert kinds(question, ENGLISH) == expected


def test_a_count_names_its_noun_in_both_languages() -> None:
    assert Wanted(AnswerKind.COUNT, "filial") in wanted_answers("Wie viele Filialen habt ihr?", GERMAN)
    assert Wanted(AnswerKind.COUNT, "store") in wanted_answers("How many stores do you have?", ENGLISH)


def test_sentences_give_addresses_prices_and_durations() -> None:
    assert gives("Schreiben Sie an info@shop.example.", Wanted(AnswerKind.EMAIL), GERMAN)
    assert gives("Die Anschrift lautet Hauptstraße 5, 01067 Dresden.", Wanted(AnswerKind.POSTAL_ADDRESS), GERMAN)
    assert gives("Die Lieferung kostet 39,00 €.", Wanted(AnswerKind.PRICE), GERMAN)
    assert gives("Die Rücksendung ist kostenlos.", Wanted(AnswerKind.PRICE), GERMAN)
    assert gives("Die Montage ist ohne Aufpreis.", Wanted(AnswerKind.PRICE), GERMAN)
    assert gives("Prices include 19 % VAT.", Wanted(AnswerKind.PRICE), ENGLISH)
    assert gives("Sie haben dreißig Tage Zeit.", Wanted(AnswerKind.DURATION), GERMAN)
    assert gives("Call us on +49 30 1234567.", Wanted(AnswerKind.PHONE), ENGLISH)
    assert gives("You have a 30-day return period.", Wanted(AnswerKind.DURATION), ENGLISH)
    assert not gives("The period starts on the day of delivery.", Wanted(AnswerKind.DURATION), ENGLISH)
    assert not gives("Wir antworten per E-Mail.", Wanted(AnswerKind.EMAIL), GERMAN)


def test_a_count_needs_the_number_and_the_counted_noun() -> None:
    branches = Wanted(AnswerKind.COUNT, GERMAN.words("Filialen")[0].stem)
    assert gives("Wir haben 12 Filialen in Sachsen.", branches, GERMAN)
    assert not gives("Wir haben viele Kunden in 3 Ländern.", branches, GERMAN)
    # "einen" is the article here, not a number
    staff = Wanted(AnswerKind.COUNT, GERMAN.words("Mitarbeiter")[0].stem)
    assert not gives("Der Assistent übergibt an einen Mitarbeiter.", staff, GERMAN)
    vouchers = Wanted(AnswerKind.COUNT, ENGLISH.words("vouchers")[0].stem)
    assert gives("Exactly one voucher can be redeemed per order.", vouchers, ENGLISH)
    assert not gives("A voucher can be redeemed at checkout.", vouchers, ENGLISH)


def test_an_age_is_a_number_of_years() -> None:
    assert kinds("Wie alt muss ich sein?", GERMAN) == {AnswerKind.AGE}
    assert gives("Ein Kundenkonto können Sie ab 18 Jahren anlegen.", Wanted(AnswerKind.AGE), GERMAN)
    assert gives("You must be 18 years or older.", Wanted(AnswerKind.AGE), ENGLISH)
    assert not gives("Die Geschäftsführerin ist Dr. Jana Lindner.", Wanted(AnswerKind.AGE), GERMAN)


def test_a_rate_asked_for_must_be_named_with_a_number() -> None:
    from firstline.knowledge.answer_types import gives_any

    monthly = wanted_answers("Wie hoch ist der monatliche Grundpreis?", GERMAN)
    assert Wanted(AnswerKind.RATE, "month") in monthly
    assert gives_any("Der Grundpreis beträgt 11,50 € im Monat.", monthly, GERMAN)
    assert not gives_any("Ein Haushalt zahlt rund 960,50 € im Jahr (138,00 € Grundpreis).", monthly, GERMAN)
    assert not gives_any("Die Ersatzversorgung dauert höchstens drei Monate.", monthly, GERMAN)
    per_kwh = wanted_answers("What does district heating cost per kilowatt hour?", ENGLISH)
    assert {AnswerKind.PRICE, AnswerKind.RATE} <= {w.kind for w in per_kwh}
    assert gives_any("The unit price is 13.20 ct/kWh.", per_kwh, ENGLISH)
    assert not gives_any("The base price is €24.00 a month.", per_kwh, ENGLISH)
