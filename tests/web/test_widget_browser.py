"""The chat widget in a real browser (Debian's chromium via Playwright) against a real server."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from web_live import LiveServer, LoopThread

from firstline.domain.conversation import Author, ConversationId
from firstline.web.events import message_event

CHROMIUM = Path("/usr/bin/chromium")
ANSWER_TIMEOUT = 15_000  # ms; the first turn of a fresh server warms the models up

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright launches Debian's chromium: Playwright cannot download browsers here."""
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def base_url(live: LiveServer) -> str:
    return live.url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh browser context per test (its own localStorage); a script error fails the test."""
    context: BrowserContext = browser.new_context(base_url=base_url, locale="de-DE")
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.set_default_timeout(ANSWER_TIMEOUT)
    yield opened
    context.close()
    assert not errors, errors


def launcher(page: Page, language: str = "de") -> Any:
    name = {"de": "Chat mit dem Kundenservice", "en": "Chat with customer service"}[language]
    return page.get_by_role("button", name=re.compile(f"^{name}"))


def message_input(page: Page, language: str = "de") -> Any:
    return page.get_by_role("textbox", name={"de": "Ihre Nachricht", "en": "Your message"}[language])


def ask(page: Page, text: str, language: str = "de") -> None:
    box = message_input(page, language)
    box.fill(text)
    box.press("Enter")


def agent_messages(page: Page) -> Any:
    return page.locator("firstline-chat .msg.agent")


def conversation_id(page: Page) -> str:
    value = page.evaluate("() => Object.entries(localStorage).find(([k]) => k.startsWith('firstline.'))?.[1]")
    assert value, "the widget keeps the conversation id in localStorage"
    return str(value)


def test_the_demo_page_includes_the_widget_with_one_script_tag(page: Page) -> None:
    page.goto("/")
    expect(page).to_have_title(re.compile("Voltaro"))
    assert page.locator("html").get_attribute("lang") == "de"
    scripts = page.locator("script[src]")
    expect(scripts).to_have_count(1)
    assert scripts.get_attribute("src") == "/widget.js" and scripts.get_attribute("data-language") == "de"
    expect(launcher(page)).to_be_visible()


def test_german_conversation_shows_the_answer_with_a_citation_link(page: Page, live: LiveServer) -> None:
    page.goto("/")
    launcher(page).click()
    expect(message_input(page)).to_be_focused()
    ask(page, "Was kostet der Versand nach Österreich?")
    expect(page.locator("firstline-chat .msg.customer")).to_have_text(re.compile("Versand nach Österreich"))
    answer = agent_messages(page).filter(has_text="9,90 €")
    expect(answer).to_be_visible(timeout=ANSWER_TIMEOUT)
    expect(agent_messages(page).first).to_contain_text("KI")
    link = answer.get_by_role("link")
    expect(link).to_have_text(re.compile("Versandkosten"))
    href = link.get_attribute("href")
    assert href == f"{live.url}/knowledge/de/shipping-costs.md"
    article = page.request.get(href)
    assert article.status == 200 and "Versandkosten" in article.text()


def test_english_conversation(page: Page) -> None:
    page.goto("/?lang=en")
    launcher(page, "en").click()
    ask(page, "How much is shipping to Austria?", "en")
    answer = agent_messages(page).filter(has_text="€9.90")
    expect(answer).to_be_visible(timeout=ANSWER_TIMEOUT)
    expect(answer.get_by_role("link")).to_have_attribute("href", re.compile(r"/knowledge/en/shipping-costs\.md$"))
    expect(page.get_by_role("dialog", name="Customer service")).to_be_visible()


def test_reload_keeps_the_conversation(page: Page, live: LiveServer) -> None:
    page.goto("/")
    launcher(page).click()
    ask(page, "Was kostet der Versand nach Österreich?")
    expect(agent_messages(page).filter(has_text="9,90 €")).to_be_visible(timeout=ANSWER_TIMEOUT)
    before = conversation_id(page)

    page.reload()
    launcher(page).click()
    expect(page.locator("firstline-chat .msg.customer")).to_have_text("SieWas kostet der Versand nach Österreich?")
    expect(agent_messages(page).filter(has_text="9,90 €")).to_be_visible()
    assert conversation_id(page) == before

    ask(page, "Wie lange dauert die Lieferung?")
    expect(page.locator("firstline-chat .msg.customer")).to_have_count(2)
    expect(agent_messages(page)).to_have_count(3, timeout=ANSWER_TIMEOUT)
    with httpx.Client(base_url=live.url) as client:
        messages = client.get(f"/api/v1/conversations/{before}").json()["messages"]
    assert [m["author"] for m in messages].count("customer") == 2


def test_keyboard_open_with_enter_and_close_with_escape(page: Page) -> None:
    page.goto("/")
    button = launcher(page)
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(message_input(page)).to_be_focused()

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    expect(message_input(page)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Senden")).to_be_focused()


def test_accessible_names_and_live_region(page: Page) -> None:
    page.goto("/")
    launcher(page).click()
    log = page.get_by_role("log", name="Chatverlauf")
    expect(log).to_have_attribute("aria-live", "polite")
    for name in ("Chat schließen", "Senden", "Neues Gespräch beginnen"):
        expect(page.get_by_role("button", name=name)).to_be_visible()
    expect(page.get_by_role("dialog", name="Kundenservice")).to_be_visible()
    expect(log).to_contain_text("KI")  # honest from the first word, before anything is sent


def test_asking_for_a_human_shows_the_handoff_and_the_humans_reply(
    page: Page, live: LiveServer, loop_thread: LoopThread
) -> None:
    page.goto("/")
    launcher(page).click()
    ask(page, "Ich möchte mit einem Mitarbeiter sprechen")
    status = page.get_by_role("status").filter(has_text="Eine Kollegin oder ein Kollege übernimmt gleich")
    expect(status).to_be_visible(timeout=ANSWER_TIMEOUT)

    # A colleague answers from the console: the widget receives it over server-sent events.
    conversation = ConversationId(conversation_id(page))
    event = message_event(
        conversation, author=Author.HUMAN, text="Hallo, hier ist Jana. Wie kann ich helfen?", created_at=_now(live)
    )
    publish_when_listening(live, loop_thread, event)
    expect(page.locator("firstline-chat .msg.human")).to_contain_text("hier ist Jana", timeout=ANSWER_TIMEOUT)


def test_quick_reply_buttons_send_their_text(page: Page, live: LiveServer, loop_thread: LoopThread) -> None:
    page.goto("/")
    launcher(page).click()
    ask(page, "Hallo")
    expect(agent_messages(page).first).to_be_visible(timeout=ANSWER_TIMEOUT)
    conversation = ConversationId(conversation_id(page))
    offer = message_event(
        conversation, author=Author.AGENT, text="Darf ich helfen?", created_at=_now(live), buttons=["Ja", "Nein"]
    )
    publish_when_listening(live, loop_thread, offer)
    group = page.get_by_role("group", name="Antwortvorschläge")
    group.get_by_role("button", name="Nein").click()
    expect(page.locator("firstline-chat .msg.customer").last).to_contain_text("Nein")
    expect(group.get_by_role("button")).to_have_count(0)


def test_message_text_is_never_interpreted_as_html(page: Page) -> None:
    page.goto("/")
    launcher(page).click()
    hostile = '<img src=x onerror="window.__owned=1"><b>fett</b>'
    ask(page, hostile)
    expect(page.locator("firstline-chat .msg.customer")).to_contain_text(hostile)
    expect(agent_messages(page).first).to_be_visible(timeout=ANSWER_TIMEOUT)
    assert page.locator("firstline-chat .msg img, firstline-chat .msg b").count() == 0
    assert page.evaluate("() => window.__owned") is None


def test_language_falls_back_to_the_pages_lang(page: Page, live: LiveServer) -> None:
    html = '<!doctype html><html lang="en"><body><h1>Shop</h1><script src="/widget.js" defer></script></body></html>'
    page.route(f"{live.url}/embedded", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto("/embedded")
    expect(launcher(page, "en")).to_be_visible()


def _now(live: LiveServer) -> Any:
    return live.app.state.web.services.clock()


def publish_when_listening(live: LiveServer, loop_thread: LoopThread, event: Any) -> None:
    """Publish once the widget's event stream is connected (a person answers later than that)."""
    bus = live.app.state.web.events
    for _ in range(500):
        if bus.subscriber_count(event.conversation_id):
            break
        time.sleep(0.02)
    assert bus.subscriber_count(event.conversation_id), "the widget never subscribed to the events"
    loop_thread.run(bus.publish(event))
