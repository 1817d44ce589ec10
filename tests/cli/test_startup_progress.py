"""Start-up reports each step it prepares, so a first start is not a silent minute."""

from __future__ import annotations

from firstline.app import STARTUP_STEPS, StartupProgress


def test_each_step_is_reported_in_order_with_its_duration() -> None:
    lines: list[str] = []
    progress = StartupProgress(lines.append)
    for _ in STARTUP_STEPS:
        progress.done()
    assert len(lines) == len(STARTUP_STEPS) == 5
    assert lines[0].startswith("[1/5] Firmenpaket / company pack … ")
    assert lines[-1].startswith("[5/5] Datenbank / database … ") and lines[-1].endswith(" s")


def test_without_a_listener_nothing_is_reported() -> None:
    StartupProgress(None).done()  # a piped chat or a server: silent, and no error
