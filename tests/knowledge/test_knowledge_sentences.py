"""Sentence splitting and sentence choice for extractive answers."""

from __future__ import annotations

from firstline.domain.language import Language
from firstline.knowledge.answer_types import wanted_answers
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


CONTACT_DE = (
    "Allgemeine Anfragen beantwortet der Kundenservice unter service@shop.example. "
    "Die Postanschrift lautet Shop GmbH, Hauptstraße 5, 01067 Dresden. "
    "Die Postanschrift ist keine Rücksendeadresse, Rücksendungen laufen über das Portal. "
    "Anfragen zum Datenschutz beantworten wir ebenfalls gern."
)
CONTACT_EN = (
    "Customer service answers general enquiries at service@shop.example. "
    "The postal address is Shop Ltd, Main Street 5, 01067 Dresden. "
    "The postal address is not a returns address; returns go through the portal. "
    "We are also happy to answer privacy requests."
)


def test_the_sentence_with_the_kind_of_answer_asked_for_is_quoted_in_german() -> None:
    index = LexicalIndex([CONTACT_DE], Language.DE)
    question = "Was ist eure E-Mail-Adresse?"
    sentences = extract_sentences(passage(CONTACT_DE), question, index, wanted_answers(question, index.analyzer))
    assert sentences[0].endswith("service@shop.example.")
    letter = "Wohin schicke ich einen Brief?"
    sentences = extract_sentences(passage(CONTACT_DE), letter, index, wanted_answers(letter, index.analyzer))
    assert any("Hauptstraße 5" in sentence for sentence in sentences)


def test_the_sentence_with_the_kind_of_answer_asked_for_is_quoted_in_english() -> None:
    index = LexicalIndex([CONTACT_EN], Language.EN)
    english = Passage(
        article_id=ArticleId("contact"), title="Contact", heading=(), text=CONTACT_EN, language=Language.EN, source="x"
    )
    question = "What's your email address?"
    sentences = extract_sentences(english, question, index, wanted_answers(question, index.analyzer))
    assert sentences[0].endswith("service@shop.example.")
    assert not any("postal address" in sentence for sentence in sentences)
