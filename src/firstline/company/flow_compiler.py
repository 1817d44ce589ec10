"""Compiles a flow's YAML (with nested ``if``/``then``/``else``) into flat, jumpable steps."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from firstline.company.collect_options import OPTION_TYPES, CollectOptions
from firstline.company.yaml_source import line_of, to_plain
from firstline.domain.flows import (
    COMPARISONS,
    CONDITION_OPERATORS,
    SLOT_TYPES,
    Collect,
    Condition,
    Flow,
    Handoff,
    Jump,
    JumpUnless,
    LinkFlow,
    RunAction,
    Say,
    SourceRef,
    Step,
)
from firstline.domain.slot_constraints import SlotRef, comparable
from firstline.errors import CompanyPackError

_STEP_KINDS = ("collect", "action", "say", "if", "handoff", "link")


class _Compiler:
    """Turns one flow file into steps; every error names the file and the line."""

    def __init__(
        self, path: Path, confirm_before: frozenset[str] = frozenset(), patterns: Mapping[str, str] | None = None
    ) -> None:
        self.path = path
        self.steps: list[Step] = []
        self.confirm_before = confirm_before
        self.patterns = patterns or {}

    def fail(self, node: Any, problem: str, key: str | None = None) -> CompanyPackError:
        line = line_of(node, [key] if key else [])
        return CompanyPackError(self.path, line, problem)

    def ref(self, node: Any) -> SourceRef:
        return SourceRef(path=str(self.path), line=line_of(node))

    def block(self, node: Any, where: str) -> None:
        if not isinstance(node, CommentedSeq) or not node:
            raise self.fail(node, f"{where} must be a non-empty list of steps")
        for item in node:
            self.step(item)

    def step(self, node: Any) -> None:
        if not isinstance(node, CommentedMap):
            raise self.fail(node, f"a step must be a mapping with one of: {', '.join(_STEP_KINDS)}")
        kinds = [kind for kind in _STEP_KINDS if kind in node]
        if len(kinds) != 1:
            raise self.fail(node, f"a step needs exactly one of: {', '.join(_STEP_KINDS)}")
        kind = kinds[0]
        allowed = {
            "collect": {"collect", "type", "ask", "invalid", "max_attempts", "from_opening", *OPTION_TYPES},
            "if": {"if", "then", "else"},
        }.get(kind, {kind})
        unknown = sorted(set(map(str, node)) - allowed)
        if unknown:
            raise self.fail(node, f"unknown key '{unknown[0]}' in a '{kind}' step", unknown[0])
        getattr(self, f"_{kind}")(node)

    def _text(self, node: CommentedMap, key: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(node, f"'{key}' must be a non-empty text", key)
        return str(value).strip()

    def _collect(self, node: CommentedMap) -> None:
        slot = self._text(node, "collect")
        slot_type = str(node.get("type", "text"))
        if slot_type not in SLOT_TYPES:
            raise self.fail(node, f"unknown slot type '{slot_type}'; known: {', '.join(sorted(SLOT_TYPES))}", "type")
        attempts = node.get("max_attempts", 3)
        if not isinstance(attempts, int) or isinstance(attempts, bool) or not 1 <= attempts <= 10:
            raise self.fail(node, "'max_attempts' must be a whole number from 1 to 10", "max_attempts")
        options = CollectOptions(node, slot_type, self.fail, self.patterns)
        self.steps.append(
            Collect(
                slot=slot,
                slot_type=slot_type,
                ask=self._text(node, "ask") if "ask" in node else f"ask_{slot}",
                invalid=self._text(node, "invalid") if "invalid" in node else f"invalid_{slot}",
                max_attempts=attempts,
                source=self.ref(node),
                constraints=options.constraints(),
                choices=options.choices(),
                pattern=options.pattern(),
                from_opening=options.from_opening(),
            )
        )

    def _action(self, node: CommentedMap) -> None:
        action, source = self._text(node, "action"), self.ref(node)
        if action not in self.confirm_before:
            self.steps.append(RunAction(action=action, source=source))
            return
        # rules.yaml confirm_before: check the rules, ask for a yes, then act ("Soll ich … wirklich stornieren?").
        slot = f"confirm_{action}"
        allowed = Condition(slot=f"{action}_check", operator="equals", value="allowed")
        confirmed = Condition(slot=slot, operator="equals", value="yes")
        self.steps.append(RunAction(action=action, source=source, check_only=True))
        skip = len(self.steps)
        self.steps.append(JumpUnless(conditions=(allowed,), target=-1, source=source))
        ask = Collect(
            slot=slot, slot_type="yes_no", ask=slot, invalid="invalid_confirmation", max_attempts=2, source=source
        )
        self.steps.append(ask)
        declined = len(self.steps)
        self.steps.append(JumpUnless(conditions=(confirmed,), target=-1, source=source))
        self.steps.append(RunAction(action=action, source=source))
        done = len(self.steps)
        self.steps.append(Jump(target=-1, source=source))
        self._patch(declined, len(self.steps))
        self.steps.append(Say(template="action_not_confirmed", source=source))
        self._patch(done, len(self.steps))
        self._patch(skip, len(self.steps))

    def _say(self, node: CommentedMap) -> None:
        self.steps.append(Say(template=self._text(node, "say"), source=self.ref(node)))

    def _handoff(self, node: CommentedMap) -> None:
        self.steps.append(Handoff(reason=self._text(node, "handoff"), source=self.ref(node)))

    def _link(self, node: CommentedMap) -> None:
        self.steps.append(LinkFlow(flow=self._text(node, "link"), source=self.ref(node)))

    def _if(self, node: CommentedMap) -> None:
        conditions = self.conditions(node["if"], node)
        if "then" not in node and "else" not in node:
            raise self.fail(node, "an 'if' step needs 'then', 'else' or both")
        jump_index = len(self.steps)
        self.steps.append(JumpUnless(conditions=conditions, target=-1, source=self.ref(node)))
        if "then" in node:
            self.block(node["then"], "'then'")
        if "else" in node:
            skip_index = len(self.steps)
            self.steps.append(Jump(target=-1, source=self.ref(node)))
            self._patch(jump_index, len(self.steps))
            self.block(node["else"], "'else'")
            self._patch(skip_index, len(self.steps))
        else:
            self._patch(jump_index, len(self.steps))

    def _patch(self, index: int, target: int) -> None:
        step = self.steps[index]
        if isinstance(step, JumpUnless):
            self.steps[index] = JumpUnless(conditions=step.conditions, target=target, source=step.source)
        elif isinstance(step, Jump):
            self.steps[index] = Jump(target=target, source=step.source)

    def conditions(self, node: Any, parent: CommentedMap) -> tuple[Condition, ...]:
        items = node if isinstance(node, CommentedSeq) else [node]
        result = []
        for item in items:
            if not isinstance(item, CommentedMap) or "slot" not in item:
                raise self.fail(parent, "'if' needs a condition like {slot: name, equals: value}", "if")
            operators = [key for key in item if key != "slot"]
            if len(operators) != 1 or operators[0] not in CONDITION_OPERATORS:
                known = ", ".join(sorted(CONDITION_OPERATORS))
                raise self.fail(parent, f"a condition needs exactly one operator of: {known}", "if")
            operator = str(operators[0])
            value = to_plain(item[operator])
            if operator == "in" and not isinstance(value, list):
                raise self.fail(parent, "'in' needs a list of values", "if")
            if operator in COMPARISONS:
                value = self._compared(value, operator, parent)
            result.append(Condition(slot=str(item["slot"]), operator=operator, value=value))
        return tuple(result)

    def _compared(self, value: Any, operator: str, parent: CommentedMap) -> Decimal | date | SlotRef:
        """What ``at_least`` and its kin compare with: a number, a date or ``{slot: name}``."""
        if isinstance(value, dict) and set(value) == {"slot"} and isinstance(value["slot"], str):
            return SlotRef(value["slot"])
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        found = comparable(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
        if found is None:
            raise self.fail(parent, f"'{operator}' needs a number, a date or {{slot: name}}", "if")
        return found


def compile_flow(
    node: Any,
    path: Path,
    *,
    confirm_before: frozenset[str] = frozenset(),
    patterns: Mapping[str, str] | None = None,
) -> Flow:
    """Compile one flow file's YAML into a :class:`Flow`.

    Actions in ``confirm_before`` get a confirmation; ``patterns`` are the pack's named regular
    expressions (``company.yaml`` ``patterns:``) that a ``type: pattern`` question may name.
    """
    if not isinstance(node, CommentedMap):
        raise CompanyPackError(path, line_of(node), "a flow file must be a mapping with 'name' and 'steps'")
    compiler = _Compiler(path, confirm_before, patterns)
    for key in node:
        if key not in {"name", "title", "intents", "steps", "description"}:
            raise compiler.fail(node, f"unknown key '{key}' in a flow", str(key))
    name = compiler._text(node, "name")
    intents = to_plain(node.get("intents", []))
    if not isinstance(intents, list) or not all(isinstance(i, str) for i in intents):
        raise compiler.fail(node, "'intents' must be a list of intent names", "intents")
    title = to_plain(node.get("title", {}))
    if not isinstance(title, dict):
        raise compiler.fail(node, "'title' must map languages to text, e.g. {de: …, en: …}", "title")
    if "steps" not in node:
        raise compiler.fail(node, "a flow needs 'steps'")
    compiler.block(node["steps"], "'steps'")
    return Flow(
        name=name,
        title={str(k): str(v) for k, v in title.items()},
        intents=tuple(intents),
        steps=tuple(compiler.steps),
        source=SourceRef(path=str(path), line=line_of(node)),
    )
