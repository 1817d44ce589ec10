"""The pack's file formats as pydantic models (the boundary); converted to domain values on load."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

_HOURS = re.compile(r"^(closed|\d{2}:\d{2}-\d{2}:\d{2})$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"not a valid regular expression: {error}") from error
    return value


_Regex = Annotated[str, AfterValidator(_compiles)]


class PatternsConfig(BaseModel):
    r"""Regular expressions for the company's identifiers.

    Besides ``order_number`` and ``customer_number`` a pack may name its own
    (``meter_number: '\b\d[A-Z]{3}\d{7,10}\b'``) for ``type: pattern`` questions.
    """

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, _Regex] = Field(init=False)

    order_number: _Regex = r"\b\d{6}\b"
    customer_number: _Regex = r"\bK\d{5}\b"

    def named(self) -> dict[str, str]:
        """Every pattern by its name, the two built-in ones included."""
        return {"order_number": self.order_number, "customer_number": self.customer_number, **self.extra()}

    def extra(self) -> dict[str, str]:
        """The patterns the pack added."""
        return dict(self.__pydantic_extra__ or {})


class ContactsConfig(_Strict):
    """How customers reach people at the company."""

    phone: dict[str, str]
    email: str
    website: str | None = None
    postal_address: str | None = None
    source: str | None = None
    """The knowledge article that states hours and contacts (cited when the assistant gives them)."""


class CompanyConfig(_Strict):
    """``company.yaml``."""

    name: str = Field(min_length=1)
    legal_name: str | None = None
    languages: list[Literal["de", "en"]] = ["de", "en"]
    default_language: Literal["de", "en"] = "de"
    address_form: Literal["formal", "informal"] = "formal"
    timezone: str = "Europe/Berlin"
    business_hours: dict[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], str]
    holidays: list[date] = []
    countries: list[Literal["DE", "AT", "CH"]] = ["DE", "AT", "CH"]
    contacts: ContactsConfig
    patterns: PatternsConfig = PatternsConfig()
    facts: dict[str, str | dict[Literal["de", "en"], str]] = {}
    """The company's own named facts for templates ("emergency_phone", "customer_portal"):
    ``{{ company.facts.emergency_phone }}``; a text, or one per language."""

    @field_validator("business_hours")
    @classmethod
    def _hours(cls, value: dict[str, str]) -> dict[str, str]:
        for day, hours in value.items():
            if not _HOURS.match(hours):
                raise ValueError(f"{day}: write hours as 'HH:MM-HH:MM' or 'closed', not {hours!r}")
        return value


class VerificationConfig(_Strict):
    """How a customer proves who they are."""

    methods: list[
        Literal["order_number_and_email", "order_number_and_postal_code", "customer_number_and_birth_date"]
    ] = [
        "order_number_and_email",
        "order_number_and_postal_code",
    ]
    max_attempts: int = Field(default=3, ge=1, le=10)


RuleCheckName = Literal["identity_verified", "order_status", "within_days", "max_amount", "positive_amount", "consent"]


class RuleConfig(_Strict):
    """One precondition of an action in ``rules.yaml`` (checked in code, in order, before the action runs).

    * ``identity_verified``: the customer proved who they are (with one of ``proof``, the names of
      verification methods or verifying actions, if given); the slot ``owns`` names must hold the
      verified identifier, and an order in question must be theirs.
    * ``order_status``: the order's status is one of ``in``.
    * ``within_days``: at most ``days`` days (a number or the name of a limit such as
      ``return_window_days``) have passed since the order's ``since`` date.
    * ``max_amount``: the amount in slot ``slot`` is at most ``limit`` (a number or a limit's
      name); above it the action is ``deny``-ed or becomes an ``approval`` request.
    * ``positive_amount``: the amount in slot ``slot`` is above zero and at most what is left
      of the order's total.
    * ``consent``: the customer agreed to ``topic`` (e.g. marketing).
    """

    check: RuleCheckName
    name: str | None = None
    """Shown in the audit log; defaults to the check."""
    reason: str
    """Response template explaining a refusal to the customer."""
    alternative: str | None = None
    """Response template suggesting what the customer can do instead."""
    states: list[Literal["pending", "paid", "shipped", "delivered", "cancelled", "returned"]] = Field(
        default=[], alias="in"
    )
    since: Literal["placed_at", "paid_at", "shipped_at", "delivered_at"] | None = None
    days: int | str | None = None
    slot: str | None = None
    limit: Decimal | str | None = None
    above: Literal["deny", "approval"] = "deny"
    topic: str | None = None
    proof: list[str] = []
    owns: str | None = None
    """``identity_verified``: the slot that must hold the verified customer's identifier (``contract_number``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SlaConfig(_Strict):
    """Hours until a ticket of each priority is due (counted in business hours)."""

    urgent: int = Field(default=4, ge=1)
    high: int = Field(default=8, ge=1)
    normal: int = Field(default=16, ge=1)
    low: int = Field(default=40, ge=1)


class TicketKindConfig(_Strict):
    """A kind of case the company works on (outage, meter reading, move, payment plan …)."""

    title: Bilingual
    prefix: str = Field(pattern=r"^[A-Z]{3}$")
    """Starts the reference customers see, e.g. ``STO`` for ``STO-100042``."""
    priority: Literal["low", "normal", "high", "urgent"] = "normal"
    sla_hours: int | None = Field(default=None, ge=1)
    """Working hours until it is due; default: the SLA of its priority."""


class RulesConfig(_Strict):
    """``rules.yaml``: what the agent may do on its own."""

    verification: VerificationConfig = VerificationConfig()
    return_window_days: int = Field(default=30, ge=0)
    withdrawal_days: int = Field(default=14, ge=14)
    refund_limit: Decimal = Field(default=Decimal("200.00"), ge=0)
    goodwill_limit: Decimal = Field(default=Decimal("25.00"), ge=0)
    goodwill_default: Decimal = Field(default=Decimal("10.00"), ge=0)
    """The voucher the agent offers on its own after a delivery problem."""
    lost_parcel_days: int = Field(default=7, ge=1)
    """Days after shipping without delivery before a parcel counts as lost."""
    human_only_topics: list[str] = []
    sla_hours: SlaConfig = SlaConfig()
    actions: dict[str, list[RuleConfig]] = {}
    """Per action, its preconditions; an action that changes data needs an entry."""
    limits: dict[str, Decimal] = {}
    """The company's own named limits ("payment_plan_max_months: 6"), usable by name in any rule."""
    tickets: dict[str, TicketKindConfig] = {}
    """The company's own kinds of ticket, opened by ``ticket:`` actions in actions.yaml."""
    handoff_priority: dict[str, Literal["low", "normal", "high", "urgent"]] = {}
    """Per handoff reason, the priority of its ticket (``gas_smell: urgent``)."""
    confirm_before: list[str] = []
    """Actions the customer must confirm with a yes first (cancel, refund, address change); each
    needs the templates ``confirm_<action>``, ``invalid_confirmation`` and ``action_not_confirmed``."""

    @model_validator(mode="after")
    def _limits_exist(self) -> RulesConfig:
        if self.goodwill_default > self.goodwill_limit:
            raise ValueError("goodwill_default must not be above goodwill_limit")
        numeric = {name for name, value in self.__dict__.items() if isinstance(value, (int, Decimal))}
        clashing = sorted(set(self.limits) & numeric)
        if clashing:
            raise ValueError(f"limits: '{clashing[0]}' is already a built-in limit; give it another name")
        numeric |= set(self.limits)
        for action, rules in self.actions.items():
            for rule in rules:
                for value in (rule.limit, rule.days):
                    if isinstance(value, str) and not value.replace(".", "", 1).isdigit() and value not in numeric:
                        known = ", ".join(sorted(numeric))
                        raise ValueError(f"{action}: '{value}' is neither a number nor one of {known}")
                if rule.check in ("max_amount", "positive_amount") and not rule.slot:
                    raise ValueError(f"{action}: {rule.check} needs 'slot', the slot holding the amount")
                if rule.check == "max_amount" and rule.limit is None:
                    raise ValueError(f"{action}: max_amount needs 'limit'")
                if rule.check == "within_days" and (rule.since is None or rule.days is None):
                    raise ValueError(f"{action}: within_days needs 'since' and 'days'")
                if rule.check == "order_status" and not rule.states:
                    raise ValueError(f"{action}: order_status needs 'in', the allowed states")
        return self

    def limit(self, value: Decimal | int | str | None) -> Decimal:
        """A limit written as a number or as the name of one of the rules above."""
        if isinstance(value, str) and not value.replace(".", "", 1).isdigit():
            return self.limits[value] if value in self.limits else Decimal(str(getattr(self, value)))
        return Decimal(str(value or 0))


Template = str | dict[Literal["formal", "informal"], str]


class Bilingual(_Strict):
    """A text in both languages."""

    de: str
    en: str


class ProductRecord(_Strict):
    """One entry of ``data/products.json``."""

    sku: str = Field(min_length=1)
    name: str = Field(min_length=1)
    brand: str
    category: str
    category_name: Bilingual
    price: Annotated[Decimal, Field(ge=0, decimal_places=2)]
    stock: int = Field(ge=0)
    restock_days: int | None = None
    energy_label: Literal["A", "B", "C", "D", "E", "F", "G"] | None = None
    warranty_years: int = Field(default=2, ge=0)
    dimensions_cm: dict[Literal["width", "height", "depth"], float] = {}
    weight_kg: float = Field(default=0.0, ge=0)
    bulky: bool = False
    specs: dict[str, Any] = {}
    description: Bilingual
    accessories: list[str] = []
    alternatives: list[str] = []
    rating: float | None = Field(default=None, ge=1, le=5)


class AddressRecord(_Strict):
    """A postal address in ``data/orders.json``."""

    name: str
    street: str
    postal_code: str
    city: str
    country: Literal["DE", "AT", "CH"]


class OrderItemRecord(_Strict):
    """One order line."""

    sku: str
    quantity: int = Field(ge=1)
    unit_price: Decimal = Field(ge=0)


class OrderRecord(_Strict):
    """One entry of ``data/orders.json``."""

    order_number: str
    customer_number: str
    status: Literal["pending", "paid", "shipped", "delivered", "cancelled", "returned"]
    placed_at: datetime
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    returned_at: datetime | None = None
    items: list[OrderItemRecord] = Field(min_length=1)
    shipping_cost: Decimal = Field(ge=0)
    payment_method: str
    shipping_address: AddressRecord
    carrier: str | None = None
    tracking_number: str | None = None


class CustomerRecord(_Strict):
    """One row of ``data/customers.csv``."""

    customer_number: str = Field(min_length=1)
    first_name: str
    last_name: str
    email: str
    phone: str = ""
    street: str
    postal_code: str
    city: str
    country: Literal["DE", "AT", "CH"]
    date_of_birth: date | None = None
    language: Literal["de", "en"] = "de"
    marketing_consent: bool = False
