"""German-aware BM25: folding, stemming, compounds; scores normalised to 0..1."""

from __future__ import annotations

import numpy as np
import pytest

from firstline.domain.language import Language
from firstline.knowledge.analysis import Analyzer, fold, fold_german
from firstline.knowledge.lexical import LexicalIndex

GERMAN = [
    "Sie können die Adresse ändern, solange die Bestellung nicht versendet ist.",
    "Die Versandkosten betragen 4,95 € innerhalb Deutschlands.",
    "Unsere Öffnungszeiten: Montag bis Freitag von 8 bis 20 Uhr.",
    "Bitte geben Sie im Kundenkonto Ihre Lieferadresse an.",
    "Das Passwort setzen Sie über den Link in der E-Mail zurück.",
]


@pytest.fixture(scope="module")
def german() -> LexicalIndex:
    return LexicalIndex(GERMAN, Language.DE)


def best(index: LexicalIndex, query: str) -> int:
    return int(np.argmax(index.scores(query)))


def test_umlauts_and_their_ascii_spellings_fold_alike() -> None:
    assert fold("Öffnungszeit") == "offnungszeit"
    assert fold_german("oeffnungszeit") == fold_german("Öffnungszeit")
    assert fold_german("Quelle") == "quelle"  # "ue" after "q" is no umlaut


def test_ascii_spelling_of_umlauts_matches(german: LexicalIndex) -> None:
    assert best(german, "oeffnungszeit") == 2
    assert best(german, "Oeffnungszeiten am Samstag?") == 2


def test_inflected_forms_match_by_stem(german: LexicalIndex) -> None:
    assert best(german, "Bestellungen") == 0
    assert german.scores("Bestellungen")[0] == german.scores("Bestellung")[0]


def test_compound_query_matches_its_parts(german: LexicalIndex) -> None:
    scores = german.scores("Lieferadresse")
    assert scores[3] > scores[0] > 0  # the whole word first, "Adresse" alone next
    assert german.scores("Versandkosten")[1] > 0


def test_part_of_a_compound_matches_the_compound(german: LexicalIndex) -> None:
    assert german.scores("Versand")[1] > 0
    assert german.scores("Kosten")[1] > 0
    assert german.scores("Adresse")[3] > 0


def test_scores_are_shares_of_the_query(german: LexicalIndex) -> None:
    scores = german.scores("Passwort zurücksetzen")
    assert 0 < scores.max() <= 1
    assert german.scores("Passwort Wetter Fußball")[4] < scores[4]  # unknown words count against


def test_synonyms_are_not_lexical(german: LexicalIndex) -> None:
    assert german.scores("Kennwort").max() == 0  # that is the dense retriever's job


def test_stop_words_and_order_numbers_do_not_match(german: LexicalIndex) -> None:
    assert german.scores("die und ist").max() == 0
    words = Analyzer(Language.DE).words("Bestellung 123456 am 14. Mai", query=True)
    assert [word.stem for word in words] == ["bestell", "14", "mai"]


def test_english_uses_the_english_stemmer() -> None:
    index = LexicalIndex(["Track your orders online.", "Shipping costs to Austria."], Language.EN)
    assert best(index, "ordered") == 0
    assert best(index, "ship cost") == 1
    assert Analyzer(Language.EN).compound_parts("deliveryaddress") == ()


def test_overlap_scores_sentences_against_the_query(german: LexicalIndex) -> None:
    overlap = german.overlap(
        "Versandkosten nach Deutschland", ["Der Versand ist schnell.", "Wir liefern nach Deutschland."]
    )
    assert overlap[0] > 0 and overlap[1] > 0
