"""Short follow-ups to a knowledge question are asked again with the question before them."""

from __future__ import annotations

import pytest

from firstline.understanding.follow_ups import continued, is_follow_up


@pytest.mark.parametrize(
    "text",
    [
        "und beim Öko Fix 24?",
        "Und in der Gas-Grundversorgung?",
        "und was kommt da monatlich dazu?",
        "Wie lange muss ich da mindestens bleiben?",
        "and on the fixed tariff?",
        "what about district heating?",
        "And the base price for that one?",
    ],
)
def test_a_fragment_that_continues_the_question_before(text: str) -> None:
    assert is_follow_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "and who pays for returns from Switzerland?",
        "und wie lange dauert die Lieferung nach Wien?",
        "Ich möchte meinen Zählerstand melden",
        "",
        "und " + "sehr " * 20 + "lang?",
    ],
)
def test_a_question_of_its_own_is_no_follow_up(text: str) -> None:
    assert not is_follow_up(text)


def test_the_follow_up_comes_first_then_the_question_before() -> None:
    assert continued(" und beim Gas? ", "Was kostet der Grundpreis?") == "und beim Gas? Was kostet der Grundpreis?"


def test_a_second_question_that_names_its_subject_by_a_pronoun_leans_on_the_first() -> None:
    from firstline.understanding.follow_ups import leans_on

    assert leans_on("wie niedrig darf er minimal sein?")
    assert leans_on("and how long does it take?")
    assert not leans_on("wann ist die normale Hotline besetzt?")
