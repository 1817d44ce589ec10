"""The staff API (JSON, ``/console/api``) and the console's event stream against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2 as httpx
import pytest
from console_support import PASSWORD, ensure_staff
from web_live import LiveServer, LoopThread, ServeApp

from firstline.app import Services
from firstline.testing.clock import FakeClock
from firstline.web.auth.accounts import SessionPolicy


@pytest.fixture(scope="module")
def console(serve_app: ServeApp, loop_thread: LoopThread, services: Services) -> LiveServer:
    ensure_staff(loop_thread, services)
    return serve_app(login_limit="1000/minute")


@pytest.fixture
def http(console: LiveServer) -> Iterator[httpx.Client]:
    with console.client() as client:
        yield client


def log_in(client: httpx.Client, username: str) -> dict[str, str]:
    """Log in over the API; returns the header that every change must carry."""
    answer = client.post("/console/api/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["username"] == username
    return {"X-CSRF-Token": answer.json()["csrf_token"]}


def customer_conversation(client: httpx.Client, text: str) -> str:
    conversation_id = str(client.post("/api/v1/conversations", json={"language": "de"}).json()["id"])
    client.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": text}).raise_for_status()
    return conversation_id


def error_of(answer: httpx.Response, status: int) -> str:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert isinstance(body.get("error"), str) and body["error"]
    return str(body["error"])


ROUTES = [
    ("GET", "/console/api/me"),
    ("GET", "/console/api/conversations"),
    ("GET", "/console/api/conversations/x"),
    ("POST", "/console/api/conversations/x/take-over"),
    ("POST", "/console/api/conversations/x/reply"),
    ("POST", "/console/api/conversations/x/hand-back"),
    ("POST", "/console/api/conversations/x/close"),
    ("GET", "/console/api/approvals"),
    ("POST", "/console/api/approvals/APR-1/decision"),
    ("GET", "/console/api/tickets"),
    ("GET", "/console/api/tickets/ESC-1"),
    ("POST", "/console/api/tickets/ESC-1/notes"),
    ("POST", "/console/api/tickets/ESC-1/status"),
    ("GET", "/console/api/audit"),
    ("GET", "/console/api/knowledge?q=Versand"),
    ("GET", "/console/api/users"),
    ("POST", "/console/api/users"),
    ("PATCH", "/console/api/users/agent"),
    ("POST", "/console/api/logout"),
    ("GET", "/console/events"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_staff_route_needs_a_login(http: httpx.Client, method: str, path: str) -> None:
    assert "log in" in error_of(http.request(method, path, json={}), 401)


def test_login_errors(http: httpx.Client) -> None:
    error_of(http.post("/console/api/login", json={"username": "agent", "password": "falsch"}), 401)
    error_of(http.post("/console/api/login", json={"username": "agent"}), 422)
    error_of(http.post("/console/api/login", content=b"{nope", headers={"Content-Type": "application/json"}), 400)
    text_plain = http.post(
        "/console/api/login",
        content=f'{{"username": "agent", "password": "{PASSWORD}"}}'.encode(),
        headers={"Content-Type": "text/plain"},
    )
    assert text_plain.status_code in (415, 422) and "error" in text_plain.json()


def test_changes_need_the_csrf_header(http: httpx.Client) -> None:
    headers = log_in(http, "supervisor")
    conversation_id = customer_conversation(http, "Hallo")
    path = f"/console/api/conversations/{conversation_id}/take-over"
    assert "CSRF" in error_of(http.post(path), 403)
    assert "CSRF" in error_of(http.post(path, headers={"X-CSRF-Token": "wrong"}), 403)
    assert http.post(path, headers=headers).json()["status"] == "with_human"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/console/api/approvals"),
        ("POST", "/console/api/approvals/APR-1/decision"),
        ("GET", "/console/api/audit"),
        ("GET", "/console/api/users"),
        ("POST", "/console/api/users"),
        ("PATCH", "/console/api/users/agent"),
    ],
)
def test_an_agent_is_refused_supervisor_and_admin_routes(http: httpx.Client, method: str, path: str) -> None:
    headers = log_in(http, "agent")
    assert "role" in error_of(http.request(method, path, headers=headers, json={}), 403)


def test_a_supervisor_is_refused_admin_routes(http: httpx.Client) -> None:
    headers = log_in(http, "supervisor")
    error_of(http.get("/console/api/users"), 403)
    error_of(http.post("/console/api/users", headers=headers, json={}), 403)
    assert http.get("/console/api/approvals").status_code == 200
    assert http.get("/console/api/audit").status_code == 200


def test_handoff_over_the_staff_api(http: httpx.Client) -> None:
    headers = log_in(http, "supervisor")
    assert http.get("/console/api/me").json()["user"]["role"] == "supervisor"
    conversation_id = customer_conversation(http, "Ich möchte mit einem Menschen sprechen")
    waiting = http.get("/console/api/conversations", params={"status": "waiting_for_human", "language": "de"}).json()
    entry = next(e for e in waiting if e["id"] == conversation_id)
    assert entry["open_tickets"] and entry["last_message"]["author"] == "agent"
    assert conversation_id not in [e["id"] for e in http.get("/console/api/conversations?status=bot").json()]
    error_of(http.get("/console/api/conversations?status=nonsense"), 422)

    view = http.get(f"/console/api/conversations/{conversation_id}").json()
    customer = view["entries"][0]
    assert customer["author"] == "customer" and customer["turn"]["status"] == "waiting_for_human"
    assert view["tickets"][0]["kind"] == "escalation"

    base = f"/console/api/conversations/{conversation_id}"
    error_of(http.post(f"{base}/reply", headers=headers, json={"text": "zu früh"}), 409)
    taken = http.post(f"{base}/take-over", headers=headers).json()
    assert (taken["previous_status"], taken["status"]) == ("waiting_for_human", "with_human")
    error_of(http.post(f"{base}/reply", headers=headers, json={"text": "  "}), 422)
    error_of(http.post(f"{base}/reply", headers=headers, json={"text": "x" * 4001}), 422)
    error_of(http.post(f"{base}/reply", headers=headers, json={"text": "hi", "extra": 1}), 422)
    broken = {**headers, "Content-Type": "application/json"}
    error_of(http.post(f"{base}/reply", headers=broken, content=b"{"), 400)
    replied = http.post(f"{base}/reply", headers=headers, json={"text": "Hallo, hier ist Jana."}).json()
    assert replied["messages"] == [
        {**replied["messages"][0], "author": "human", "text": "Hallo, hier ist Jana.", "citations": []}
    ]
    back = http.post(f"{base}/hand-back", headers=headers).json()
    assert back["status"] == "bot" and back["messages"][0]["author"] == "agent"
    closed = http.post(f"{base}/close", headers=headers).json()
    assert closed["status"] == "closed"
    error_of(http.post(f"{base}/take-over", headers=headers), 409)
    error_of(http.post("/console/api/conversations/unknown/take-over", headers=headers), 404)
    error_of(http.get("/console/api/conversations/unknown"), 404)


def test_tickets_audit_and_knowledge_over_the_staff_api(http: httpx.Client) -> None:
    headers = log_in(http, "supervisor")
    conversation_id = customer_conversation(http, "Ich möchte mit einem Menschen sprechen")
    tickets = http.get("/console/api/tickets", params={"conversation_id": conversation_id}).json()
    reference = tickets[0]["reference"]
    assert http.get(f"/console/api/tickets/{reference}").json()["status"] in ("open", "in_progress")
    noted = http.post(f"/console/api/tickets/{reference}/notes", headers=headers, json={"text": "Rückruf morgen"})
    assert noted.json()["events"][-1] == {
        **noted.json()["events"][-1],
        "author": "staff:supervisor",
        "text": "Rückruf morgen",
    }
    error_of(http.post(f"/console/api/tickets/{reference}/notes", headers=headers, json={"text": ""}), 422)
    moved = http.post(f"/console/api/tickets/{reference}/status", headers=headers, json={"status": "resolved"})
    assert moved.json()["status"] == "resolved"
    error_of(http.post(f"/console/api/tickets/{reference}/status", headers=headers, json={"status": "approved"}), 409)
    error_of(http.post(f"/console/api/tickets/{reference}/status", headers=headers, json={"status": "zzz"}), 422)
    error_of(http.get("/console/api/tickets/NOPE-1"), 404)
    assert isinstance(http.get("/console/api/audit", params={"limit": 5}).json(), list)
    assert http.get("/console/api/approvals?pending_only=false").status_code == 200
    hits = http.get("/console/api/knowledge", params={"q": "Versand nach Österreich", "language": "de"}).json()
    assert hits[0]["source"] == "de/shipping-costs.md" and hits[0]["url"] == "/knowledge/de/shipping-costs.md"
    error_of(http.get("/console/api/knowledge", params={"q": ""}), 422)
    error_of(http.get("/console/api/knowledge", params={"q": "   "}), 422)


def test_admin_manages_users_over_the_staff_api(http: httpx.Client, console: LiveServer) -> None:
    headers = log_in(http, "admin")
    created = http.post(
        "/console/api/users",
        headers=headers,
        json={"username": "Tom", "password": PASSWORD, "role": "agent", "display_name": "Tom Weiß"},
    )
    assert created.status_code == 201 and created.json()["username"] == "tom"
    body = {"username": "tom", "password": PASSWORD, "role": "agent"}
    assert "taken" in error_of(http.post("/console/api/users", headers=headers, json=body), 422)
    short = {"username": "tim", "password": "kurz", "role": "agent"}
    assert "10" in error_of(http.post("/console/api/users", headers=headers, json=short), 422)
    error_of(http.post("/console/api/users", headers=headers, json={**body, "role": "boss"}), 422)
    assert "tom" in [u["username"] for u in http.get("/console/api/users").json()]
    with console.client() as tom:
        log_in(tom, "tom")
        changed = http.patch("/console/api/users/tom", headers=headers, json={"role": "supervisor", "active": False})
        assert changed.json()["role"] == "supervisor" and changed.json()["active"] is False
        error_of(tom.get("/console/api/me"), 401)
    error_of(http.patch("/console/api/users/ghost", headers=headers, json={"active": False}), 404)


def test_logout_ends_the_session(http: httpx.Client) -> None:
    headers = log_in(http, "agent")
    assert http.post("/console/api/logout", headers=headers).status_code == 204
    error_of(http.get("/console/api/me"), 401)


def test_sessions_expire(serve_app: ServeApp, loop_thread: LoopThread, services: Services) -> None:
    ensure_staff(loop_thread, services)
    clock = FakeClock(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))
    policy = SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=2))
    live = serve_app(session_policy=policy, staff_clock=clock)
    with live.client() as client:
        log_in(client, "agent")
        assert client.get("/console/api/me").status_code == 200
        clock.advance(minutes=31)
        error_of(client.get("/console/api/me"), 401)
        page = client.get("/console/inbox")
        assert page.status_code == 303 and page.headers["location"].startswith("/console/login")


def test_the_console_stream_reports_every_conversation(http: httpx.Client, console: LiveServer) -> None:
    log_in(http, "agent")
    with http.stream("GET", "/console/events") as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        assert next(lines) == ": connected"
        with console.client() as customer:
            conversation_id = customer_conversation(customer, "Ich möchte mit einem Menschen sprechen")
        seen: list[str] = []
        for line in lines:
            seen.append(line)
            if line.startswith("data:") and '"waiting_for_human"' in line:
                break
        assert "event: message" in seen and "event: status" in seen
        assert any(conversation_id in line for line in seen)


BAD_BODIES: list[tuple[str, bytes]] = [
    ("application/json", b""),
    ("application/json", b"null"),
    ("application/json", b"[]"),
    ("application/json", b'"text"'),
    ("application/json", b'{"text": null, "approve": "vielleicht", "status": 7, "role": [], "note": {}}'),
    ("application/json", b'{"text": "\\ud800", "username": "\\u0000", "password": 12}'),
    ("application/json", b"\xff\xfe\x00"),
    ("application/json", b'{"text": "' + b"x" * 50_000 + b'"}'),
    ("application/x-www-form-urlencoded", b"text=hallo&" * 100),
    ("text/plain", b"hallo"),
]
WRITE_ROUTES = [
    ("POST", "/console/api/conversations/{cid}/reply"),
    ("POST", "/console/api/approvals/APR-1/decision"),
    ("POST", "/console/api/tickets/ESC-1/notes"),
    ("POST", "/console/api/tickets/ESC-1/status"),
    ("POST", "/console/api/users"),
    ("PATCH", "/console/api/users/agent"),
    ("POST", "/console/conversations/{cid}/reply"),
    ("POST", "/console/users"),
    ("POST", "/console/login"),
]


def test_bad_bodies_get_a_4xx_never_a_5xx(http: httpx.Client) -> None:
    headers = log_in(http, "admin")
    conversation_id = customer_conversation(http, "Hallo")
    for method, template in WRITE_ROUTES:
        path = template.format(cid=conversation_id)
        for content_type, body in BAD_BODIES:
            answer = http.request(method, path, content=body, headers={**headers, "Content-Type": content_type})
            assert 400 <= answer.status_code < 500, (path, body[:60], answer.status_code, answer.text[:300])
            if path.startswith("/console/api"):
                assert isinstance(answer.json()["error"], str)
