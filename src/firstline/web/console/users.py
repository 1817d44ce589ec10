"""Console pages for admins: staff accounts and their roles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from firstline.domain.language import Language
from firstline.errors import InvalidInput, NotFound
from firstline.storage.staff import Role
from firstline.web.auth.accounts import StaffContext
from firstline.web.console.render import error_page, page, request_language
from firstline.web.console.security import AdminDep, ConsoleStateDep, FormDep
from firstline.web.console.texts import TEXTS

router = APIRouter(prefix="/console", include_in_schema=False)

ROLES = [role.value for role in Role]
LANGUAGES = [language.value for language in Language]


async def users_page(
    request: Request,
    staff: StaffContext,
    console: ConsoleStateDep,
    *,
    error: str = "",
    status_code: int = 200,
    draft: dict[str, str] | None = None,
) -> HTMLResponse:
    """Every account, a form to create one and, per account, role, language, active and password."""
    context: dict[str, Any] = {
        "users": await console.accounts.users(),
        "roles": ROLES,
        "languages": LANGUAGES,
        "error": error,
        "draft": draft or {},
    }
    return page(request, "users.html", staff, context, status_code=status_code)


@router.get("/users", response_class=HTMLResponse)
async def users(request: Request, staff: AdminDep, console: ConsoleStateDep) -> HTMLResponse:
    """The staff accounts."""
    return await users_page(request, staff, console)


def _problem(request: Request, staff: StaffContext, error: InvalidInput) -> str:
    return f"{TEXTS[request_language(request, staff)]['error.invalid']} ({error})"


@router.post("/users")
async def create_user(request: Request, staff: AdminDep, console: ConsoleStateDep, form: FormDep) -> Response:
    """Create an account."""
    role, language = form.get("role", ""), form.get("language", "")
    draft = {"username": form.get("username", ""), "display_name": form.get("display_name", ""), "role": role}
    try:
        if role not in ROLES:
            raise InvalidInput("choose a role: admin, supervisor or agent")
        await console.accounts.create_user(
            form.get("username", ""),
            form.get("password", ""),
            Role(role),
            display_name=form.get("display_name", ""),
            language=Language(language) if language in LANGUAGES else None,
        )
    except InvalidInput as error:
        return await users_page(
            request, staff, console, error=_problem(request, staff, error), status_code=422, draft=draft
        )
    return RedirectResponse("/console/users?notice=user_created", status_code=303)


@router.post("/users/{username}")
async def update_user(
    request: Request, username: str, staff: AdminDep, console: ConsoleStateDep, form: FormDep
) -> Response:
    """Change an account's role, language, active flag or password."""
    role, language, active = form.get("role", ""), form.get("language", ""), form.get("active", "")
    password = form.get("password", "")
    try:
        if role and role not in ROLES:
            raise InvalidInput("choose a role: admin, supervisor or agent")
        await console.accounts.update_user(
            username,
            role=Role(role) if role else None,
            active={"1": True, "0": False}.get(active),
            password=password or None,
            language=Language(language) if language in LANGUAGES else None,
        )
    except NotFound:
        return await error_page(request, "error.not_found", 404)
    except InvalidInput as error:
        return await users_page(request, staff, console, error=_problem(request, staff, error), status_code=422)
    return RedirectResponse("/console/users?notice=user_updated", status_code=303)
