"""Measure the escalation and complaint detectors on a labelled set; print JSON.

Each line of ``tests/nlp/data/escalation_eval.jsonl`` holds a customer message,
its ``language``, the expected ``escalation`` kind (or null), whether it is an ``insult``,
its complaint ``category`` and ``severity``. The sentences are held out: none of them is a
unit-test case, so the numbers say how the word lists carry over to new wording.

For every label this prints precision, recall and support; for escalation also the share of
calm messages that wrongly escalated.

    uv run python scripts/eval_escalation.py [--data PATH] [--errors]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from firstline.domain.language import Language
from firstline.nlp.complaints import classify_complaint, complaint_severity
from firstline.nlp.escalation import detect_escalation, is_insult

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests/nlp/data/escalation_eval.jsonl"
NONE = "none"


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled message."""

    text: str
    language: Language
    escalation: str
    insult: bool
    category: str
    severity: str


def load(path: Path) -> list[Case]:
    """Read the JSONL set; a null escalation becomes the label "none"."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        cases.append(
            Case(
                text=row["text"],
                language=Language(row["language"]),
                escalation=row["escalation"] or NONE,
                insult=bool(row["insult"]),
                category=row["category"],
                severity=row["severity"],
            )
        )
    return cases


def per_label(expected: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float | int]]:
    """Precision, recall and support for every label that occurs in either list."""
    report: dict[str, dict[str, float | int]] = {}
    for label in sorted(set(expected) | set(predicted)):
        true_positive = sum(e == label and p == label for e, p in zip(expected, predicted, strict=True))
        predicted_count = sum(p == label for p in predicted)
        support = sum(e == label for e in expected)
        report[label] = {
            "precision": round(true_positive / predicted_count, 3) if predicted_count else 0.0,
            "recall": round(true_positive / support, 3) if support else 0.0,
            "support": support,
        }
    return report


def accuracy(expected: Sequence[str], predicted: Sequence[str]) -> float:
    """The share of exact matches."""
    return round(sum(e == p for e, p in zip(expected, predicted, strict=True)) / len(expected), 3)


def evaluate(cases: Sequence[Case]) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Run every detector on every case; return the report and the misses."""
    escalation, insult, category, severity = [], [], [], []
    errors: list[dict[str, str]] = []
    for case in cases:
        signal = detect_escalation(case.text, case.language)
        got = {
            "escalation": signal.kind.value if signal is not None else NONE,
            "insult": str(is_insult(case.text, case.language)).lower(),
            "category": classify_complaint(case.text, case.language).value,
            "severity": complaint_severity(case.text, case.language).value,
        }
        want = {
            "escalation": case.escalation,
            "insult": str(case.insult).lower(),
            "category": case.category,
            "severity": case.severity,
        }
        escalation.append((want["escalation"], got["escalation"]))
        insult.append((want["insult"], got["insult"]))
        category.append((want["category"], got["category"]))
        severity.append((want["severity"], got["severity"]))
        for task, value in got.items():
            if value != want[task]:
                errors.append({"task": task, "text": case.text, "expected": want[task], "got": value})
    calm = [p for e, p in escalation if e == NONE]
    report = {
        "cases": len(cases),
        "escalation": {
            "accuracy": accuracy(*zip(*escalation, strict=True)),
            "false_alarm_rate": round(sum(p != NONE for p in calm) / len(calm), 3) if calm else 0.0,
            "per_kind": per_label(*zip(*escalation, strict=True)),
        },
        "insult": per_label(*zip(*insult, strict=True)).get("true", {}),
        "category": {
            "accuracy": accuracy(*zip(*category, strict=True)),
            "per_category": per_label(*zip(*category, strict=True)),
        },
        "severity": {
            "accuracy": accuracy(*zip(*severity, strict=True)),
            "per_severity": per_label(*zip(*severity, strict=True)),
        },
    }
    return report, errors


def main() -> None:
    """Parse arguments, evaluate, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="also list every miss")
    args = parser.parse_args()
    report, errors = evaluate(load(args.data))
    if args.errors:
        report["errors"] = errors
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
