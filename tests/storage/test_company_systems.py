"""Company-defined actions against a real local HTTP server (FastAPI under uvicorn): mapping, retries, failures."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import PlainTextResponse

from firstline.actions.base import ActionContext, ActionResult
from firstline.actions.company_actions import SystemAction
from firstline.company.actions_schema import ActionConfig, SystemConfig
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.domain.language import Language
from firstline.errors import CompanyPackError
from firstline.settings import Settings
from firstline.storage.company_systems import HttpCompanySystem, open_systems, resolve_secrets

pytestmark = pytest.mark.anyio
CALLS: dict[str, int] = {}


def _system_app() -> FastAPI:
    app = FastAPI()

    @app.get("/contracts/{number}")
    async def contract(number: str, authorization: str | None = Header(default=None)) -> dict[str, Any]:
        if authorization != "Bearer s3cret":
            raise HTTPException(401, "no token")
        if number != "VK-104233":
            raise HTTPException(404, "unknown contract")
        return {"holder": "Jana Krüger", "advance": 78, "meters": [{"number": "1ESY116", "last": 4711.5}]}

    @app.get("/slow")
    async def slow() -> dict[str, str]:
        await asyncio.sleep(2)
        return {"ok": "late"}

    @app.get("/flaky")
    async def flaky() -> dict[str, str]:
        CALLS["flaky"] = CALLS.get("flaky", 0) + 1
        if CALLS["flaky"] == 1:
            raise HTTPException(503, "busy")
        return {"ok": "second time"}

    @app.post("/readings")
    async def readings(request: Request) -> dict[str, Any]:
        CALLS["readings"] = CALLS.get("readings", 0) + 1
        body = await request.json()
        if body.get("reading", 0) < 4711:
            raise HTTPException(422, "lower than the last reading")
        if body.get("reading") == 9999:
            raise HTTPException(500, "database down")
        return {"reference": "ZS-0001", "consumption": body["reading"] - 4711}

    @app.get("/broken")
    async def broken() -> PlainTextResponse:
        return PlainTextResponse("<html>oops</html>")

    return app


@pytest.fixture(scope="module")
def system_url() -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_system_app(), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def company() -> Company:
    return load_company(demo_company_dir())


def _system(url: str, **config: Any) -> HttpCompanySystem:
    settings = {"url": url, "timeout_seconds": 0.5, "retries": 1, **config}
    return HttpCompanySystem(
        "crm", SystemConfig.model_validate(settings), base_url=url, headers={"Authorization": "Bearer s3cret"}
    )


async def _run(
    url: str, context: ActionContext, *, system: HttpCompanySystem | None = None, **declaration: Any
) -> ActionResult:
    """Run one declared action against the server, then close its connections."""
    client = system or _system(url, **{k: declaration.pop(k) for k in ("retries",) if k in declaration})
    config = ActionConfig.model_validate({"system": "crm", **declaration})
    try:
        return await SystemAction("lookup_contract", config, client).run(context)
    finally:
        await client.close()


def _context(company: Company, **slots: Any) -> ActionContext:
    return ActionContext(
        slots=slots,
        language=Language.DE,
        company=company,
        backend=None,  # type: ignore[arg-type]  # system actions use neither the shop nor tickets
        changes=None,  # type: ignore[arg-type]
        tickets=None,  # type: ignore[arg-type]
        now=datetime(2026, 12, 3, 10, tzinfo=UTC),
    )


LOOKUP: dict[str, Any] = {
    "path": "/contracts/{contract_number}",
    "input": ["contract_number"],
    "output": {
        "holder": "holder",
        "advance_payment": {"path": "advance", "type": "money"},
        "last_reading": {"path": "meters.0.last", "type": "decimal", "required": True},
        "meter_number": "meters.0.number",
    },
    "errors": {"404": {"say": "contract_not_found", "ask_again": ["contract_number"], "outcome": "not_found"}},
}


async def test_the_answer_fills_typed_slots_by_path(system_url: str, company: Company) -> None:
    result = await _run(system_url, _context(company, contract_number="VK-104233"), **LOOKUP)
    assert result.outcome == "done"
    assert result.slots == {
        "holder": "Jana Krüger",
        "advance_payment": "78.00",
        "last_reading": "4711.5",
        "meter_number": "1ESY116",
    }
    assert result.args == {"contract_number": "VK-104233"}


async def test_a_mapped_status_says_the_packs_text_and_asks_again(system_url: str, company: Company) -> None:
    result = await _run(system_url, _context(company, contract_number="VK-000000"), **LOOKUP)
    assert (result.outcome, result.say, result.ask_again) == (
        "not_found",
        ("contract_not_found",),
        ("contract_number",),
    )
    assert result.slots == {"lookup_contract_error": "404"}
    assert result.args["error"] == "404" and result.args["detail"] == "unknown contract"


async def test_an_unmapped_failure_says_system_error_and_offers_a_person(system_url: str, company: Company) -> None:
    no_token = HttpCompanySystem("crm", SystemConfig(url=system_url), base_url=system_url, headers={})
    result = await _run(system_url, _context(company, contract_number="VK-104233"), system=no_token, **LOOKUP)  # 401
    assert (result.outcome, result.say, result.offer_handoff) == ("failed", ("system_error",), True)


async def test_a_timeout_is_retried_then_reported(system_url: str, company: Company) -> None:
    started = time.monotonic()
    errors = {"timeout": {"say": "system_error", "handoff": "system_down"}}
    result = await _run(system_url, _context(company), path="/slow", errors=errors)
    assert result.outcome == "failed" and result.handoff == "system_down"
    assert result.args["error"] == "timeout"
    assert time.monotonic() - started >= 1.0  # two attempts of 0.5 s each


async def test_an_idempotent_call_is_retried_after_a_5xx(system_url: str, company: Company) -> None:
    CALLS.pop("flaky", None)
    result = await _run(system_url, _context(company), path="/flaky", output={"ok": "ok"})
    assert (result.outcome, result.slots["ok"], CALLS["flaky"]) == ("done", "second time", 2)


async def test_a_write_is_sent_once_even_when_it_fails(system_url: str, company: Company) -> None:
    CALLS.pop("readings", None)
    write: dict[str, Any] = {
        "method": "POST",
        "path": "/readings",
        "input": {"reading": "reading"},
        "changes_data": True,
        "output": {"reading_reference": "reference"},
        "errors": {"422": {"say": "reading_too_low", "ask_again": ["reading"]}},
    }
    low = await _run(system_url, _context(company, reading=12), **write)
    assert (low.outcome, low.ask_again) == ("failed", ("reading",))
    down = await _run(system_url, _context(company, reading=9999), **write)
    assert (down.outcome, down.say, down.args["error"]) == ("failed", ("system_error",), "500")
    assert CALLS["readings"] == 2  # one each: a failed write is never repeated
    done = await _run(system_url, _context(company, reading=4800), **write)
    assert done.slots == {"reading_reference": "ZS-0001"}


async def test_malformed_json_and_a_missing_required_field_are_invalid_answers(
    system_url: str, company: Company
) -> None:
    broken = await _run(system_url, _context(company), path="/broken")
    assert broken.args["error"] == "invalid_response"
    required = {"x": {"path": "nope", "required": True}}
    missing = await _run(system_url, _context(company), path="/flaky", output=required)
    assert missing.args["error"] == "invalid_response" and missing.say == ("system_error",)


async def test_a_system_that_is_down_is_unreachable(company: Company) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again below: nothing listens there
    result = await _run(f"http://127.0.0.1:{port}", _context(company), path="/x", retries=0)
    assert (result.outcome, result.args["error"]) == ("failed", "unreachable")


async def test_missing_input_fails_before_calling(system_url: str, company: Company) -> None:
    result = await _run(system_url, _context(company), **{**LOOKUP, "required": ["contract_number"]})
    assert result.args["error"] == "missing_input"


def test_secrets_come_from_settings_and_a_missing_one_names_where(tmp_path: Any) -> None:
    assert resolve_secrets("Bearer ${CRM_TOKEN}", {"CRM_TOKEN": "abc"}, where="x") == "Bearer abc"
    with pytest.raises(ValueError, match="CRM_TOKEN"):
        resolve_secrets("Bearer ${CRM_TOKEN}", {}, where="systems.crm.headers.Authorization")
    systems = {"crm": SystemConfig(url="http://127.0.0.1:1", headers={"Authorization": "Bearer ${CRM_TOKEN}"})}
    with pytest.raises(CompanyPackError, match="CRM_TOKEN"):
        open_systems(systems, Settings(), tmp_path, tmp_path / "actions.yaml")


def test_the_url_in_settings_wins_over_the_packs(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("FIRSTLINE_SYSTEMS__CRM__URL", "http://crm.internal:8080")
    monkeypatch.setenv("FIRSTLINE_SECRETS__CRM_TOKEN", "t0ken")
    systems = {"crm": SystemConfig(url="http://127.0.0.1:1", headers={"Authorization": "Bearer ${CRM_TOKEN}"})}
    opened = open_systems(systems, Settings(), tmp_path, tmp_path / "actions.yaml")
    client = opened["crm"]._client
    assert str(client.base_url) == "http://crm.internal:8080"
    assert client.headers["Authorization"] == "Bearer t0ken"
    asyncio.run(opened["crm"].close())
