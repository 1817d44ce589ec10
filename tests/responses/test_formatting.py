"""Money, dates and numbers are formatted for the customer's locale."""

from __future__ import annotations

from decimal import Decimal

from firstline.domain.language import Language
from firstline.responses import formatting


def test_money_follows_the_locale() -> None:
    assert formatting.money(Decimal("1299.5"), Language.DE) == "1.299,50\xa0€"
    assert formatting.money("4.95", Language.EN) == "€4.95"


def test_money_leaves_unparseable_values_alone() -> None:
    assert formatting.money("n/a", Language.DE) == "n/a"


def test_dates_are_written_out() -> None:
    assert formatting.long_date("2026-11-26T14:32:00+01:00", Language.DE) == "26. November 2026"
    assert formatting.long_date("2026-11-26", Language.EN) == "26 November 2026"
    assert formatting.weekday("2026-11-27T08:00:00+01:00", Language.DE) == "Freitag"


def test_numbers_use_local_separators() -> None:
    assert formatting.number(1234.5, Language.DE) == "1.234,5"
    assert formatting.number(1234.5, Language.EN) == "1,234.5"
