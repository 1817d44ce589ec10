"""A real uvicorn server on 127.0.0.1 in a background thread: the helpers behind the web tests' fixtures."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx2 as httpx  # the maintained successor of httpx (Starlette's test client prefers it too)
import uvicorn
from fastapi import FastAPI

T = TypeVar("T")
CACHE_DIR = Path(__file__).resolve().parents[2] / ".pytest_cache" / "firstline-cache"
"""Where the web tests keep embeddings of the demo pack between runs."""


class LoopThread:
    """One asyncio event loop running in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="web-test-loop", daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 300) -> T:
        """Run a coroutine in the loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()


@dataclass
class LiveServer:
    """A running app: its base URL and the app object (for ``app.state``)."""

    url: str
    app: FastAPI
    server: uvicorn.Server
    task: Future[None]

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def start_server(loop: LoopThread, app: FastAPI) -> LiveServer:
    """Serve the app on a free port of 127.0.0.1; returns once it accepts connections."""
    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=1, access_log=False)
    server = uvicorn.Server(config)
    task = loop.submit(server.serve(sockets=[sock]))
    for _ in range(500):
        if server.started or task.done():
            break
        threading.Event().wait(0.01)
    if task.done():
        task.result()
    assert server.started, "uvicorn did not start"
    return LiveServer(url=f"http://127.0.0.1:{port}", app=app, server=server, task=task)


def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True
    live.task.result(timeout=15)


ServeApp = Callable[..., LiveServer]
