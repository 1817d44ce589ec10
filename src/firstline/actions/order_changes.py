"""Changing an order after it was placed: cancel, new delivery address, refund.

The company's rules (``rules.yaml``) were checked before any of these runs; the actions
still refuse what cannot work (no order, no amount), so a mistake in the rules cannot
change the wrong thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from firstline.actions.base import ActionContext, ActionResult
from firstline.domain.commerce import Address, Order
from firstline.policy.rules import amount


async def _order(context: ActionContext) -> Order | None:
    return await context.backend.get_order(str(context.slots.get("order_number") or ""))


@dataclass(frozen=True, slots=True)
class CancelOrder:
    """Cancels an order that has not left the warehouse."""

    name: str = "cancel_order"
    arguments: tuple[str, ...] = ("order_number",)
    """Slots shown as this action's arguments in the audit log and in approval requests."""

    async def run(self, context: ActionContext) -> ActionResult:
        """Cancel and say how the money comes back."""
        order = await _order(context)
        if order is None:
            return ActionResult(outcome="failed", say=("order_not_found",))
        args = {"order_number": order.order_number}
        # What was refunded before (a partial refund for a scratch) is not paid out a second time.
        refunded = await context.changes.refunded(order.order_number)
        await context.changes.cancel_order(order.order_number, actor=context.actor, reason="customer request")
        due = max(order.total - refunded, Decimal("0")) if order.paid_at is not None else Decimal("0")
        return ActionResult(
            outcome="done",
            args=args,
            slots={
                "order_cancelled": True,
                "refund_due": str(due) if due else None,
                "already_refunded": str(refunded) if refunded else None,
            },
        )


@dataclass(frozen=True, slots=True)
class ChangeAddress:
    """Sends an order that has not shipped yet to a new address in a country the company delivers to."""

    name: str = "change_address"
    arguments: tuple[str, ...] = ("order_number", "new_address")
    """Slots shown as this action's arguments in the audit log and in approval requests."""

    async def run(self, context: ActionContext) -> ActionResult:
        """Store the new address; the old name stays unless the customer gave a new one."""
        order = await _order(context)
        given: Any = context.slots.get("new_address")
        if order is None:
            return ActionResult(outcome="failed", say=("order_not_found",))
        if not isinstance(given, dict) or given.get("country") not in context.company.config.countries:
            return ActionResult(outcome="failed", say=("invalid_address",), ask_again=("new_address",))
        address = Address(
            name=str(given.get("name") or order.shipping_address.name),
            street=str(given["street"]),
            postal_code=str(given["postal_code"]),
            city=str(given["city"]),
            country=str(given["country"]),
        )
        await context.changes.change_address(order.order_number, address, actor=context.actor)
        return ActionResult(
            outcome="done",
            args={"order_number": order.order_number, "postal_code": address.postal_code, "country": address.country},
            slots={"address_changed": True},
        )


@dataclass(frozen=True, slots=True)
class Refund:
    """Refunds an amount to the order's original payment method."""

    name: str = "refund"
    arguments: tuple[str, ...] = ("order_number", "refund_amount")
    """Slots shown as this action's arguments in the audit log and in approval requests."""

    async def run(self, context: ActionContext) -> ActionResult:
        """Record the refund; the rules already limited the amount."""
        order = await _order(context)
        value = amount(context.slots.get("refund_amount"))
        if order is None:
            return ActionResult(outcome="failed", say=("order_not_found",))
        args = {"order_number": order.order_number, "amount": str(value)}
        done = await context.changes.refunded(order.order_number)
        if value is None or value <= 0 or value > order.total - done:
            return ActionResult(outcome="failed", args=args, say=("refund_amount_invalid",))
        # Unique per order without a counter: the running total in cents after this refund.
        reference = f"RF-{order.order_number}-{int((done + value) * 100)}"
        await context.changes.record_refund(order.order_number, value, actor=context.actor, reference=reference)
        return ActionResult(
            outcome="done",
            args=args,
            slots={
                "refund_done": str(value),
                "refund_reference": reference,
                "order_payment_method": order.payment_method,
            },
        )
