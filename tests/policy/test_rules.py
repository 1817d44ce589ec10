"""The company's rules at their edges: last day, one cent above, wrong status, unverified."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from firstline.company.schema import RulesConfig
from firstline.domain.commerce import Address, Order, OrderItem, OrderStatus
from firstline.domain.tickets import Decision
from firstline.policy.rules import Facts, Policy

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)

RULES = RulesConfig.model_validate(
    {
        "return_window_days": 30,
        "refund_limit": "200.00",
        "actions": {
            "cancel_order": [
                {"check": "identity_verified", "reason": "need_id"},
                {"check": "order_status", "in": ["pending", "paid"], "reason": "shipped", "alternative": "refuse"},
            ],
            "create_return": [
                {"check": "within_days", "since": "delivered_at", "days": "return_window_days", "reason": "late"}
            ],
            "refund": [
                {"check": "positive_amount", "slot": "refund_amount", "reason": "bad_amount"},
                {
                    "check": "max_amount",
                    "slot": "refund_amount",
                    "limit": "refund_limit",
                    "above": "approval",
                    "reason": "limit",
                },
            ],
            "newsletter": [{"check": "consent", "topic": "marketing", "reason": "no_consent"}],
        },
    }
)


def order(status: OrderStatus = OrderStatus.PAID, *, delivered: datetime | None = None, total: str = "500") -> Order:
    return Order(
        order_number="100001",
        customer_number="K10001",
        status=status,
        placed_at=NOW - timedelta(days=60),
        items=(OrderItem(sku="X", quantity=1, unit_price=Decimal(total)),),
        shipping_cost=Decimal("0"),
        payment_method="paypal",
        shipping_address=Address(name="A", street="S 1", postal_code="10115", city="Berlin", country="DE"),
        delivered_at=delivered,
    )


def facts(slots: dict[str, object] | None = None, **kwargs: object) -> Facts:
    verified = {"identity_verified": True, "verified_order": "100001", "order_number": "100001"}
    return Facts(
        slots={**verified, **(slots or {})},
        order=kwargs.get("the_order", order()),  # type: ignore[arg-type]
        now=kwargs.get("now", NOW),  # type: ignore[arg-type]
        timezone=BERLIN,
        already_refunded=kwargs.get("refunded", Decimal("0")),  # type: ignore[arg-type]
        consents=kwargs.get("consents", frozenset()),  # type: ignore[arg-type]
    )


policy = Policy(RULES)


def test_unverified_customer_is_refused_before_anything_else() -> None:
    verdict = policy.check("cancel_order", facts({"identity_verified": False}, the_order=order(OrderStatus.SHIPPED)))
    assert verdict.decision is Decision.DENIED and verdict.reason == "need_id"


def test_verified_for_another_order_does_not_count() -> None:
    verdict = policy.check("cancel_order", facts({"verified_order": "100002"}))
    assert verdict.reason == "need_id"


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (OrderStatus.PENDING, True),
        (OrderStatus.PAID, True),
        (OrderStatus.SHIPPED, False),
        (OrderStatus.DELIVERED, False),
    ],
)
def test_cancel_only_before_shipping(status: OrderStatus, allowed: bool) -> None:
    verdict = policy.check("cancel_order", facts(the_order=order(status)))
    assert verdict.allowed is allowed
    if not allowed:
        assert (verdict.reason, verdict.alternative, verdict.details["order_status"]) == (
            "shipped",
            "refuse",
            status.value,
        )


@pytest.mark.parametrize(("days_ago", "allowed"), [(0, True), (29, True), (30, True), (31, False)])
def test_return_window_counts_calendar_days(days_ago: int, allowed: bool) -> None:
    # Delivered late in the evening: the day still counts as the delivery day in Berlin.
    delivered = (NOW - timedelta(days=days_ago)).replace(hour=23, minute=30)
    verdict = policy.check("create_return", facts(the_order=order(OrderStatus.DELIVERED, delivered=delivered)))
    assert verdict.allowed is allowed
    if not allowed:
        assert verdict.details == {"days": 30, "elapsed": 31}


@pytest.mark.parametrize(
    ("amount", "decision"),
    [
        ("200.00", Decision.ALLOWED),
        ("200", Decision.ALLOWED),
        ("0.01", Decision.ALLOWED),
        ("200.01", Decision.NEEDS_APPROVAL),
        ("0", Decision.DENIED),
        ("-5", Decision.DENIED),
        ("500.01", Decision.DENIED),
        ("1e9", Decision.DENIED),
        ("NaN", Decision.DENIED),
        ("abc", Decision.DENIED),
    ],
)
def test_refund_limits(amount: str, decision: Decision) -> None:
    assert policy.check("refund", facts({"refund_amount": amount})).decision is decision


def test_refund_counts_what_was_refunded_before() -> None:
    verdict = policy.check("refund", facts({"refund_amount": "150"}, refunded=Decimal("400")))
    assert verdict.decision is Decision.DENIED and verdict.details["available"] == Decimal("100")


def test_consent_is_required_where_declared() -> None:
    assert not policy.check("newsletter", facts()).allowed
    assert policy.check("newsletter", facts(consents=frozenset({"marketing"}))).allowed


def test_actions_without_rules_are_not_guarded() -> None:
    assert not policy.guarded("lookup_order")
    assert policy.check("lookup_order", facts()).allowed


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"check": "max_amount", "slot": "x", "limit": "no_such_limit", "reason": "r"}, "no_such_limit"),
        ({"check": "max_amount", "limit": "refund_limit", "reason": "r"}, "needs 'slot'"),
        ({"check": "within_days", "since": "delivered_at", "reason": "r"}, "needs 'since' and 'days'"),
        ({"check": "order_status", "reason": "r"}, "needs 'in'"),
        ({"check": "telepathy", "reason": "r"}, "check"),
    ],
)
def test_a_broken_rule_is_a_clear_error(rule: dict[str, str], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        RulesConfig.model_validate({"actions": {"refund": [rule]}})


def test_a_customer_verified_by_customer_number_owns_their_orders_only() -> None:
    as_customer = {"verified_order": None, "verified_customer": "K10001"}
    assert policy.check("cancel_order", facts(as_customer)).allowed
    assert policy.check("cancel_order", facts({**as_customer, "verified_customer": "K10002"})).reason == "need_id"


UTILITY = Policy(
    RulesConfig.model_validate(
        {
            "limits": {"payment_plan_approval_above": "500"},
            "actions": {
                "payment_plan": [
                    {"check": "identity_verified", "proof": ["verify_contract"], "reason": "need_id"},
                    {
                        "check": "max_amount",
                        "slot": "open_balance",
                        "limit": "payment_plan_approval_above",
                        "above": "approval",
                        "reason": "limit",
                    },
                ]
            },
        }
    )
)


def _utility(slots: dict[str, object]) -> Facts:
    return Facts(slots=slots, order=None, now=NOW, timezone=BERLIN)


def test_a_customer_verified_without_an_order_passes_identity_verified_by_the_named_proof() -> None:
    verified = {"identity_verified": True, "verified_customer": "VK-104233", "verified_by": "verify_contract"}
    assert UTILITY.check("payment_plan", _utility({**verified, "open_balance": "312.40"})).allowed
    other_proof = _utility({**verified, "verified_by": "order_number_and_email", "open_balance": "1"})
    assert UTILITY.check("payment_plan", other_proof).reason == "need_id"
    assert UTILITY.check("payment_plan", _utility({"open_balance": "1"})).reason == "need_id"


def test_a_named_limit_of_the_pack_turns_a_large_amount_into_an_approval() -> None:
    verified = {"identity_verified": True, "verified_customer": "VK-1", "verified_by": "verify_contract"}
    assert UTILITY.check("payment_plan", _utility({**verified, "open_balance": "500.00"})).allowed
    verdict = UTILITY.check("payment_plan", _utility({**verified, "open_balance": "500.01"}))
    assert verdict.decision is Decision.NEEDS_APPROVAL and verdict.details["limit"] == Decimal("500")


def test_verified_for_one_contract_does_not_open_another() -> None:
    rules = RulesConfig.model_validate(
        {
            "actions": {
                "sepa_mandate": [
                    {
                        "check": "identity_verified",
                        "proof": ["verify_contract"],
                        "owns": "contract_number",
                        "reason": "x",
                    }
                ]
            }
        }
    )
    verified = {"identity_verified": True, "verified_customer": "vk 104233", "verified_by": "verify_contract"}
    policy = Policy(rules)
    assert policy.check("sepa_mandate", _utility({**verified, "contract_number": "VK-104233"})).allowed
    assert not policy.check("sepa_mandate", _utility({**verified, "contract_number": "VK-104234"})).allowed
