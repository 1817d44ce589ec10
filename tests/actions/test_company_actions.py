"""The company's own actions without HTTP: table lookups that verify, plugins, the typed output contract."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from firstline.actions.base import ActionContext
from firstline.actions.company_actions import (
    ActionError,
    PluginAction,
    PluginRequest,
    TableAction,
    load_plugin,
)
from firstline.actions.typed_output import convert, map_output
from firstline.company.actions_schema import ActionConfig, OutputField
from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.language import Language

pytestmark = pytest.mark.anyio
COMPANY = load_company(demo_company_dir())
CONTRACTS = [
    {"contract_number": "VK-104233", "birth_date": "1985-03-12", "first_name": "Jana", "last_name": "Krüger"},
    {"contract_number": "VK-104234", "birth_date": "1990-01-01", "first_name": "Tom", "last_name": "Berg"},
]
VERIFY = ActionConfig.model_validate(
    {
        "table": "data/contracts.csv",
        "input": ["contract_number", "birth_date"],
        "verifies": "contract_number",
        "output": {"customer_first_name": "first_name"},
        "errors": {"not_found": {"say": "contract_verification_mismatch"}},
    }
)


def _context(**slots: Any) -> ActionContext:
    return ActionContext(
        slots=slots,
        language=Language.EN,
        company=COMPANY,
        backend=None,  # type: ignore[arg-type]  # these actions use none of the shop's ports
        changes=None,  # type: ignore[arg-type]
        tickets=None,  # type: ignore[arg-type]
        now=datetime(2026, 12, 3, 10, tzinfo=UTC),
    )


async def test_a_matching_row_verifies_the_customer_without_logging_the_proof() -> None:
    action = TableAction("verify_contract", VERIFY, CONTRACTS)
    result = await action.run(_context(contract_number="vk 104233", birth_date="1985-03-12"))
    assert result.outcome == "done"
    assert result.slots["identity_verified"] is True
    assert result.slots["verified_customer"] == "vk 104233"
    assert result.slots["verified_by"] == "verify_contract"
    assert result.slots["customer_first_name"] == "Jana"
    assert result.args == {"contract_number": "vk 104233"}  # the birth date stays out of the audit log


async def test_wrong_proof_counts_attempts_and_asks_again_until_locked() -> None:
    action = TableAction("verify_contract", VERIFY, CONTRACTS)
    slots: dict[str, Any] = {"contract_number": "VK-104233", "birth_date": "1990-01-01"}
    first = await action.run(_context(**slots))
    assert first.say == ("contract_verification_mismatch",)
    assert first.ask_again == ("contract_number", "birth_date")
    assert first.slots["attempts_left"] == COMPANY.rules.verification.max_attempts - 1
    slots["verification_attempts"] = COMPANY.rules.verification.max_attempts - 1
    last = await action.run(_context(**slots))
    assert last.slots["identity_verified"] is False and last.ask_again == ()
    assert "birth_date" not in last.args


async def test_someone_elses_birth_date_does_not_open_another_contract() -> None:
    action = TableAction("verify_contract", VERIFY, CONTRACTS)
    result = await action.run(_context(contract_number="VK-104234", birth_date="1985-03-12"))
    assert result.outcome == "failed" and "identity_verified" not in result.slots


async def _plan(request: PluginRequest) -> dict[str, Any]:
    months = int(request.input["months"])
    if months > 6:
        raise ActionError("too_long", "at most 6 months")
    if months == 0:
        raise ZeroDivisionError("bug in the plugin")
    return {"plan": {"rate": 300 / months, "reference": "RZ-1"}}


PLAN = ActionConfig.model_validate(
    {
        "python": "example:plan",
        "input": ["months"],
        "output": {"monthly_rate": {"path": "plan.rate", "type": "money"}, "plan_reference": "plan.reference"},
        "errors": {"too_long": {"say": "plan_too_long", "ask_again": ["months"]}},
    }
)


async def test_a_plugin_has_the_same_typed_contract() -> None:
    action = PluginAction("payment_plan", PLAN, _plan)
    done = await action.run(_context(months=4))
    assert done.slots == {"monthly_rate": "75.00", "plan_reference": "RZ-1"}
    refused = await action.run(_context(months=9))
    assert (refused.say, refused.ask_again, refused.args["error"]) == (("plan_too_long",), ("months",), "too_long")
    crashed = await action.run(_context(months=0))
    assert (crashed.say, crashed.offer_handoff, crashed.args["error"]) == (("system_error",), True, "plugin_error")


def test_plugins_load_by_module_path_and_must_be_async() -> None:
    assert load_plugin("asyncio:sleep") is not None
    with pytest.raises(LookupError, match="async"):
        load_plugin("json:dumps")
    with pytest.raises(LookupError, match="entry point"):
        load_plugin("no_such_plugin")


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("4711.50", "decimal", "4711.50"),
        (78, "money", "78.00"),
        ("2026-11-30T08:00:00Z", "date", "2026-11-30"),
        (3.0, "integer", 3),
        (True, "boolean", True),
        (None, "integer", None),
    ],
)
def test_output_values_are_converted_to_their_declared_type(value: Any, kind: str, expected: Any) -> None:
    assert convert(value, kind) == expected


@pytest.mark.parametrize(("value", "kind"), [("abc", "decimal"), (True, "money"), (2.5, "integer"), ({}, "text")])
def test_a_mistyped_required_value_is_an_invalid_answer(value: Any, kind: str) -> None:
    with pytest.raises(ValueError):
        map_output({"x": value}, {"slot": OutputField(path="x", type=kind, required=True)})  # type: ignore[arg-type]
    assert map_output({"x": value}, {"slot": OutputField(path="x", type=kind)}) == {"slot": None}  # type: ignore[arg-type]
