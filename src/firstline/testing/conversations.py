"""Conversation tests in YAML: run by ``firstline test`` and by pytest.

A test file::

    name: Order status with verification
    language: en
    now: "2026-11-26T10:00:00+01:00"     # optional; tests run on a fixed clock
    turns:
      - customer: "Where is my order 100055?"
        expect:
          flow_started: order_status
          reply_contains: "email"
      - supervisor: {decide: deny, note: "Not covered."}   # a colleague at the desk (see supervisor_steps)
        expect: {status: bot, reply_contains: "Not covered"}
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from firstline.app import Services, build_services
from firstline.domain.language import Language
from firstline.settings import DatabaseSettings, Settings
from firstline.testing.clock import FakeClock
from firstline.testing.expectations import check_turn
from firstline.testing.supervisor_steps import check_supervisor_step, run_supervisor_step

DEFAULT_NOW = datetime.fromisoformat("2026-11-26T10:00:00+01:00")


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationTest:
    """One YAML conversation test."""

    path: Path
    name: str
    language: Language
    now: datetime
    turns: list[dict[str, Any]]
    known_gap: str | None = None
    """Why the agent does not pass this test yet; it must fail until that is fixed."""


def load_test(path: Path) -> ConversationTest:
    """Read and check a conversation test file."""
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise ValueError(f"{path}: cannot read test: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list) or not data["turns"]:
        raise ValueError(f"{path}: a conversation test needs a non-empty 'turns' list")
    for index, turn in enumerate(data["turns"], start=1):
        if not isinstance(turn, dict) or ("customer" in turn) == ("supervisor" in turn):
            raise ValueError(f"{path}: turn {index} needs either 'customer' or 'supervisor'")
        if "supervisor" in turn:
            check_supervisor_step(turn["supervisor"], f"{path}: turn {index}")
    now = data.get("now", DEFAULT_NOW)
    return ConversationTest(
        path=path,
        name=str(data.get("name", path.stem)),
        language=Language(data.get("language", "de")),
        now=now if isinstance(now, datetime) else datetime.fromisoformat(str(now)),
        turns=data["turns"],
        known_gap=str(data["known_gap"]) if data.get("known_gap") else None,
    )


def find_tests(paths: Sequence[Path]) -> list[Path]:
    """YAML files under the given files or folders, sorted."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return found


async def run_test(services: Services, clock: FakeClock, test: ConversationTest) -> list[str]:
    """Run one conversation; return its failures (empty when it passed)."""
    clock.now = test.now
    conversation = await services.open_conversation(channel="test", language=test.language)
    failures = []
    for index, turn in enumerate(test.turns, start=1):
        clock.advance(seconds=30)
        if "supervisor" in turn:
            said = f"supervisor {turn['supervisor']}"
            result = await run_supervisor_step(services, conversation.id, turn["supervisor"])
        else:
            said = repr(turn["customer"])
            result = await services.agent.handle(services.inbound(conversation, str(turn["customer"])))
        for error in check_turn(result, dict(turn.get("expect") or {})):
            replies = " | ".join(r.text for r in result.replies)
            failures.append(f"turn {index} ({said}): {error}; replies: {replies[:300]!r}")
    return failures


def isolated_settings(base: Settings, folder: Path) -> Settings:
    """The same settings on a throwaway database, so tests never touch real conversations."""
    return base.model_copy(update={"database": DatabaseSettings(url=f"sqlite+aiosqlite:///{folder / 'test.db'}")})


async def run_conversation_tests(settings: Settings, paths: Sequence[Path]) -> tuple[int, int]:
    """Run the tests, print failures and the closing line; return (passed, failed)."""
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(DEFAULT_NOW)
        services = await build_services(isolated_settings(settings, Path(folder)), clock=clock)
        try:
            files = find_tests(paths or [services.company.root / "tests"])
            passed = failed = gaps = 0
            for path in files:
                known_gap = None
                try:
                    test = load_test(path)
                    known_gap = test.known_gap
                    failures = await run_test(services, clock, test)
                except ValueError as error:
                    failures = [str(error)]
                if known_gap and failures:
                    gaps += 1
                    typer.echo(f"KNOWN GAP {path}: {known_gap}")
                elif known_gap:
                    failed += 1
                    typer.echo(f"FAILED {path}: passes although marked known_gap; remove the mark")
                elif failures:
                    failed += 1
                    for failure in failures:
                        typer.echo(f"FAILED {path}: {failure}")
                else:
                    passed += 1
            if gaps:
                typer.echo(f"{gaps} known gaps (marked known_gap, still failing as expected)")
        finally:
            await services.close()
    typer.echo(f"{passed} passed, {failed} failed")
    return passed, failed
