"""Delivery estimates from stock, restock time, the cut-off and the carriers' working days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from firstline.commerce.pricing import ShippingMethod
from firstline.company.commerce_schema import CountryConfig
from firstline.domain.commerce import Product


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimate:
    """When a delivery arrives: a window of dates, or unknown when an item has no restock date."""

    earliest: date | None
    latest: date | None
    restock_days: int = 0
    """Calendar days the slowest item needs before it is back in stock."""

    @property
    def known(self) -> bool:
        """Whether there is a date at all."""
        return self.earliest is not None


class WorkingDays:
    """Monday to Friday without public holidays."""

    def __init__(self, holidays: Iterable[date]) -> None:
        self._holidays = frozenset(holidays)

    def is_working_day(self, day: date) -> bool:
        """Whether parcels move on ``day``."""
        return day.weekday() < 5 and day not in self._holidays

    def add(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day``."""
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def next_or_same(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def estimate(
    products: Iterable[Product],
    *,
    country: CountryConfig,
    method: ShippingMethod,
    now: datetime,
    cutoff: time,
    days: WorkingDays,
) -> Estimate:
    """When an order placed ``now`` (local time) arrives: dispatch day plus the carrier's working days."""
    items = list(products)
    restock = 0
    for product in items:
        if product.stock <= 0:
            if product.restock_days is None:
                return Estimate(earliest=None, latest=None)
            restock = max(restock, product.restock_days)
    today = now.date()
    dispatch = today if days.is_working_day(today) and now.time() <= cutoff else days.add(today, 1)
    if restock:
        dispatch = days.next_or_same(today + timedelta(days=restock))
    if any(p.bulky for p in items):
        method = ShippingMethod.FREIGHT
    low, high = {
        ShippingMethod.STANDARD: country.parcel_days,
        ShippingMethod.EXPRESS: country.express_days,
        ShippingMethod.FREIGHT: country.freight_days,
    }[method]
    return Estimate(earliest=days.add(dispatch, low), latest=days.add(dispatch, high), restock_days=restock)
