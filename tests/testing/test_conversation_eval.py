"""The conversation eval: its scorer, and the demo set against the floor kept in the pack."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from firstline.domain.conversation import ConversationId, ConversationStatus, Reply, TurnResult
from firstline.domain.language import Language
from firstline.settings import Settings
from firstline.testing.conversation_eval import evaluate_conversations, load_eval_set, score_reply

DEMO = Path(__file__).parents[2] / "src" / "firstline" / "demo"


def _result(text: str) -> TurnResult:
    return TurnResult(
        conversation_id=ConversationId("c1"),
        replies=(Reply(text=text),),
        status=ConversationStatus.BOT,
        language=Language.DE,
    )


def test_a_wrong_price_is_confidently_wrong() -> None:
    score = score_reply(_result("Der Versand kostet 9,90 €."), {"facts": [["19,90"]], "wrong": ["9,90"]}, [])
    assert not score.passed and score.confidently_wrong


def test_the_right_price_is_not_mistaken_for_its_suffix() -> None:
    score = score_reply(
        _result("Der Versand in die Schweiz kostet 19,90 €."), {"facts": [["19,90"]], "wrong": ["9,90"]}, []
    )
    assert score.passed and not score.confidently_wrong


def test_an_answer_where_abstention_is_wanted_fails() -> None:
    score = score_reply(_result("Das kostet 12,00 €."), {"abstain": True}, ["ich kann ihnen"])
    assert not score.passed and score.confidently_wrong and not score.abstained
    honest = score_reply(
        _result("Leider weiß ich das nicht – ich kann Ihnen eine Kollegin holen."),
        {"abstain": True},
        ["ich kann ihnen"],
    )
    assert honest.passed and honest.abstained


def test_demo_set_is_large_and_balanced() -> None:
    items = load_eval_set([DEMO / "eval" / "conversations"])
    assert len(items) >= 320
    for lang in Language:
        for kind in {i.kind for i in items}:
            assert sum(i.language == lang and i.kind == kind for i in items) >= 20


def test_demo_set_meets_the_floor() -> None:
    floor = json.loads((DEMO / "eval" / "floor.json").read_text())
    metrics = asyncio.run(evaluate_conversations(Settings(), []))
    assert metrics["accuracy"] >= floor["accuracy"]
    assert metrics["confidently_wrong_rate"] <= floor["confidently_wrong_rate"]


def test_stadtwerke_set_meets_its_floor() -> None:
    # A second pack, written after the understanding was tuned on the demo: it keeps us honest.
    pack = DEMO.parent / "packs" / "stadtwerke"
    floor = json.loads((pack / "eval" / "floor.json").read_text())
    metrics = asyncio.run(evaluate_conversations(Settings(company_dir=pack), []))
    assert metrics["items"] >= 180
    assert metrics["accuracy"] >= floor["accuracy"]
    assert metrics["confidently_wrong_rate"] <= floor["confidently_wrong_rate"]
