"""Loads a company pack folder and checks that its parts fit together."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml.comments import CommentedMap

from firstline.company.actions_schema import ActionsConfig
from firstline.company.commerce_schema import CommerceConfig, VoucherRecord
from firstline.company.data_files import load_data, load_records
from firstline.company.flow_compiler import compile_flow
from firstline.company.model import Company
from firstline.company.schema import CompanyConfig, RulesConfig
from firstline.company.yaml_source import line_of, load_yaml, validate
from firstline.domain.business_hours import BusinessHours
from firstline.domain.flows import Collect, Flow, LinkFlow, Say
from firstline.domain.language import Language
from firstline.errors import CompanyPackError

T = TypeVar("T")


def demo_company_dir() -> Path:
    """The bundled demo company's folder."""
    return Path(str(resources.files("firstline") / "demo"))


BUNDLED_PACKS = ("demo", "stadtwerke")
"""Company packs shipped with firstline, usable by name (``--company stadtwerke``)."""


def bundled_pack_dir(name: str) -> Path:
    """The folder of a bundled pack: the retail demo, or the Stadtwerke utility."""
    if name == "demo":
        return demo_company_dir()
    return Path(str(resources.files("firstline") / "packs" / name))


def resolve_pack_dir(value: Path | str | None) -> Path:
    """A pack folder, or the name of a bundled pack; nothing means the demo company."""
    if value is None:
        return demo_company_dir()
    path = Path(value)
    if path.is_dir() or str(value) not in BUNDLED_PACKS:
        return path
    return bundled_pack_dir(str(value))


def load_company(root: Path) -> Company:
    """Load and validate the pack in ``root``; raise :class:`CompanyPackError` on the first problem."""
    if not root.is_dir():
        bundled = ", ".join(BUNDLED_PACKS)
        raise CompanyPackError(root, None, f"company pack folder does not exist (bundled packs by name: {bundled})")
    config = validate(CompanyConfig, _required(root / "company.yaml"), root / "company.yaml")
    rules_path = root / "rules.yaml"
    rules = validate(RulesConfig, load_yaml(rules_path), rules_path) if rules_path.exists() else RulesConfig()
    languages = [Language(code) for code in config.languages]
    responses = {
        lang: _merged(
            _pack_files(root / "responses", lang), lambda path: _responses(path, config.address_form), "response"
        )
        for lang in languages
    }
    _check_translations(root, responses)
    intents = {lang: _merged(_pack_files(root / "intents", lang), _intents, "intent") for lang in languages}
    flows = _flows(root / "flows", frozenset(rules.confirm_before), config.patterns.named())
    _check_flows(flows, responses, intents)
    _check_rule_templates(rules, rules_path, responses)
    actions = _actions(root / "actions.yaml", responses, rules)
    return Company(
        root=root,
        config=config,
        rules=rules,
        flows=flows,
        responses=responses,
        intents=intents,
        data=load_data(root),
        business_hours=BusinessHours.parse(
            {str(day): hours for day, hours in config.business_hours.items()}, config.timezone, config.holidays
        ),
        commerce=_commerce(root),
        vouchers=tuple(load_records(root / "data" / "vouchers.json", VoucherRecord)),
        actions=actions,
        tables=_tables(root, actions),
    )


def _tables(root: Path, config: ActionsConfig) -> dict[str, tuple[dict[str, Any], ...]]:
    """The rows of every table a lookup action names (CSV with a header, or a JSON list of objects)."""
    tables: dict[str, tuple[dict[str, Any], ...]] = {}
    for action in config.actions.values():
        if action.table is None or action.table in tables:
            continue
        path = root / action.table
        if not path.is_file():
            raise CompanyPackError(root / "actions.yaml", None, f"table {action.table} does not exist")
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                rows: list[Any] = list(csv.DictReader(handle))
        else:
            try:
                rows = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                raise CompanyPackError(path, None, f"not valid JSON: {error}") from error
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise CompanyPackError(path, 1, "a table must be a list of objects (or a CSV file with a header)")
        tables[action.table] = tuple(rows)
    return tables


def _actions(path: Path, responses: dict[Language, dict[str, str]], rules: RulesConfig) -> ActionsConfig:
    """``actions.yaml``: the company's own actions; every system and template they name must exist."""
    if not path.exists():
        return ActionsConfig()
    node = load_yaml(path)
    config = validate(ActionsConfig, node, path)
    known = set().union(*(set(t) for t in responses.values())) if responses else set()
    for name, action in config.actions.items():
        if action.system is not None and action.system not in config.systems:
            systems = ", ".join(sorted(config.systems)) or "none declared"
            problem = f"actions.{name}: unknown system '{action.system}' (systems: {systems})"
            raise CompanyPackError(path, line_of(node, ["actions", name, "system"]), problem)
        if action.ticket is not None and action.ticket not in rules.tickets:
            kinds = ", ".join(sorted(rules.tickets)) or "none declared in rules.yaml tickets"
            problem = f"actions.{name}: unknown ticket kind '{action.ticket}' (kinds: {kinds})"
            raise CompanyPackError(path, line_of(node, ["actions", name, "ticket"]), problem)
        for key, handling in action.errors.items():
            if handling.say is not None and handling.say not in known:
                problem = f"actions.{name}.errors.{key}: unknown response template '{handling.say}'"
                raise CompanyPackError(path, line_of(node, ["actions", name, "errors", key, "say"]), problem)
        if "default" not in action.errors and "system_error" not in known:
            problem = f"actions.{name}: add a response 'system_error' (said when a call fails) or errors.default"
            raise CompanyPackError(path, line_of(node, ["actions", name]), problem)
    return config


def _commerce(root: Path) -> CommerceConfig:
    """``commerce.yaml`` if the pack sells; without it the defaults (no countries, no payment methods)."""
    path = root / "commerce.yaml"
    return validate(CommerceConfig, load_yaml(path), path) if path.exists() else CommerceConfig()


def _pack_files(folder: Path, lang: Language) -> list[Path]:
    """``de.yaml`` plus any ``de/*.yaml``: a big pack can keep each topic's texts in its own file."""
    return [folder / f"{lang}.yaml", *sorted((folder / lang.value).glob("*.yaml"))]


def _merged(paths: list[Path], load: Callable[[Path], dict[str, T]], kind: str) -> dict[str, T]:
    merged: dict[str, T] = {}
    first_seen: dict[str, Path] = {}
    for path in paths:
        for key, value in load(path).items():
            if key in merged:
                raise CompanyPackError(path, None, f"{kind} '{key}' is already defined in {first_seen[key]}")
            merged[key], first_seen[key] = value, path
    return merged


def _required(path: Path) -> Any:
    if not path.exists():
        raise CompanyPackError(path, None, "required file is missing")
    return load_yaml(path)


def _mapping(path: Path) -> CommentedMap:
    node = _required(path)
    if not isinstance(node, CommentedMap):
        raise CompanyPackError(path, 1, "expected a mapping of names to values")
    return node


def _responses(path: Path, address_form: str) -> dict[str, str]:
    node = _mapping(path)
    templates: dict[str, str] = {}
    for key, value in node.items():
        if isinstance(value, CommentedMap) and address_form in value:
            value = value[address_form]
        if not isinstance(value, str) or not value.strip():
            problem = f"response '{key}' must be a text or have a '{address_form}' variant"
            raise CompanyPackError(path, line_of(node, [key]), problem)
        templates[str(key)] = str(value)
    return templates


def _check_translations(root: Path, responses: dict[Language, dict[str, str]]) -> None:
    for lang, templates in responses.items():
        for other, other_templates in responses.items():
            missing = sorted(set(other_templates) - set(templates))
            if missing:
                path = root / "responses" / f"{lang}.yaml"
                raise CompanyPackError(
                    path, None, f"response '{missing[0]}' exists in the {other} responses but not in {lang}"
                )


def _intents(path: Path) -> dict[str, list[str]]:
    node = _mapping(path)
    intents: dict[str, list[str]] = {}
    for key, examples in node.items():
        if not isinstance(examples, list) or not examples or not all(isinstance(e, str) for e in examples):
            raise CompanyPackError(path, line_of(node, [key]), f"intent '{key}' needs a list of example texts")
        intents[str(key)] = [str(example) for example in examples]
    return intents


def _flows(folder: Path, confirm_before: frozenset[str], patterns: dict[str, str]) -> dict[str, Flow]:
    flows: dict[str, Flow] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        flow = compile_flow(load_yaml(path), path, confirm_before=confirm_before, patterns=patterns)
        if flow.name in flows:
            raise CompanyPackError(path, flow.source.line, f"flow name '{flow.name}' is used twice")
        flows[flow.name] = flow
    return flows


def _check_rule_templates(rules: RulesConfig, path: Path, responses: dict[Language, dict[str, str]]) -> None:
    known = set().union(*(set(t) for t in responses.values())) if responses else set()
    for action, checks in rules.actions.items():
        for rule in checks:
            for template in (rule.reason, rule.alternative):
                if template is not None and template not in known:
                    problem = f"actions.{action}: unknown response template '{template}'"
                    raise CompanyPackError(path, None, problem)


def _check_flows(
    flows: dict[str, Flow],
    responses: dict[Language, dict[str, str]],
    intents: dict[Language, dict[str, list[str]]],
) -> None:
    known_templates = set().union(*(set(t) for t in responses.values())) if responses else set()
    known_intents = set().union(*(set(i) for i in intents.values())) if intents else set()
    for flow in flows.values():
        for intent in flow.intents:
            if intent not in known_intents:
                raise CompanyPackError(
                    flow.source.path, flow.source.line, f"flow '{flow.name}': unknown intent '{intent}'"
                )
        for step in flow.steps:
            names = [step.ask, step.invalid] if isinstance(step, Collect) else []
            names += [step.template] if isinstance(step, Say) else []
            for name in names:
                if name not in known_templates:
                    raise CompanyPackError(step.source.path, step.source.line, f"unknown response template '{name}'")
            if isinstance(step, LinkFlow) and step.flow not in flows:
                raise CompanyPackError(step.source.path, step.source.line, f"link to unknown flow '{step.flow}'")
