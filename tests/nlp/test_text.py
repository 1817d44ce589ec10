"""Cheap checks on every message: cleaning, gibberish, splitting several requests."""

from __future__ import annotations

import pytest

from firstline.nlp.text import clean_text, has_words, looks_like_gibberish, split_requests


@pytest.mark.parametrize("text", ["asdfghjkl", "qwertzuiop asdf", "jjjjjjjj", "xkcd bvnmq", "sdfsdfsdf ghghgh"])
def test_keyboard_mashing_is_gibberish(text: str) -> None:
    assert looks_like_gibberish(text)


@pytest.mark.parametrize(
    "text",
    [
        "Strumpf",
        "Angstschweiß",
        "Wert",
        "Rhythmus",
        "Wo ist meine Bestellung?",
        "How much is shipping to Switzerland?",
        "100042",
        "ok",
        "Pfiat di",
    ],
)
def test_real_words_are_not_gibberish(text: str) -> None:
    assert not looks_like_gibberish(text)


def test_emoji_only_has_no_words() -> None:
    assert not has_words("😀🙈👍")
    assert has_words("👍 ok")


def test_control_characters_and_odd_spaces_are_cleaned() -> None:
    assert clean_text("  Hallo\x00\x07  Welt\u00a0 ") == "Hallo Welt"


def test_two_questions_joined_by_and_are_split() -> None:
    assert split_requests("Was kostet der Versand nach Österreich und wie kann ich bezahlen?") == [
        "Was kostet der Versand nach Österreich?",
        "wie kann ich bezahlen?",
    ]
    assert split_requests("How much is shipping and do you ship to Switzerland?") == [
        "How much is shipping?",
        "do you ship to Switzerland?",
    ]


def test_sentences_split_but_not_after_abbreviations() -> None:
    assert split_requests("Hallo! Wo ist meine Bestellung?") == ["Hallo!", "Wo ist meine Bestellung?"]
    assert split_requests("Ich habe z. B. eine Frage.") == ["Ich habe z. B. eine Frage."]


def test_a_flood_of_sentences_is_capped() -> None:
    assert len(split_requests("Frage. " * 50)) == 5


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Ist Ratenzahlung zinsfrei und über wie viele Monate geht das?", 2),
        ("Wie lange habt ihr Zeit, und an wen kann ich mich sonst wenden?", 2),
        ("How long do you have, and who can I turn to otherwise?", 2),
        ("Ich möchte Strom und Gas bei euch", 1),
    ],
)
def test_a_question_joined_with_a_preposition_and_question_word_is_split(text: str, parts: int) -> None:
    assert len(split_requests(text)) == parts
