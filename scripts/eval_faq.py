"""Measure FAQ matching and knowledge retrieval; print JSON.

* ``covid_de`` / ``covid_en`` (``/work/shared/data/faq``): every distinct FAQ question is a
  document; for each ``similar=1`` pair we rank all documents for the user's question and
  report recall@1 and MRR of the paired FAQ, for dense (FAQ embedded as a passage, and as
  an example question), lexical and fused retrieval, plus the pair AUC of the fused score.
* ``demo``: the demo company's articles. Each example question asked with itself hidden
  (leave-one-out): accuracy of the top article; the calibrated no-answer threshold; the
  hand-written paraphrase set ``tests/knowledge/data/demo_paraphrases.json`` (top-1
  article, answered, answered with a right article and section, off-topic rejected);
  build time with and without cached vectors; ``answer`` latency p50/p95.

``--sweep`` prints recall@1 over a grid of fusion settings; that is how ``LEXICAL_WEIGHT``
and ``PASSAGE_OFFSET`` in ``firstline.knowledge.index`` were chosen (on these
development sets, never on test data).

    .venv/bin/python scripts/eval_faq.py [--model e5|use] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from firstline.domain.language import Language
from firstline.knowledge.dense import group_max
from firstline.knowledge.index import Fusion, LanguageIndex, build_indexes
from firstline.knowledge.ingest import load_knowledge_dir
from firstline.knowledge.model import Article, ArticleId, Passage
from firstline.knowledge.retriever import KnowledgeBase
from firstline.nlp.embeddings import Embedder, load_embedder

FAQ_DIR = Path("/work/shared/data/faq")
REPO = Path(__file__).resolve().parent.parent
DEMO_KNOWLEDGE = REPO / "src/firstline/demo/knowledge"
DEMO_INTENTS = REPO / "src/firstline/demo/intents"
PARAPHRASES = REPO / "tests/knowledge/data/demo_paraphrases.json"
WEIGHTS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0)
OFFSETS = (0.0, 0.02, 0.04, 0.06, 0.09)


def faq_articles(faqs: Sequence[str], language: Language) -> list[Article]:
    """One single-passage article per FAQ question, which is also its example question."""
    articles = []
    for number, faq in enumerate(faqs):
        article_id = ArticleId(f"faq-{number}")
        passage = Passage(article_id=article_id, title=faq, heading=(), text=faq, language=language, source="covid")
        articles.append(
            Article(id=article_id, title=faq, language=language, source="covid", passages=(passage,), questions=(faq,))
        )
    return articles


def ranks(relevance: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """1-based rank of the true column in each row (ties count against us)."""
    true_scores = relevance[np.arange(len(truth)), truth]
    return np.asarray((relevance >= true_scores[:, None]).sum(axis=1), dtype=np.float64)


def pair_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a similar pair scores above a dissimilar one (ties count half)."""
    positive, negative = scores[labels], scores[~labels]
    wins = (positive[:, None] > negative[None, :]).sum() + 0.5 * (positive[:, None] == negative[None, :]).sum()
    return float(wins / (len(positive) * len(negative)))


def summary(rank: np.ndarray) -> dict[str, float]:
    return {"recall@1": round(float(np.mean(rank == 1)), 3), "mrr": round(float(np.mean(1 / rank)), 3)}


def evaluate_faq(name: str, embedder: Embedder, fusions: Sequence[Fusion]) -> dict[str, Any]:
    """Recall@1 and MRR of dense, lexical and fused retrieval on one covid set."""
    language = Language.DE if name.endswith("_de") else Language.EN
    rows = [json.loads(line) for line in (FAQ_DIR / name / "val.jsonl").read_text().splitlines()]
    faqs = sorted({row["faq"] for row in rows})
    column = {faq: i for i, faq in enumerate(faqs)}
    index = build_indexes(faq_articles(faqs, language), embedder)[language]
    queries = [row["query"] for row in rows]
    vectors = embedder.embed_queries(queries)
    positive = np.array([row["similar"] == 1 for row in rows])
    truth = np.array([column[row["faq"]] for row in rows])
    results: dict[str, Any] = {"queries": int(positive.sum()), "documents": len(faqs)}
    passage_cos = index.dense.passage_scores(vectors)
    question_cos = group_max(
        index.dense.question_similarities(vectors), index.question_articles, len(index.article_ids)
    )
    lexical = np.vstack([index.lexical.scores(query) for query in queries])
    for label, matrix in (("dense_passage", passage_cos), ("dense_question", question_cos), ("lexical", lexical)):
        results[label] = summary(ranks(matrix[positive], truth[positive]))
    for fusion in fusions:
        fused = index.score(vectors, queries, fusion).relevance
        entry = summary(ranks(fused[positive], truth[positive]))
        entry["pair_auc"] = round(pair_auc(fused[np.arange(len(rows)), truth], positive), 3)
        results[_fusion_label(fusion)] = entry
    return results


def _fusion_label(fusion: Fusion) -> str:
    return f"fused(w={fusion.lexical_weight:g},offset={fusion.passage_offset:g})"


def demo_leave_one_out(index: LanguageIndex, fusion: Fusion) -> dict[str, float]:
    """Top-article accuracy of each example question with itself hidden."""
    if not index.questions:
        return {}
    scores = index.score(
        index.dense.question_vectors,
        index.questions,
        fusion,
        exclude_questions=np.arange(len(index.questions), dtype=np.intp),
    )
    best = [index.ranking(scores, row)[0] for row in range(len(index.questions))]
    hits = index.passage_articles[best] == index.question_articles
    return {"questions": len(index.questions), "top1_article": round(float(np.mean(hits)), 3)}


def paraphrase_top1(
    index: LanguageIndex, embedder: Embedder, paraphrases: dict[str, Any], fusion: Fusion
) -> dict[str, float]:
    """Share of the hand-written paraphrases whose top article is a right one."""
    cases = paraphrases.get(index.language.value, [])
    if not cases:
        return {}
    questions = [case["q"] for case in cases]
    scores = index.score(embedder.embed_queries(questions), questions, fusion)
    tops = [index.passages[index.ranking(scores, row)[0]].article_id for row in range(len(cases))]
    hits = [top in case["ids"] for top, case in zip(tops, cases, strict=True)]
    return {"paraphrase_top1": round(sum(hits) / len(hits), 3)}


def out_of_scope(language: Language) -> list[str]:
    """The demo pack's out-of-scope intent examples, if the pack has them yet."""
    from ruamel.yaml import YAML

    path = DEMO_INTENTS / f"{language.value}.yaml"
    if not path.exists():
        return []
    return [str(text) for text in (YAML(typ="safe").load(path.read_text()) or {}).get("out_of_scope", [])]


def evaluate_demo(embedder: Embedder, fusions: Sequence[Fusion]) -> dict[str, Any]:
    """Leave-one-out accuracy, calibration, paraphrases, build time and query latency."""
    articles = load_knowledge_dir(DEMO_KNOWLEDGE)
    if not articles:
        return {}
    negatives = out_of_scope(Language.DE) + out_of_scope(Language.EN)
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        knowledge = KnowledgeBase.build(
            articles, embedder=embedder, negatives=negatives, fusion=fusions[0], vector_cache=Path(cache)
        )
        cold = time.perf_counter() - started
        started = time.perf_counter()
        KnowledgeBase.build(
            articles, embedder=embedder, negatives=negatives, fusion=fusions[0], vector_cache=Path(cache)
        )
        warm = time.perf_counter() - started
    results: dict[str, Any] = {
        "articles": len(articles),
        "passages": sum(len(article.passages) for article in articles),
        "example_questions": sum(len(article.questions) for article in articles),
        "negatives": len(negatives),
        "build_seconds": {"cold": round(cold, 2), "cached_vectors": round(warm, 2)},
    }
    paraphrases = json.loads(PARAPHRASES.read_text()) if PARAPHRASES.exists() else {}
    for language, index in knowledge.indexes.items():
        entry: dict[str, Any] = {
            _fusion_label(f): demo_leave_one_out(index, f) | paraphrase_top1(index, embedder, paraphrases, f)
            for f in fusions
        }
        calibration = knowledge.calibrations[language].same_language
        entry["threshold"] = round(calibration.threshold, 4)
        entry["loo_accepted"] = round(calibration.accepted_positives, 3)
        entry["negatives_rejected"] = round(calibration.rejected_negatives, 3)
        results[language.value] = entry
    results.update(evaluate_paraphrases(knowledge))
    return results


def evaluate_paraphrases(knowledge: KnowledgeBase) -> dict[str, Any]:
    """Accuracy on the hand-written demo paraphrase set, and answer latency."""
    if not PARAPHRASES.exists():
        return {}
    data = json.loads(PARAPHRASES.read_text())
    timings: list[float] = []
    results: dict[str, Any] = {}
    for language in (Language.DE, Language.EN):
        cases = data[language.value]
        counts = {"questions": len(cases), "top1_article": 0, "answered": 0, "answered_right": 0, "right_section": 0}
        for case in cases:
            started = time.perf_counter()
            answer = knowledge.answer(case["q"], language=language)
            timings.append(time.perf_counter() - started)
            top = knowledge.search(case["q"], language=language, limit=1)[0].passage
            counts["top1_article"] += top.article_id in case["ids"]
            if answer is not None:
                counts["answered"] += 1
                counts["answered_right"] += answer.citation.article_id in case["ids"]
                counts["right_section"] += answer.passage.section in case["sections"]
        off_topic = data["off_topic"][language.value]
        counts["off_topic"] = len(off_topic)
        counts["off_topic_rejected"] = sum(knowledge.answer(q, language=language) is None for q in off_topic)
        results[f"paraphrases_{language.value}"] = counts
    milliseconds = np.array(timings) * 1000
    results["answer_ms"] = {
        "p50": round(float(np.percentile(milliseconds, 50)), 1),
        "p95": round(float(np.percentile(milliseconds, 95)), 1),
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["e5", "use"], default="e5")
    parser.add_argument("--sweep", action="store_true", help="evaluate a grid of fusion settings")
    args = parser.parse_args()
    embedder = load_embedder(args.model)
    fusions = [Fusion()]
    if args.sweep:
        fusions += [Fusion(lexical_weight=w, passage_offset=o) for w in WEIGHTS for o in OFFSETS]
    report = {
        "model": args.model,
        "covid_de": evaluate_faq("covid_de", embedder, fusions),
        "covid_en": evaluate_faq("covid_en", embedder, fusions),
        "demo": evaluate_demo(embedder, fusions),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
