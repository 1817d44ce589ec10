"""Add the console and the staff API to the web app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from firstline.errors import InvalidTransition
from firstline.web.auth.accounts import SessionPolicy, utc_now
from firstline.web.console import account, api, assets, conversations, login, stream, users, work
from firstline.web.console.security import ConsoleState, LoginLimiter, install_security_handlers
from firstline.web.errors import error_response
from firstline.web.ports import WebServices


async def _conflict(_request: Request, exc: Exception) -> JSONResponse:
    return error_response(409, str(exc) or "not possible in the conversation's or ticket's current state")


def install_console(
    app: FastAPI,
    services: WebServices,
    *,
    session_policy: SessionPolicy | None = None,
    clock: Callable[[], datetime] = utc_now,
    login_limit: str = "10/minute",
) -> None:
    """Console pages under ``/console``, the staff API under ``/console/api``, the live stream ``/console/events``."""
    app.state.console = ConsoleState(
        services, policy=session_policy or SessionPolicy(), clock=clock, login_limiter=LoginLimiter(login_limit)
    )
    install_security_handlers(app)
    app.add_exception_handler(InvalidTransition, _conflict)
    for module in (login, conversations, work, users, account, stream, assets, api):
        app.include_router(module.router)
