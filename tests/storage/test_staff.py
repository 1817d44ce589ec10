"""Staff accounts and console sessions in SQL, on SQLite and (when configured) on a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from firstline.domain.language import Language
from firstline.errors import NotFound
from firstline.storage.database import downgrade_database, open_database
from firstline.storage.staff import Role, SqlStaffStore, UsernameTaken

POSTGRES_URL = os.environ.get("FIRSTLINE_TEST_DATABASE_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="set FIRSTLINE_TEST_DATABASE_URL to test on PostgreSQL"),
    ),
]
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}" if request.param == "sqlite" else POSTGRES_URL
    assert url is not None
    engine = await open_database(url)
    yield engine
    await downgrade_database(engine)
    await engine.dispose()


@pytest.mark.anyio
async def test_user_round_trip_and_unique_usernames(engine: AsyncEngine) -> None:
    store = SqlStaffStore(engine)
    user = await store.add_user("jana", password_hash="h1", role=Role.SUPERVISOR, now=NOW, language=Language.DE)
    assert (user.username, user.display_name, user.role, user.language, user.active) == (
        "jana",
        "jana",
        Role.SUPERVISOR,
        Language.DE,
        True,
    )
    assert await store.credentials("jana") == (user, "h1")
    assert await store.user("nobody") is None
    with pytest.raises(UsernameTaken):
        await store.add_user("jana", password_hash="h2", role=Role.AGENT, now=NOW)
    # Another company's staff may use the same name.
    other = await SqlStaffStore(engine, company="other").add_user("jana", password_hash="h", role=Role.AGENT, now=NOW)
    assert other.id != user.id
    assert [u.username for u in await store.users()] == ["jana"]


@pytest.mark.anyio
async def test_update_user_and_count_admins(engine: AsyncEngine) -> None:
    store = SqlStaffStore(engine)
    await store.add_user("root", password_hash="h", role=Role.ADMIN, now=NOW)
    await store.add_user("max", password_hash="h", role=Role.AGENT, now=NOW)
    assert await store.count_active_admins() == 1
    changed = await store.update_user("max", now=NOW, role=Role.ADMIN, language=Language.EN, password_hash="new")
    assert (changed.role, changed.language) == (Role.ADMIN, Language.EN)
    assert await store.count_active_admins() == 2
    await store.update_user("max", now=NOW, active=False)
    assert await store.count_active_admins() == 1
    assert await store.credentials("max") is not None
    with pytest.raises(NotFound):
        await store.update_user("ghost", now=NOW, active=False)


@pytest.mark.anyio
async def test_sessions_are_found_by_token_hash_extended_and_deleted(engine: AsyncEngine) -> None:
    store = SqlStaffStore(engine)
    user = await store.add_user("jana", password_hash="h", role=Role.AGENT, now=NOW)
    later = NOW + timedelta(hours=8)
    await store.add_session(user.id, token_hash="a" * 64, csrf_token="c1", created_at=NOW, expires_at=later)
    await store.add_session(user.id, token_hash="b" * 64, csrf_token="c2", created_at=NOW, expires_at=NOW)
    session = await store.session("a" * 64)
    assert session is not None
    assert (session.user.username, session.csrf_token, session.expires_at) == ("jana", "c1", later)
    await store.extend_session("a" * 64, later + timedelta(hours=1))
    extended = await store.session("a" * 64)
    assert extended is not None and extended.expires_at == later + timedelta(hours=1)
    assert await store.delete_expired(NOW + timedelta(minutes=1)) == 1
    assert await store.session("b" * 64) is None
    await store.delete_sessions_of(user.id)
    assert await store.session("a" * 64) is None


@pytest.mark.anyio
async def test_migration_creates_the_staff_tables(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert {"staff_users", "staff_sessions"} <= tables
