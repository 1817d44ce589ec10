"""Helpers of the console tests: staff accounts in the shared test database, and logging in over HTTP."""

from __future__ import annotations

import re

import httpx2 as httpx
from web_live import LoopThread

from firstline.app import Services
from firstline.storage.staff import Role
from firstline.web.auth.accounts import StaffAccounts

PASSWORD = "ein sehr geheimes Passwort"
STAFF = {"admin": Role.ADMIN, "supervisor": Role.SUPERVISOR, "agent": Role.AGENT}
"""Usernames (one per role) created once in the session's database."""

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def ensure_staff(loop: LoopThread, services: Services) -> None:
    """Create the test accounts unless they exist (the database lives for the whole test session)."""

    async def create() -> None:
        accounts = StaffAccounts(services.staff)
        for username, role in STAFF.items():
            if await services.staff.user(username) is None:
                await accounts.create_user(username, PASSWORD, role, display_name=username.title())

    loop.run(create())


def csrf_token(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = _CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def log_in(client: httpx.Client, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the session's CSRF token (from the inbox page)."""
    form = client.get("/console/login")
    assert form.status_code == 200
    answer = client.post(
        "/console/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(form.text), "next": ""},
    )
    assert answer.status_code == 303, answer.text
    page = client.get("/console/tickets")
    assert page.status_code == 200, page.text
    return csrf_token(page.text)
