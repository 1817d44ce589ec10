"""``firstline init``, ``test`` and ``eval intents`` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from firstline.cli.main import app
from firstline.company.loader import load_company

runner = CliRunner()


def test_init_scaffolds_a_pack_whose_own_test_passes(tmp_path: Path) -> None:
    pack = tmp_path / "shop"
    result = runner.invoke(app, ["init", str(pack)])
    assert result.exit_code == 0, result.output
    company = load_company(pack)
    assert company.name == "Example Shop" and company.flows
    tested = runner.invoke(app, ["test", "--company", str(pack)], env={"FIRSTLINE_DATA_DIR": str(tmp_path)})
    assert tested.output.strip().endswith("1 passed, 0 failed"), tested.output
    assert tested.exit_code == 0


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.output


def test_failing_conversation_test_is_reported_and_exits_1(tmp_path: Path) -> None:
    pack = tmp_path / "shop"
    runner.invoke(app, ["init", str(pack)])
    failing = tmp_path / "failing.yaml"
    failing.write_text(
        'language: en\nturns:\n  - customer: "How can I reach customer service?"\n'
        '    expect: {reply_contains: "this text is not there", cites: none}\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["test", str(failing), "--company", str(pack)], env={"FIRSTLINE_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 1
    assert "FAILED" in result.output and "this text is not there" in result.output
    assert "expected no citation" in result.output
    assert result.output.strip().endswith("0 passed, 1 failed")


def test_eval_intents_prints_the_metrics(tmp_path: Path) -> None:
    rows = [
        ("where is my parcel", "track"),
        ("track my order please", "track"),
        ("has my order shipped", "track"),
        ("when does my package arrive", "track"),
        ("I want my money back", "refund"),
        ("refund my purchase", "refund"),
        ("give me a refund", "refund"),
        ("can I get my money back", "refund"),
        ("what is the weather like", "oos"),
        ("tell me a joke", "oos"),
        ("who won the football game", "oos"),
        ("how tall is the eiffel tower", "oos"),
    ]
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    train.write_text("".join(json.dumps({"text": t, "intent": i}) + "\n" for t, i in rows), encoding="utf-8")
    test.write_text(
        json.dumps({"text": "where is my package", "intent": "track"})
        + "\n"
        + json.dumps({"text": "sing me a song", "intent": "oos"})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", "intents", "--train", str(train), "--test", str(test)])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    for key in (
        "in_scope_accuracy",
        "oos_recall",
        "oos_precision",
        "overall_accuracy",
        "macro_f1",
        "train_seconds",
        "queries_per_second",
    ):
        assert key in metrics
    assert metrics["n_test"] == 2


def test_eval_intents_reports_a_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "intent": "x"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", "intents", "--train", str(bad), "--test", str(bad)])
    assert result.exit_code == 2 and ":2" in result.output


def test_init_blank_and_utility_templates_make_packs_that_pass_their_own_tests(tmp_path: Path) -> None:
    for template, name in (("blank", "Example Organisation"), ("utility", "Stadtwerke Auenbach")):
        pack = tmp_path / template
        result = runner.invoke(app, ["init", str(pack), "--template", template])
        assert result.exit_code == 0, result.output
        assert load_company(pack).name == name
    blank = runner.invoke(
        app, ["test", "--company", str(tmp_path / "blank")], env={"FIRSTLINE_DATA_DIR": str(tmp_path)}
    )
    assert blank.output.strip().endswith("2 passed, 0 failed"), blank.output
    assert not load_company(tmp_path / "blank").flows
    unknown = runner.invoke(app, ["init", str(tmp_path / "x"), "--template", "bakery"])
    assert unknown.exit_code == 2 and "blank, retail, utility" in unknown.output


def test_bench_replays_the_packs_script_and_times_company_actions(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["bench", "--company", "stadtwerke", "--turns", "12"], env={"FIRSTLINE_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["turns"] == 12 and report["company_action_turns"] >= 1
    assert report["turn_ms_p50"] <= report["turn_ms_p95"]


def test_bench_needs_the_packs_script(tmp_path: Path) -> None:
    pack = tmp_path / "blank"
    runner.invoke(app, ["init", str(pack), "--template", "blank"])
    result = runner.invoke(app, ["bench", "--company", str(pack)], env={"FIRSTLINE_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2 and "bench.yaml" in result.output


def test_eval_intents_cross_validates_a_packs_own_examples_per_language(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "intents", "--company", "stadtwerke", "--folds", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"de", "en"} and all(0 < report[lang]["overall_accuracy"] <= 1 for lang in report)
    missing = runner.invoke(app, ["eval", "intents"])
    assert missing.exit_code == 2 and "--company" in missing.output
