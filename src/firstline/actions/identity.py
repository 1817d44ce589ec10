"""Identity verification: the customer proves they own an order before we reveal anything."""

from __future__ import annotations

from dataclasses import dataclass

from firstline.actions.base import ActionContext, ActionResult
from firstline.domain.commerce import Order

ATTEMPTS_SLOT = "verification_attempts"


@dataclass(frozen=True, slots=True)
class VerifyIdentity:
    """Checks order number plus email or postal code, with a limited number of attempts.

    The reply for a wrong combination is the same whether or not the order exists, so a
    stranger learns nothing about other people's orders.
    """

    name: str = "verify_identity"

    async def run(self, context: ActionContext) -> ActionResult:
        """Compare the proof with the order's customer; count failed attempts."""
        if context.slots.get("birth_date") is not None:
            return await self._by_customer_number(context)
        slots = context.slots
        order_number = str(slots.get("order_number") or "")
        proof = str(slots.get("verification") or "").strip().lower()
        args = {"order_number": order_number, "method": "email" if "@" in proof else "postal_code"}
        if slots.get("identity_verified") is True and slots.get("verified_order") == order_number:
            return ActionResult(outcome="done", args=args)
        order = await context.backend.get_order(order_number)
        if order is not None and await self._matches(context, order, proof):
            return ActionResult(
                outcome="done",
                slots={
                    "identity_verified": True,
                    "verified_order": order_number,
                    "verified_by": "order_number_and_email" if "@" in proof else "order_number_and_postal_code",
                    ATTEMPTS_SLOT: 0,
                    "customer_number": order.customer_number,
                },
                args=args,
            )
        return self._failed(context, args, ask_again=("order_number", "verification"))

    async def _by_customer_number(self, context: ActionContext) -> ActionResult:
        """Customer number plus date of birth: proves ownership of all that customer's orders."""
        number = str(context.slots.get("customer_number") or "")
        args = {"customer_number": number, "method": "birth_date"}
        customer = await context.backend.get_customer(number)
        enabled = "customer_number_and_birth_date" in context.company.rules.verification.methods
        born = str(context.slots.get("birth_date"))
        if enabled and customer is not None and customer.date_of_birth and customer.date_of_birth.isoformat() == born:
            return ActionResult(
                outcome="done",
                slots={
                    "identity_verified": True,
                    "verified_customer": number,
                    "verified_by": "customer_number_and_birth_date",
                    ATTEMPTS_SLOT: 0,
                },
                args=args,
            )
        return self._failed(context, args, ask_again=("customer_number", "birth_date"))

    @staticmethod
    def _failed(context: ActionContext, args: dict[str, str], *, ask_again: tuple[str, ...]) -> ActionResult:
        attempts = int(context.slots.get(ATTEMPTS_SLOT) or 0) + 1
        allowed = context.company.rules.verification.max_attempts
        if attempts >= allowed:
            return ActionResult(
                outcome="failed", slots={"identity_verified": False, ATTEMPTS_SLOT: attempts}, args=args
            )
        return ActionResult(
            outcome="failed",
            slots={ATTEMPTS_SLOT: attempts, "attempts_left": allowed - attempts},
            say=("verification_mismatch",),
            ask_again=ask_again,
            args=args,
        )

    async def _matches(self, context: ActionContext, order: Order, proof: str) -> bool:
        methods = context.company.rules.verification.methods
        customer = await context.backend.get_customer(order.customer_number)
        if "@" in proof:
            return "order_number_and_email" in methods and customer is not None and customer.email.lower() == proof
        postal_codes = {order.shipping_address.postal_code}
        if customer is not None:
            postal_codes.add(customer.address.postal_code)
        return "order_number_and_postal_code" in methods and proof.replace(" ", "") in postal_codes
