"""Console login and logout (forms), with a CSRF cookie on the login form itself."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from firstline.web.api.deps import ClientDep
from firstline.web.console.render import page, request_language
from firstline.web.console.security import (
    COOKIE_PATH,
    LOGIN_CSRF_COOKIE,
    AgentDep,
    ConsoleStateDep,
    FormDep,
    OptionalStaffDep,
    clear_session_cookie,
    safe_next,
    set_session_cookie,
)
from firstline.web.console.texts import TEXTS

router = APIRouter(prefix="/console", include_in_schema=False)


def _login_form(request: Request, next_url: str, *, error: str = "", status_code: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    context = {"login_csrf": token, "next": next_url, "error": error, "username": ""}
    response = page(request, "login.html", None, context, status_code=status_code)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        path=COOKIE_PATH,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        max_age=3600,
    )
    return response


@router.get("/login", response_class=HTMLResponse)
async def login_form(
    request: Request, staff: OptionalStaffDep, next: Annotated[str | None, Query(max_length=500)] = None
) -> Response:
    """The login form; a logged-in person goes straight on."""
    if staff is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_form(request, safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, form: FormDep, console: ConsoleStateDep, client: ClientDep) -> Response:
    """Check the credentials, start a session and go on to where the person wanted to go."""
    texts = TEXTS[request_language(request, None)]
    next_url = safe_next(form.get("next"))
    sent, expected = form.get("csrf_token", ""), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not sent or not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        return _login_form(request, next_url, error=texts["error.csrf"], status_code=403)
    if not await console.login_limiter.allowed(client):
        return _login_form(request, next_url, error=texts["too_many_logins"], status_code=429)
    user = await console.accounts.authenticate(form.get("username", ""), form.get("password", ""))
    if user is None:
        await console.login_limiter.failed(client)
        return _login_form(request, next_url, error=texts["bad_login"], status_code=401)
    started = await console.accounts.login(user)
    response = RedirectResponse(next_url, status_code=303)
    set_session_cookie(request, response, started.token, int(console.accounts.policy.absolute.total_seconds()))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=COOKIE_PATH)
    return response


@router.post("/logout")
async def logout(request: Request, staff: AgentDep, console: ConsoleStateDep) -> Response:
    """End the session and go back to the login form."""
    await console.accounts.logout(staff)
    response = RedirectResponse("/console/login?notice=logged_out", status_code=303)
    clear_session_cookie(request, response)
    return response
