"""Limits on collected answers and comparison conditions: numbers as Decimal, dates from today."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from firstline.domain.flows import Collect, Condition, SourceRef
from firstline.domain.slot_constraints import DateWhen, SlotConstraints, SlotRef, comparable, compare

TODAY = date(2026, 12, 6)
SRC = SourceRef(path="meter.yaml", line=3)


def reading(**limits: object) -> Collect:
    return Collect(
        slot="reading",
        slot_type="integer",
        ask="ask_reading",
        invalid="invalid_reading",
        max_attempts=3,
        source=SRC,
        constraints=SlotConstraints(**limits),  # type: ignore[arg-type]
    )


def test_a_reading_below_the_last_one_names_the_minimum() -> None:
    step = reading(minimum=SlotRef("last_reading"))
    violation = step.violation("4700", {"last_reading": 4711}, TODAY)
    assert violation is not None and violation.reason == "below_min"
    assert violation.variables == {"min": Decimal(4711)}
    assert step.violation("4711", {"last_reading": 4711}, TODAY) is None
    assert step.violation("5000", {"last_reading": "4711.0"}, TODAY) is None


def test_an_unknown_bound_does_not_block_the_answer() -> None:
    assert reading(minimum=SlotRef("last_reading")).violation("1", {}, TODAY) is None
    assert reading(minimum=SlotRef("last_reading")).violation("1", {"last_reading": "n/a"}, TODAY) is None


def test_literal_bounds_and_their_template_variables() -> None:
    step = reading(minimum=Decimal("0"), maximum=Decimal("99999.00"))
    too_high = step.violation("100000", {}, TODAY)
    assert too_high is not None and too_high.reason == "above_max"
    assert too_high.variables == {"min": Decimal(0), "max": Decimal(99999)}
    assert str(too_high.variables["max"]) == "99999"  # no "9.9999E+4" in a template
    assert step.violation("-1", {}, TODAY) is not None
    assert step.violation("12.5", {}, TODAY) is None


@pytest.mark.parametrize(
    ("when", "day", "reason"),
    [
        (DateWhen.PAST, "2026-12-06", "in_future"),
        (DateWhen.PAST, "2026-12-05", None),
        (DateWhen.NOT_FUTURE, "2026-12-06", None),
        (DateWhen.NOT_FUTURE, "2026-12-07", "in_future"),
        (DateWhen.FUTURE, "2026-12-06", "in_past"),
        (DateWhen.FUTURE, "2026-12-07", None),
        (DateWhen.NOT_PAST, "2026-12-06", None),
        (DateWhen.NOT_PAST, "2026-12-05", "in_past"),
    ],
)
def test_dates_relative_to_today(when: DateWhen, day: str, reason: str | None) -> None:
    found = SlotConstraints(when=when).violation("date", day, {}, TODAY)
    assert (found.reason if found else None) == reason


def test_within_days_looks_in_the_direction_of_when() -> None:
    recent = SlotConstraints(when=DateWhen.NOT_FUTURE, within_days=14)
    old = recent.violation("date", "2026-11-01", {}, TODAY)
    assert old is not None and old.reason == "too_early"
    assert old.variables == {"within_days": 14, "earliest": "2026-11-22"}
    assert recent.violation("date", "2026-11-22", {}, TODAY) is None
    soon = SlotConstraints(when=DateWhen.FUTURE, within_days=30)
    late = soon.violation("date", "2027-02-01", {}, TODAY)
    assert late is not None and late.reason == "too_late" and late.variables["latest"] == "2027-01-05"
    both = SlotConstraints(within_days=1)
    assert both.violation("date", "2026-12-04", {}, TODAY) is not None
    assert both.violation("date", "2026-12-08", {}, TODAY) is not None


def test_a_date_bound_from_another_slot() -> None:
    move_out = SlotConstraints(minimum=SlotRef("move_in"))
    found = move_out.violation("date", "2026-12-01", {"move_in": "2026-12-15"}, TODAY)
    assert found is not None and found.variables == {"min": "2026-12-15"}
    assert move_out.violation("date", "2026-12-20", {"move_in": "2026-12-15"}, TODAY) is None
    # A number is no date: nothing to compare, nothing refused.
    assert move_out.violation("date", "2026-12-20", {"move_in": 5}, TODAY) is None


def test_text_longer_than_max_length_is_refused() -> None:
    limits = SlotConstraints(max_length=10)
    found = limits.violation("text", "x" * 11, {}, TODAY)
    assert found is not None and found.reason == "too_long" and found.variables == {"max_length": 10}
    assert limits.violation("text", "x" * 10, {}, TODAY) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12.5", Decimal("12.5")),
        (4711, Decimal(4711)),
        (12.5, Decimal("12.5")),
        ("2026-12-01", date(2026, 12, 1)),
        ("2026-13-01", None),
        (True, None),
        (None, None),
        ("NaN", None),
        ("Infinity", None),
        ("viel", None),
        ({"street": "x"}, None),
    ],
)
def test_comparable_values(value: object, expected: object) -> None:
    assert comparable(value) == expected


def test_compare_refuses_a_number_against_a_date() -> None:
    assert compare("5", "2026-12-01") is None
    assert compare("10", 9) == 1 and compare("9.0", 9) == 0


@pytest.mark.parametrize(
    ("operator", "reading", "holds"),
    [
        ("at_least", "4711", True),
        ("at_least", "4710", False),
        ("at_most", "4711", True),
        ("at_most", "4712", False),
        ("greater_than", "4711", False),
        ("greater_than", "4712", True),
        ("less_than", "4710", True),
        ("less_than", "4711", False),
    ],
)
def test_comparison_conditions_with_another_slot(operator: str, reading: str, holds: bool) -> None:
    condition = Condition(slot="reading", operator=operator, value=SlotRef("last_reading"))
    assert condition.holds({"reading": reading, "last_reading": 4711}) is holds


def test_comparison_with_an_unset_side_is_false() -> None:
    assert not Condition(slot="reading", operator="at_least", value=Decimal(0)).holds({})
    assert not Condition(slot="reading", operator="at_least", value=SlotRef("last")).holds({"reading": "5"})
    assert not Condition(slot="reading", operator="less_than", value=SlotRef("last")).holds({"reading": "5"})
    assert Condition(slot="amount", operator="greater_than", value=Decimal("100")).holds({"amount": "100.01"})


def test_question_defaults_for_taking_values_from_other_messages() -> None:
    assert reading().fills_from_other_messages is False
    number = Collect(slot="n", slot_type="order_number", ask="a", invalid="i", max_attempts=3, source=SRC)
    assert number.fills_from_other_messages is True
    opted_out = Collect(
        slot="n", slot_type="iban", ask="a", invalid="i", max_attempts=3, source=SRC, from_opening=False
    )
    assert opted_out.fills_from_other_messages is False
