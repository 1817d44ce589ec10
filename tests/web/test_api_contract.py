"""The HTTP API v1 contract (DESIGN.md) against a real uvicorn server: every endpoint, every error case."""

from __future__ import annotations

import json
import threading
from types import SimpleNamespace
from typing import Any

import httpx2 as httpx
import pytest
from sqlalchemy.exc import OperationalError
from web_live import LiveServer, LoopThread, ServeApp, start_server, stop_server

from firstline.app import Services
from firstline.domain.conversation import Author, ConversationId
from firstline.web.app import create_app
from firstline.web.events import message_event

SHIPPING_AT = "Was kostet der Versand nach Österreich?"


def new_conversation(client: httpx.Client, **body: Any) -> str:
    response = client.post("/api/v1/conversations", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def say(client: httpx.Client, conversation_id: str, text: str, **extra: Any) -> httpx.Response:
    return client.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": text, **extra})


def assert_error(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    for word in words:
        assert word in body["error"], body
    return dict(body)


def transcript(client: httpx.Client, conversation_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/conversations/{conversation_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


# --- health, docs ---------------------------------------------------------------------------


def test_healthz(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_openapi_documents_every_route_with_a_response_model(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    expected = {
        ("post", "/api/v1/conversations", "201"),
        ("post", "/api/v1/conversations/{conversation_id}/messages", "200"),
        ("get", "/api/v1/conversations/{conversation_id}", "200"),
        ("get", "/api/v1/conversations/{conversation_id}/events", "200"),
        ("get", "/healthz", "200"),
    }
    for method, path, status in expected:
        content = schema["paths"][path][method]["responses"][status]["content"]
        media = content.get("application/json") or content.get("text/event-stream")
        assert media.get("schema") or media.get("itemSchema"), (method, path)
    for path in schema["paths"].values():
        for operation in path.values():
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorBody"), (operation["operationId"], status)
    assert schema["components"]["schemas"]["PostMessage"]["properties"]["text"]["maxLength"] == 4000
    assert client.get("/docs").status_code == 200


# --- POST /api/v1/conversations -------------------------------------------------------------


def test_create_conversation_without_a_body(client: httpx.Client) -> None:
    response = client.post("/api/v1/conversations")
    assert response.status_code == 201
    assert set(response.json()) == {"id"}


def test_create_conversation_with_every_field(client: httpx.Client) -> None:
    conversation_id = new_conversation(
        client, channel="web", language="en", customer={"email": "anna@example.com", "name": "Anna Weber"}
    )
    conversation = transcript(client, conversation_id)
    assert conversation["channel"] == "web"
    assert conversation["language"] == "en"
    assert conversation["customer"] == {"email": "anna@example.com", "name": "Anna Weber"}
    assert conversation["status"] == "bot"
    assert conversation["messages"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language": "fr"}, "language"),
        ({"channel": "fax"}, "channel"),
        ({"customer": {"email": "not an address"}}, "customer.email"),
        ({"customer": "anna"}, "customer"),
        ({"colour": "blue"}, "colour"),
        ([], ""),
    ],
)
def test_create_conversation_rejects_wrong_fields(client: httpx.Client, body: Any, field: str) -> None:
    error = assert_error(client.post("/api/v1/conversations", json=body), 422, field)
    assert error["details"], error


def test_create_conversation_rejects_invalid_json(client: httpx.Client) -> None:
    response = client.post(
        "/api/v1/conversations", content=b'{"language": "de"', headers={"content-type": "application/json"}
    )
    assert_error(response, 400, "JSON")


# --- POST /api/v1/conversations/{id}/messages -----------------------------------------------


def test_message_answer_has_exactly_the_design_shape(client: httpx.Client) -> None:
    conversation_id = new_conversation(client, language="de")
    response = say(client, conversation_id, SHIPPING_AT)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) - {"duplicate"} == {"replies", "status", "language", "actions"}
    assert body["status"] == "bot" and body["language"] == "de" and body["actions"] == []
    for reply in body["replies"]:
        assert set(reply) == {"text", "citations", "buttons"}
        for citation in reply["citations"]:
            assert {"title", "source"} <= set(citation)
    assert "KI" in body["replies"][0]["text"]  # the AI disclosure comes first
    cited = [c for r in body["replies"] for c in r["citations"]]
    assert cited and cited[0]["source"] == "de/shipping-costs.md"
    assert "9,90 €" in " ".join(r["text"] for r in body["replies"]).replace("\xa0", " ")


def test_english_message_gets_an_english_answer(client: httpx.Client) -> None:
    conversation_id = new_conversation(client, language="en")
    body = say(client, conversation_id, "How much is shipping to Austria?").json()
    assert body["language"] == "en"
    assert any(c["source"].startswith("en/") for r in body["replies"] for c in r["citations"])


def test_a_flow_shows_in_actions_and_state(client: httpx.Client) -> None:
    conversation_id = new_conversation(client, language="de")
    say(client, conversation_id, "Wo ist meine Bestellung 100055?")
    state = transcript(client, conversation_id)["state"]
    assert state["active_flow"] == "order_status"
    assert state["slots"].get("order_number") == "100055"
    body = say(client, conversation_id, "felix.schroeder@example.de").json()
    assert {"name", "args", "outcome"} <= set(body["actions"][0])
    assert any(a["name"] == "verify_identity" and a["outcome"] == "done" for a in body["actions"]), body


def test_a_retry_with_the_same_message_id_returns_the_same_replies(client: httpx.Client) -> None:
    conversation_id = new_conversation(client)
    first = say(client, conversation_id, SHIPPING_AT, message_id="client-42").json()
    again = say(client, conversation_id, SHIPPING_AT, message_id="client-42").json()
    assert again["replies"] == first["replies"]
    assert again["duplicate"] is True and first["duplicate"] is False
    customer = [m for m in transcript(client, conversation_id)["messages"] if m["author"] == "customer"]
    assert len(customer) == 1


def test_asking_for_a_human_hands_over(client: httpx.Client) -> None:
    conversation_id = new_conversation(client, language="de")
    body = say(client, conversation_id, "Ich möchte mit einem Mitarbeiter sprechen").json()
    assert body["status"] == "waiting_for_human"
    assert transcript(client, conversation_id)["status"] == "waiting_for_human"


@pytest.mark.parametrize(
    ("body", "status", "word"),
    [
        ({"text": ""}, 422, "text"),
        ({"text": "   \n\t "}, 422, "empty"),
        ({}, 422, "text"),
        ({"text": 42}, 422, "text"),
        ({"text": ["hallo"]}, 422, "text"),
        ({"text": "hallo", "message_id": ""}, 422, "message_id"),
        ({"text": "hallo", "unknown": 1}, 422, "unknown"),
        ({"text": "x" * 4001}, 413, "4000"),
    ],
)
def test_bad_messages_are_rejected_and_the_conversation_survives(
    client: httpx.Client, body: dict[str, Any], status: int, word: str
) -> None:
    conversation_id = new_conversation(client)
    assert_error(client.post(f"/api/v1/conversations/{conversation_id}/messages", json=body), status, word)
    assert transcript(client, conversation_id)["messages"] == []
    assert say(client, conversation_id, SHIPPING_AT).status_code == 200
    assert len(transcript(client, conversation_id)["messages"]) >= 2


def test_text_of_exactly_the_limit_is_accepted(serve_app: ServeApp) -> None:
    live = serve_app(max_text_chars=50)
    with live.client() as client:
        conversation_id = new_conversation(client)
        assert say(client, conversation_id, "Versand " + "a" * 42).status_code == 200
        assert_error(say(client, conversation_id, "Versand " + "a" * 43), 413, "50 characters")


def test_invalid_json_and_wrong_content_type_are_rejected(client: httpx.Client) -> None:
    conversation_id = new_conversation(client)
    url = f"/api/v1/conversations/{conversation_id}/messages"
    assert_error(client.post(url, content=b'{"text": "hallo"', headers={"content-type": "application/json"}), 400)
    assert_error(client.post(url, content=b"\xff\xfe{", headers={"content-type": "application/json"}), 400)
    assert_error(client.post(url, content=b'{"text": "hallo"}', headers={"content-type": "text/plain"}), 422)
    assert say(client, conversation_id, "Hallo").status_code == 200


def test_an_oversized_body_is_refused_before_it_is_read(client: httpx.Client) -> None:
    conversation_id = new_conversation(client)
    body = json.dumps({"text": "a" * 200_000}).encode()
    response = client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert_error(response, 413, "bytes")


def test_control_characters_and_lone_surrogates_never_break_the_store(client: httpx.Client) -> None:
    conversation_id = new_conversation(client)
    raw = b'{"text": "Versand \\u0000 nach \\ud800 \xc3\x96sterreich?"}'
    response = client.post(
        f"/api/v1/conversations/{conversation_id}/messages", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    stored = transcript(client, conversation_id)["messages"][0]["text"]
    assert "\x00" not in stored and "Österreich" in stored


def test_unknown_conversation_is_404_everywhere(client: httpx.Client) -> None:
    assert_error(say(client, "does-not-exist", "Hallo"), 404, "not found")
    assert_error(client.get("/api/v1/conversations/does-not-exist"), 404, "not found")
    assert_error(client.get("/api/v1/conversations/does-not-exist/events"), 404, "not found")


def test_unknown_routes_and_methods_answer_with_the_error_shape(client: httpx.Client) -> None:
    assert_error(client.get("/api/v1/nothing-here"), 404)
    response = client.delete("/api/v1/conversations/abc")
    assert_error(response, 405)
    assert response.headers["allow"] == "GET"


def test_concurrent_messages_in_one_conversation_are_all_answered(client: httpx.Client, live: LiveServer) -> None:
    conversation_id = new_conversation(client)
    results: list[int] = []

    def post(text: str) -> None:
        with live.client() as own:
            results.append(say(own, conversation_id, text).status_code)

    threads = [threading.Thread(target=post, args=(t,)) for t in (SHIPPING_AT, "Wie lange dauert die Lieferung?")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200, 200]
    authors = [m["author"] for m in transcript(client, conversation_id)["messages"]]
    assert authors.count("customer") == 2
    assert authors[0] == "customer" and authors[-1] == "agent"


# --- rate limit -------------------------------------------------------------------------------


def test_too_many_messages_from_one_client_in_one_conversation(serve_app: ServeApp) -> None:
    live = serve_app(rate_limit="3/minute")
    with live.client() as client:
        conversation_id = new_conversation(client)
        for _ in range(3):
            assert say(client, conversation_id, "Hallo").status_code == 200
        response = say(client, conversation_id, "Hallo")
        assert_error(response, 429, "too many")
        assert int(response.headers["retry-after"]) >= 1
        # The limit is per conversation: this client can still talk elsewhere.
        other = new_conversation(client)
        assert say(client, other, "Hallo").status_code == 200
        # The rejected message did not break the conversation.
        messages = transcript(client, conversation_id)["messages"]
        assert [m["author"] for m in messages].count("customer") == 3


def test_too_many_new_conversations_from_one_client(serve_app: ServeApp) -> None:
    live = serve_app(conversation_rate_limit="2/minute")
    with live.client() as client:
        new_conversation(client)
        new_conversation(client)
        assert_error(client.post("/api/v1/conversations", json={}), 429, "conversations")


# --- GET /api/v1/conversations/{id} ---------------------------------------------------------


def test_transcript_has_messages_status_language_and_state(client: httpx.Client) -> None:
    conversation_id = new_conversation(client, language="de")
    say(client, conversation_id, SHIPPING_AT)
    conversation = transcript(client, conversation_id)
    assert conversation["id"] == conversation_id
    assert conversation["status"] == "bot" and conversation["language"] == "de"
    messages = conversation["messages"]
    assert [m["author"] for m in messages] == ["customer", "agent", "agent"]
    assert messages[0]["text"] == SHIPPING_AT
    for message in messages:
        assert set(message) == {"author", "text", "created_at", "citations"}
    assert messages[2]["citations"][0]["source"] == "de/shipping-costs.md"
    assert set(conversation["state"]) >= {"active_flow", "slots"}


# --- GET /api/v1/conversations/{id}/events --------------------------------------------------


class EventReader:
    """Reads server-sent events from a streaming response (keep-alive comments skipped)."""

    def __init__(self, response: httpx.Response) -> None:
        self._lines = response.iter_lines()

    def read(self, count: int) -> list[tuple[str, dict[str, Any]]]:
        events: list[tuple[str, dict[str, Any]]] = []
        name, data = "message", ""
        for line in self._lines:
            if line.startswith("event:"):
                name = line.partition(":")[2].strip()
            elif line.startswith("data:"):
                data += line.partition(":")[2].strip()
            elif line == "" and data:
                events.append((name, json.loads(data)))
                name, data = "message", ""
                if len(events) == count:
                    break
        return events


def test_events_stream_messages_and_status_changes(client: httpx.Client, live: LiveServer) -> None:
    conversation_id = new_conversation(client, language="de")
    with (
        live.client() as stream_client,
        stream_client.stream("GET", f"/api/v1/conversations/{conversation_id}/events") as stream,
    ):
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        reader = EventReader(stream)
        assert reader.read(1) == [("status", {"conversation_id": conversation_id, "status": "bot"})]

        body = say(client, conversation_id, "Ich möchte mit einem Mitarbeiter sprechen", message_id="m-1").json()
        events = reader.read(1 + len(body["replies"]) + 1)
    kinds = [(name, data.get("author")) for name, data in events]
    assert kinds == [("message", "customer")] + [("message", "agent")] * len(body["replies"]) + [("status", None)]
    assert events[0][1]["message_id"] == "m-1"
    assert all(data["reply_to"] == "m-1" for name, data in events[1:-1])
    assert [data["text"] for _, data in events[1:-1]] == [r["text"] for r in body["replies"]]
    assert events[-1][1]["status"] == "waiting_for_human"


def test_events_carry_messages_published_by_others(
    client: httpx.Client, live: LiveServer, loop_thread: LoopThread
) -> None:
    """The supervisor console publishes a human's message into the same bus."""
    conversation_id = new_conversation(client)
    bus = live.app.state.web.events
    with (
        live.client() as stream_client,
        stream_client.stream("GET", f"/api/v1/conversations/{conversation_id}/events") as stream,
    ):
        reader = EventReader(stream)
        reader.read(1)
        event = message_event(
            ConversationId(conversation_id),
            author=Author.HUMAN,
            text="Hallo, hier ist Jana vom Kundenservice.",
            created_at=live.app.state.web.services.clock(),
        )
        loop_thread.run(bus.publish(event))
        [(name, data)] = reader.read(1)
    assert name == "message" and data["author"] == "human" and data["text"].startswith("Hallo, hier ist Jana")


def test_events_stream_ends_cleanly_when_the_client_leaves(
    client: httpx.Client, live: LiveServer, loop_thread: LoopThread
) -> None:
    conversation_id = new_conversation(client)
    bus = live.app.state.web.events
    with (
        live.client() as stream_client,
        stream_client.stream("GET", f"/api/v1/conversations/{conversation_id}/events") as stream,
    ):
        assert stream.status_code == 200
        reader = EventReader(stream)  # keep it: a dropped line iterator closes the connection
        assert reader.read(1)[0][0] == "status"
        assert bus.subscriber_count(conversation_id) == 1
    for _ in range(200):
        if bus.subscriber_count(conversation_id) == 0:
            break
        threading.Event().wait(0.02)
    assert bus.subscriber_count(conversation_id) == 0


# --- failures inside the agent ----------------------------------------------------------------


class FailingAgent:
    def __init__(self, error: Exception) -> None:
        self.error = error

    async def handle(self, inbound: Any) -> Any:
        raise self.error


@pytest.mark.parametrize(
    ("error", "status", "word"),
    [
        (OperationalError("INSERT …", {}, Exception("database is locked")), 503, "busy"),
        (RuntimeError("a bug"), 500, "internal server error"),
    ],
)
def test_failures_inside_a_turn_still_answer_with_the_error_shape(
    services: Services, loop_thread: LoopThread, error: Exception, status: int, word: str
) -> None:
    broken = SimpleNamespace(
        agent=FailingAgent(error),
        store=services.store,
        company=services.company,
        open_conversation=services.open_conversation,
    )
    live = start_server(loop_thread, create_app(broken))
    try:
        with live.client() as client:
            conversation_id = new_conversation(client)
            response = say(client, conversation_id, "Hallo")
            assert_error(response, status, word)
            if status == 503:
                assert response.headers["retry-after"] == "1"
    finally:
        stop_server(live)
