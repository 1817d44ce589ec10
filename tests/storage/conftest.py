"""Every storage test runs on SQLite and, when FIRSTLINE_TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from firstline.storage.database import downgrade_database, open_database

POSTGRES_URL = os.environ.get("FIRSTLINE_TEST_DATABASE_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="set FIRSTLINE_TEST_DATABASE_URL to test on PostgreSQL"),
    ),
]


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    else:
        assert POSTGRES_URL is not None
        url = POSTGRES_URL
    engine = await open_database(url)
    yield engine
    await downgrade_database(engine)
    await engine.dispose()
