"""The company pack loader: the demo loads, broken packs name file and line."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.flows import Collect, JumpUnless, RunAction
from firstline.domain.language import Language
from firstline.errors import CompanyPackError
from firstline.responses.renderer import Responder


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(demo_company_dir(), target)
    return target


def test_demo_company_loads_with_its_data() -> None:
    company = load_company(demo_company_dir())
    assert company.name == "Voltaro"
    assert len(company.data.products) == 60
    assert len(company.data.customers) == 30
    assert len(company.data.orders) == 100
    assert {o.status.value for o in company.data.orders.values()} == {
        "pending",
        "paid",
        "shipped",
        "delivered",
        "cancelled",
        "returned",
    }
    assert set(company.responses[Language.DE]) == set(company.responses[Language.EN])


def test_flow_if_blocks_compile_to_jumps() -> None:
    flow = load_company(demo_company_dir()).flows["order_status"]
    assert isinstance(flow.steps[0], Collect)
    jumps = [s for s in flow.steps if isinstance(s, JumpUnless)]
    assert jumps and all(0 < j.target <= len(flow.steps) for j in jumps)
    assert any(isinstance(s, RunAction) and s.action == "verify_identity" for s in flow.steps)


def test_broken_yaml_names_file_and_line(pack: Path) -> None:
    (pack / "rules.yaml").write_text("verification:\n  max_attempts: [1\n", encoding="utf-8")
    with pytest.raises(CompanyPackError) as caught:
        load_company(pack)
    assert caught.value.path.name == "rules.yaml"
    assert caught.value.line is not None and caught.value.line >= 2


def test_wrong_value_names_the_line_of_the_key(pack: Path) -> None:
    text = (pack / "company.yaml").read_text(encoding="utf-8").replace('sat: "09:00-16:00"', "sat: nine to four")
    (pack / "company.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CompanyPackError) as caught:
        load_company(pack)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "business_hours" in row)
    assert caught.value.line == line
    assert "HH:MM-HH:MM" in str(caught.value)


def test_unknown_step_key_in_flow_names_its_line(pack: Path) -> None:
    path = pack / "flows" / "order_status.yaml"
    text = path.read_text(encoding="utf-8").replace("    invalid: invalid_order_number", "    invalidd: x")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CompanyPackError) as caught:
        load_company(pack)
    assert caught.value.path == path
    assert caught.value.line == next(i for i, row in enumerate(text.splitlines(), 1) if "invalidd" in row)
    assert "unknown key 'invalidd'" in str(caught.value)


def test_flow_with_unknown_template_is_rejected(pack: Path) -> None:
    path = pack / "flows" / "order_status.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("say: order_report", "say: order_reprot"), "utf-8")
    with pytest.raises(CompanyPackError, match="unknown response template 'order_reprot'"):
        load_company(pack)


def test_response_missing_in_one_language_is_rejected(pack: Path) -> None:
    path = pack / "responses" / "en.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("goodbye:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CompanyPackError, match="goodbye"):
        load_company(pack)


def test_unknown_slot_type_lists_the_known_ones(pack: Path) -> None:
    path = pack / "flows" / "order_status.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: order_number", "type: ordernumber"), "utf-8")
    with pytest.raises(CompanyPackError, match="unknown slot type 'ordernumber'.*order_number"):
        load_company(pack)


def test_bad_product_names_the_line_in_json(pack: Path) -> None:
    path = pack / "data" / "products.json"
    text = path.read_text(encoding="utf-8").replace('"stock": 0', '"stock": -5', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CompanyPackError) as caught:
        load_company(pack)
    assert caught.value.path == path and caught.value.line is not None
    assert "stock" in str(caught.value)


def test_bad_customer_row_names_the_csv_line(pack: Path) -> None:
    path = pack / "data" / "customers.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",DE,", ",XX,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CompanyPackError) as caught:
        load_company(pack)
    assert caught.value.line == 6


def test_order_with_unknown_product_is_rejected(pack: Path) -> None:
    path = pack / "data" / "orders.json"
    text = path.read_text(encoding="utf-8")
    sku = text.split('"sku": "', 1)[1].split('"', 1)[0]
    path.write_text(text.replace(f'"sku": "{sku}"', '"sku": "ZZ-0000"', 1), encoding="utf-8")
    with pytest.raises(CompanyPackError, match="ZZ-0000"):
        load_company(pack)


def test_binary_file_is_a_clear_error(pack: Path) -> None:
    (pack / "rules.yaml").write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(CompanyPackError, match="not valid UTF-8"):
        load_company(pack)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CompanyPackError, match="does not exist"):
        load_company(tmp_path / "nope")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rule_with_an_unknown_limit_names_the_known_ones(pack: Path) -> None:
    _edit(pack / "rules.yaml", "limit: refund_limit", "limit: refund_limt")
    with pytest.raises(CompanyPackError, match=r"rules.yaml:\d+.*'refund_limt' is neither a number nor one of"):
        load_company(pack)


def test_a_rule_with_an_unknown_reason_template_is_rejected(pack: Path) -> None:
    _edit(pack / "rules.yaml", "reason: rule_refund_status", "reason: rule_refund_stat")
    with pytest.raises(CompanyPackError, match="actions.refund: unknown response template 'rule_refund_stat'"):
        load_company(pack)


def test_a_template_defined_in_two_files_names_both(pack: Path) -> None:
    extra = pack / "responses" / "de" / "extra.yaml"
    extra.write_text("cancel_done: doppelt\n", encoding="utf-8")
    with pytest.raises(
        CompanyPackError, match=r"service.yaml: response 'cancel_done' is already defined in .*extra.yaml"
    ):
        load_company(pack)


def test_an_action_that_changes_data_needs_rules() -> None:
    from firstline.app import check_actions, default_actions

    company = load_company(demo_company_dir())
    without = company.rules.model_copy(
        update={"actions": {k: v for k, v in company.rules.actions.items() if k != "refund"}}
    )
    with pytest.raises(CompanyPackError, match=r"refund.yaml:\d+: action 'refund' changes data"):
        check_actions(dataclasses.replace(company, rules=without), default_actions())


def test_an_action_to_confirm_gets_a_check_a_question_and_a_decline_path() -> None:
    company = load_company(demo_company_dir())
    assert "cancel_order" in company.rules.confirm_before
    steps = company.flows["cancel_order"].steps
    cancel = [i for i, s in enumerate(steps) if isinstance(s, RunAction) and s.action == "cancel_order"]
    check, run = cancel
    assert steps[check].check_only and not steps[run].check_only  # type: ignore[union-attr]
    question = steps[check + 2]
    assert isinstance(question, Collect)
    assert (question.slot, question.slot_type, question.ask) == (
        "confirm_cancel_order",
        "yes_no",
        "confirm_cancel_order",
    )
    skip = steps[check + 1]
    assert isinstance(skip, JumpUnless) and skip.target > run  # refused: neither asked nor run
    say = [s for s in steps if getattr(s, "template", None) == "action_not_confirmed"]
    assert len(say) == 1
    other = company.flows["order_status"].steps
    assert not any(isinstance(s, RunAction) and s.check_only for s in other)


def test_a_confirmed_action_needs_its_question_template(pack: Path) -> None:
    service = pack / "responses" / "de" / "service.yaml"
    service.write_text(service.read_text().replace("confirm_refund:", "confirm_refund_old:"), encoding="utf-8")
    with pytest.raises(CompanyPackError, match="confirm_refund"):
        load_company(pack)


def test_a_company_names_its_own_limits_and_rules_use_them(pack: Path) -> None:
    rules = pack / "rules.yaml"
    text = rules.read_text(encoding="utf-8").replace(
        "confirm_before:", 'limits:\n  partial_refund_max: "80.00"\nconfirm_before:'
    )
    rules.write_text(text.replace("limit: refund_limit", "limit: partial_refund_max"), encoding="utf-8")
    company = load_company(pack)
    assert company.rules.limit("partial_refund_max") == Decimal("80.00")
    assert company.rules.limit("refund_limit") == Decimal("200.00")
    rules.write_text(text.replace("limit: refund_limit", "limit: partial_refund_maxx"), encoding="utf-8")
    with pytest.raises(CompanyPackError, match="partial_refund_maxx") as caught:
        load_company(pack)
    assert caught.value.path.name == "rules.yaml"
    rules.write_text(text.replace("partial_refund_max:", "refund_limit:"), encoding="utf-8")
    with pytest.raises(CompanyPackError, match="already a built-in limit"):
        load_company(pack)


def test_a_company_keeps_its_own_facts_for_templates(pack: Path) -> None:
    config = pack / "company.yaml"
    extra = '\nfacts:\n  emergency_phone: "0800 112 112"\n  portal: {de: "Kundenportal", en: "customer portal"}\n'
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    responses = pack / "responses"
    for lang, text in (
        ("de", "Notfall: {{ company.facts.emergency_phone }} ({{ company.facts.portal }})"),
        ("en", "Emergency: {{ company.facts.emergency_phone }} ({{ company.facts.portal }})"),
    ):
        (responses / lang / "extra.yaml").write_text(f'emergency: "{text}"\n', encoding="utf-8")
    company = load_company(pack)
    responder = Responder(company)
    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert responder.text("emergency", Language.DE, now, {}) == "Notfall: 0800 112 112 (Kundenportal)"
    assert responder.text("emergency", Language.EN, now, {}) == "Emergency: 0800 112 112 (customer portal)"
