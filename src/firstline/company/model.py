"""A loaded, validated company pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from firstline.company.actions_schema import ActionsConfig
from firstline.company.commerce_schema import CommerceConfig, VoucherRecord
from firstline.company.schema import CompanyConfig, RulesConfig
from firstline.domain.business_hours import BusinessHours
from firstline.domain.commerce import Customer, Order, Product
from firstline.domain.flows import Flow
from firstline.domain.language import Language


@dataclass(frozen=True, slots=True, kw_only=True)
class CompanyData:
    """The company's catalogue, customers and orders as shipped in the pack."""

    products: dict[str, Product] = field(default_factory=dict)
    customers: dict[str, Customer] = field(default_factory=dict)
    orders: dict[str, Order] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Company:
    """Everything company-specific the engine works with."""

    root: Path
    config: CompanyConfig
    rules: RulesConfig
    flows: dict[str, Flow]
    responses: dict[Language, dict[str, str]]
    """Templates per language, already resolved to the pack's form of address."""
    intents: dict[Language, dict[str, list[str]]]
    data: CompanyData
    business_hours: BusinessHours
    """When people at the company work (parsed once from ``company.yaml``)."""
    commerce: CommerceConfig = field(default_factory=CommerceConfig)
    """Selling: countries, shipping, payment, vocabulary (``commerce.yaml``)."""
    vouchers: tuple[VoucherRecord, ...] = ()
    """Voucher codes (``data/vouchers.json``)."""
    actions: ActionsConfig = field(default_factory=ActionsConfig)
    """The company's own actions and the systems they call (``actions.yaml``)."""
    tables: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    """Rows of the pack files that lookup actions search, by their path in the pack."""

    @property
    def name(self) -> str:
        """The company's display name."""
        return self.config.name

    @property
    def default_language(self) -> Language:
        """The language of a conversation before the customer has said anything."""
        return Language(self.config.default_language)

    @property
    def knowledge_dir(self) -> Path:
        """The folder with ``de/`` and ``en/`` knowledge articles."""
        return self.root / "knowledge"

    def flow_for_intent(self, intent: str) -> Flow | None:
        """The flow an intent starts, if any."""
        for flow in self.flows.values():
            if intent in flow.intents:
                return flow
        return None
