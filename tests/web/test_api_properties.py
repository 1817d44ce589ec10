"""Property-based API tests: schemathesis generates valid and invalid requests from the OpenAPI schema.

Every answer must be documented (status, content type, schema) and none may be a 5xx. Path
ids are replaced by a real conversation's id, so generated messages reach the agent. The
live events stream never ends, so it is left to the contract tests.

The schema is the app's own ``openapi()`` (it does not depend on the services), and the
requests go to a real uvicorn server: schemathesis' ASGI transport would run the app in an
event loop of its own, away from the database engine's, and its ``from_fixture`` loader does
not work with pytest 9.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from web_live import LiveServer, LoopThread, ServeApp

from firstline.app import Services
from firstline.web.app import create_app

MAX_EXAMPLES = 50
NO_SERVICES: Any = None
"""The schema is built without services: they are only used when a request arrives."""

CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {
        "checks": {
            # 413 is the documented answer to a text over the length limit (maxLength in the schema).
            "negative_data_rejection": {
                "expected-statuses": ["400", "404", "405", "406", "409", "413", "415", "422", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_dict(create_app(NO_SERVICES).openapi(), config=CONFIG).exclude(
    path_regex=r"/events$"
)


@pytest.fixture(scope="module")
def conversation_id(services: Services, loop_thread: LoopThread) -> str:
    conversation = loop_thread.run(services.open_conversation(channel="api"))
    return str(conversation.id)


@pytest.fixture(scope="module")
def fuzzed(serve_app: ServeApp) -> LiveServer:
    """The app without practical rate limits, so generated requests are not refused as a flood."""
    return serve_app(rate_limit="100000/minute", conversation_rate_limit="100000/minute")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_fails(case: Any, fuzzed: LiveServer, conversation_id: str) -> None:
    if "conversation_id" in (case.path_parameters or {}):
        case.path_parameters["conversation_id"] = conversation_id
    response = case.call_and_validate(base_url=fuzzed.url)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert isinstance(response.json()["error"], str)
