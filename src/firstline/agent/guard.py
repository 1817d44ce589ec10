"""Runs actions behind the company's rules and writes every attempt to the audit log.

This is the one door to an action: the bot's flows and a supervisor's approval both come
through here, so no rule can be skipped and no attempt goes unrecorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from firstline.actions.base import ActionContext, ActionRegistry, ActionResult
from firstline.actions.ports import CommerceBackend, OrderChanges, TicketBook
from firstline.commerce.request import PREFIX as SALES_PREFIX
from firstline.company.model import Company
from firstline.domain.language import Language
from firstline.domain.tickets import AuditEntry, Decision, NewTicket, Priority, TicketKind, TicketStatus
from firstline.policy.rules import Facts, Policy, Verdict

APPROVAL_HANDOFF = "approval_required"

_PRIVATE_SLOTS = frozenset({"verification"})
"""Never copied into tickets or the audit log."""


class AuditLog(Protocol):
    """Where attempts are recorded."""

    async def record(self, entry: AuditEntry) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Attempt:
    """One request to run an action."""

    action: str
    slots: dict[str, Any]
    language: Language
    now: datetime
    conversation_id: str | None = None
    actor: str = "bot"
    approved: bool = False
    """A supervisor approved it: an amount above the agent's limit no longer needs approval."""


class ActionRunner:
    """Checks the rules, runs the action (or asks for approval), records the attempt."""

    def __init__(
        self,
        *,
        company: Company,
        actions: ActionRegistry,
        backend: CommerceBackend,
        changes: OrderChanges,
        tickets: TicketBook,
        audit: AuditLog,
    ) -> None:
        self._company = company
        self._actions = actions
        self._policy = Policy(company.rules)
        self._backend = backend
        self._changes = changes
        self._tickets = tickets
        self._audit = audit

    async def run(self, attempt: Attempt) -> ActionResult:
        """Run one action attempt through the rules."""
        action = self._actions.get(attempt.action)
        if action is None:
            result = ActionResult(outcome="failed", args={"error": "unknown action"})
            await self._record(attempt, Decision.DENIED, result, rule="unknown_action")
            return result
        verdict = await self._verdict(attempt)
        if verdict.decision is Decision.NEEDS_APPROVAL and not attempt.approved:
            result = await self._ask_approval(attempt, verdict)
            await self._record(attempt, verdict.decision, result, rule=verdict.rule, reason=verdict.reason)
            return result
        if verdict.decision is Decision.DENIED:
            result = self._denied(attempt, verdict)
            await self._record(attempt, verdict.decision, result, rule=verdict.rule, reason=verdict.reason)
            return result
        context = ActionContext(
            slots=attempt.slots,
            language=attempt.language,
            company=self._company,
            backend=self._backend,
            changes=self._changes,
            tickets=self._tickets,
            now=attempt.now,
            actor=attempt.actor,
            conversation_id=attempt.conversation_id,
        )
        result = await action.run(context)
        await self._record(attempt, Decision.ALLOWED, result)
        return result

    async def check(self, attempt: Attempt) -> ActionResult | None:
        """The rules' refusal of ``attempt`` (recorded like a refused run), or None when it may run.

        An action that needs a supervisor's approval counts as allowed here: the approval is asked
        for after the customer confirmed.
        """
        if self._actions.get(attempt.action) is None:
            return await self.run(attempt)  # unknown: refused and recorded as such
        verdict = await self._verdict(attempt)
        if verdict.decision is not Decision.DENIED:
            return None
        result = self._denied(attempt, verdict)
        await self._record(attempt, verdict.decision, result, rule=verdict.rule, reason=verdict.reason)
        return result

    async def record_decision(
        self, action: str, result: ActionResult, *, actor: str, now: datetime, conversation_id: str | None
    ) -> None:
        """Audit a person's refusal of an approval request (nothing runs)."""
        await self._audit.record(
            AuditEntry(
                actor=actor,
                action=action,
                args=result.args,
                decision=Decision.DENIED,
                outcome=result.outcome,
                created_at=now,
                conversation_id=conversation_id,
                rule=result.rule,
                reason="denied by a supervisor",
            )
        )

    def _arguments(self, name: str) -> tuple[str, ...]:
        action = self._actions.get(name)
        return tuple(getattr(action, "arguments", ("order_number",)))

    async def _verdict(self, attempt: Attempt) -> Verdict:
        if not self._policy.guarded(attempt.action):
            return Verdict(decision=Decision.ALLOWED)
        order_number = str(attempt.slots.get("order_number") or "")
        order = await self._backend.get_order(order_number) if order_number else None
        consents: set[str] = set()
        if order is not None:
            customer = await self._backend.get_customer(order.customer_number)
            if customer is not None and customer.marketing_consent:
                consents.add("marketing")
        facts = Facts(
            slots=attempt.slots,
            order=order,
            now=attempt.now,
            timezone=self._company.business_hours.timezone,
            already_refunded=await self._changes.refunded(order_number) if order else Decimal("0"),
            consents=frozenset(consents),
        )
        return self._policy.check(attempt.action, facts)

    def _denied(self, attempt: Attempt, verdict: Verdict) -> ActionResult:
        say = tuple(t for t in (verdict.reason, verdict.alternative) if t)
        return ActionResult(
            outcome="denied",
            args=_public(attempt.slots, self._arguments(attempt.action)),
            say=(*say, "rule_review_offer"),
            slots={f"rule_{key}": _plain(value) for key, value in verdict.details.items()},
            offer_handoff=True,
            rule=verdict.rule,
        )

    async def _ask_approval(self, attempt: Attempt, verdict: Verdict) -> ActionResult:
        args = _public(attempt.slots, self._arguments(attempt.action))
        hours = self._company.rules.sla_hours.high
        ticket = await self._tickets.open(
            NewTicket(
                kind=TicketKind.APPROVAL,
                subject=f"Approve {attempt.action} {_summary(args)}",
                language=attempt.language,
                priority=Priority.HIGH,
                conversation_id=attempt.conversation_id,
                customer_number=attempt.slots.get("customer_number"),
                order_number=attempt.slots.get("order_number"),
                details={
                    "action": attempt.action,
                    "args": args,
                    # Frozen now: what the supervisor approves is exactly what runs, whatever the customer says later.
                    # The message read for the selling actions belongs to its turn, not to the approval.
                    "slots": {
                        k: v
                        for k, v in attempt.slots.items()
                        if k not in _PRIVATE_SLOTS and not k.startswith(SALES_PREFIX)
                    },
                    "rule": verdict.rule,
                    "limit": _plain(verdict.details.get("limit")),
                },
                status=TicketStatus.PENDING,
                due_at=self._company.business_hours.add_working_hours(attempt.now, hours),
            )
        )
        return ActionResult(
            outcome="pending_approval",
            args=args,
            say=("approval_requested",),
            slots={
                "approval_reference": ticket.reference,
                **{f"rule_{k}": _plain(v) for k, v in verdict.details.items()},
            },
            handoff=APPROVAL_HANDOFF,
            rule=verdict.rule,
        )

    async def _record(
        self,
        attempt: Attempt,
        decision: Decision,
        result: ActionResult,
        *,
        rule: str | None = None,
        reason: str | None = None,
    ) -> None:
        await self._audit.record(
            AuditEntry(
                actor=attempt.actor,
                action=attempt.action,
                args=result.args or _public(attempt.slots, self._arguments(attempt.action)),
                decision=decision,
                outcome=result.outcome,
                created_at=attempt.now,
                conversation_id=attempt.conversation_id,
                rule=rule,
                reason=reason,
            )
        )


def _public(slots: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The slots an action declares as its arguments: what the audit log and an approval show."""
    return {name: _plain(slots.get(name)) for name in names if slots.get(name) is not None}


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _summary(args: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in args.items())
