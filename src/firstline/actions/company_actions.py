"""Actions the company declares in ``actions.yaml``: calls to its own systems, or Python plugins.

Both kinds share one typed contract: input fields come from slots, output fields are read by
path from the answer and converted to their declared type, and every failure is mapped to what
the customer hears (a template, a question asked again, a person). Nothing here reads customer
text; the guard in front of every action still applies the company's rules and writes the audit log.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from importlib.metadata import entry_points
from typing import Any
from urllib.parse import quote

from firstline.actions.base import Action, ActionContext, ActionResult
from firstline.actions.identity import ATTEMPTS_SLOT
from firstline.actions.ports import CompanySystem, SystemCall, SystemReply, SystemUnavailable
from firstline.actions.typed_output import InvalidAnswer, map_output
from firstline.company.actions_schema import ActionConfig, ActionsConfig, ErrorHandling
from firstline.domain.language import Language
from firstline.domain.tickets import NewTicket, Priority, TicketKind

SYSTEM_ERROR_TEMPLATE = "system_error"
"""Said when a call fails in a way the pack did not map (every pack with company actions has it)."""
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_FALLBACK = ErrorHandling(say=SYSTEM_ERROR_TEMPLATE)
_NO_ANSWER = frozenset({"timeout", "unreachable", "invalid_response", "missing_input", "plugin_error", "default"})


class ActionError(Exception):
    """Raised by a plugin to fail with a code that ``errors:`` in actions.yaml maps (``over_limit``)."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass(frozen=True, slots=True, kw_only=True)
class PluginRequest:
    """What a plugin action receives: its declared input fields, typed by the slots that filled them."""

    action: str
    input: dict[str, Any]
    language: Language
    now: datetime
    conversation_id: str | None
    actor: str


Plugin = Callable[[PluginRequest], Awaitable[dict[str, Any]]]
"""``async def f(request) -> dict``: the dict is read through ``output:`` like a system's JSON answer."""


class _DeclaredAction:
    """The shared part: input from slots, output by path, failures by the ``errors:`` table."""

    def __init__(self, name: str, config: ActionConfig) -> None:
        self._name = name
        self.config = config
        self.arguments = tuple(config.input_fields().values())
        """The slots the audit log and an approval show."""

    @property
    def name(self) -> str:
        """The action's name in flows and rules."""
        return self._name

    def inputs(self, slots: dict[str, Any]) -> dict[str, Any]:
        """The system's field name → the slot's value (unset slots left out)."""
        return {field: slots[slot] for field, slot in self.config.input_fields().items() if slots.get(slot) is not None}

    def audit_args(self, inputs: dict[str, Any], **extra: Any) -> dict[str, Any]:
        """What the audit log keeps: a verification action's proof (a birth date) stays out of it."""
        if self.config.verifies is not None:
            key = self.config.verifies
            kept = {key: inputs[key]} if key in inputs else {}
        else:
            kept = dict(inputs)
        return {**kept, **{k: v for k, v in extra.items() if v is not None}}

    def missing(self, inputs: dict[str, Any]) -> list[str]:
        """Required fields (and the path's placeholders) without a value."""
        needed = dict.fromkeys([*self.config.required, *_PLACEHOLDER.findall(self.config.path or "")])
        return [field for field in needed if field not in inputs]

    def succeeded(self, context: ActionContext, inputs: dict[str, Any], data: Any) -> ActionResult:
        """Fill the output slots (a verification also marks the customer as verified)."""
        try:
            slots = map_output(data, self.config.outputs(), context.language.value)
        except InvalidAnswer as error:
            return self.failed(context, inputs, "invalid_response", detail=str(error))
        if self.config.verifies is not None:
            who = slots.get(self.config.verifies, inputs.get(self.config.verifies))
            slots |= {
                "identity_verified": True,
                "verified_customer": who,
                "verified_by": self.name,
                ATTEMPTS_SLOT: 0,
            }
        return ActionResult(outcome="done", slots=slots, args=self.audit_args(inputs))

    def failed(self, context: ActionContext, inputs: dict[str, Any], *keys: str, detail: str = "") -> ActionResult:
        """The mapped handling of the first key the pack names (status, class, kind), else the default."""
        handling = next((self.config.errors[key] for key in (*keys, "default") if key in self.config.errors), _FALLBACK)
        error = keys[0] if keys else "default"
        args = self.audit_args(inputs, error=error, detail=detail[:200] or None)
        # A refusal (4xx, a plugin's own code) is wrong proof; an outage is not the customer's fault.
        refused = error not in _NO_ANSWER and not error.startswith("5")
        if self.config.verifies is not None and refused and not handling.handoff:
            return self._not_verified(context, args, handling)
        return ActionResult(
            outcome=handling.outcome,
            slots={f"{self.name}_error": error},
            say=(handling.say,) if handling.say else (),
            ask_again=tuple(handling.ask_again),
            handoff=handling.handoff,
            offer_handoff=handling.handoff is None and not handling.ask_again,
            args=args,
        )

    def _not_verified(self, context: ActionContext, args: dict[str, Any], handling: ErrorHandling) -> ActionResult:
        """Wrong proof: the same answer whether or not the customer exists; a limited number of tries."""
        attempts = int(context.slots.get(ATTEMPTS_SLOT) or 0) + 1
        allowed = context.company.rules.verification.max_attempts
        if attempts >= allowed:
            return ActionResult(
                outcome="failed", slots={"identity_verified": False, ATTEMPTS_SLOT: attempts}, args=args
            )
        ask_again = tuple(handling.ask_again) or self.arguments
        return ActionResult(
            outcome="failed",
            slots={ATTEMPTS_SLOT: attempts, "attempts_left": allowed - attempts},
            say=(handling.say or "verification_mismatch",),
            ask_again=ask_again,
            args=args,
        )


class SystemAction(_DeclaredAction):
    """An HTTP call to one of the company's systems, as declared in ``actions.yaml``."""

    def __init__(self, name: str, config: ActionConfig, system: CompanySystem) -> None:
        super().__init__(name, config)
        self._system = system

    def request(self, inputs: dict[str, Any]) -> SystemCall:
        """The call for these inputs: path placeholders filled, the rest as query (GET, DELETE) or JSON body."""
        used = set(_PLACEHOLDER.findall(self.config.path or ""))
        path = _PLACEHOLDER.sub(lambda m: _quote(str(inputs[m.group(1)])), self.config.path or "/")
        rest = {k: v for k, v in inputs.items() if k not in used}
        method = self.config.method
        if method in ("GET", "DELETE"):
            return SystemCall(method=method, path=path, query=rest, idempotent=method in _IDEMPOTENT)
        return SystemCall(method=method, path=path, body=rest, idempotent=method in _IDEMPOTENT)

    async def run(self, context: ActionContext) -> ActionResult:
        """Call the system and map its answer."""
        inputs = self.inputs(context.slots)
        missing = self.missing(inputs)
        if missing:
            return self.failed(context, inputs, "missing_input", detail=", ".join(missing))
        try:
            reply = await self._system.call(self.request(inputs))
        except SystemUnavailable as error:
            return self.failed(context, inputs, error.kind, detail=error.detail)
        return self._answer(context, inputs, reply)

    def _answer(self, context: ActionContext, inputs: dict[str, Any], reply: SystemReply) -> ActionResult:
        if 200 <= reply.status < 300:
            return self.succeeded(context, inputs, reply.data)
        status = str(reply.status)
        keys = (status, f"{status[0]}xx", "not_found") if status == "404" else (status, f"{status[0]}xx")
        return self.failed(context, inputs, *keys, detail=_message(reply.data))


class PluginAction(_DeclaredAction):
    """A Python function the company ships, with the same typed contract as an HTTP action."""

    def __init__(self, name: str, config: ActionConfig, plugin: Plugin) -> None:
        super().__init__(name, config)
        self._plugin = plugin

    async def run(self, context: ActionContext) -> ActionResult:
        """Call the plugin; an :class:`ActionError` is mapped by its code, anything else is a system error."""
        inputs = self.inputs(context.slots)
        missing = self.missing(inputs)
        if missing:
            return self.failed(context, inputs, "missing_input", detail=", ".join(missing))
        request = PluginRequest(
            action=self.name,
            input=inputs,
            language=context.language,
            now=context.now,
            conversation_id=context.conversation_id,
            actor=context.actor,
        )
        try:
            data = await self._plugin(request)
        except ActionError as error:
            return self.failed(context, inputs, error.code, detail=error.detail)
        except Exception as error:  # a plugin's bug must not end the conversation: say so and offer a person
            return self.failed(context, inputs, "plugin_error", detail=f"{type(error).__name__}: {error}")
        return self.succeeded(context, inputs, data)


def _quote(value: str) -> str:
    return quote(value, safe="")


def _message(data: Any) -> str:
    """A short reason from an error answer for the audit log (``detail`` or ``message``)."""
    if isinstance(data, dict):
        for key in ("detail", "message", "error"):
            if isinstance(data.get(key), str):
                return str(data[key])
    return ""


class TableAction(_DeclaredAction):
    """A lookup in one of the pack's tables: the row whose columns match every input field."""

    def __init__(self, name: str, config: ActionConfig, rows: Sequence[Mapping[str, Any]]) -> None:
        super().__init__(name, config)
        self._rows = rows

    async def run(self, context: ActionContext) -> ActionResult:
        """Find the row; ``not_found`` when none matches (the same answer whatever was wrong)."""
        inputs = self.inputs(context.slots)
        fields = self.config.input_fields()
        if len(inputs) < len(fields):
            return self.failed(context, inputs, "missing_input", detail=", ".join(sorted(set(fields) - set(inputs))))
        for row in self._rows:
            if all(_same(row.get(field), value) for field, value in inputs.items()):
                return self.succeeded(context, inputs, dict(row))
        return self.failed(context, inputs, "not_found")


class TicketAction(_DeclaredAction):
    """Opens a ticket of one of the company's kinds, with the collected fields for the colleague."""

    async def run(self, context: ActionContext) -> ActionResult:
        """Open the case; its reference and due time land in ``ticket_reference`` and ``ticket_due_at``."""
        inputs = self.inputs(context.slots)
        missing = self.missing(inputs)
        if missing:
            return self.failed(context, inputs, "missing_input", detail=", ".join(missing))
        assert self.config.ticket is not None
        kind = context.company.rules.tickets[self.config.ticket]
        priority = Priority(kind.priority)
        hours = kind.sla_hours or getattr(context.company.rules.sla_hours, priority.value)
        summary = ", ".join(f"{key}: {value}" for key, value in inputs.items())
        ticket = await context.tickets.open(
            NewTicket(
                kind=TicketKind.CASE,
                prefix=kind.prefix,
                subject=f"{kind.title.en}: {summary}"[:200],
                language=context.language,
                priority=priority,
                conversation_id=context.conversation_id,
                customer_number=_text_or_none(context.slots.get("verified_customer")),
                details={"case": self.config.ticket, "title": kind.title.model_dump(), "fields": inputs},
                created_by=context.actor,
                due_at=context.company.business_hours.add_working_hours(context.now, hours),
            )
        )
        due = ticket.due_at.isoformat() if ticket.due_at else None
        data = {"reference": ticket.reference, "due_at": due, "priority": priority.value}
        result = self.succeeded(context, inputs, data)
        return replace(result, slots={"ticket_reference": ticket.reference, "ticket_due_at": due, **result.slots})


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _same(stored: Any, given: Any) -> bool:
    """Identifiers compared as written by people: case, spaces and dashes do not count."""
    if stored is None:
        return False

    def norm(value: Any) -> str:
        return re.sub(r"[\s\-]", "", str(value)).casefold()

    return norm(stored) == norm(given)


def load_plugin(reference: str) -> Plugin:
    """``package.module:function``, or the name of an entry point in the group ``firstline.actions``."""
    if ":" in reference:
        module_name, _, attribute = reference.partition(":")
        function = getattr(importlib.import_module(module_name), attribute, None)
    else:
        found = [point for point in entry_points(group="firstline.actions") if point.name == reference]
        if not found:
            raise LookupError(f"no entry point '{reference}' in the group firstline.actions")
        function = found[0].load()
    if function is None or not inspect.iscoroutinefunction(function):
        raise LookupError(f"'{reference}' must be an async function taking a PluginRequest")
    plugin: Plugin = function
    return plugin


def declared_actions(
    config: ActionsConfig,
    systems: Mapping[str, CompanySystem],
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
) -> list[Action]:
    """The pack's actions, each bound to its system's client, its table's rows or its plugin function."""
    actions: list[Action] = []
    for name, action in config.actions.items():
        if action.system is not None:
            actions.append(SystemAction(name, action, systems[action.system]))
        elif action.table is not None:
            actions.append(TableAction(name, action, tables[action.table]))
        elif action.ticket is not None:
            actions.append(TicketAction(name, action))
        else:
            assert action.python is not None  # the schema demands one of them
            actions.append(PluginAction(name, action, load_plugin(action.python)))
    return actions
