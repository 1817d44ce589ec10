"""The Stadtwerke Auenbach customer system ("Kundensystem"), simulated: a small FastAPI app.

firstline's pack calls it through ``actions.yaml``. Without a configured URL the assistant runs
it in-process (the demo); the tests start it under uvicorn as a real HTTP server. Its data is
``db.json`` next to this file, loaded fresh by every ``create_app()``, changed only in memory.
Run it alone: ``uvicorn --factory app:create_app`` in this folder.

Endpoints: GET /contracts/{number}; POST /contracts/{number}/readings; GET /outages;
POST /contracts/{number}/payment-plan; PUT /contracts/{number}/advance-payment;
PUT /contracts/{number}/sepa-mandate; POST /contracts/{number}/move-out; GET /health.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from decimal import ROUND_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

DB_FILE = Path(__file__).with_name("db.json")
MAX_REDUCTION = Decimal("0.20")
"""A new advance payment more than 20 % below the one computed from consumption needs a person."""
SEPA_COUNTRIES = ("DE", "AT", "NL", "LU", "FR", "BE")


class Reading(BaseModel):
    meter_number: str | None = None
    reading: Decimal
    reading_date: date


class PaymentPlan(BaseModel):
    months: int = Field(ge=2, le=12)
    open_balance: Decimal | None = None


class AdvancePayment(BaseModel):
    amount: Decimal = Field(gt=0)


class Mandate(BaseModel):
    iban: str = Field(min_length=15, max_length=34)
    account_holder: str = Field(min_length=2, max_length=70)


class MoveOut(BaseModel):
    move_out_date: date
    new_address: dict[str, Any] | str | None = None


def _key(number: str) -> str:
    """``vk 104233`` → ``VK-104233``: the system's own spelling of a contract account number."""
    digits = re.sub(r"\D", "", number)
    return f"VK-{digits}"


class CustomerSystem:
    """The contracts, meters and outages, and what the utility's own rules allow to change."""

    def __init__(self, data: dict[str, Any], today: date | None) -> None:
        self.data = data
        self.contracts: dict[str, dict[str, Any]] = data["contracts"]
        self._today = today
        self._next = 5000

    def now(self) -> date:
        return self._today or date.today()

    def reference(self, prefix: str) -> str:
        self._next += 1
        return f"{prefix}-{self._next}"

    def contract(self, number: str, *, active: bool = False) -> dict[str, Any]:
        found = self.contracts.get(_key(number))
        if found is None:
            raise HTTPException(404, "unknown contract account")
        if active and found.get("status", "active") != "active":
            raise HTTPException(409, "the contract has ended")
        return found

    def next_month(self, day: int) -> date:
        return (self.now().replace(day=1) + timedelta(days=32)).replace(day=day)

    def add_reading(self, number: str, reading: Reading) -> dict[str, Any]:
        found = self.contract(number, active=True)
        meters = found.get("meters", [])
        meter = next((m for m in meters if m["meter_number"] == reading.meter_number), meters[0] if meters else None)
        if meter is None:
            raise HTTPException(422, "no meter on this contract")
        last = Decimal(str(meter["last_reading"]))
        if reading.reading < last:
            raise HTTPException(422, "lower than the last reading")
        if reading.reading_date > self.now():
            raise HTTPException(422, "reading date in the future")
        meter["last_reading"], meter["last_reading_date"] = str(reading.reading), reading.reading_date.isoformat()
        unit = meter.get("unit", "kWh")
        return {"reference": self.reference("ZS"), "consumption": str(reading.reading - last), "unit": unit}

    def outage(self, postal_code: str, energy: str | None) -> dict[str, Any]:
        for outage in self.data.get("outages", []):
            if outage["postal_code"] == postal_code and (energy is None or outage["energy"] == energy):
                return {"known": True, "outage": outage}
        return {"known": False}

    def payment_plan(self, number: str, plan: PaymentPlan) -> dict[str, Any]:
        found = self.contract(number)
        balance = Decimal(str(found.get("balance", "0")))
        if balance <= 0:
            raise HTTPException(422, "nothing is outstanding")
        rate = (balance / plan.months).quantize(Decimal("0.01"), rounding=ROUND_UP)
        found["payment_plan"] = {"months": plan.months, "rate": str(rate)}
        first = self.next_month(15).isoformat()
        return {"reference": self.reference("RZ"), "monthly_rate": str(rate), "first_due": first}

    def advance_payment(self, number: str, change: AdvancePayment) -> dict[str, Any]:
        found = self.contract(number, active=True)
        computed = Decimal(str(found.get("computed_advance_payment", found.get("advance_payment", "0"))))
        if change.amount < computed * (1 - MAX_REDUCTION):
            raise HTTPException(422, "more than 20 % below the consumption-based amount")
        found["advance_payment"] = str(change.amount.quantize(Decimal("0.01")))
        # From the next due date (the 15th) if the change arrives at least five working days before it.
        effective = self.now().replace(day=15) if self.now().day <= 8 else self.next_month(15)
        return {"advance_payment": found["advance_payment"], "effective_from": effective.isoformat()}

    def sepa_mandate(self, number: str, mandate: Mandate) -> dict[str, Any]:
        found = self.contract(number, active=True)
        if not mandate.iban.upper().startswith(SEPA_COUNTRIES):
            raise HTTPException(422, "we collect only from accounts in the SEPA countries we serve")
        found["sepa"] = {"iban": mandate.iban, "holder": mandate.account_holder}
        return {"mandate_reference": self.reference("MD"), "first_debit": self.next_month(15).isoformat()}

    def move_out(self, number: str, move: MoveOut) -> dict[str, Any]:
        found = self.contract(number, active=True)
        if move.move_out_date < self.now() - timedelta(weeks=6):
            raise HTTPException(422, "a move-out can be registered at most six weeks in arrears")
        found["move_out"] = move.move_out_date.isoformat()
        final = (move.move_out_date + timedelta(weeks=6)).isoformat()
        return {"reference": self.reference("UZ"), "final_bill_by": final}


def create_app(db: dict[str, Any] | None = None, *, today: date | None = None, api_key: str | None = None) -> FastAPI:
    """The customer system over ``db`` (default: a fresh copy of db.json); with ``api_key``, calls need it."""
    data = copy.deepcopy(db) if db is not None else json.loads(DB_FILE.read_text(encoding="utf-8"))
    system = CustomerSystem(data, today)
    app = FastAPI(title="Stadtwerke Auenbach Kundensystem (simulated)")
    app.state.system = system

    @app.middleware("http")
    async def key_check(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if api_key is not None and request.headers.get("x-api-key") != api_key and request.url.path != "/health":
            return JSONResponse({"detail": "invalid API key"}, status_code=401)
        return await call_next(request)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/contracts/{number}")
    async def get_contract(number: str) -> dict[str, Any]:
        found = system.contract(number)
        tariff = system.data.get("tariffs", {}).get(found.get("tariff"), {})
        return {**found, "contract_number": _key(number), "tariff_name": tariff.get("name", {})}

    @app.post("/contracts/{number}/readings", status_code=201)
    async def add_reading(number: str, reading: Reading) -> dict[str, Any]:
        return system.add_reading(number, reading)

    @app.get("/outages")
    async def outages(postal_code: str, energy: str | None = None) -> dict[str, Any]:
        return system.outage(postal_code, energy)

    @app.post("/contracts/{number}/payment-plan", status_code=201)
    async def payment_plan(number: str, plan: PaymentPlan) -> dict[str, Any]:
        return system.payment_plan(number, plan)

    @app.put("/contracts/{number}/advance-payment")
    async def advance_payment(number: str, change: AdvancePayment) -> dict[str, Any]:
        return system.advance_payment(number, change)

    @app.put("/contracts/{number}/sepa-mandate")
    async def sepa_mandate(number: str, mandate: Mandate) -> dict[str, Any]:
        return system.sepa_mandate(number, mandate)

    @app.post("/contracts/{number}/move-out", status_code=201)
    async def move_out(number: str, move: MoveOut) -> dict[str, Any]:
        return system.move_out(number, move)

    return app
