"""``actions.yaml``: broken declarations fail at load with file and line; rules must name real actions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from firstline.app import check_actions, company_actions, default_actions
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.errors import CompanyPackError

GOOD = """\
systems:
  crm:
    url: http://127.0.0.1:9
actions:
  lookup_contract:
    system: crm
    path: /contracts/{contract_number}
    input: [contract_number]
    output:
      holder: holder
      advance_payment: {path: advance, type: money}
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(demo_company_dir(), target)
    with (target / "responses" / "de.yaml").open("a", encoding="utf-8") as file:
        file.write("system_error: Unser System antwortet gerade nicht.\n")
    with (target / "responses" / "en.yaml").open("a", encoding="utf-8") as file:
        file.write("system_error: Our system is not answering right now.\n")
    return target


def _check(company: Company) -> None:
    systems: dict[str, Any] = dict.fromkeys(company.actions.systems)  # no calls are made here
    check_actions(company, default_actions(None, company_actions(company, systems)))


def _load_error(pack: Path, actions: str) -> CompanyPackError:
    (pack / "actions.yaml").write_text(actions, encoding="utf-8")
    with pytest.raises(CompanyPackError) as caught:
        _check(load_company(pack))
    return caught.value


def test_a_valid_file_declares_the_action(pack: Path) -> None:
    (pack / "actions.yaml").write_text(GOOD, encoding="utf-8")
    company = load_company(pack)
    assert company.actions.actions["lookup_contract"].input_fields() == {"contract_number": "contract_number"}


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (GOOD.replace("system: crm", "system: billing"), 6, "unknown system 'billing'"),
        (GOOD.replace("/contracts/{contract_number}", "/contracts/{number}"), 5, "placeholder '{number}'"),
        (GOOD.replace("type: money", "type: euros"), 11, "advance_payment"),
        (GOOD.replace("    system: crm\n", ""), 5, "needs one of"),
        (GOOD.replace("http://127.0.0.1:9", "ftp://x"), 2, "http://"),
        (GOOD + "    errors:\n      '404': {say: no_such_template}\n", 13, "no_such_template"),
        (GOOD + "    errors:\n      teapot!: {say: system_error}\n", 5, "teapot!"),
        (GOOD.replace("lookup_contract:", "cancel_order:"), 5, "built-in action"),
        (GOOD.replace("    system: crm\n", "    python: no.such.module:run\n"), None, "plugin"),
        (GOOD.replace("    system: crm\n", "    ticket: outage\n"), 6, "unknown ticket kind 'outage'"),
    ],
)
def test_a_broken_declaration_names_file_line_and_problem(
    pack: Path, broken: str, line: int | None, words: str
) -> None:
    error = _load_error(pack, broken)
    assert error.path.name == "actions.yaml"
    assert words in error.problem
    if line is not None:
        assert error.line == line


def test_a_pack_without_system_error_must_map_every_failure(pack: Path) -> None:
    for language in ("de", "en"):
        path = pack / "responses" / f"{language}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("system_error:", "system_fehler:"), encoding="utf-8")
    error = _load_error(pack, GOOD)
    assert "system_error" in error.problem and error.line == 5


def test_a_rule_for_an_action_that_does_not_exist_names_rules_yaml(pack: Path) -> None:
    rules = pack / "rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace(
            "actions:\n",
            "actions:\n  payment_plan:\n    - check: identity_verified\n      reason: rule_identity_required\n",
            1,
        ),
        encoding="utf-8",
    )
    error = _load_error(pack, GOOD)
    assert error.path.name == "rules.yaml" and "payment_plan" in error.problem and error.line is not None


def test_a_writing_action_needs_rules(pack: Path) -> None:
    writing = GOOD.replace("    input: [contract_number]\n", "    input: [contract_number]\n    changes_data: true\n")
    (pack / "actions.yaml").write_text(writing, encoding="utf-8")
    flow = pack / "flows" / "lookup.yaml"
    flow.write_text("name: lookup\nintents: [order_status]\nsteps:\n  - action: lookup_contract\n", encoding="utf-8")
    shutil.move(pack / "flows" / "order_status.yaml", pack / "order_status.yaml.off")
    company = load_company(pack)
    with pytest.raises(CompanyPackError) as caught:
        _check(company)
    assert caught.value.path.name == "lookup.yaml" and "rules.yaml must declare" in caught.value.problem
