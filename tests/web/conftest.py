"""Fixtures of the web tests: a real uvicorn server on 127.0.0.1, in a background thread.

The services are built once per test session in the server thread's event loop (the
database engine belongs to that loop); each app under test is served from the same loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest
from web_live import CACHE_DIR, LiveServer, LoopThread, ServeApp, start_server, stop_server

from firstline.app import Services, build_services
from firstline.settings import Settings
from firstline.testing.clock import FakeClock
from firstline.testing.conversations import DEFAULT_NOW, isolated_settings
from firstline.web.app import create_app


@pytest.fixture(scope="session")
def loop_thread() -> Iterator[LoopThread]:
    loop = LoopThread()
    yield loop
    loop.stop()


@pytest.fixture(scope="session")
def clock() -> FakeClock:
    """The agent's clock: a Thursday morning, inside business hours."""
    return FakeClock(DEFAULT_NOW)


@pytest.fixture(scope="session")
def services(loop_thread: LoopThread, clock: FakeClock, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """The demo company's services on a throwaway database, built once for all web tests."""
    base = Settings()
    settings = isolated_settings(
        base.model_copy(update={"cache_dir": base.cache_dir or CACHE_DIR}), tmp_path_factory.mktemp("web")
    )
    built = loop_thread.run(build_services(settings, clock=clock))
    yield built
    loop_thread.run(built.close())


@pytest.fixture(scope="session")
def serve_app(loop_thread: LoopThread, services: Services) -> Iterator[ServeApp]:
    """Start an app built with ``create_app(services, **options)``; all are stopped at the end."""
    started: list[LiveServer] = []

    def serve(**options: Any) -> LiveServer:
        live = start_server(loop_thread, create_app(services, **options))
        started.append(live)
        return live

    yield serve
    for live in started:
        stop_server(live)


@pytest.fixture(scope="session")
def live(serve_app: ServeApp) -> LiveServer:
    """The app with its default options."""
    return serve_app()


@pytest.fixture
def client(live: LiveServer) -> Iterator[httpx.Client]:
    with live.client() as http:
        yield http
