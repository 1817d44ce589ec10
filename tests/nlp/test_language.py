"""German or English: long texts by py3langid, short ones by a model trained on the pack."""

from __future__ import annotations

import pytest

from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.language import Language
from firstline.nlp.language import LanguageDetector


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    company = load_company(demo_company_dir())
    return LanguageDetector(
        {lang: [t for ts in intents.values() for t in ts] for lang, intents in company.intents.items()}
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wo ist meine Bestellung?", Language.DE),
        ("Where is my order?", Language.EN),
        ("How much is shipping to Austria?", Language.EN),
        ("Kann ich auf Rechnung bezahlen?", Language.DE),
        ("Tschüss", Language.DE),
        ("Rücksendung", Language.DE),
    ],
)
def test_clear_messages_switch_language(detector: LanguageDetector, text: str, language: Language) -> None:
    other = Language.EN if language is Language.DE else Language.DE
    assert detector.detect(text, fallback=other) is language


@pytest.mark.parametrize(
    "text", ["ok", "100042", "👍", "", "felix@example.de", "reto.brunner@example.ch", "https://www.example.com/help"]
)
def test_messages_without_language_keep_the_conversation_language(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text, fallback=Language.EN) is Language.EN
    assert detector.detect(text, fallback=Language.DE) is Language.DE


def test_without_pack_examples_short_texts_keep_the_fallback() -> None:
    assert LanguageDetector().detect("Hallo", fallback=Language.EN) is Language.EN


@pytest.mark.parametrize(
    ("text", "fallback", "expected"),
    [
        ("and on Öko Fix 24?", Language.EN, Language.EN),
        ("Is there an outage in the Mozartstraße?", Language.EN, Language.EN),
        ("What is the minimum term for the Öko Fix 24 tariff?", Language.DE, Language.EN),
        ("Wie ist das beim Öko Fix?", Language.EN, Language.DE),
        ("Die Rechnung ist zu hoch", Language.EN, Language.DE),
    ],
)
def test_a_german_name_in_an_english_sentence_keeps_it_english(
    text: str, fallback: Language, expected: Language
) -> None:
    assert LanguageDetector().detect(text, fallback=fallback) is expected
