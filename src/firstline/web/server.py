"""Run the web app with uvicorn, in the event loop that built the services."""

from __future__ import annotations

import uvicorn

from firstline.web.app import create_app
from firstline.web.ports import WebServices


def server_for(services: WebServices, *, host: str, port: int, max_text_chars: int = 4000) -> uvicorn.Server:
    """A uvicorn server for the app; ``await server.serve()`` runs it until SIGINT/SIGTERM."""
    config = uvicorn.Config(
        create_app(services, max_text_chars=max_text_chars),
        host=host,
        port=port,
        proxy_headers=True,
        timeout_graceful_shutdown=3,
        timeout_keep_alive=30,
        log_level="info",
    )
    return uvicorn.Server(config)
