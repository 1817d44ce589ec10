"""Rendering console pages: the templates, the texts of the request's language, and error pages."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from firstline.domain.language import Language
from firstline.storage.staff import Role
from firstline.web.auth.accounts import StaffContext
from firstline.web.console.texts import TEXTS, console_language

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    # Only this server's own script; inline styles of the templates; no framing (clickjacking).
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


@pass_context
def _when(context: Context, moment: datetime | None, language: str = "de") -> str:
    """A time in the company's time zone (the staff work there), day first in German."""
    if moment is None:
        return ""
    try:
        local = moment.astimezone(ZoneInfo(str(context.get("timezone") or "UTC")))
    except (ZoneInfoNotFoundError, ValueError):
        local = moment
    return local.strftime("%d.%m.%Y %H:%M" if language == "de" else "%Y-%m-%d %H:%M")


@cache
def templates() -> Jinja2Templates:
    """The console's templates (loaded on first use, not at import)."""
    loaded = Jinja2Templates(directory=HERE / "templates")
    loaded.env.filters["tojson_text"] = _json
    loaded.env.filters["when"] = _when
    return loaded


def request_language(request: Request, staff: StaffContext | None) -> Language:
    """The console's language for this request: the staff member's setting, else Accept-Language."""
    return console_language(staff.user if staff else None, request.headers.get("accept-language"))


def page(
    request: Request,
    name: str,
    staff: StaffContext | None,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    language: Language | None = None,
) -> HTMLResponse:
    """Render a console template with the texts, the staff member and their CSRF token."""
    lang = language or request_language(request, staff)
    texts = TEXTS[lang]
    notice = request.query_params.get("notice", "")
    full: dict[str, Any] = {
        "lang": lang.value,
        "t": texts,
        "staff": staff,
        "csrf": staff.csrf_token if staff else "",
        "is_supervisor": bool(staff and staff.may(Role.SUPERVISOR)),
        "is_admin": bool(staff and staff.may(Role.ADMIN)),
        "notice": texts.get(f"notice.{notice}", "") if notice else "",
        "error": "",
        "fragment": request.query_params.get("fragment") == "1",
        "timezone": _company_timezone(request),
    }
    full.update(context or {})
    response = templates().TemplateResponse(request, name, full, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    return response


def _company_timezone(request: Request) -> str:
    services = request.app.state.web.services
    return str(getattr(services.company.config, "timezone", "") or "UTC")


async def error_page(request: Request, key: str, status_code: int) -> HTMLResponse:
    """A small page that says what went wrong, in the console's language."""
    staff: StaffContext | None = getattr(request.state, "staff", None)
    lang = request_language(request, staff)
    return page(request, "error.html", staff, {"message": TEXTS[lang][key]}, status_code=status_code)
