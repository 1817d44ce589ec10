"""Hybrid retrieval, the no-answer threshold, extractive answers and language preference."""

from __future__ import annotations

from pathlib import Path

import pytest

from firstline.domain.language import Language
from firstline.knowledge.model import Article, ArticleId, Passage
from firstline.knowledge.retriever import KnowledgeBase
from firstline.nlp.embeddings import Embedder

SECTIONS_DE: dict[str, tuple[str, list[str], list[tuple[str, str]]]] = {
    "account": (
        "Kundenkonto",
        ["Wie lege ich ein Konto an?", "Wie ändere ich meine E-Mail-Adresse?"],
        [
            (
                "Konto anlegen",
                "Ein Kundenkonto legen Sie mit Ihrer E-Mail-Adresse an. Die Registrierung ist kostenlos.",
            ),
            (
                "Passwort vergessen",
                "Wenn Sie Ihr Passwort vergessen haben, klicken Sie bei der Anmeldung auf „Passwort vergessen“. "
                "Sie erhalten dann eine E-Mail mit einem Link. Der Link ist 24 Stunden gültig. "
                "Danach vergeben Sie ein neues Passwort. Aus Sicherheitsgründen kennt Voltaro Ihr Passwort nicht.",
            ),
        ],
    ),
    "shipping": (
        "Versandkosten",
        ["Was kostet der Versand nach Österreich?", "Ab wann ist der Versand kostenlos?"],
        [
            (
                "Deutschland",
                "Der Standardversand innerhalb Deutschlands kostet 4,95 €. Ab einem Bestellwert von 50 € ist er "
                "kostenlos. Die Lieferung dauert 1–3 Werktage. Pakete werden mit DHL verschickt.",
            ),
            ("Österreich", "Der Versand nach Österreich kostet 9,90 €. Ab 100 € ist er kostenlos."),
        ],
    ),
    "returns": (
        "Rücksendung",
        ["Wie schicke ich etwas zurück?", "Ist die Rücksendung kostenlos?"],
        [
            (
                "Rücksendeetikett",
                "Das Rücksendeetikett erhalten Sie im Rücksendeportal. Es ist in Deutschland kostenlos.",
            )
        ],
    ),
    "address": (
        "Lieferadresse ändern",
        ["Kann ich die Lieferadresse noch ändern?"],
        [("Änderung", "Die Lieferadresse kann geändert werden, solange die Bestellung noch nicht versendet wurde.")],
    ),
}
ENGLISH_ONLY = (
    "battery-disposal",
    "Returning old batteries",
    ["Where can I return old batteries?", "Can I send you used batteries?"],
    [("Free return", "You can return used batteries to Voltaro free of charge with a free shipping label.")],
)
NEGATIVES = [
    "Wie wird das Wetter morgen in Leipzig?",
    "Erzähl mir einen Witz",
    "Wer hat die Fußball-WM 2014 gewonnen?",
    "Hast du ein gutes Rezept für Lasagne?",
    "Was ist die Hauptstadt von Australien?",
    "What is the weather like tomorrow?",
    "Tell me a joke",
    "Who won the 2014 World Cup?",
]


def article(
    article_id: str, title: str, questions: list[str], sections: list[tuple[str, str]], language: Language
) -> Article:
    passages = tuple(
        Passage(
            article_id=ArticleId(article_id),
            title=title,
            heading=(heading,),
            text=text,
            language=language,
            source=f"{language.value}/{article_id}.md",
            questions=tuple(questions),
        )
        for heading, text in sections
    )
    return Article(
        id=ArticleId(article_id),
        title=title,
        language=language,
        source=f"{language.value}/{article_id}.md",
        passages=passages,
        questions=tuple(questions),
    )


@pytest.fixture(scope="module")
def knowledge(embedder: Embedder, vector_cache: Path | None) -> KnowledgeBase:
    articles = [article(key, *value, Language.DE) for key, value in SECTIONS_DE.items()]
    articles.append(
        article(
            "shipping",
            "Shipping costs",
            ["How much is shipping to Austria?"],
            [("Germany", "Standard shipping within Germany costs €4.95 and is free from €50.")],
            Language.EN,
        )
    )
    articles.append(article(*ENGLISH_ONLY, Language.EN))
    return KnowledgeBase.build(articles, embedder=embedder, negatives=NEGATIVES, vector_cache=vector_cache)


def test_paraphrase_is_found_by_meaning(knowledge: KnowledgeBase) -> None:
    answer = knowledge.answer("Ich habe mein Kennwort vergessen", language=Language.DE)
    assert answer is not None
    assert answer.citation.article_id == "account"
    assert answer.passage.section == "Passwort vergessen"


def test_off_topic_questions_get_no_answer(knowledge: KnowledgeBase) -> None:
    assert knowledge.answer("Welcher Film läuft heute im Kino?", language=Language.DE) is None
    assert knowledge.answer("Wie viele Einwohner hat Hamburg?", language=Language.DE) is None


def test_extractive_answer_quotes_the_relevant_sentences_only(knowledge: KnowledgeBase) -> None:
    answer = knowledge.answer("Wie lange ist der Link zum Zurücksetzen gültig?", language=Language.DE)
    assert answer is not None
    assert "Der Link ist 24 Stunden gültig." in answer.sentences
    assert 1 <= len(answer.sentences) <= 3
    assert answer.text != answer.passage.text
    assert answer.text == " ".join(answer.sentences)


def test_answer_cites_title_and_source(knowledge: KnowledgeBase) -> None:
    answer = knowledge.answer("Wie viel kostet der Versand in Deutschland?", language=Language.DE)
    assert answer is not None
    assert answer.sentences[0] == "Der Standardversand innerhalb Deutschlands kostet 4,95 €."
    assert (answer.citation.title, answer.citation.source) == ("Versandkosten", "de/shipping.md")
    assert answer.score >= knowledge.threshold(Language.DE)


def test_the_query_language_is_preferred(knowledge: KnowledgeBase) -> None:
    german = knowledge.answer("Was kostet der Versand innerhalb Deutschlands?", language=Language.DE)
    english = knowledge.answer("How much is shipping within Germany?", language=Language.EN)
    assert german is not None and german.citation.language is Language.DE
    assert english is not None and english.citation.language is Language.EN
    assert german.citation.article_id == english.citation.article_id == "shipping"


def test_other_language_is_used_when_nothing_passes_in_the_query_language(knowledge: KnowledgeBase) -> None:
    answer = knowledge.answer("Nehmt ihr Altbatterien an?", language=Language.DE)
    assert answer is not None
    assert (answer.citation.article_id, answer.citation.language) == ("battery-disposal", Language.EN)
    assert answer.score >= knowledge.threshold(Language.EN, query_language=Language.DE)


def test_search_ranks_articles_then_their_passages(knowledge: KnowledgeBase) -> None:
    hits = knowledge.search("Ist der Versand nach Österreich kostenlos?", language=Language.DE, limit=3)
    assert [hit.passage.article_id for hit in hits[:2]] == ["shipping", "shipping"]
    assert hits[0].passage.section == "Österreich"
    assert hits[0].score >= hits[-1].score
    assert all(0 <= hit.lexical <= 1 for hit in hits)


def test_threshold_is_calibrated_per_language(knowledge: KnowledgeBase) -> None:
    calibration = knowledge.calibrations[Language.DE].same_language
    assert calibration.positives == 7  # every example question, asked with itself hidden
    assert calibration.negatives == 5  # only the German off-topic messages
    assert calibration.rejected_negatives == 1.0
    fallback = knowledge.calibrations[Language.EN].other_language
    assert fallback.positives == 2  # German questions of "shipping", which exists in English too
    assert fallback.threshold < knowledge.threshold(Language.EN)
