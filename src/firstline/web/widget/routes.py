"""The demo shop page at ``/``, the chat widget script at ``/widget.js`` and cited articles under ``/knowledge/``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from babel.numbers import format_currency
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from firstline.company.model import Company
from firstline.domain.language import SUPPORTED_LANGUAGES, Language
from firstline.knowledge.errors import KnowledgeFormatError
from firstline.knowledge.ingest import load_article
from firstline.web.api.deps import ServicesDep
from firstline.web.errors import ApiError

HERE = Path(__file__).parent
WIDGET_JS = HERE / "static" / "widget.js"
_ARTICLE_FILE = re.compile(r"^[\w-][\w.-]*$")

router = APIRouter(include_in_schema=False)


@cache
def templates() -> Jinja2Templates:
    """The page templates (loaded on first use, not at import)."""
    return Jinja2Templates(directory=HERE / "templates")


@cache
def widget_script() -> bytes:
    """The widget's source, read once."""
    return WIDGET_JS.read_bytes()


PAGE_TEXT: dict[Language, dict[str, str]] = {
    Language.DE: {
        "title": "{name} – Online-Shop",
        "nav_products": "Produkte",
        "nav_service": "Service",
        "nav_contact": "Kontakt",
        "switch": "English",
        "switch_label": "Switch to English",
        "hero_title": "Willkommen bei {name}",
        "hero_text": "Fragen zu Versand, Rückgabe, Garantie oder Ihrer Bestellung? Unser digitaler Assistent "
        "antwortet rund um die Uhr – unten rechts im Chat. Für alles Weitere übernimmt unser Team.",
        "products": "Beliebte Produkte",
        "in_stock": "Auf Lager",
        "out_of_stock": "Derzeit nicht vorrätig",
        "service": "Service",
        "service_items": "Versand nach Deutschland, Österreich und in die Schweiz|14 Tage Widerrufsrecht"
        "|Sichere Zahlung per Rechnung, Karte oder PayPal|Persönliche Beratung durch unser Team",
        "contact": "Kontakt",
        "phone": "Telefon",
        "email": "E-Mail",
        "demo_note": "Dies ist eine Demo-Seite von firstline. Der Shop und alle Produkte sind erfunden.",
    },
    Language.EN: {
        "title": "{name} – online shop",
        "nav_products": "Products",
        "nav_service": "Service",
        "nav_contact": "Contact",
        "switch": "Deutsch",
        "switch_label": "Auf Deutsch wechseln",
        "hero_title": "Welcome to {name}",
        "hero_text": "Questions about shipping, returns, warranty or your order? Our digital assistant answers "
        "around the clock – in the chat at the bottom right. Our team takes care of everything else.",
        "products": "Popular products",
        "in_stock": "In stock",
        "out_of_stock": "Currently out of stock",
        "service": "Service",
        "service_items": "Shipping to Germany, Austria and Switzerland|14-day right of withdrawal"
        "|Secure payment by invoice, card or PayPal|Personal advice from our team",
        "contact": "Contact",
        "phone": "Phone",
        "email": "Email",
        "demo_note": "This is a firstline demo page. The shop and all products are made up.",
    },
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductCard:
    name: str
    brand: str
    category: str
    price: str
    description: str
    in_stock: bool


def product_cards(company: Company, language: Language, limit: int = 6) -> list[ProductCard]:
    """One product of each category of the pack's catalogue (at most ``limit``), formatted for the page."""
    cards: list[ProductCard] = []
    categories: set[str] = set()
    for product in company.data.products.values():
        if product.category in categories or len(cards) >= limit:
            continue
        categories.add(product.category)
        cards.append(
            ProductCard(
                name=product.name,
                brand=product.brand,
                category=product.category_name.get(language.value, product.category),
                price=format_currency(product.price, "EUR", locale=language.locale),
                description=product.description.get(language.value, ""),
                in_stock=product.stock > 0,
            )
        )
    return cards


def _page_language(lang: str | None, company: Company) -> Language:
    if lang in {language.value for language in SUPPORTED_LANGUAGES}:
        return Language(lang)
    return company.default_language


@router.get("/", response_class=HTMLResponse)
async def demo_page(
    request: Request, services: ServicesDep, lang: Annotated[str | None, Query(max_length=5)] = None
) -> HTMLResponse:
    """The demo company's shop page with the chat widget."""
    company = services.company
    language = _page_language(lang, company)
    other = Language.EN if language is Language.DE else Language.DE
    text = {key: value.format(name=company.name) for key, value in PAGE_TEXT[language].items()}
    context: dict[str, Any] = {
        "lang": language.value,
        "other_lang": other.value,
        "text": text,
        "service_items": text["service_items"].split("|"),
        "company": company.config,
        "products": product_cards(company, language),
    }
    return templates().TemplateResponse(request, "demo.html", context)


@router.get("/widget.js")
async def widget_js() -> Response:
    """The chat widget: one dependency-free script."""
    return Response(
        widget_script(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/knowledge/{language}/{name}", response_class=HTMLResponse)
def knowledge_article(request: Request, services: ServicesDep, language: str, name: str) -> HTMLResponse:
    """A knowledge article of the company pack, as the citations link it."""
    company = services.company
    if language not in {lang.value for lang in SUPPORTED_LANGUAGES} or not _ARTICLE_FILE.match(name):
        raise ApiError(404, "article not found")
    folder = (company.knowledge_dir / language).resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():
        raise ApiError(404, "article not found")
    try:
        article = load_article(path, Language(language), source=f"{language}/{name}")
    except KnowledgeFormatError as error:
        raise ApiError(404, "article not found") from error
    back = {"de": "Zurück zum Shop", "en": "Back to the shop"}[language]
    context = {"lang": language, "article": article, "company": company.config, "back": back}
    return templates().TemplateResponse(request, "article.html", context)
