"""The supervisor console's pages over HTTP against a real server: login, roles, CSRF, the desk's operations."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from console_support import PASSWORD, csrf_token, ensure_staff, log_in
from web_live import LiveServer, LoopThread, ServeApp

from firstline.app import Services


@pytest.fixture(scope="module")
def console(serve_app: ServeApp, loop_thread: LoopThread, services: Services) -> LiveServer:
    ensure_staff(loop_thread, services)
    return serve_app(login_limit="1000/minute")


@pytest.fixture
def anonymous(console: LiveServer) -> Iterator[httpx.Client]:
    with console.client(headers={"Accept-Language": "de-DE,de;q=0.9"}) as http:
        yield http


def new_conversation(client: httpx.Client, text: str, language: str = "de") -> str:
    created = client.post("/api/v1/conversations", json={"channel": "web", "language": language})
    conversation_id = str(created.json()["id"])
    answer = client.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": text})
    assert answer.status_code == 200, answer.text
    return conversation_id


def test_pages_redirect_to_the_login_form_when_logged_out(anonymous: httpx.Client) -> None:
    paths = ("/console/inbox", "/console/approvals", "/console/tickets", "/console/users", "/console/knowledge")
    for path in (*paths, "/console/audit", "/console/conversations/x", "/console/tickets/ESC-1"):
        answer = anonymous.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/console/login?next=%2Fconsole%2F")
    assert anonymous.get("/console").headers["location"] == "/console/inbox"


def test_login_form_is_german_for_a_german_browser_and_english_otherwise(console: LiveServer) -> None:
    with console.client(headers={"Accept-Language": "de-DE"}) as german:
        page = german.get("/console/login")
        assert 'lang="de"' in page.text and "Anmelden" in page.text and "Benutzername" in page.text
    with console.client(headers={"Accept-Language": "en-GB"}) as english:
        page = english.get("/console/login")
        assert 'lang="en"' in page.text and "Log in" in page.text and "Username" in page.text


def test_login_sets_a_secure_session_cookie_and_logout_ends_it(anonymous: httpx.Client) -> None:
    form = anonymous.get("/console/login")
    answer = anonymous.post(
        "/console/login",
        data={
            "username": "agent",
            "password": PASSWORD,
            "csrf_token": csrf_token(form.text),
            "next": "/console/tickets",
        },
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/console/tickets"
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith("firstline_staff="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1; https adds it
    page = anonymous.get("/console/inbox")
    assert page.status_code == 200 and "Posteingang" in page.text
    token = csrf_token(page.text)
    assert anonymous.post("/console/logout", data={"csrf_token": token}).status_code == 303
    assert anonymous.get("/console/inbox").status_code == 303


def test_wrong_password_rerenders_the_form_with_a_message(anonymous: httpx.Client) -> None:
    form = anonymous.get("/console/login")
    answer = anonymous.post(
        "/console/login", data={"username": "agent", "password": "falsch", "csrf_token": csrf_token(form.text)}
    )
    assert answer.status_code == 401
    assert "Benutzername oder Passwort ist falsch." in answer.text


def test_login_without_its_csrf_token_is_refused(anonymous: httpx.Client) -> None:
    anonymous.get("/console/login")
    answer = anonymous.post("/console/login", data={"username": "agent", "password": PASSWORD, "csrf_token": "x"})
    assert answer.status_code == 403 and "Formular ist abgelaufen" in answer.text


def test_login_never_redirects_to_another_site(anonymous: httpx.Client) -> None:
    form = anonymous.get("/console/login")
    answer = anonymous.post(
        "/console/login",
        data={
            "username": "agent",
            "password": PASSWORD,
            "csrf_token": csrf_token(form.text),
            "next": "//evil.example/console",
        },
    )
    assert answer.headers["location"] == "/console/inbox"


def test_state_changes_without_the_csrf_token_are_refused(anonymous: httpx.Client) -> None:
    log_in(anonymous, "supervisor")
    conversation_id = new_conversation(anonymous, "Hallo")
    answer = anonymous.post(f"/console/conversations/{conversation_id}/take-over", data={})
    assert answer.status_code == 403 and "Formular ist abgelaufen" in answer.text
    answer = anonymous.post(f"/console/conversations/{conversation_id}/take-over", data={"csrf_token": "wrong"})
    assert answer.status_code == 403
    status = anonymous.get(f"/api/v1/conversations/{conversation_id}").json()["status"]
    assert status == "bot"


def test_roles_are_checked_on_every_page(anonymous: httpx.Client) -> None:
    log_in(anonymous, "agent")
    assert anonymous.get("/console/inbox").status_code == 200
    assert anonymous.get("/console/tickets").status_code == 200
    assert anonymous.get("/console/knowledge?q=Versand").status_code == 200
    forbidden = anonymous.get("/console/approvals")
    assert forbidden.status_code == 403 and "Berechtigung" in forbidden.text
    assert anonymous.get("/console/users").status_code == 403
    assert anonymous.get("/console/audit").status_code == 403
    token = csrf_token(anonymous.get("/console/inbox").text)
    created = anonymous.post("/console/users", data={"csrf_token": token, "username": "x", "role": "admin"})
    assert created.status_code == 403


def test_handoff_round_trip_through_the_console(anonymous: httpx.Client) -> None:
    token = log_in(anonymous, "supervisor")
    conversation_id = new_conversation(anonymous, "Ich möchte mit einem Menschen sprechen")
    assert anonymous.get(f"/api/v1/conversations/{conversation_id}").json()["status"] == "waiting_for_human"

    inbox = anonymous.get("/console/inbox?status=waiting_for_human")
    assert conversation_id in inbox.text and "Wartet auf einen Menschen" in inbox.text
    assert conversation_id not in anonymous.get("/console/inbox?status=closed").text
    assert conversation_id not in anonymous.get("/console/inbox?channel=email").text
    assert conversation_id in anonymous.get("/console/inbox?channel=web&language=de&status=nonsense").text
    assert conversation_id not in anonymous.get("/console/inbox?language=en").text

    page = anonymous.get(f"/console/conversations/{conversation_id}")
    assert "Ich möchte mit einem Menschen sprechen" in page.text and "Gespräch übernehmen" in page.text

    base = f"/console/conversations/{conversation_id}"
    early = anonymous.post(f"{base}/reply", data={"csrf_token": token, "text": "Zu früh"})
    assert early.status_code == 409 and "nicht möglich" in early.text

    taken = anonymous.post(f"{base}/take-over", data={"csrf_token": token})
    assert taken.status_code == 303 and taken.headers["location"].endswith("notice=taken_over")
    empty = anonymous.post(f"{base}/reply", data={"csrf_token": token, "text": "   "})
    assert empty.status_code == 422 and "Bitte geben Sie einen Text ein." in empty.text
    replied = anonymous.post(f"{base}/reply", data={"csrf_token": token, "text": "Hallo, hier ist Jana."})
    assert replied.status_code == 303
    transcript = anonymous.get(f"/api/v1/conversations/{conversation_id}").json()
    assert transcript["status"] == "with_human"
    assert {"author": "human", "text": "Hallo, hier ist Jana."}.items() <= transcript["messages"][-1].items()

    back = anonymous.post(f"{base}/hand-back", data={"csrf_token": token})
    assert back.status_code == 303
    assert anonymous.get(f"/api/v1/conversations/{conversation_id}").json()["status"] == "bot"
    answer = anonymous.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"text": "Was kostet der Versand nach Österreich?"}
    )
    assert answer.json()["status"] == "bot" and "9,90" in answer.json()["replies"][0]["text"]

    assert anonymous.get("/console/audit").status_code == 200
    page = anonymous.get(base)
    assert "Hallo, hier ist Jana." in page.text and "Kundenservice" in page.text
    closed = anonymous.post(f"{base}/close", data={"csrf_token": token})
    assert closed.status_code == 303
    assert anonymous.get(f"/api/v1/conversations/{conversation_id}").json()["status"] == "closed"
    again = anonymous.post(f"{base}/take-over", data={"csrf_token": token})
    assert again.status_code == 409


def test_conversation_page_shows_what_the_agent_understood_and_did(anonymous: httpx.Client) -> None:
    log_in(anonymous, "agent")
    conversation_id = new_conversation(anonymous, "Was kostet der Versand nach Österreich?")
    page = anonymous.get(f"/console/conversations/{conversation_id}")
    assert "Was der Assistent verstanden und getan hat" in page.text
    assert "Quellen" in page.text and "shipping-costs.md" in page.text
    fragment = anonymous.get(f"/console/conversations/{conversation_id}?fragment=1")
    assert fragment.status_code == 200 and "<html" not in fragment.text and "9,90" in fragment.text


def test_unknown_conversation_and_ticket_are_404_pages(anonymous: httpx.Client) -> None:
    token = log_in(anonymous, "supervisor")
    assert anonymous.get("/console/conversations/nope").status_code == 404
    assert anonymous.get("/console/tickets/ESC-0").status_code == 404
    assert anonymous.post("/console/conversations/nope/take-over", data={"csrf_token": token}).status_code == 404
    assert (
        anonymous.post("/console/approvals/APR-0/decide", data={"csrf_token": token, "decision": "approve"}).status_code
        == 404
    )


def test_hostile_text_is_escaped_in_the_console(anonymous: httpx.Client) -> None:
    log_in(anonymous, "agent")
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    conversation_id = new_conversation(anonymous, hostile)
    page = anonymous.get(f"/console/conversations/{conversation_id}").text
    assert hostile not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in anonymous.get("/console/inbox").text


def test_tickets_notes_and_status(anonymous: httpx.Client) -> None:
    token = log_in(anonymous, "supervisor")
    new_conversation(anonymous, "Ich möchte mit einem Menschen sprechen")
    listing = anonymous.get("/console/tickets?kind=escalation")
    references = re.findall(r'href="/console/tickets/([A-Z]+-\d+)"', listing.text)
    assert references, "an escalation ticket was opened for the handoff"
    reference = references[0]
    assert 'data-live-url="/console/tickets?kind=escalation&amp;fragment=1"' in listing.text
    fragment = anonymous.get("/console/tickets?kind=escalation&fragment=1")
    assert "<html" not in fragment.text and reference in fragment.text  # what the live list fetches
    page = anonymous.get(f"/console/tickets/{reference}")
    assert page.status_code == 200 and reference in page.text
    note = anonymous.post(
        f"/console/tickets/{reference}/notes", data={"csrf_token": token, "text": "Rückruf <b>morgen</b>"}
    )
    assert note.status_code == 303
    page = anonymous.get(f"/console/tickets/{reference}")
    assert "Rückruf &lt;b&gt;morgen&lt;/b&gt;" in page.text and "staff:supervisor" in page.text
    empty = anonymous.post(f"/console/tickets/{reference}/notes", data={"csrf_token": token, "text": ""})
    assert empty.status_code == 422
    status = anonymous.post(f"/console/tickets/{reference}/status", data={"csrf_token": token, "status": "resolved"})
    assert status.status_code == 303
    assert "Gelöst" in anonymous.get(f"/console/tickets/{reference}").text
    bad = anonymous.post(f"/console/tickets/{reference}/status", data={"csrf_token": token, "status": "approved"})
    assert bad.status_code == 409
    unknown = anonymous.post(f"/console/tickets/{reference}/status", data={"csrf_token": token, "status": "zzz"})
    assert unknown.status_code == 422


def test_knowledge_search(anonymous: httpx.Client) -> None:
    log_in(anonymous, "agent")
    page = anonymous.get("/console/knowledge", params={"q": "Versand nach Österreich", "language": "de"})
    assert page.status_code == 200 and "shipping-costs.md" in page.text
    english = anonymous.get("/console/knowledge", params={"q": "shipping to Austria", "language": "en"})
    assert "en/shipping-costs.md" in english.text


def test_admin_manages_users(anonymous: httpx.Client, console: LiveServer) -> None:
    token = log_in(anonymous, "admin")
    page = anonymous.get("/console/users")
    assert page.status_code == 200 and "Benutzer anlegen" in page.text
    created = anonymous.post(
        "/console/users",
        data={"csrf_token": token, "username": "lena", "password": PASSWORD, "role": "agent", "language": "en"},
    )
    assert created.status_code == 303
    short = anonymous.post(
        "/console/users", data={"csrf_token": token, "username": "lena2", "password": "kurz", "role": "agent"}
    )
    assert short.status_code == 422 and "10" in short.text and 'value="lena2"' in short.text
    taken = anonymous.post(
        "/console/users", data={"csrf_token": token, "username": "lena", "password": PASSWORD, "role": "agent"}
    )
    assert taken.status_code == 422 and "taken" in taken.text
    with console.client() as lena:
        log_in(lena, "lena")
        assert 'lang="en"' in lena.get("/console/inbox").text  # her own language setting
        promoted = anonymous.post(
            "/console/users/lena", data={"csrf_token": token, "role": "supervisor", "active": "0", "language": "en"}
        )
        assert promoted.status_code == 303
        assert lena.get("/console/inbox").status_code == 303  # deactivated: her session ended
    demote_self = anonymous.post("/console/users/admin", data={"csrf_token": token, "role": "agent", "active": "1"})
    assert demote_self.status_code in (303, 422)


def test_the_session_cookie_is_secure_behind_an_https_proxy(console: LiveServer) -> None:
    # uvicorn trusts X-Forwarded-Proto from 127.0.0.1, as from a reverse proxy on the same machine.
    with console.client(headers={"X-Forwarded-Proto": "https"}) as client:
        form = client.get("/console/login")
        login_cookie = next(h for h in form.headers.get_list("set-cookie") if h.startswith("firstline_login_csrf="))
        assert "Secure" in login_cookie
        # The client keeps Secure cookies for https only; send the login form's cookie by hand.
        answer = client.post(
            "/console/login",
            data={"username": "agent", "password": PASSWORD, "csrf_token": csrf_token(form.text)},
            headers={"Cookie": login_cookie.split(";")[0]},
        )
    assert answer.status_code == 303, answer.text
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith("firstline_staff="))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_console_pages_forbid_framing_and_foreign_scripts(anonymous: httpx.Client) -> None:
    log_in(anonymous, "agent")
    page = anonymous.get("/console/inbox")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    script = anonymous.get("/console/static/console.js")
    assert script.status_code == 200 and "EventSource" in script.text


def test_english_console_for_an_english_browser(console: LiveServer) -> None:
    with console.client(headers={"Accept-Language": "en-US,en;q=0.9"}) as client:
        log_in(client, "agent")
        page = client.get("/console/inbox")
        assert 'lang="en"' in page.text and "Inbox" in page.text and "Log out" in page.text


def test_staff_change_their_own_password(console: LiveServer, loop_thread: LoopThread, services: Services) -> None:
    from firstline.storage.staff import Role
    from firstline.web.auth.accounts import StaffAccounts

    loop_thread.run(StaffAccounts(services.staff).create_user("wechsel", PASSWORD, Role.AGENT))
    with console.client(headers={"Accept-Language": "de-DE"}) as http:
        token = log_in(http, "wechsel")
        assert "Passwort ändern" in http.get("/console/account").text
        wrong = http.post(
            "/console/account/password",
            data={"csrf_token": token, "current": "falsch", "password": "neu-und-lang-1", "repeat": "neu-und-lang-1"},
        )
        assert wrong.status_code == 422 and "stimmt nicht" in wrong.text
        differ = http.post(
            "/console/account/password",
            data={"csrf_token": token, "current": PASSWORD, "password": "neu-und-lang-1", "repeat": "neu-und-lang-2"},
        )
        assert differ.status_code == 422 and "verschieden" in differ.text
        short = http.post(
            "/console/account/password",
            data={"csrf_token": token, "current": PASSWORD, "password": "kurz", "repeat": "kurz"},
        )
        assert short.status_code == 422
        no_csrf = http.post(
            "/console/account/password",
            data={"current": PASSWORD, "password": "neu-und-lang-1", "repeat": "neu-und-lang-1"},
        )
        assert no_csrf.status_code == 403
        changed = http.post(
            "/console/account/password",
            data={"csrf_token": token, "current": PASSWORD, "password": "neu-und-lang-1", "repeat": "neu-und-lang-1"},
        )
        assert changed.status_code == 303 and "password_changed" in changed.headers["location"]
        # Every session ended: the old cookie no longer works, the new password does.
        assert http.get("/console/account").status_code in (303, 401)
    with console.client() as fresh:
        log_in(fresh, "wechsel", "neu-und-lang-1")


def test_a_company_ticket_kind_shows_its_own_title(
    anonymous: httpx.Client, loop_thread: LoopThread, services: Services
) -> None:
    from firstline.domain.language import Language
    from firstline.domain.tickets import NewTicket, TicketKind
    from firstline.storage.tickets import SqlTicketStore

    store = SqlTicketStore(services.engine, clock=services.clock)
    case = NewTicket(
        kind=TicketKind.CASE,
        prefix="STO",
        subject="Outage report: energy: strom, postal_code: 36251",
        language=Language.DE,
        details={"case": "outage", "title": {"de": "Störungsmeldung", "en": "Outage report"}, "fields": {}},
    )
    ticket = loop_thread.run(store.open(case))
    log_in(anonymous, "supervisor")
    listing = anonymous.get("/console/tickets?kind=case").text
    assert ticket.reference in listing and "Störungsmeldung" in listing
    assert "Störungsmeldung" in anonymous.get(f"/console/tickets/{ticket.reference}").text
