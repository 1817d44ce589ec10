"""Quote requests from business customers: items and company details go to the sales team as a ticket."""

from __future__ import annotations

from dataclasses import dataclass, field

from firstline.actions.base import ActionContext, ActionResult
from firstline.actions.catalogue_shop import ShopCache
from firstline.commerce.request import SalesRequest
from firstline.domain.tickets import NewTicket, TicketKind


@dataclass(frozen=True, slots=True)
class StartQuote:
    """Takes the items from the first message when it already names a count ("Angebot für 25 Wasserkocher")."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "quote_start"

    async def run(self, context: ActionContext) -> ActionResult:
        """Fill ``quote_items`` from the message if it says how many; else the flow asks."""
        items = SalesRequest.from_slots(context.slots).items
        if items is not None and not context.slots.get("quote_items"):
            return ActionResult(outcome="done", slots={"quote_items": items})
        return ActionResult(outcome="done")


@dataclass(frozen=True, slots=True)
class CreateQuote:
    """Opens a quote ticket for sales and tells the customer its reference number."""

    cache: ShopCache = field(default_factory=ShopCache)
    name: str = "create_quote"

    async def run(self, context: ActionContext) -> ActionResult:
        """The items as the customer wrote them plus the products and count recognised in them."""
        shop = await self.cache.shop(context)
        items = str(context.slots.get("quote_items") or "")
        company = str(context.slots.get("quote_company") or "")
        request = SalesRequest.from_slots(context.slots)
        ticket = NewTicket(
            kind=TicketKind.QUOTE,
            subject=f"{company}: {items}"[:200],
            language=context.language,
            conversation_id=context.conversation_id,
            customer_number=str(context.slots["customer_number"]) if context.slots.get("customer_number") else None,
            details={
                "company_name": company,
                "contact": str(context.slots.get("quote_contact") or ""),
                "delivery_address": str(context.slots.get("quote_address") or ""),
                "items": items,
                "skus": list(request.quote_skus),
                "quantity": request.quote_quantity,
            },
            created_by=context.actor,
        )
        try:
            opened = await context.tickets.open(ticket)
        except Exception:  # noqa: BLE001 - any store failure: the customer is told, nothing is promised
            return ActionResult(outcome="failed", say=("quote_failed",))
        slots = {"quote_reference": opened.reference, "quote_min_quantity": shop.catalogue.config.quote_min_quantity}
        return ActionResult(outcome="done", slots=slots, say=("quote_created",), args={"reference": opened.reference})
