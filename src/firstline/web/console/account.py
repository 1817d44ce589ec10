"""Every staff member's own account: change the password (an admin need not reset it)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from firstline.errors import InvalidInput
from firstline.web.auth.accounts import StaffContext
from firstline.web.console.render import page, request_language
from firstline.web.console.security import AgentDep, ConsoleStateDep, FormDep, clear_session_cookie
from firstline.web.console.texts import TEXTS

router = APIRouter(prefix="/console", include_in_schema=False)


async def account_page(
    request: Request, staff: StaffContext, *, error: str = "", status_code: int = 200
) -> HTMLResponse:
    """Who is signed in, and a form to change the password."""
    return page(request, "account.html", staff, {"error": error}, status_code=status_code)


@router.get("/account", response_class=HTMLResponse)
async def account(request: Request, staff: AgentDep) -> HTMLResponse:
    """The signed-in staff member's account."""
    return await account_page(request, staff)


@router.post("/account/password")
async def change_password(request: Request, staff: AgentDep, console: ConsoleStateDep, form: FormDep) -> Response:
    """Change one's own password; the current one is asked again, and every session ends (log in anew)."""
    texts = TEXTS[request_language(request, staff)]
    current, new, repeated = form.get("current", ""), form.get("password", ""), form.get("repeat", "")
    if await console.accounts.authenticate(staff.username, current) is None:
        return await account_page(request, staff, error=texts["error.wrong_password"], status_code=422)
    if new != repeated:
        return await account_page(request, staff, error=texts["error.passwords_differ"], status_code=422)
    try:
        await console.accounts.update_user(staff.username, password=new)
    except InvalidInput as error:
        return await account_page(request, staff, error=f"{texts['error.invalid']} ({error})", status_code=422)
    response = RedirectResponse("/console/login?notice=password_changed", status_code=303)
    clear_session_cookie(request, response)
    return response
