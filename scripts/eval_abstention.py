"""Measure when the demo company's knowledge answers and when it honestly says "I don't know"; print JSON.

The agent's own knowledge path (``KnowledgeAdapter``: article router plus knowledge base) is
asked three kinds of question per language:

* ``paraphrases``: ``tests/knowledge/data/demo_paraphrases.json``, in-scope questions worded
  differently from the articles; counted as right when the quoted article is one of ``ids``;
* ``off_topic``: public intent sets where nothing is in the demo company's scope: CLINC150
  ``val`` (English; its intents about the assistant itself and orders are left out, since the
  demo's articles answer them), xSID ``val`` in English, German, Bavarian and Swiss German
  (alarms, reminders, weather, restaurants, music);
* ``pack_off_topic``: the pack's own ``out_of_scope`` examples (they also calibrate the
  threshold, so this is not a held-out number).

For each it reports how many got an answer, and for the paraphrases how many got the right
article. An off-topic question that gets an answer is a confidently wrong reply; a paraphrase
that gets none is an unnecessary "I don't know". The calibration floor in
``firstline.knowledge.calibration`` and the narrow router rescue in
``KnowledgeBase.answer`` were chosen from these numbers (development splits only).

    .venv/bin/python scripts/eval_abstention.py [--data /work/shared/data] [--show]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from firstline.agent.knowledge import KnowledgeAdapter
from firstline.app import build_knowledge, train_article_routers
from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.language import Language
from firstline.knowledge.ingest import load_knowledge_dir
from firstline.settings import Settings
from firstline.understanding.embedded import OUT_OF_SCOPE_INTENT

REPO = Path(__file__).resolve().parent.parent
PARAPHRASES = REPO / "tests/knowledge/data/demo_paraphrases.json"
CLINC_IN_SCOPE = frozenset(
    {"are_you_a_bot", "what_can_i_ask_you", "order_status", "cancel", "who_made_you", "where_are_you_from"}
)
"""CLINC150 intents the demo company's articles do answer (the assistant, orders)."""
CLINC_SAMPLE = 600
OFF_TOPIC_SETS: dict[Language, tuple[str, ...]] = {
    Language.EN: ("clinc150", "xsid_en"),
    Language.DE: ("xsid_de", "xsid_de-ba", "xsid_gsw"),
}


def off_topic(data: Path, name: str) -> list[str]:
    """The texts of one public set's ``val`` split that lie outside the demo company's scope."""
    rows = [json.loads(line) for line in (data / "intents" / name / "val.jsonl").read_text().splitlines() if line]
    if name == "clinc150":
        rows = [row for row in rows if row["intent"] not in CLINC_IN_SCOPE]
        random.Random(1).shuffle(rows)
        rows = rows[:CLINC_SAMPLE]
    return [row["text"] for row in rows]


def ask(adapter: KnowledgeAdapter, texts: Sequence[str], language: Language) -> list[tuple[str, str | None]]:
    """Each text with the article that answered it, or None."""
    answers = []
    for text in texts:
        found = adapter.answer(text, language=language)
        answers.append((text, str(found.citation.article_id) if found else None))
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--show", action="store_true", help="list the off-topic questions that got an answer")
    args = parser.parse_args()
    settings = Settings()
    company = load_company(demo_company_dir())
    articles = load_knowledge_dir(company.knowledge_dir)
    knowledge = build_knowledge(company, settings, articles)
    adapter = KnowledgeAdapter(knowledge, train_article_routers(company, articles, settings))
    paraphrases = json.loads(PARAPHRASES.read_text(encoding="utf-8"))
    report: dict[str, Any] = {}
    for language, sets in OFF_TOPIC_SETS.items():
        cases = paraphrases[language.value]
        answered = ask(adapter, [case["q"] for case in cases], language)
        right = sum(article in case["ids"] for case, (_, article) in zip(cases, answered, strict=True))
        result: dict[str, Any] = {
            "paraphrases": {
                "items": len(cases),
                "answered": sum(article is not None for _, article in answered),
                "right_article": right,
            }
        }
        for name in sets:
            replies = ask(adapter, off_topic(args.data, name), language)
            wrong = [(text, article) for text, article in replies if article is not None]
            result[name] = {"items": len(replies), "answered": len(wrong)}
            if args.show:
                result[name]["answered_examples"] = wrong[:40]
        own = company.intents.get(language, {}).get(OUT_OF_SCOPE_INTENT, [])
        pack = ask(adapter, own, language)
        result["pack_off_topic"] = {"items": len(pack), "answered": sum(a is not None for _, a in pack)}
        report[language.value] = result
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
