"""Who is asking, and may they: session cookie, roles and CSRF on every console and staff API route.

Pages answer a missing login with a redirect to the login form and a refusal with a 403
page; the staff API (``/console/api``) and the event stream answer ``{"error": …}`` with
401 or 403.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated
from urllib.parse import parse_qsl, quote

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from firstline.storage.staff import Role
from firstline.web.auth.accounts import SessionPolicy, StaffAccounts, StaffContext
from firstline.web.console.render import error_page
from firstline.web.errors import ApiError, error_response
from firstline.web.ports import WebServices

SESSION_COOKIE = "firstline_staff"
LOGIN_CSRF_COOKIE = "firstline_login_csrf"
COOKIE_PATH = "/console"
"""The staff cookies never travel with the customer's requests to the shop page or the API."""
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPE = "application/x-www-form-urlencoded"


class ConsoleState:
    """What the console routes share, kept on ``app.state.console``.

    The staff accounts are reached on first use: the app (and its OpenAPI schema) can be
    built before the services exist.
    """

    def __init__(
        self,
        services: WebServices,
        *,
        policy: SessionPolicy,
        clock: Callable[[], datetime],
        login_limiter: LoginLimiter,
    ) -> None:
        self._services = services
        self._policy = policy
        self._clock = clock
        self._accounts: StaffAccounts | None = None
        self.login_limiter = login_limiter

    @property
    def accounts(self) -> StaffAccounts:
        """Staff accounts and logins."""
        if self._accounts is None:
            self._accounts = StaffAccounts(self._services.staff, policy=self._policy, clock=self._clock)
        return self._accounts


class LoginLimiter:
    """Failed logins per client address: a moving window in process memory."""

    def __init__(self, limit: str = "10/minute") -> None:
        self._item = parse(limit)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def allowed(self, client: str) -> bool:
        """Whether this client may try again now."""
        return await self._limiter.test(self._item, "login", client)

    async def failed(self, client: str) -> None:
        """Count one failed login."""
        await self._limiter.hit(self._item, "login", client)


class LoginRequired(Exception):
    """No valid session: not logged in, or the session expired."""


class Forbidden(Exception):
    """Logged in, but the role does not allow this."""


class CsrfRejected(Exception):
    """A state-changing request without the session's CSRF token."""


def console_state(request: Request) -> ConsoleState:
    """The console's shared state."""
    state: ConsoleState = request.app.state.console
    return state


ConsoleStateDep = Annotated[ConsoleState, Depends(console_state)]


def is_api(request: Request) -> bool:
    """Whether the request goes to the JSON side (staff API, event stream) rather than a page."""
    path = request.url.path
    return path.startswith("/console/api") or path == "/console/events"


async def form_data(request: Request) -> dict[str, str]:
    """The fields of a URL-encoded form body (read once per request; the last value of a field wins)."""
    cached: dict[str, str] | None = getattr(request.state, "form", None)
    if cached is not None:
        return cached
    fields: dict[str, str] = {}
    if request.headers.get("content-type", "").split(";")[0].strip().lower() == FORM_TYPE:
        body = (await request.body()).decode("utf-8", errors="replace")
        try:
            fields = dict(parse_qsl(body, keep_blank_values=True, max_num_fields=50))
        except ValueError as error:  # more fields than any console form has
            raise ApiError(400, "the form has too many fields") from error
    request.state.form = fields
    return fields


FormDep = Annotated[dict[str, str], Depends(form_data)]


async def optional_staff(request: Request, console: ConsoleStateDep) -> StaffContext | None:
    """The logged-in staff member, or None."""
    if hasattr(request.state, "staff"):
        known: StaffContext | None = request.state.staff
        return known
    token = request.cookies.get(SESSION_COOKIE, "")
    staff = await console.accounts.resolve(token) if token else None
    request.state.staff = staff
    return staff


OptionalStaffDep = Annotated[StaffContext | None, Depends(optional_staff)]


async def _check_csrf(request: Request, staff: StaffContext) -> None:
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER) or (await form_data(request)).get("csrf_token", "")
    if not sent or not secrets.compare_digest(sent.encode(), staff.csrf_token.encode()):
        raise CsrfRejected()


def staff_with(role: Role) -> Callable[..., Awaitable[StaffContext]]:
    """A dependency: the logged-in staff member, whose role includes ``role``, with a valid CSRF token."""

    async def dependency(request: Request, staff: OptionalStaffDep) -> StaffContext:
        if staff is None:
            raise LoginRequired()
        if not staff.may(role):
            raise Forbidden()
        await _check_csrf(request, staff)
        return staff

    return dependency


AgentDep = Annotated[StaffContext, Depends(staff_with(Role.AGENT))]
SupervisorDep = Annotated[StaffContext, Depends(staff_with(Role.SUPERVISOR))]
AdminDep = Annotated[StaffContext, Depends(staff_with(Role.ADMIN))]


def set_session_cookie(request: Request, response: Response, token: str, max_age: int) -> None:
    """The login cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over https."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    """Remove the login cookie from the browser."""
    response.delete_cookie(
        SESSION_COOKIE, path=COOKIE_PATH, httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )


async def _login_required(request: Request, _exc: Exception) -> Response:
    if is_api(request):
        return error_response(401, "log in first (POST /console/api/login)")
    # After the login, come back to the page; a form sent with an expired session starts at the inbox.
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method not in SAFE_METHODS:
        target = "/console/inbox"
    response = RedirectResponse(f"/console/login?next={quote(target, safe='')}", status_code=303)
    if SESSION_COOKIE in request.cookies:
        clear_session_cookie(request, response)
    return response


async def _refused(request: Request, exc: Exception) -> Response:
    csrf = isinstance(exc, CsrfRejected)
    if is_api(request):
        message = (
            f"missing or wrong CSRF token (send the {CSRF_HEADER} header)" if csrf else "your role does not allow this"
        )
        return error_response(403, message)
    return await error_page(request, "error.csrf" if csrf else "error.forbidden", 403)


def install_security_handlers(app: FastAPI) -> None:
    """Answer missing logins, refused roles and missing CSRF tokens (pages: HTML, API: JSON)."""
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(Forbidden, _refused)
    app.add_exception_handler(CsrfRejected, _refused)


def safe_next(target: str | None) -> str:
    """Where to go after login: only a console path of this site, never another host."""
    if target and target.startswith("/console") and not target.startswith("//") and "\\" not in target:
        return target
    return "/console/inbox"
