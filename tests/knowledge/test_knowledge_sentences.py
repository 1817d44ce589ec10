"""Sentence splitting and sentence choice for extractive answers."""

from __future__ import annotations

from firstline.domain.language import Language
from firstline.knowledge.extract import extract_sentences
from firstline.knowledge.lexical import LexicalIndex
from firstline.knowledge.model import ArticleId, Passage
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


def passage(text: str) -> Passage:
    return Passage(article_id=ArticleId("a"), title="T", heading=(), text=text, language=Language.DE, source="de/a.md")


LONG = (
    "Voltaro liefert innerhalb Deutschlands mit DHL. Der Standardversand kostet 4,95 €. "
    "Ab einem Bestellwert von 50 € ist der Versand kostenlos. Expressversand kostet 9,95 €. "
    "Pakete nach Österreich kosten 9,90 €."
)


def test_extract_keeps_the_matching_sentences_in_text_order() -> None:
    index = LexicalIndex([LONG], Language.DE)
    sentences = extract_sentences(passage(LONG), "Was kostet der Expressversand?", index)
    assert "Expressversand kostet 9,95 €." in sentences
    assert 1 <= len(sentences) <= 3
    assert list(sentences) == sorted(sentences, key=LONG.index)


def test_extract_falls_back_to_the_opening_when_no_word_matches() -> None:
    index = LexicalIndex([LONG], Language.DE)
    sentences = extract_sentences(passage(LONG), "Wie teuer ist das Porto?", index)
    assert sentences == ("Voltaro liefert innerhalb Deutschlands mit DHL.", "Der Standardversand kostet 4,95 €.")


def test_a_tiny_passage_is_quoted_whole() -> None:
    text = "Die Hotline ist werktags erreichbar. Samstags bis 16 Uhr."
    index = LexicalIndex([text], Language.DE)
    assert extract_sentences(passage(text), "Hotline?", index) == (
        "Die Hotline ist werktags erreichbar.",
        "Samstags bis 16 Uhr.",
    )
