"""The Stadtwerke pack's YAML conversation tests, against its customer system served by uvicorn on 127.0.0.1.

The system is a real local HTTP service (the pack's FastAPI app, with an API key the pack's
``actions.yaml`` sends from the settings' secrets), not the in-process simulator. The fault
tests point the pack at a port where nothing listens, and at a system whose writes fail.
"""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from firstline.app import Services, build_services
from firstline.company.loader import bundled_pack_dir
from firstline.domain.tickets import AuditEntry, Decision, TicketKind
from firstline.settings import Settings, SystemSettings
from firstline.storage.tickets import SqlAuditLog
from firstline.testing.clock import FakeClock
from firstline.testing.conversations import DEFAULT_NOW, find_tests, isolated_settings, load_test, run_test

PACK = bundled_pack_dir("stadtwerke")
TESTS = find_tests([PACK / "tests"])
FAULTS = Path(__file__).with_name("stadtwerke_system_faults")
API_KEY = "test-key-4711"


def _system_app(**options: Any) -> FastAPI:
    spec = importlib.util.spec_from_file_location("stadtwerke_system_under_test", PACK / "system" / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the models' annotations through it
    spec.loader.exec_module(module)
    app: FastAPI = module.create_app(api_key=API_KEY, **options)
    return app


def _serve(app: FastAPI) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(1000):
        if server.started:
            break
        time.sleep(0.01)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)


def _services(portal: BlockingPortal, folder: Path, url: str) -> tuple[Services, FakeClock]:
    clock = FakeClock(DEFAULT_NOW)
    base = Settings(
        company_dir=PACK,
        systems={"kundensystem": SystemSettings(url=url)},
        secrets={"KUNDENSYSTEM_KEY": API_KEY},
    )
    services = portal.call(lambda: build_services(isolated_settings(base, folder), clock=clock))
    return services, clock


@pytest.fixture(scope="module")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as running:
        yield running


@pytest.fixture(scope="module")
def system_url() -> Iterator[str]:
    yield from _serve(_system_app())


@pytest.fixture(scope="module")
def stadtwerke(
    portal: BlockingPortal, system_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, FakeClock]]:
    services, clock = _services(portal, tmp_path_factory.mktemp("stadtwerke"), system_url)
    yield services, clock
    portal.call(services.close)


def test_stadtwerke_has_enough_conversation_tests_in_both_languages() -> None:
    languages = [load_test(path).language.value for path in TESTS]
    assert languages.count("de") >= 20 and languages.count("en") >= 20


@pytest.mark.parametrize("path", TESTS, ids=[f"{p.parent.name}/{p.stem}" for p in TESTS])
def test_conversation(
    path: Path, portal: BlockingPortal, stadtwerke: tuple[Services, FakeClock], request: pytest.FixtureRequest
) -> None:
    services, clock = stadtwerke
    test = load_test(path)
    if test.known_gap:
        request.applymarker(pytest.mark.xfail(reason=test.known_gap, strict=True))
    failures = portal.call(run_test, services, clock, test)
    assert not failures, "\n".join(failures)


def test_the_system_refuses_calls_without_the_packs_secret(system_url: str) -> None:
    import httpx

    assert httpx.get(f"{system_url}/contracts/VK-104233").status_code == 401
    answer = httpx.get(f"{system_url}/contracts/VK-104233", headers={"X-Api-Key": API_KEY})
    assert answer.status_code == 200 and answer.json()["tariff_name"]["de"] == "Strom Öko Fix 24"


@pytest.fixture
def down_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"  # closed again: nothing listens there


def _audit(portal: BlockingPortal, services: Services) -> list[AuditEntry]:
    return portal.call(SqlAuditLog(services.engine).entries)


@pytest.mark.parametrize("path", sorted(FAULTS.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_system_that_is_down(path: Path, portal: BlockingPortal, down_url: str, tmp_path: Path) -> None:
    services, clock = _services(portal, tmp_path, down_url)
    try:
        failures = portal.call(run_test, services, clock, load_test(path))
        assert not failures, "\n".join(failures)
        failed = [e for e in _audit(portal, services) if e.outcome == "failed" and "error" in e.args]
        assert failed and all(e.args["error"] == "unreachable" for e in failed)
    finally:
        portal.call(services.close)


def _failing_writes() -> FastAPI:
    """The real system, except that every write answers 500 (and is counted)."""
    app = _system_app()
    app.state.writes = 0

    @app.middleware("http")
    async def broken_writes(request: Request, call_next: Any) -> Response:
        if request.method in ("POST", "PUT", "PATCH"):
            app.state.writes += 1
            return JSONResponse({"detail": "database unavailable"}, status_code=500)
        response: Response = await call_next(request)
        return response

    return app


def test_a_failed_write_is_said_audited_sent_once_and_opens_no_ticket(portal: BlockingPortal, tmp_path: Path) -> None:
    app = _failing_writes()
    for url in _serve(app):
        services, clock = _services(portal, tmp_path, url)
        try:
            test = load_test(PACK / "tests" / "en" / "meter_reading.yaml")
            failures = portal.call(run_test, services, clock, test)
            # Only the last turn, the write itself, differs: it failed and the customer was told so.
            assert failures and all("turn 5" in failure for failure in failures)
            writes = [e for e in _audit(portal, services) if e.action == "submit_meter_reading"]
            assert len(writes) == 1 and writes[0].outcome == "failed" and writes[0].decision is Decision.ALLOWED
            assert writes[0].args["error"] == "500" and writes[0].args["detail"] == "database unavailable"
            assert app.state.writes == 1  # a POST is never retried
            tickets = portal.call(services.desk.tickets)
            assert not [t for t in tickets if t.kind is TicketKind.CASE]
        finally:
            portal.call(services.close)
