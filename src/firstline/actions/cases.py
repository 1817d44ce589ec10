"""Cases that open a ticket: returns, defects, lost parcels, complaints, goodwill vouchers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from firstline.actions.base import ActionContext, ActionResult
from firstline.domain.commerce import Order
from firstline.domain.complaints import (
    COMPLAINT_SEVERITY_SLOT,
    DEFECT_SEVERITY_SLOT,
    Severity,
    category_in,
    severity_in,
)
from firstline.domain.tickets import NewTicket, Priority, Ticket, TicketKind, TicketStatus
from firstline.policy.rules import amount

_PRIORITY = {
    Severity.LOW: Priority.LOW,
    Severity.NORMAL: Priority.NORMAL,
    Severity.HIGH: Priority.HIGH,
    Severity.URGENT: Priority.URGENT,
}


def due_at(context: ActionContext, priority: Priority) -> datetime:
    """When a ticket of this priority must be answered: the company's SLA in working hours."""
    hours = getattr(context.company.rules.sla_hours, priority.value)
    return context.company.business_hours.add_working_hours(context.now, hours)


async def _open(
    context: ActionContext,
    kind: TicketKind,
    subject: str,
    *,
    order: Order | None = None,
    priority: Priority = Priority.NORMAL,
    details: dict[str, object] | None = None,
) -> Ticket:
    return await context.tickets.open(
        NewTicket(
            kind=kind,
            subject=subject,
            language=context.language,
            priority=priority,
            conversation_id=context.conversation_id,
            customer_number=order.customer_number if order else context.slots.get("customer_number"),
            order_number=order.order_number if order else context.slots.get("order_number"),
            details=details or {},
            created_by=context.actor,
            due_at=due_at(context, priority),
        )
    )


def _ticket_slots(ticket: Ticket) -> dict[str, object]:
    return {"ticket_reference": ticket.reference, "ticket_due_at": ticket.due_at.isoformat() if ticket.due_at else None}


async def _order(context: ActionContext) -> Order | None:
    return await context.backend.get_order(str(context.slots.get("order_number") or ""))


@dataclass(frozen=True, slots=True)
class CreateReturn:
    """Registers a return within the return window and explains the next steps."""

    name: str = "create_return"
    arguments: tuple[str, ...] = ("order_number", "return_reason")
    """Slots shown as this action's arguments in the audit log and in approval requests."""

    async def run(self, context: ActionContext) -> ActionResult:
        """Open a return ticket; the label and refund follow from it."""
        order = await _order(context)
        if order is None:
            return ActionResult(outcome="failed", say=("order_not_found",))
        reason = str(context.slots.get("return_reason") or "")
        # A refund already paid on this order is taken off what the return brings back: nothing twice.
        refunded = await context.changes.refunded(order.order_number)
        due = max(order.total - refunded, Decimal("0"))
        details: dict[str, object] = {
            "reason": reason,
            "items": [i.sku for i in order.items],
            "refund_to": order.payment_method,
            "refund_due": str(due),
            "already_refunded": str(refunded),
        }
        ticket = await _open(
            context, TicketKind.RETURN, f"Return of order {order.order_number}", order=order, details=details
        )
        window_ends = (order.delivered_at or context.now) + timedelta(days=context.company.rules.return_window_days)
        return ActionResult(
            outcome="done",
            args={"order_number": order.order_number, "reference": ticket.reference},
            slots={
                **_ticket_slots(ticket),
                "return_window_ends": window_ends.isoformat(),
                "order_payment_method": order.payment_method,
                "order_total": str(order.total),
                "return_refund_due": str(due),
                "already_refunded": str(refunded) if refunded else None,
            },
        )


@dataclass(frozen=True, slots=True)
class ReportDefect:
    """A defective product: replacement inside the return window, repair under warranty, else a person decides."""

    name: str = "report_defect"

    async def run(self, context: ActionContext) -> ActionResult:
        """Pick the remedy from the delivery date and the product's warranty; open a repair ticket."""
        order = await _order(context)
        if order is None:
            return ActionResult(outcome="failed", say=("order_not_found",))
        delivered = order.delivered_at
        if delivered is None:
            return ActionResult(
                outcome="failed", args={"order_number": order.order_number}, say=("defect_not_delivered",)
            )
        warranty_years = 2
        for item in order.items:
            product = await context.backend.get_product(item.sku)
            if product is not None:
                warranty_years = max(warranty_years, product.warranty_years)
        age = (context.now - delivered).days
        rules = context.company.rules
        if age <= rules.return_window_days:
            remedy = "replacement"
        elif age <= warranty_years * 365:
            remedy = "repair"
        else:
            return ActionResult(
                outcome="denied",
                args={"order_number": order.order_number, "days_since_delivery": age},
                slots={"warranty_years": warranty_years},
                say=("defect_out_of_warranty",),
            )
        description = str(context.slots.get("defect_description") or "")
        severity = severity_in(context.slots, DEFECT_SEVERITY_SLOT)
        ticket = await _open(
            context,
            TicketKind.REPAIR,
            f"Defect ({remedy}) for order {order.order_number}",
            order=order,
            priority=_PRIORITY[severity],
            details={"remedy": remedy, "description": description, "days_since_delivery": age},
        )
        return ActionResult(
            outcome="done",
            args={"order_number": order.order_number, "remedy": remedy, "reference": ticket.reference},
            slots={**_ticket_slots(ticket), "defect_remedy": remedy, "safety_risk": severity is Severity.URGENT},
        )


@dataclass(frozen=True, slots=True)
class ReportLostParcel:
    """A parcel that does not arrive: wait while it is in time, else a carrier investigation."""

    name: str = "report_lost_parcel"

    async def run(self, context: ActionContext) -> ActionResult:
        """Open an investigation once the parcel is overdue."""
        order = await _order(context)
        if order is None:
            return ActionResult(outcome="failed", say=("order_not_found",))
        args: dict[str, object] = {"order_number": order.order_number}
        if order.shipped_at is None:
            return ActionResult(outcome="done", args=args, slots={"parcel_state": "not_shipped"})
        days = (context.now - order.shipped_at).days
        if order.delivered_at is None and days < context.company.rules.lost_parcel_days:
            wait_until = order.shipped_at + timedelta(days=context.company.rules.lost_parcel_days)
            return ActionResult(
                outcome="done",
                args=args,
                slots={"parcel_state": "in_transit", "parcel_wait_until": wait_until.isoformat()},
            )
        ticket = await _open(
            context,
            TicketKind.INVESTIGATION,
            f"Parcel of order {order.order_number} not received ({order.carrier or 'carrier'})",
            order=order,
            priority=Priority.HIGH,
            details={"carrier": order.carrier, "tracking_number": order.tracking_number, "days_since_shipping": days},
        )
        return ActionResult(
            outcome="done",
            args={**args, "reference": ticket.reference},
            slots={**_ticket_slots(ticket), "parcel_state": "investigating", "order_carrier": order.carrier},
        )


@dataclass(frozen=True, slots=True)
class GoodwillVoucher:
    """A goodwill voucher; the rules cap the amount the agent may give on its own."""

    name: str = "goodwill_voucher"
    arguments: tuple[str, ...] = ("order_number", "goodwill_amount")
    """Slots shown as this action's arguments in the audit log and in approval requests."""

    async def run(self, context: ActionContext) -> ActionResult:
        """Issue a voucher code for the amount in ``goodwill_amount`` (default: the company's usual gesture)."""
        value = amount(context.slots.get("goodwill_amount")) or context.company.rules.goodwill_default
        if value <= 0:
            return ActionResult(outcome="failed", args={"amount": str(value)})
        seed = f"{context.conversation_id}:{context.slots.get('order_number')}:{value}"
        code = "GW-" + hashlib.sha256(seed.encode()).hexdigest()[:8].upper()
        valid_until = (context.now + timedelta(days=365)).date().isoformat()
        return ActionResult(
            outcome="done",
            args={"amount": str(value), "order_number": context.slots.get("order_number")},
            slots={
                "voucher_code": code,
                "voucher_amount": str(value.quantize(Decimal("0.01"))),
                "voucher_valid_until": valid_until,
            },
        )


@dataclass(frozen=True, slots=True)
class FileComplaint:
    """Records a complaint in the customer's own words, with category, severity and a reference."""

    name: str = "file_complaint"

    async def run(self, context: ActionContext) -> ActionResult:
        """Open the complaint ticket; its SLA gives the customer the expected response time."""
        text = str(context.slots.get("complaint_text") or "")
        earlier = await self._open_complaint(context)
        if earlier is not None:
            # More about the same matter in the same conversation belongs to the same case.
            ticket = await context.tickets.note(earlier.reference, text, author=f"customer:{context.conversation_id}")
            return ActionResult(
                outcome="done",
                args={"reference": ticket.reference, "added": True},
                slots={**_ticket_slots(ticket), "complaint_extended": True},
            )
        category = category_in(context.slots)
        severity = severity_in(context.slots, COMPLAINT_SEVERITY_SLOT)
        if context.slots.get("escalation_signal") in ("legal_threat", "strong_anger") and severity in (
            Severity.LOW,
            Severity.NORMAL,
        ):
            severity = Severity.HIGH
        order = await _order(context) if context.slots.get("order_number") else None
        ticket = await _open(
            context,
            TicketKind.COMPLAINT,
            f"Complaint ({category.value}): {text[:120]}",
            order=order,
            priority=_PRIORITY[severity],
            details={"category": category.value, "severity": severity.value, "customer_words": text},
        )
        return ActionResult(
            outcome="done",
            args={"category": category.value, "severity": severity.value, "reference": ticket.reference},
            slots={
                **_ticket_slots(ticket),
                "complaint_category": category.value,
                "complaint_reference": ticket.reference,
                "complaint_extended": False,
            },
        )

    @staticmethod
    async def _open_complaint(context: ActionContext) -> Ticket | None:
        reference = context.slots.get("complaint_reference")
        ticket = await context.tickets.find(str(reference)) if reference else None
        return ticket if ticket is not None and not ticket.status.is_final else None


@dataclass(frozen=True, slots=True)
class TicketStatusLookup:
    """Tells a customer where their complaint, return or investigation stands."""

    name: str = "ticket_status"

    async def run(self, context: ActionContext) -> ActionResult:
        """Look the reference up; unknown references get the same answer as no answer at all."""
        reference = str(context.slots.get("ticket_lookup") or context.slots.get("ticket_reference") or "")
        ticket = await context.tickets.find(reference)
        args = {"reference": reference}
        if ticket is None or ticket.kind is TicketKind.APPROVAL:
            return ActionResult(outcome="failed", args=args, say=("ticket_not_found",), ask_again=("ticket_lookup",))
        answered = [e for e in ticket.events if e.kind == "note" and e.author.startswith("staff:")]
        return ActionResult(
            outcome="done",
            args=args,
            slots={
                "ticket_lookup": ticket.reference,
                "ticket_status": ticket.status.value,
                "ticket_kind": ticket.kind.value,
                "ticket_due_at": ticket.due_at.isoformat() if ticket.due_at else None,
                "ticket_overdue": bool(ticket.due_at and ticket.due_at < context.now and not ticket.status.is_final),
                "ticket_last_note": answered[-1].text if answered else None,
                "ticket_open": ticket.status not in (TicketStatus.RESOLVED, TicketStatus.CLOSED),
            },
        )
