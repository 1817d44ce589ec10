"""A name the knowledge uses only with other numbers: "Öko Fix 36" is not "Öko Fix 24"."""

from __future__ import annotations

from firstline.knowledge.numbered_names import NumberedNames

KNOWN = NumberedNames(
    [
        "Der Tarif Strom Öko Fix 24 kostet 32,90 ct/kWh, der Grundpreis 11,50 € im Monat.",
        "Gas Fix 24 hat eine Preisgarantie. Wir liefern ab dem 15. Mai 2026.",
    ]
)


def test_a_number_the_knowledge_never_gives_the_name_is_unknown() -> None:
    assert KNOWN.unknown_in("Was kostet euer Tarif Strom Öko Fix 36?") == ["fix 36"]
    assert KNOWN.unknown_in("How much is Gas Fix 12?") == ["fix 12"]


def test_known_names_amounts_dates_and_unnamed_numbers_pass() -> None:
    for question in (
        "Was kostet Öko Fix 24?",
        "Ist der Grundpreis 12 Euro?",
        "Liefert ihr am Mai 20?",
        "Kostet der Tarif Basis 3 etwas?",
        "Wie lange dauert es 14 Tage?",
    ):
        assert KNOWN.unknown_in(question) == [], question
