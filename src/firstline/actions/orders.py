"""Order information for a verified customer."""

from __future__ import annotations

from dataclasses import dataclass

from firstline.actions.base import ActionContext, ActionResult


@dataclass(frozen=True, slots=True)
class LookupOrder:
    """Loads the verified order's status, dates and tracking into slots for the reply."""

    name: str = "lookup_order"

    async def run(self, context: ActionContext) -> ActionResult:
        """Only a verified customer's own order is looked up."""
        order_number = str(context.slots.get("order_number") or "")
        args = {"order_number": order_number}
        if context.slots.get("identity_verified") is not True or context.slots.get("verified_order") != order_number:
            return ActionResult(outcome="denied", args=args, say=("verification_required",))
        order = await context.backend.get_order(order_number)
        if order is None:
            return ActionResult(outcome="failed", args=args, say=("order_not_found",))
        names = []
        for item in order.items:
            product = await context.backend.get_product(item.sku)
            label = product.name if product else item.sku
            names.append(f"{item.quantity} × {label}" if item.quantity > 1 else label)
        return ActionResult(
            outcome="done",
            args=args,
            slots={
                "order_status": order.status.value,
                "order_items": names,
                "order_total": str(order.total),
                "order_placed_at": order.placed_at.isoformat(),
                "order_shipped_at": order.shipped_at.isoformat() if order.shipped_at else None,
                "order_delivered_at": order.delivered_at.isoformat() if order.delivered_at else None,
                "order_carrier": order.carrier,
                "order_tracking_number": order.tracking_number,
                "order_payment_method": order.payment_method,
                "order_country": order.shipping_address.country,
            },
        )
