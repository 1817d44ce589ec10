"""A clock that tests set and advance by hand."""

from __future__ import annotations

from datetime import datetime, timedelta


class FakeClock:
    """Returns a fixed time; ``advance`` moves it forward."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward, e.g. ``advance(minutes=5)``."""
        self.now += timedelta(**delta)
