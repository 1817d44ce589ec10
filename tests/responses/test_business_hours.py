"""Opening hours decide what the customer is told about a handover."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from firstline.domain.business_hours import BusinessHours

BERLIN = ZoneInfo("Europe/Berlin")
HOURS = BusinessHours.parse(
    {
        "mon": "08:00-20:00",
        "tue": "08:00-20:00",
        "wed": "08:00-20:00",
        "thu": "08:00-20:00",
        "fri": "08:00-20:00",
        "sat": "09:00-16:00",
        "sun": "closed",
    },
    "Europe/Berlin",
    [date(2026, 12, 25), date(2026, 12, 26)],
)


def test_open_during_hours_and_closed_outside() -> None:
    assert HOURS.is_open(datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN))
    assert not HOURS.is_open(datetime(2026, 11, 26, 20, 0, tzinfo=BERLIN))
    assert not HOURS.is_open(datetime(2026, 11, 29, 12, 0, tzinfo=BERLIN))  # a Sunday


def test_next_opening_after_closing_is_tomorrow_morning() -> None:
    assert HOURS.next_opening(datetime(2026, 11, 26, 22, 0, tzinfo=BERLIN)) == datetime(
        2026, 11, 27, 8, 0, tzinfo=BERLIN
    )


def test_saturday_evening_opens_on_monday() -> None:
    assert HOURS.next_opening(datetime(2026, 11, 28, 17, 0, tzinfo=BERLIN)) == datetime(
        2026, 11, 30, 8, 0, tzinfo=BERLIN
    )


def test_holidays_are_skipped() -> None:
    opening = HOURS.next_opening(datetime(2026, 12, 24, 21, 0, tzinfo=BERLIN))
    assert opening == datetime(2026, 12, 28, 8, 0, tzinfo=BERLIN)
