"""The handoff round trip in two real browsers: a customer in the widget, a supervisor in the console.

The customer asks for a person; the supervisor's inbox shows the conversation without a reload;
the supervisor takes over and replies, the customer sees the reply; the supervisor hands back
and the bot answers the customer's next question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from console_support import PASSWORD, ensure_staff
from playwright.sync_api import Browser, BrowserContext, Page, expect
from web_live import LiveServer, LoopThread, ServeApp

from firstline.app import Services

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 15_000  # ms; the first turn of a fresh server warms the models up

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright launches Debian's chromium: Playwright cannot download browsers here."""
    return {
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    }


@pytest.fixture(scope="module")
def console(serve_app: ServeApp, loop_thread: LoopThread, services: Services) -> LiveServer:
    ensure_staff(loop_thread, services)
    return serve_app(login_limit="1000/minute")


def _page(browser: Browser, base_url: str, errors: list[str]) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(base_url=base_url, locale="de-DE")
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.set_default_timeout(TIMEOUT)
    yield opened
    context.close()


@pytest.fixture
def customer(browser: Browser, console: LiveServer) -> Iterator[Page]:
    errors: list[str] = []
    yield from _page(browser, console.url, errors)
    assert not errors, errors


@pytest.fixture
def supervisor(browser: Browser, console: LiveServer) -> Iterator[Page]:
    errors: list[str] = []
    yield from _page(browser, console.url, errors)
    assert not errors, errors


def log_in(page: Page, username: str) -> None:
    page.goto("/console/login")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name=re.compile("Posteingang"))).to_be_visible()


def wait_until_live(page: Page) -> None:
    """The console's event stream is connected (events from now on reach the page)."""
    expect(page.locator("html[data-live='connected']")).to_have_count(1)
    page.evaluate("() => { window.__sameDocument = true; }")


def still_same_document(page: Page) -> bool:
    return bool(page.evaluate("() => window.__sameDocument === true"))


def widget_ask(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Ihre Nachricht")
    box.fill(text)
    box.press("Enter")


def widget_conversation_id(page: Page) -> str:
    value = page.evaluate("() => Object.entries(localStorage).find(([k]) => k.startsWith('firstline.'))?.[1]")
    assert value, "the widget keeps the conversation id in localStorage"
    return str(value)


def test_handoff_round_trip(customer: Page, supervisor: Page) -> None:
    log_in(supervisor, "supervisor")
    wait_until_live(supervisor)

    # The customer asks for a person in the widget.
    customer.goto("/")
    customer.get_by_role("button", name=re.compile("^Chat mit dem Kundenservice")).click()
    widget_ask(customer, "Ich möchte mit einem Menschen sprechen")
    status = customer.get_by_role("status").filter(has_text="Eine Kollegin oder ein Kollege übernimmt gleich")
    expect(status).to_be_visible()
    conversation_id = widget_conversation_id(customer)

    # It appears in the supervisor's inbox without a reload.
    row = supervisor.locator(f"tr[data-conversation='{conversation_id}']")
    expect(row).to_contain_text("Wartet auf einen Menschen")
    expect(row).to_contain_text("Ich übergebe Sie jetzt")
    assert still_same_document(supervisor)

    # The supervisor takes over; the customer sees a person is there now.
    row.get_by_role("link", name="unbekannt").click()
    expect(supervisor.get_by_text("Ich möchte mit einem Menschen sprechen").first).to_be_visible()
    supervisor.get_by_role("button", name="Gespräch übernehmen").click()
    expect(supervisor.locator("#conversation-status")).to_have_text("Bei einem Menschen")
    expect(customer.get_by_role("status")).to_have_text("Sie schreiben jetzt mit unserem Kundenservice.")

    # The supervisor replies; the reply arrives in the widget as a person's message.
    supervisor.get_by_label("Antwort an den Kunden").fill(
        "Hallo, hier ist Jana vom Kundenservice. Wie kann ich helfen?"
    )
    supervisor.get_by_role("button", name="Senden").click()
    expect(supervisor.get_by_role("status")).to_have_text(re.compile("Ihre Antwort wurde gesendet"))
    human = customer.locator("firstline-chat .msg.human")
    expect(human).to_contain_text("hier ist Jana vom Kundenservice")

    # The customer answers; the supervisor's open conversation shows it live.
    wait_until_live(supervisor)
    widget_ask(customer, "Danke, ich warte auf mein Paket.")
    expect(supervisor.get_by_text("Danke, ich warte auf mein Paket.")).to_be_visible()
    assert still_same_document(supervisor)

    # The supervisor hands back; the bot answers the customer's next question.
    supervisor.get_by_role("button", name="An den Assistenten zurückgeben").click()
    expect(supervisor.locator("#conversation-status")).to_have_text("Assistent (KI)")
    expect(customer.get_by_role("status")).to_be_hidden()
    widget_ask(customer, "Was kostet der Versand nach Österreich?")
    expect(customer.locator("firstline-chat .msg.agent").filter(has_text="9,90 €")).to_be_visible()


def test_an_approval_is_decided_in_the_console(customer: Page, supervisor: Page) -> None:
    log_in(supervisor, "supervisor")
    supervisor.get_by_role("link", name="Freigaben").click()
    expect(supervisor.get_by_role("heading", name=re.compile("Offene Freigaben"))).to_be_visible()
    wait_until_live(supervisor)

    customer.goto("/")
    customer.get_by_role("button", name=re.compile("^Chat mit dem Kundenservice")).click()
    agent = customer.locator("firstline-chat .msg.agent")
    widget_ask(customer, "Bitte erstatten Sie mir einen Teil des Kaufpreises der Bestellung 100052.")
    expect(agent).to_have_count(2)
    widget_ask(customer, "martina.hoffmann@example.de")
    expect(agent.filter(has_text="1.149,00")).to_be_visible()
    widget_ask(customer, "200,01 €")
    expect(agent.filter(has_text="Ja oder Nein")).to_be_visible()
    widget_ask(customer, "Ja")
    expect(agent.filter(has_text="APR-")).to_be_visible()
    reference = re.search(r"APR-\d+", agent.filter(has_text="APR-").first.inner_text())
    assert reference

    # The request appears in the approvals queue without a reload; the supervisor approves it.
    request = supervisor.get_by_role("article", name=reference.group(0))
    expect(request).to_contain_text("200")
    assert still_same_document(supervisor)
    request.get_by_label("Notiz").fill("Kratzer am Gehäuse, Teilerstattung ok.")
    request.get_by_role("button", name="Genehmigen").click()
    expect(supervisor.get_by_role("status")).to_have_text(re.compile("Die Entscheidung wurde gespeichert"))
    expect(supervisor.get_by_role("article", name=reference.group(0))).to_have_count(0)

    # The customer learns the result at once, and the bot answers again.
    expect(agent.filter(has_text="RF-100052")).to_be_visible()
    expect(customer.get_by_role("status")).to_be_hidden()

    # The audit log shows who approved the refund and under which rule it had waited.
    supervisor.get_by_role("link", name="Protokoll").click()
    refund = supervisor.get_by_role("row").filter(has_text="staff:supervisor").filter(has_text="refund")
    expect(refund.first).to_be_visible()
