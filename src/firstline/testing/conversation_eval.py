"""``firstline eval conversations``: a labelled set of customer conversations, scored in-process.

An eval set is a YAML list of items (``docs/conversation-tests.md``)::

    - id: de-em-001
      class: entity_mismatch
      language: de
      turns: ["Was kostet der Versand in die Schweiz?"]
      expect: {facts: [["19,90"]], wrong: ["9,90 €", "4,95"]}

``facts`` are required strings (an inner list holds alternatives), ``wrong`` strings make the reply
*confidently wrong*, ``abstain: true`` wants an honest "I don't know / a colleague" reply.
``flow``, ``action``, ``no_action`` and ``citation`` check what the agent did. ``expect`` applies to
the last customer turn; a turn written as ``{customer: ..., expect: {...}}`` carries its own.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from firstline.app import Services, build_services
from firstline.domain.conversation import TurnResult
from firstline.domain.language import Language
from firstline.settings import Settings
from firstline.testing.clock import FakeClock
from firstline.testing.conversations import DEFAULT_NOW, isolated_settings

CLASSES = frozenset(
    {
        "entity_mismatch",
        "structured_fact",
        "product_question",
        "reference",
        "compound",
        "unanswerable",
        "process",
        "money_safety",
        "in_scope_knowledge",
    }
)
EXPECT_KEYS = frozenset({"facts", "wrong", "abstain", "flow", "action", "no_action", "citation"})
# Reply templates that say "I don't know / can't / a person will help": an abstention.
ABSTAIN_TEMPLATES = ("no_answer", "out_of_scope", "handoff", "gibberish", "bot_challenge", "with_humans")
_NUMBER = re.compile(r"\d+[.,]\d{2}\b|\d+\s?(?:€|eur|chf|euro|franken)|€\s?\d+", re.IGNORECASE)


_SHOWN_REPLY_CHARS = 600
"""How much of a failed reply ``--failures`` prints."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Turn:
    """One customer message and what its reply must satisfy (empty: not scored)."""

    text: str
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalItem:
    """One labelled conversation of the set."""

    id: str
    kind: str
    language: Language
    turns: tuple[Turn, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """How one scored reply fared."""

    passed: bool
    confidently_wrong: bool
    abstained: bool
    abstain_expected: bool
    reasons: tuple[str, ...]


def _alternatives(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _says(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` as its own token: "9,90" is not said by "19,90 €"."""
    pattern = r"(?<![\w])" + re.escape(" ".join(phrase.lower().split())) + r"(?![\d])"
    return re.search(pattern, text) is not None


def _check_expect(expect: Any, where: str) -> dict[str, Any]:
    if expect is None:
        return {}
    if not isinstance(expect, dict):
        raise ValueError(f"{where}: 'expect' must be a mapping")
    unknown = set(expect) - EXPECT_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown expectation {sorted(unknown)}; known: {', '.join(sorted(EXPECT_KEYS))}")
    return dict(expect)


def _load_item(raw: Any, path: Path, index: int, default_language: Language | None) -> EvalItem:
    where = f"{path}: item {index}"
    if not isinstance(raw, dict) or not raw.get("id") or not isinstance(raw.get("turns"), list) or not raw["turns"]:
        raise ValueError(f"{where}: an item needs an 'id' and a non-empty 'turns' list")
    where = f"{path}: item {raw['id']}"
    kind = str(raw.get("class", ""))
    if kind not in CLASSES:
        raise ValueError(f"{where}: class {kind!r} is not one of {', '.join(sorted(CLASSES))}")
    turns = []
    for turn in raw["turns"]:
        if isinstance(turn, dict):
            turns.append(Turn(text=str(turn["customer"]), expect=_check_expect(turn.get("expect"), where)))
        else:
            turns.append(Turn(text=str(turn)))
    last_expect = _check_expect(raw.get("expect"), where)
    if last_expect:
        turns[-1] = Turn(text=turns[-1].text, expect={**turns[-1].expect, **last_expect})
    if not any(t.expect for t in turns):
        raise ValueError(f"{where}: nothing to check; give 'expect'")
    language = raw.get("language") or (default_language.value if default_language else None)
    if language not in ("de", "en"):
        raise ValueError(f"{where}: 'language' must be de or en")
    return EvalItem(id=str(raw["id"]), kind=kind, language=Language(language), turns=tuple(turns))


def load_eval_set(paths: Sequence[Path]) -> list[EvalItem]:
    """Read every item of the YAML files under the given files or folders; ids must be unique."""
    items: list[EvalItem] = []
    for path in paths:
        for file in sorted(path.rglob("*.yaml")) if path.is_dir() else [path]:
            try:
                data = YAML(typ="safe").load(file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, YAMLError) as error:
                raise ValueError(f"{file}: cannot read eval set: {error}") from error
            if not isinstance(data, list):
                raise ValueError(f"{file}: an eval set is a YAML list of items")
            default = Language(file.stem) if file.stem in ("de", "en") else None
            items.extend(_load_item(raw, file, i, default) for i, raw in enumerate(data, start=1))
    seen = Counter(item.id for item in items)
    duplicates = [i for i, n in seen.items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate item ids: {', '.join(sorted(duplicates))}")
    return items


def abstention_markers(services: Services, language: Language) -> list[str]:
    """The opening words of the pack's "cannot answer / a colleague" templates, lower case."""
    markers = []
    for key in ABSTAIN_TEMPLATES:
        source = services.company.responses.get(language, {}).get(key)
        if not source:
            continue
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", "\x00", str(source))
        first = max(text.split("\x00"), key=len).strip()
        if len(first) >= 12:
            markers.append(" ".join(first.lower().split())[:40])
    return markers


def score_reply(
    result: TurnResult, expect: dict[str, Any], markers: Sequence[str], earlier_flows: Sequence[str] = ()
) -> Score:
    """Score one turn's replies against its expectation."""
    text = " ".join(" ".join(r.text for r in result.replies).split())
    lower = text.lower()
    cited = [c.article_id for r in result.replies for c in r.citations]
    abstained = not cited and (result.status.value != "bot" or any(marker in lower for marker in markers))
    reasons: list[str] = []
    wrong = [w for w in _alternatives(expect.get("wrong", [])) if _says(lower, w)]
    if wrong:
        reasons.append(f"states wrong {wrong}")
    abstain_expected = bool(expect.get("abstain"))
    confidently_wrong = bool(wrong)
    if abstain_expected and not abstained:
        reasons.append("answers where it should abstain")
        confidently_wrong = confidently_wrong or bool(cited) or bool(_NUMBER.search(text))
    for fact in expect.get("facts", []):
        options = _alternatives(fact)
        if not any(_says(lower, o) for o in options):
            reasons.append(f"misses {' / '.join(options)!r}")
    # A flow started by an earlier turn counts: a finished order lookup leaves no flow active.
    if expect.get("flow") and expect["flow"] not in (result.active_flow, *result.flows_started, *earlier_flows):
        reasons.append(f"flow {expect['flow']} not active (active: {result.active_flow})")
    done = [a.name for a in result.actions]
    for action in _alternatives(expect.get("action", [])):
        if action not in done:
            reasons.append(f"action {action} did not run (ran: {done or 'none'})")
    # A guarded attempt the rules denied is fine; only an action that went through counts.
    went_through = [a.name for a in result.actions if a.outcome in ("done", "pending_approval")]
    for action in _alternatives(expect.get("no_action", [])):
        if action in went_through:
            reasons.append(f"action {action} ran")
    for source in _alternatives(expect.get("citation", [])):
        if source not in cited:
            reasons.append(f"does not cite {source} (cites: {cited or 'none'})")
    return Score(
        passed=not reasons,
        confidently_wrong=confidently_wrong,
        abstained=abstained,
        abstain_expected=abstain_expected,
        reasons=tuple(reasons),
    )


@dataclass(slots=True)
class _Tally:
    total: int = 0
    passed: int = 0

    def rate(self) -> float:
        return round(self.passed / self.total, 4) if self.total else 0.0


async def _run_item(
    services: Services, clock: FakeClock, item: EvalItem, markers: list[str]
) -> tuple[list[Score], str]:
    clock.now = DEFAULT_NOW
    conversation = await services.open_conversation(channel="test", language=item.language)
    scores: list[Score] = []
    flows: list[str] = []
    last_text = ""
    for turn in item.turns:
        clock.advance(seconds=30)
        result = await services.agent.handle(services.inbound(conversation, turn.text))
        if turn.expect:
            scores.append(score_reply(result, turn.expect, markers, flows))
            last_text = " ".join(" ".join(r.text for r in result.replies).split())
        flows.extend(result.flows_started)
    return scores, last_text


def summarise(results: Sequence[tuple[EvalItem, list[Score], str]], *, failures: bool) -> dict[str, Any]:
    """The metrics of a run as a JSON-ready dict."""
    overall = _Tally()
    by_class: defaultdict[str, _Tally] = defaultdict(_Tally)
    by_language: defaultdict[str, _Tally] = defaultdict(_Tally)
    wrong = abstained = expected = true_abstain = replies = 0
    failed: list[dict[str, str]] = []
    for item, scores, text in results:
        ok = all(s.passed for s in scores)
        for tally in (overall, by_class[item.kind], by_language[item.language.value]):
            tally.total += 1
            tally.passed += ok
        wrong += any(s.confidently_wrong for s in scores)
        for s in scores:
            replies += 1
            abstained += s.abstained
            expected += s.abstain_expected
            true_abstain += s.abstained and s.abstain_expected
        if not ok:
            why = "; ".join(r for s in scores for r in s.reasons)
            # The end of the reply is the answer; its start is often the AI disclosure of a first turn.
            shown = text if len(text) <= _SHOWN_REPLY_CHARS else "…" + text[-_SHOWN_REPLY_CHARS:]
            failed.append({"id": item.id, "class": item.kind, "reply": shown, "why": why})
    summary: dict[str, Any] = {
        "items": overall.total,
        "accuracy": overall.rate(),
        "confidently_wrong_rate": round(wrong / overall.total, 4) if overall.total else 0.0,
        "abstention_rate": round(abstained / replies, 4) if replies else 0.0,
        "abstention_precision": round(true_abstain / abstained, 4) if abstained else 0.0,
        "abstention_recall": round(true_abstain / expected, 4) if expected else 0.0,
        "per_class": {k: {"items": t.total, "accuracy": t.rate()} for k, t in sorted(by_class.items())},
        "per_language": {k: {"items": t.total, "accuracy": t.rate()} for k, t in sorted(by_language.items())},
    }
    if failures:
        summary["failures"] = failed
    return summary


async def evaluate_conversations(
    settings: Settings, paths: Sequence[Path], *, failures: bool = False
) -> dict[str, Any]:
    """Run every item of the set in a fresh conversation on a throwaway database; return the metrics."""
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(DEFAULT_NOW)
        services = await build_services(isolated_settings(settings, Path(folder)), clock=clock)
        try:
            items = load_eval_set(paths or [services.company.root / "eval" / "conversations"])
            markers = {lang: abstention_markers(services, lang) for lang in Language}
            results = []
            for item in items:
                scores, text = await _run_item(services, clock, item, markers[item.language])
                results.append((item, scores, text))
        finally:
            await services.close()
    return summarise(results, failures=failures)
