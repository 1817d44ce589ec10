"""Staff authentication: password hashing, accounts, sessions and their expiry, roles, console language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from firstline.domain.language import Language
from firstline.errors import InvalidInput
from firstline.storage.database import open_database
from firstline.storage.staff import Role, SqlStaffStore, StaffUser, UsernameTaken
from firstline.testing.clock import FakeClock
from firstline.web.auth.accounts import SessionPolicy, StaffAccounts, token_hash
from firstline.web.auth.passwords import hash_password, needs_rehash, password_problem, verify_password
from firstline.web.console.texts import console_language, from_accept_language

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
PASSWORD = "korrekt Pferd Batterie"


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'auth.db'}")
    yield engine
    await engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def accounts(engine: AsyncEngine, clock: FakeClock) -> StaffAccounts:
    policy = SessionPolicy(idle=timedelta(hours=1), absolute=timedelta(hours=3))
    return StaffAccounts(SqlStaffStore(engine), policy=policy, clock=clock)


def test_passwords_are_hashed_with_argon2id_and_salted() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and first != second and PASSWORD not in first
    assert verify_password(first, PASSWORD)
    assert not verify_password(first, PASSWORD + "!")
    assert not verify_password("not a hash", PASSWORD)
    assert not needs_rehash(first)
    assert needs_rehash("not a hash")


@pytest.mark.parametrize(
    ("password", "ok"), [("kurz", False), (" " * 12, False), ("x" * 1025, False), ("zehn Zeich", True)]
)
def test_password_rules(password: str, ok: bool) -> None:
    assert (password_problem(password) is None) is ok


@pytest.mark.anyio
async def test_create_user_normalises_and_validates(accounts: StaffAccounts) -> None:
    user = await accounts.create_user("  Jana.M@Voltaro ", PASSWORD, Role.SUPERVISOR, display_name="Jana Müller")
    assert (user.username, user.display_name, user.role) == ("jana.m@voltaro", "Jana Müller", Role.SUPERVISOR)
    with pytest.raises(UsernameTaken):
        await accounts.create_user("JANA.M@voltaro", PASSWORD, Role.AGENT)
    with pytest.raises(InvalidInput, match="username"):
        await accounts.create_user("bad name!", PASSWORD, Role.AGENT)
    with pytest.raises(InvalidInput, match="at least 10"):
        await accounts.create_user("max", "short", Role.AGENT)


@pytest.mark.anyio
async def test_authenticate(accounts: StaffAccounts) -> None:
    await accounts.create_user("jana", PASSWORD, Role.AGENT)
    user = await accounts.authenticate("JANA", PASSWORD)
    assert user is not None and user.username == "jana"
    assert await accounts.authenticate("jana", "wrong password") is None
    assert await accounts.authenticate("nobody", PASSWORD) is None
    assert await accounts.authenticate("jana", "x" * 5000) is None


@pytest.mark.anyio
async def test_sessions_store_only_the_token_hash(accounts: StaffAccounts, engine: AsyncEngine) -> None:
    user = await _user(accounts)
    login = await accounts.login(user)
    store = SqlStaffStore(engine)
    assert await store.session(login.token) is None  # the raw token is not what is stored
    stored = await store.session(token_hash(login.token))
    assert stored is not None and stored.csrf_token == login.csrf_token
    context = await accounts.resolve(login.token)
    assert context is not None and context.username == "jana" and context.csrf_token == login.csrf_token
    assert await accounts.resolve("forged-token") is None
    assert await accounts.resolve("") is None
    await accounts.logout(context)
    assert await accounts.resolve(login.token) is None


@pytest.mark.anyio
async def test_sessions_expire_when_idle_and_slide_while_used(accounts: StaffAccounts, clock: FakeClock) -> None:
    login = await accounts.login(await _user(accounts))
    clock.advance(minutes=50)
    assert await accounts.resolve(login.token) is not None  # used: the expiry moves on
    clock.advance(minutes=50)
    assert await accounts.resolve(login.token) is not None
    clock.advance(minutes=61)
    assert await accounts.resolve(login.token) is None  # idle too long
    assert await accounts.resolve(login.token) is None


@pytest.mark.anyio
async def test_sessions_end_after_the_absolute_limit(accounts: StaffAccounts, clock: FakeClock) -> None:
    login = await accounts.login(await _user(accounts))
    for _ in range(5):
        clock.advance(minutes=30)
        assert await accounts.resolve(login.token) is not None
    clock.advance(minutes=30)
    assert await accounts.resolve(login.token) is None  # three hours after login, however busy


@pytest.mark.anyio
async def test_new_password_or_deactivation_ends_sessions(accounts: StaffAccounts) -> None:
    user = await _user(accounts)
    first = await accounts.login(user)
    await accounts.update_user("jana", password="ein neues Passwort")
    assert await accounts.resolve(first.token) is None
    assert await accounts.authenticate("jana", PASSWORD) is None
    assert await accounts.authenticate("jana", "ein neues Passwort") is not None
    second = await accounts.login(user)
    await accounts.update_user("jana", active=False)
    assert await accounts.resolve(second.token) is None
    assert await accounts.authenticate("jana", "ein neues Passwort") is None


@pytest.mark.anyio
async def test_the_last_admin_cannot_be_demoted(accounts: StaffAccounts) -> None:
    await accounts.create_user("root", PASSWORD, Role.ADMIN)
    with pytest.raises(InvalidInput, match="last active admin"):
        await accounts.update_user("root", role=Role.SUPERVISOR)
    with pytest.raises(InvalidInput, match="last active admin"):
        await accounts.update_user("root", active=False)
    await accounts.create_user("second", PASSWORD, Role.ADMIN)
    assert (await accounts.update_user("root", role=Role.SUPERVISOR)).role is Role.SUPERVISOR


def test_roles_include_the_roles_below() -> None:
    assert Role.ADMIN.includes(Role.SUPERVISOR) and Role.ADMIN.includes(Role.AGENT)
    assert Role.SUPERVISOR.includes(Role.AGENT) and not Role.SUPERVISOR.includes(Role.ADMIN)
    assert not Role.AGENT.includes(Role.SUPERVISOR)


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", Language.DE),
        ("fr-FR,fr;q=0.9,en;q=0.5,de;q=0.7", Language.DE),
        ("en-GB", Language.EN),
        ("fr", Language.EN),
        ("", Language.EN),
        ("de;q=abc,en", Language.EN),
    ],
)
def test_console_language_from_accept_language(header: str, language: Language) -> None:
    assert from_accept_language(header) is language


def test_the_staff_members_own_language_wins() -> None:
    user = StaffUser(
        id=1, username="j", display_name="J", role=Role.AGENT, language=Language.EN, active=True, created_at=NOW
    )
    assert console_language(user, "de-DE") is Language.EN


async def _user(accounts: StaffAccounts) -> StaffUser:
    return await accounts.create_user("jana", PASSWORD, Role.AGENT)
