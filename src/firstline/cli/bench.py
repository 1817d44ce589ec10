"""``firstline bench``: time customer turns on a company pack (percentiles, never asserted in tests)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from firstline.app import build_services, changes_data
from firstline.company.yaml_source import load_yaml, validate
from firstline.domain.language import Language
from firstline.errors import CompanyPackError
from firstline.settings import Settings
from firstline.testing.conversations import isolated_settings


class BenchConversation(BaseModel):
    """One scripted conversation of the pack's ``eval/bench.yaml``."""

    model_config = ConfigDict(extra="forbid")
    language: Language
    turns: list[str] = Field(min_length=1)


def load_script(pack: Path) -> list[BenchConversation]:
    """The conversations the bench replays: the pack's ``eval/bench.yaml``."""
    path = pack / "eval" / "bench.yaml"
    if not path.exists():
        raise CompanyPackError(path, None, "firstline bench replays this file: a list of {language, turns}")
    node = load_yaml(path)
    if not isinstance(node, list) or not node:
        raise CompanyPackError(path, 1, "expected a non-empty list of {language: de|en, turns: [...]}")
    return [validate(BenchConversation, item, path) for item in node]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run_bench(settings: Settings, turns: int) -> dict[str, Any]:
    """Run the script until ``turns`` turns were timed; report p50/p95/p99 in milliseconds."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        services = await build_services(isolated_settings(settings, Path(folder)))
        startup = time.perf_counter() - started
        writes = changes_data(services.company)
        own = frozenset(services.company.actions.actions)
        durations: list[float] = []
        guarded: list[float] = []
        calling: list[float] = []
        try:
            script = load_script(services.company.root)
            while len(durations) < turns:
                for scripted in script:
                    conversation = await services.open_conversation(channel="bench", language=scripted.language)
                    for text in scripted.turns:
                        inbound = services.inbound(conversation, text)
                        began = time.perf_counter()
                        result = await services.agent.handle(inbound)
                        durations.append((time.perf_counter() - began) * 1000)
                        names = {action.name for action in result.actions}
                        if names & writes:
                            guarded.append(durations[-1])
                        if names & own:
                            calling.append(durations[-1])
        finally:
            await services.close()
    durations = durations[:turns]
    return {
        "benchmark": "customer_turn",
        "turns": len(durations),
        "startup_seconds": round(startup, 2),
        "turn_ms_p50": round(_percentile(durations, 0.50), 1),
        "turn_ms_p95": round(_percentile(durations, 0.95), 1),
        "turn_ms_p99": round(_percentile(durations, 0.99), 1),
        "turn_ms_mean": round(statistics.fmean(durations), 1),
        "guarded_action_turns": len(guarded),
        "guarded_action_turn_ms_p50": round(_percentile(guarded, 0.50), 1) if guarded else None,
        "guarded_action_turn_ms_p95": round(_percentile(guarded, 0.95), 1) if guarded else None,
        "company_action_turns": len(calling),
        "company_action_turn_ms_p50": round(_percentile(calling, 0.50), 1) if calling else None,
        "company_action_turn_ms_p95": round(_percentile(calling, 0.95), 1) if calling else None,
    }
