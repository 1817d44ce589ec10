"""Loading articles from Markdown, HTML, PDF and text, and the errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from firstline.domain.language import Language
from firstline.knowledge.errors import KnowledgeFormatError
from firstline.knowledge.ingest import load_article, load_knowledge_dir

MARKDOWN = """---
id: shipping-costs
title: Versandkosten und Lieferzeiten
questions:
  - Was kostet der Versand nach Österreich?
  - Wie lange dauert die Lieferung?
tags: [versand, lieferung]
---
# Versandkosten und Lieferzeiten

Wir liefern nach Deutschland, Österreich und in die Schweiz.

## Versand innerhalb Deutschlands
Der Standardversand kostet 4,95 €. Ab einem Bestellwert von 50 € ist er kostenlos.

### Express
Express kostet 9,95 € und kommt am nächsten Werktag.

## Versand nach Österreich
- Standardversand: 9,90 €
- kostenlos ab 100 €

| Land | Preis |
| --- | --- |
| AT | 9,90 € |
"""


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF that shows ``lines`` in Helvetica (WinAnsi, so umlauts work)."""
    operations = ["BT", "/F1 12 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        operations.append(f"({escaped}) Tj T*")
    operations.append("ET")
    stream = "\n".join(operations).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)


def test_markdown_front_matter_gives_id_title_questions_and_tags(tmp_path: Path) -> None:
    article = load_article(write(tmp_path / "versand.md", MARKDOWN), Language.DE)
    assert article.id == "shipping-costs"
    assert article.title == "Versandkosten und Lieferzeiten"
    assert article.questions == ("Was kostet der Versand nach Österreich?", "Wie lange dauert die Lieferung?")
    assert article.tags == ("versand", "lieferung")
    assert article.language is Language.DE


def test_markdown_is_split_at_headings_keeping_the_heading_path(tmp_path: Path) -> None:
    article = load_article(write(tmp_path / "versand.md", MARKDOWN), Language.DE)
    headings = [passage.heading for passage in article.passages]
    assert headings == [
        (),
        ("Versand innerhalb Deutschlands",),
        ("Versand innerhalb Deutschlands", "Express"),
        ("Versand nach Österreich",),
    ]
    assert article.passages[1].text.startswith("Der Standardversand kostet 4,95 €.")
    assert "Express" not in article.passages[1].text
    assert article.passages[3].text.splitlines() == [
        "Standardversand: 9,90 €",
        "kostenlos ab 100 €",
        "Land | Preis",
        "AT | 9,90 €",
    ]
    assert all(passage.questions == article.questions for passage in article.passages)


def test_markdown_without_front_matter_uses_the_h1_and_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "returns.md", "# Returning an item\n\n## Label\nPrint the label.\n")
    article = load_article(path, Language.EN)
    assert (article.id, article.title) == ("returns", "Returning an item")
    assert article.passages[0].section == "Label"


def test_html_uses_title_and_h2_h3_sections(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Zahlungsarten</title><style>p {color: red}</style></head>
    <body><h1>Zahlungsarten</h1><p>Wir akzeptieren <b>PayPal</b> und Kreditkarte.</p>
    <h2>Rechnung</h2><p>Kauf auf Rechnung ist bis 1.500 € möglich.</p>
    <h3>Österreich</h3><ul><li>auch in Österreich</li><li>14 Tage Zahlungsziel</li></ul>
    <script>var tracking = 1;</script></body></html>"""
    article = load_article(write(tmp_path / "payment.html", html), Language.DE)
    assert article.title == "Zahlungsarten"
    assert [passage.heading for passage in article.passages] == [(), ("Rechnung",), ("Rechnung", "Österreich")]
    assert article.passages[0].text == "Wir akzeptieren PayPal und Kreditkarte."
    assert article.passages[2].text.splitlines() == ["auch in Österreich", "14 Tage Zahlungsziel"]
    assert all("tracking" not in passage.text and "color" not in passage.text for passage in article.passages)


def test_pdf_takes_the_first_line_as_title(tmp_path: Path) -> None:
    path = write(tmp_path / "garantie.pdf", pdf_bytes(["Garantie Plus", "Die Garantie gilt 5 Jahre ab Kauf."]))
    article = load_article(path, Language.DE)
    assert (article.id, article.title) == ("garantie", "Garantie Plus")
    assert article.passages[0].text == "Die Garantie gilt 5 Jahre ab Kauf."


def test_text_splits_on_blank_lines_and_reads_short_lines_as_headings(tmp_path: Path) -> None:
    text = (
        "Öffnungszeiten\n\nWir sind montags bis freitags\nvon 8 bis 20 Uhr erreichbar.\n\n"
        "Telefon\n\nDie Hotline erreichen Sie unter 0341 99887-0.\n\nSamstags von 9 bis 16 Uhr.\n"
    )
    article = load_article(write(tmp_path / "kontakt.txt", text), Language.DE)
    assert article.title == "Öffnungszeiten"
    assert [(passage.heading, passage.text) for passage in article.passages] == [
        ((), "Wir sind montags bis freitags von 8 bis 20 Uhr erreichbar."),
        (("Telefon",), "Die Hotline erreichen Sie unter 0341 99887-0."),
        (("Telefon",), "Samstags von 9 bis 16 Uhr."),
    ]


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "alt.txt", "Rückgabe\n\nDie Rückgabe ist 30 Tage möglich.\n".encode("cp1252"))
    assert load_article(path, Language.DE).title == "Rückgabe"


def test_broken_front_matter_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.md", "---\nid: broken\ntitle: [unclosed\nquestions: []\n---\n# T\n\ntext\n")
    with pytest.raises(KnowledgeFormatError) as caught:
        load_article(path, Language.DE)
    assert caught.value.path == path
    assert caught.value.line == 4  # where PyYAML notices the unclosed list
    assert str(caught.value).startswith(f"{path}:{caught.value.line}: invalid front matter")


def test_front_matter_with_wrong_type_names_the_key_line(tmp_path: Path) -> None:
    path = write(tmp_path / "typed.md", "---\nid: typed\ntitle: T\nquestions: 5.5\n---\n# T\n\ntext\n")
    with pytest.raises(KnowledgeFormatError, match="'questions' must be a list") as caught:
        load_article(path, Language.EN)
    assert caught.value.line == 4


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "open.md", "---\nid: open\ntitle: Open\n# Open\n\ntext\n")
    with pytest.raises(KnowledgeFormatError, match="never closed") as caught:
        load_article(path, Language.EN)
    assert caught.value.line == 1


def test_an_article_without_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.md", "---\nid: empty\ntitle: Empty\n---\n# Empty\n\n## Nothing here\n")
    with pytest.raises(KnowledgeFormatError, match="no text"):
        load_article(path, Language.EN)


def test_unreadable_pdf_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(KnowledgeFormatError, match="unreadable PDF") as caught:
        load_article(path, Language.DE)
    assert caught.value.path == path


def test_binary_junk_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path / "junk.txt", b"Titel\n\nText\n\x00\x01\x02\xff\xfe")
    with pytest.raises(KnowledgeFormatError, match="binary content") as caught:
        load_article(path, Language.DE)
    assert caught.value.line == 4


def test_unsupported_file_type_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeFormatError, match="unsupported file type '.docx'"):
        load_article(write(tmp_path / "faq.docx", b"PK\x03\x04"), Language.DE)


def test_knowledge_dir_loads_both_languages_with_relative_sources(tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    (tmp_path / "en").mkdir()
    write(tmp_path / "de" / "versand.md", MARKDOWN)
    write(tmp_path / "en" / "contact.txt", "Contact\n\nCall us on weekdays.\n")
    write(tmp_path / "en" / ".DS_Store", b"\x00\x00junk")
    articles = load_knowledge_dir(tmp_path)
    assert [(a.id, a.language, a.source) for a in articles] == [
        ("shipping-costs", Language.DE, "de/versand.md"),
        ("contact", Language.EN, "en/contact.txt"),
    ]


def test_duplicate_ids_in_one_language_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    write(tmp_path / "de" / "a.md", MARKDOWN)
    write(tmp_path / "de" / "b.md", MARKDOWN)
    with pytest.raises(KnowledgeFormatError, match="already used by a.md"):
        load_knowledge_dir(tmp_path)
