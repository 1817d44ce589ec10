"""Sentence splitting for extractive answers."""

from __future__ import annotations

from firstline.domain.language import Language
from firstline.knowledge.sentences import split_sentences


def test_german_abbreviations_ordinals_and_prices_do_not_split() -> None:
    text = (
        "Der Versand kostet 4,95 €. Ab 50 € ist er frei, z. B. bei Bestellung Nr. 123456. "
        "Die Frist beträgt ca. 14 Tage. Ab dem 13. Monat gilt § 477 BGB. "
        "Das Gerät (z. B. ein Kühlschrank) wird abgeholt, d. h. Sie zahlen nichts."
    )
    assert split_sentences(text, Language.DE) == [
        "Der Versand kostet 4,95 €.",
        "Ab 50 € ist er frei, z. B. bei Bestellung Nr. 123456.",
        "Die Frist beträgt ca. 14 Tage.",
        "Ab dem 13. Monat gilt § 477 BGB.",
        "Das Gerät (z. B. ein Kühlschrank) wird abgeholt, d. h. Sie zahlen nichts.",
    ]


def test_sentences_end_at_question_and_exclamation_marks_and_lines() -> None:
    text = "Klassen A bis G. Die Skala gilt seit 2021! Wirklich? Ja.\nPunkt eins\nPunkt zwei."
    assert split_sentences(text, Language.DE) == [
        "Klassen A bis G.",
        "Die Skala gilt seit 2021!",
        "Wirklich?",
        "Ja.",
        "Punkt eins",
        "Punkt zwei.",
    ]


def test_english_abbreviations_do_not_split() -> None:
    text = "Shipping costs €4.95. Orders over €50, e.g. No. 5, ship free. Ask Dr. Lindner."
    assert split_sentences(text, Language.EN) == [
        "Shipping costs €4.95.",
        "Orders over €50, e.g. No. 5, ship free.",
        "Ask Dr. Lindner.",
    ]
