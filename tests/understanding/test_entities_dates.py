"""Dates and relative dates resolved against today, German and English."""

from __future__ import annotations

from datetime import date

import pytest

from firstline.domain.language import Language
from firstline.understanding.entities import EntityKind, extract_entities, warm_up_date_parser
from firstline.understanding.entities.dates import add_months

TODAY = date(2026, 11, 26)  # a Thursday
DE, EN = Language.DE, Language.EN


def dates_in(text: str, language: Language, today: date = TODAY) -> list[tuple[str, str]]:
    """Return (matched text, ISO date) for each date entity."""
    entities = extract_entities(text, language=language, today=today)
    return [(e.text, e.value) for e in entities if e.kind is EntityKind.DATE]


@pytest.mark.parametrize(
    ("language", "text", "span", "iso"),
    [
        (DE, "Kann es übermorgen kommen?", "übermorgen", "2026-11-28"),
        (DE, "morgen früh bitte", "morgen", "2026-11-27"),
        (DE, "Heute ist es gekommen", "Heute", "2026-11-26"),
        (DE, "vorgestern bestellt", "vorgestern", "2026-11-24"),
        (EN, "yesterday it broke", "yesterday", "2026-11-25"),
        (EN, "the day after tomorrow", "the day after tomorrow", "2026-11-28"),
        (EN, "Can you deliver next Tuesday?", "next Tuesday", "2026-12-01"),
        (DE, "Geht es nächsten Dienstag?", "nächsten Dienstag", "2026-12-01"),
        (EN, "I called last Friday", "last Friday", "2026-11-20"),
        (DE, "Ich habe letzten Freitag angerufen", "letzten Freitag", "2026-11-20"),
        (EN, "this Friday", "this Friday", "2026-11-27"),
        (DE, "Dienstag nächste Woche", "Dienstag nächste Woche", "2026-12-01"),
        (DE, "Das Paket kam am Montag kaputt an", "am Montag", "2026-11-23"),
        (EN, "Can you deliver on Monday?", "on Monday", "2026-11-30"),
        (DE, "bis Freitag", "bis Freitag", "2026-11-27"),
        (DE, "seit Montag warte ich", "seit Montag", "2026-11-23"),
        (DE, "Lieferung am 3. Dezember", "3. Dezember", "2026-12-03"),
        (DE, "am 5. Januar", "5. Januar", "2027-01-05"),
        (EN, "ordered on 20 November", "20 November", "2026-11-20"),
        (EN, "December 3rd, 2026", "December 3rd, 2026", "2026-12-03"),
        (EN, "the 3rd of December", "3rd of December", "2026-12-03"),
        (DE, "Rechnung vom 12.12.2026", "12.12.2026", "2026-12-12"),
        (DE, "am 3.12. geliefert", "3.12.", "2026-12-03"),
        (DE, "am 3.12.26", "3.12.26", "2026-12-03"),
        (EN, "on 2026-11-28", "2026-11-28", "2026-11-28"),
        (EN, "on 03/12/2026", "03/12/2026", "2026-12-03"),
        (EN, "on 12/31/2026", "12/31/2026", "2026-12-31"),
        (DE, "in zwei Wochen", "in zwei Wochen", "2026-12-10"),
        (DE, "in 14 Tagen", "in 14 Tagen", "2026-12-10"),
        (DE, "vor drei Tagen", "vor drei Tagen", "2026-11-23"),
        (DE, "vor einem Monat", "vor einem Monat", "2026-10-26"),
        (EN, "I ordered two weeks ago", "two weeks ago", "2026-11-12"),
        (EN, "in a week", "in a week", "2026-12-03"),
        (EN, "a fortnight ago", "a fortnight ago", "2026-11-12"),
        (EN, "next month", "next month", "2026-12-26"),
        (DE, "Ich habe am 3-12-2026 bestellt", "am 3-12-2026", "2026-12-03"),  # dateparser fallback
    ],
)
def test_dates_are_resolved_against_today(language: Language, text: str, span: str, iso: str) -> None:
    assert dates_in(text, language) == [(span, iso)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (DE, "Guten Morgen, ich habe eine Frage"),
        (EN, "May I ask something?"),
        (EN, "Do you have it in stock?"),
        (DE, "Die Lieferung ist da"),
        (DE, "Das kostet 12.10 Euro"),
        (EN, "order 100042 costs 49.90"),
        (DE, "Ruf an: 0341 998870"),
        (DE, "Mai 2026"),
        (DE, "am 31.02.2026"),  # no such day
        (DE, "in den nächsten Tagen"),
        (EN, "Version 1.2.3"),
        (DE, "Ich will es jetzt"),
    ],
)
def test_no_date_is_invented(language: Language, text: str) -> None:
    assert dates_in(text, language) == []


def test_a_year_less_date_takes_the_nearest_occurrence() -> None:
    new_year = date(2026, 12, 30)
    assert dates_in("am 2. Januar", DE, today=new_year) == [("2. Januar", "2027-01-02")]
    assert dates_in("am 28. Dezember", DE, today=date(2027, 1, 3)) == [("28. Dezember", "2026-12-28")]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 26), -12, date(2025, 11, 26)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_adding_months_clamps_the_day(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_warming_up_the_date_parser_leaves_results_unchanged() -> None:
    warm_up_date_parser(TODAY)
    assert dates_in("am 3-12-2026", DE) == [("am 3-12-2026", "2026-12-03")]
