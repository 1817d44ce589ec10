"""The demo page, the widget script and the cited articles, over HTTP from a real server."""

from __future__ import annotations

import re

import httpx2 as httpx
import pytest

WIDGET_TAG = '<script src="/widget.js" data-language="de" defer></script>'


def test_demo_page_is_a_german_shop_page_with_one_widget_script_tag(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="de">' in html
    assert re.findall(r"<script[^>]*>", html) == [WIDGET_TAG.removesuffix("</script>")]
    assert WIDGET_TAG in html
    assert "Willkommen bei Voltaro" in html and re.search(r"549,00\s€", html)
    assert 'href="/?lang=en"' in html


def test_demo_page_in_english(client: httpx.Client) -> None:
    html = client.get("/", params={"lang": "en"}).text
    assert '<html lang="en">' in html
    assert '<script src="/widget.js" data-language="en" defer></script>' in html
    assert "Welcome to Voltaro" in html and "€549.00" in html


def test_an_unknown_page_language_falls_back_to_the_company_default(client: httpx.Client) -> None:
    assert '<html lang="de">' in client.get("/", params={"lang": "fr"}).text


def test_widget_script_is_small_and_never_parses_html(client: httpx.Client) -> None:
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    source = response.text
    assert len(response.content) < 20_000
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "eval(" not in source
    for text in ("Eine Kollegin oder ein Kollege übernimmt gleich", "A colleague will take over shortly"):
        assert text in source


def test_cited_articles_are_readable(client: httpx.Client) -> None:
    response = client.get("/knowledge/de/shipping-costs.md")
    assert response.status_code == 200
    assert "<h1>Versandkosten nach Deutschland, Österreich und in die Schweiz</h1>" in response.text
    assert "9,90 €" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/knowledge/de/no-such-article.md",
        "/knowledge/fr/shipping-costs.md",
        "/knowledge/de/..%2F..%2Fcompany.yaml",
        "/knowledge/de/.hidden",
        "/knowledge/../company.yaml",
    ],
)
def test_only_knowledge_articles_are_served(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "error" in response.json()
