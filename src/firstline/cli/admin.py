"""``firstline admin``: staff accounts for the supervisor console."""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated

import typer

from firstline.domain.language import Language
from firstline.errors import InvalidInput
from firstline.settings import Settings
from firstline.storage.staff import Role, SqlStaffStore, StaffUser

admin_app = typer.Typer(help="Staff accounts for the supervisor console.", no_args_is_help=True)


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        typer.echo("error: no terminal to ask for the password; use --password-stdin", err=True)
        raise typer.Exit(2)
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


async def _create(settings: Settings, username: str, password: str, role: Role, language: Language | None) -> StaffUser:
    # Imported here: the web app and the migrations are not needed to start other commands.
    from firstline.storage.database import open_database
    from firstline.web.auth.accounts import StaffAccounts

    engine = await open_database(settings.database_url())
    try:
        accounts = StaffAccounts(SqlStaffStore(engine))
        return await accounts.create_user(username, password, role, language=language)
    finally:
        await engine.dispose()


async def _users(settings: Settings) -> list[StaffUser]:
    from firstline.storage.database import open_database

    engine = await open_database(settings.database_url())
    try:
        return await SqlStaffStore(engine).users()
    finally:
        await engine.dispose()


@admin_app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="Login name (letters, digits, . _ @ -).")],
    role: Annotated[Role, typer.Option("--role", help="admin, supervisor or agent.")] = Role.ADMIN,
    language: Annotated[
        Language | None, typer.Option("--language", help="Console language: de or en (default: the browser's).")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
    ] = False,
) -> None:
    """Create a staff account (the first admin, for instance); asks for the password in a terminal."""
    password = _read_password(password_stdin)
    try:
        user = asyncio.run(_create(Settings(), username, password, role, language))
    except InvalidInput as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"Created {user.role.value} '{user.username}'. Log in at /console.")


@admin_app.command("list")
def list_users() -> None:
    """List the staff accounts: username, role, active."""
    for user in asyncio.run(_users(Settings())):
        typer.echo(f"{user.username}\t{user.role.value}\t{'active' if user.active else 'inactive'}")
