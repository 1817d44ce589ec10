"""The company's rules for actions, checked in code before an action runs.

The rules come from ``rules.yaml``; nothing here is a prompt. The first rule that does not
hold decides: the action is denied (with the rule's customer-facing reason and, where the
company wrote one, an alternative) or becomes an approval request for a supervisor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from firstline.company.schema import RuleConfig, RulesConfig
from firstline.domain.commerce import Order
from firstline.domain.tickets import Decision


@dataclass(frozen=True, slots=True, kw_only=True)
class Facts:
    """What the rules look at: the conversation's slots, the order in question, the time."""

    slots: dict[str, Any]
    order: Order | None
    now: datetime
    timezone: ZoneInfo
    already_refunded: Decimal = Decimal("0")
    consents: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """The rules' answer for one attempted action."""

    decision: Decision
    rule: str | None = None
    reason: str | None = None
    """Response template for the customer when not allowed."""
    alternative: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    """Numbers the reason template may show (limit, days, deadline)."""

    @property
    def allowed(self) -> bool:
        """True when the action may run now."""
        return self.decision is Decision.ALLOWED


ALLOWED = Verdict(decision=Decision.ALLOWED)


def amount(value: Any) -> Decimal | None:
    """A slot's money value as Decimal; None when missing or not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        result = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def _verified(facts: Facts, rule: RuleConfig) -> bool:
    """The customer proved who they are (by one of ``proof``, if the rule names methods).

    ``owns`` names the slot that must hold the verified customer's own identifier (the contract
    in question); when an order is in question, it must be theirs: the verified order itself,
    or one of the verified customer's orders.
    """
    slots = facts.slots
    if slots.get("identity_verified") is not True:
        return False
    if rule.proof and slots.get("verified_by") not in rule.proof:
        return False
    if rule.owns is not None and _identifier(slots.get(rule.owns)) != _identifier(slots.get("verified_customer")):
        return False
    if slots.get("order_number") is None:
        return True
    if slots.get("verified_order") is not None and slots.get("verified_order") == slots.get("order_number"):
        return True
    customer = slots.get("verified_customer")
    return customer is not None and facts.order is not None and facts.order.customer_number == customer


def _identifier(value: Any) -> str | None:
    """'vk 104233' and 'VK-104233' are the same contract."""
    return None if value is None else re.sub(r"[\s\-]", "", str(value)).casefold()


class Policy:
    """Checks an action's declared rules against the facts of the moment."""

    def __init__(self, rules: RulesConfig) -> None:
        self._rules = rules

    def guarded(self, action: str) -> bool:
        """Whether the company declared rules for ``action``."""
        return action in self._rules.actions

    def check(self, action: str, facts: Facts) -> Verdict:
        """The first rule of ``action`` that does not hold decides; all holding means allowed."""
        for rule in self._rules.actions.get(action, []):
            verdict = self._check_rule(rule, facts)
            if verdict is not None:
                return verdict
        return ALLOWED

    def _check_rule(self, rule: RuleConfig, facts: Facts) -> Verdict | None:
        name = rule.name or rule.check
        order = facts.order

        def refuse(decision: Decision = Decision.DENIED, **details: Any) -> Verdict:
            return Verdict(
                decision=decision, rule=name, reason=rule.reason, alternative=rule.alternative, details=details
            )

        if rule.check == "identity_verified":
            return None if _verified(facts, rule) else refuse()
        if rule.check == "order_status":
            if order is None:
                return refuse()
            return None if order.status.value in rule.states else refuse(order_status=order.status.value)
        if rule.check == "within_days":
            return self._within_days(rule, facts, refuse)
        if rule.check == "consent":
            return None if rule.topic in facts.consents else refuse()
        value = amount(facts.slots.get(rule.slot or ""))
        if rule.check == "positive_amount":
            left = (order.total - facts.already_refunded) if order is not None else Decimal("0")
            if value is None or value <= 0 or value > left:
                return refuse(amount=value, available=max(left, Decimal("0")))
            return None
        # max_amount
        limit = self._rules.limit(rule.limit)
        if value is None:
            # No amount asked for: the action uses the company's own default (e.g. goodwill_default).
            return None
        if value > limit:
            decision = Decision.NEEDS_APPROVAL if rule.above == "approval" else Decision.DENIED
            return refuse(decision, amount=value, limit=limit)
        return None

    def _within_days(self, rule: RuleConfig, facts: Facts, refuse: Callable[..., Verdict]) -> Verdict | None:
        order = facts.order
        since = getattr(order, rule.since or "placed_at", None) if order is not None else None
        days = int(self._rules.limit(rule.days))
        if since is None:
            return refuse(days=days)
        # Calendar days in the company's time zone: delivered on the 1st, a 30-day window ends on the 31st.
        elapsed = (facts.now.astimezone(facts.timezone).date() - since.astimezone(facts.timezone).date()).days
        if elapsed > days:
            return refuse(days=days, elapsed=elapsed)
        return None
