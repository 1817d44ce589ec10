"""``firstline bench``: time customer turns on a company pack (percentiles, never asserted in tests)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from firstline.app import CHANGES_DATA, build_services
from firstline.domain.language import Language
from firstline.settings import Settings
from firstline.testing.conversations import isolated_settings

# A mixed script: knowledge questions, a flow with verification, small talk, both languages.
SCRIPT: list[tuple[Language, list[str]]] = [
    (
        Language.DE,
        [
            "Hallo",
            "Was kostet der Versand nach Österreich?",
            "Wo ist meine Bestellung 100055?",
            "felix.schroeder@example.de",
            "Danke, tschüss",
        ],
    ),
    (
        Language.EN,
        ["Hi there", "How long do I have to return an item?", "Where is my order?", "100057", "5020", "thanks, bye"],
    ),
    (
        # Guarded actions: the company's rules are checked and the attempt audited.
        Language.EN,
        [
            "I want to cancel my order 100060",
            "sarah.thompson@example.com",
            "I want a refund for order 100052",
            "martina.hoffmann@example.de",
            "150 euros",
        ],
    ),
    (
        Language.DE,
        ["Ich möchte die Bestellung 100053 zurückschicken", "james.obrien@example.com"],
    ),
    (
        Language.DE,
        [
            "Wie lange habe ich Garantie auf meine Waschmaschine?",
            "Kann ich auf Rechnung zahlen?",
            "Sind Sie ein Mensch?",
        ],
    ),
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run_bench(settings: Settings, turns: int) -> dict[str, Any]:
    """Run the script until ``turns`` turns were timed; report p50/p95/p99 in milliseconds."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        services = await build_services(isolated_settings(settings, Path(folder)))
        startup = time.perf_counter() - started
        durations: list[float] = []
        guarded: list[float] = []
        try:
            while len(durations) < turns:
                for language, messages in SCRIPT:
                    conversation = await services.open_conversation(channel="bench", language=language)
                    for text in messages:
                        inbound = services.inbound(conversation, text)
                        began = time.perf_counter()
                        result = await services.agent.handle(inbound)
                        durations.append((time.perf_counter() - began) * 1000)
                        if any(action.name in CHANGES_DATA for action in result.actions):
                            guarded.append(durations[-1])
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
    }
