"""Numbers written as words."""

from __future__ import annotations

import pytest

from firstline.domain.language import Language
from firstline.understanding.entities.numwords import parse_count, parse_number_words


@pytest.mark.parametrize(
    ("phrase", "language", "expected"),
    [
        ("zwölf", Language.DE, 12),
        ("einundzwanzig", Language.DE, 21),
        ("zweihundertfünfundzwanzig", Language.DE, 225),
        ("neunhundertneunundneunzig", Language.DE, 999),
        ("twenty-one", Language.EN, 21),
        ("a hundred and five", Language.EN, 105),
        ("twelve", None, 12),
        ("zwanzig", Language.EN, None),  # the language is pinned
        ("sekunde", Language.DE, None),
        ("und", Language.DE, None),
        ("twenty twenty", Language.EN, None),
        ("", None, None),
    ],
)
def test_parse_number_words(phrase: str, language: Language | None, expected: int | None) -> None:
    assert parse_number_words(phrase, language) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("7", 7), ("a dozen", 12), ("ein Dutzend", 12), ("zwei Dutzend", 24), ("half a dozen", 6), ("a", None)],
)
def test_parse_count_reads_digits_words_and_dozens(phrase: str, expected: int | None) -> None:
    assert parse_count(phrase) == expected
