"""The FastAPI application: HTTP API v1, the demo page, the chat widget and the supervisor console."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from fastapi import FastAPI

from firstline.web.api.deps import WebState
from firstline.web.api.models import Health, MessageEventOut, StatusEventOut
from firstline.web.api.routes import router as api_router
from firstline.web.api.turns import TurnGate
from firstline.web.auth.accounts import SessionPolicy, utc_now
from firstline.web.bodylimit import BodySizeLimit
from firstline.web.console.mount import install_console
from firstline.web.errors import install_error_handlers
from firstline.web.events import EventBus, MemoryEventBus
from firstline.web.ports import WebServices
from firstline.web.ratelimit import RateLimits
from firstline.web.widget.routes import router as widget_router

API_DESCRIPTION = """
Talk to the firstline agent over HTTP. Every error answer is JSON `{"error": "<what is wrong>"}`
(validation errors add `details`). Limits: message texts up to `max_text_chars` characters
(4000 by default, else 413), request bodies up to a few times that in bytes (else 413),
and per client a moving window of messages per conversation (30 a minute by default) and of
new conversations (else 429 with `Retry-After`).
"""


def body_limit_for(max_text_chars: int) -> int:
    """Bytes a request body may have: the longest text fully JSON-escaped, plus room for the other fields."""
    return max_text_chars * 12 + 16 * 1024


def create_app(
    services: WebServices,
    *,
    max_text_chars: int = 4000,
    rate_limit: str = "30/minute",
    conversation_rate_limit: str = "600/hour",
    max_concurrent_turns: int = 4,
    events: EventBus | None = None,
    session_policy: SessionPolicy | None = None,
    staff_clock: Callable[[], datetime] = utc_now,
    login_limit: str = "10/minute",
) -> FastAPI:
    """Build the web app around already-built services.

    ``rate_limit`` counts messages per client IP and conversation, ``conversation_rate_limit``
    new conversations per client IP (``limits`` notation, moving window, in memory).
    ``max_concurrent_turns`` caps the agent turns running at once in this process.
    ``events`` is shared with other front ends (the supervisor console) that publish into
    the same conversations; by default the app has its own in-memory bus.
    ``session_policy`` and ``staff_clock`` decide when console logins expire; ``login_limit``
    caps failed logins per client IP.
    """
    bus = events or MemoryEventBus()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await bus.close()

    app = FastAPI(
        title="firstline",
        summary="An offline AI customer service agent: HTTP API v1, chat widget and demo page.",
        description=API_DESCRIPTION,
        version="1",
        lifespan=lifespan,
    )
    app.state.web = WebState(
        services=services,
        events=bus,
        limits=RateLimits(messages=rate_limit, conversations=conversation_rate_limit),
        turns=TurnGate(services, bus, max_concurrent_turns=max_concurrent_turns),
        max_text_chars=max_text_chars,
    )
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=body_limit_for(max_text_chars))
    app.include_router(api_router)
    app.include_router(widget_router)
    install_console(app, services, session_policy=session_policy, clock=staff_clock, login_limit=login_limit)

    @app.get("/healthz", tags=["health"], summary="Readiness")
    async def healthz() -> Health:
        """200 when the app is ready to serve turns."""
        return Health()

    _document_text_limit(app, max_text_chars)
    return app


def _document_text_limit(app: FastAPI, max_text_chars: int) -> None:
    """Finish the OpenAPI schema: the configured text limit, and the ``{"error": …}`` shape for every 422."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            components = schema.get("components", {}).get("schemas", {})
            properties = components.get("PostMessage", {}).get("properties", {})
            if "text" in properties:
                properties["text"]["maxLength"] = max_text_chars
            _errors_as_error_body(schema)
            _add_event_schemas(components)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_event_schemas(components: dict[str, Any]) -> None:
    """The SSE payloads are documented by name (``x-events``), so their schemas must be components."""
    for model in (MessageEventOut, StatusEventOut):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components.setdefault(model.__name__, schema)


def _errors_as_error_body(schema: dict[str, Any]) -> None:
    """FastAPI documents its own 422 shape; ours is ``ErrorBody``, and only routes with a body can answer 422."""
    error_body = {"$ref": "#/components/schemas/ErrorBody"}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.get("responses", {})
            default = responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema", {})
            if default.get("$ref", "").endswith("/HTTPValidationError"):
                if "requestBody" in operation:
                    responses["422"]["content"]["application/json"]["schema"] = error_body
                else:
                    del responses["422"]
    components = schema.get("components", {}).get("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
