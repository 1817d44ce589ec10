"""``firstline init``: a new company pack that works out of the box and is easy to adapt.

Three starting points: ``blank`` (contacts and knowledge, no processes), ``retail`` (a small
shop with the demo's order processes) and ``utility`` (a copy of the bundled Stadtwerke pack
with its processes, company actions and simulated customer system).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from firstline.company.loader import bundled_pack_dir, demo_company_dir

TEMPLATES = ("blank", "retail", "utility")

COMPANY_YAML = """\
# Your company. See docs/company-pack.md for every field.
name: Example Shop
legal_name: Example Shop GmbH
languages: [de, en]
default_language: de
address_form: formal          # formal: "Sie"; informal: "du"
timezone: Europe/Berlin
business_hours:
  mon: "09:00-17:00"
  tue: "09:00-17:00"
  wed: "09:00-17:00"
  thu: "09:00-17:00"
  fri: "09:00-17:00"
  sat: closed
  sun: closed
countries: [DE, AT, CH]
contacts:
  phone:
    DE: "+49 30 1234567"
  email: service@example.com
patterns:
  order_number: '\\b\\d{6}\\b'
  customer_number: '\\bK\\d{5}\\b'
"""

ARTICLES = {
    "de": """---
id: contact
title: Kontakt und Öffnungszeiten
questions:
  - Wie erreiche ich den Kundenservice?
  - Wann haben Sie geöffnet?
  - Welche Telefonnummer hat der Kundenservice?
tags: [kontakt]
---
# Kontakt und Öffnungszeiten

## Kundenservice
Unser Kundenservice ist montags bis freitags von 9:00 bis 17:00 Uhr erreichbar.
Sie erreichen den Kundenservice telefonisch unter +49 30 1234567 oder per E-Mail an service@example.com.
""",
    "en": """---
id: contact
title: Contact and opening hours
questions:
  - How can I reach customer service?
  - When are you open?
  - What is the customer service phone number?
tags: [contact]
---
# Contact and opening hours

## Customer service
Our customer service is available Monday to Friday from 9:00 to 17:00.
You can reach customer service by phone on +49 30 1234567 or by email at service@example.com.
""",
}

TEST_YAML = """\
name: Kontakt (Deutsch)
language: de
turns:
  - customer: "Wie erreiche ich Ihren Kundenservice?"
    expect:
      cites: contact
      reply_contains: "service@example.com"
"""


def scaffold_pack(directory: Path, template: str = "retail") -> None:
    """Create a working pack from ``template`` in ``directory`` (which must be empty or missing)."""
    if directory.exists() and any(directory.iterdir()):
        raise FileExistsError(f"{directory} exists and is not empty")
    if template == "blank":
        shutil.copytree(Path(__file__).with_name("templates") / "blank", directory, dirs_exist_ok=True)
        return
    if template == "utility":
        shutil.copytree(bundled_pack_dir("stadtwerke"), directory, dirs_exist_ok=True, ignore=_CACHES)
        return
    _retail(directory)


_CACHES = shutil.ignore_patterns("__pycache__", "*.pyc")


def _retail(directory: Path) -> None:
    demo = demo_company_dir()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "company.yaml").write_text(COMPANY_YAML, encoding="utf-8")
    shutil.copy(demo / "rules.yaml", directory / "rules.yaml")
    for folder in ("intents", "responses", "flows"):
        shutil.copytree(demo / folder, directory / folder)
    for language, article in ARTICLES.items():
        (directory / "knowledge" / language).mkdir(parents=True)
        (directory / "knowledge" / language / "contact.md").write_text(article, encoding="utf-8")
    (directory / "data").mkdir()
    (directory / "data" / "products.json").write_text("[]\n", encoding="utf-8")
    (directory / "data" / "orders.json").write_text("[]\n", encoding="utf-8")
    (directory / "data" / "customers.csv").write_text(
        "customer_number,first_name,last_name,email,phone,street,postal_code,city,country,date_of_birth,"
        "language,marketing_consent\n",
        encoding="utf-8",
    )
    (directory / "tests").mkdir()
    (directory / "tests" / "contact_de.yaml").write_text(TEST_YAML, encoding="utf-8")
