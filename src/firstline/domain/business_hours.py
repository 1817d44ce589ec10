"""When people at the company are there to answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True, kw_only=True)
class BusinessHours:
    """Opening hours per weekday in one time zone, minus public holidays."""

    hours: dict[str, tuple[time, time] | None]
    timezone: ZoneInfo
    holidays: frozenset[date] = frozenset()

    @classmethod
    def parse(cls, spec: dict[str, str], timezone: str, holidays: list[date]) -> BusinessHours:
        """Read ``{"mon": "08:00-20:00", "sun": "closed"}`` style hours."""
        hours: dict[str, tuple[time, time] | None] = {}
        for day in _DAYS:
            text = spec.get(day, "closed")
            if text == "closed":
                hours[day] = None
            else:
                start, end = text.split("-")
                hours[day] = (time.fromisoformat(start), time.fromisoformat(end))
        return cls(hours=hours, timezone=ZoneInfo(timezone), holidays=frozenset(holidays))

    def _window(self, day: date) -> tuple[time, time] | None:
        if day in self.holidays:
            return None
        return self.hours[_DAYS[day.weekday()]]

    def is_open(self, moment: datetime) -> bool:
        """Whether people are working at ``moment``."""
        local = moment.astimezone(self.timezone)
        window = self._window(local.date())
        return window is not None and window[0] <= local.time() < window[1]

    def next_opening(self, moment: datetime) -> datetime | None:
        """The next time people start working after ``moment`` (None if never within two weeks)."""
        local = moment.astimezone(self.timezone)
        for offset in range(15):
            day = local.date() + timedelta(days=offset)
            window = self._window(day)
            if window is None:
                continue
            start = datetime.combine(day, window[0], tzinfo=self.timezone)
            if start > local:
                return start
        return None

    def add_working_hours(self, moment: datetime, hours: float) -> datetime:
        """The moment ``hours`` working hours after ``moment`` (an SLA's due time).

        Falls back to calendar hours when the company has no working time in the next weeks.
        """
        left = timedelta(hours=hours)
        local = moment.astimezone(self.timezone)
        for offset in range(60):
            day = local.date() + timedelta(days=offset)
            window = self._window(day)
            if window is None:
                continue
            start = max(datetime.combine(day, window[0], tzinfo=self.timezone), local)
            end = datetime.combine(day, window[1], tzinfo=self.timezone)
            if start >= end:
                continue
            if start + left <= end:
                return start + left
            left -= end - start
        return moment + timedelta(hours=hours)
