"""HTML, PDF and plain-text knowledge articles."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser, LexborNode

from firstline.knowledge.errors import KnowledgeFormatError
from firstline.knowledge.sections import ParsedDocument, SectionBuilder

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
_BLOCKS = {
    "p", "div", "li", "tr", "pre", "blockquote", "dt", "dd", "section", "article",
    "h4", "h5", "h6", "br", "ul", "ol", "table", "figcaption", "address",
}  # fmt: skip
_CELLS = {"td", "th"}
_LIST_LINE = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_MAX_HEADING_CHARS = 80


def parse_html(path: Path, text: str) -> ParsedDocument:
    """Use ``<title>`` (or the first ``<h1>``) as title; ``<h2>``/``<h3>`` open sections."""
    tree = LexborHTMLParser(text)
    head_title = tree.css_first("title")
    title = _clean(head_title.text()) if head_title is not None else ""
    tree.strip_tags(["script", "style", "noscript", "template", "head"])
    builder = SectionBuilder()
    root = tree.body or tree.root
    if root is None:
        return ParsedDocument(title=title or None, sections=())
    buffer: list[str] = []
    for node in root.traverse(include_text=True):
        tag = node.tag or ""
        if tag == "-text":
            if _heading_ancestor(node) is None:
                buffer.append(node.text_content or "")
        elif tag in _HEADINGS:
            _flush(builder, buffer)
            heading = _clean(node.text(separator=" "))
            if _HEADINGS[tag] == 1 and not title:
                title = heading
            elif _HEADINGS[tag] > 1 or heading != title:
                builder.heading(max(_HEADINGS[tag], 2), heading, 1)
        elif tag in _BLOCKS:
            _flush(builder, buffer)
        elif tag in _CELLS and buffer:
            buffer.append(" | ")
    _flush(builder, buffer)
    return ParsedDocument(title=title or None, sections=builder.sections())


def _heading_ancestor(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None and parent.tag not in {"body", "html"}:
        if parent.tag in _HEADINGS:
            return parent
        parent = parent.parent
    return None


def _flush(builder: SectionBuilder, buffer: list[str]) -> None:
    builder.block("".join(buffer), 1)
    buffer.clear()


def _clean(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path, data: bytes) -> str:
    """Extract the text of every page; pages are separated by a blank line."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many unrelated classes on broken files
        raise KnowledgeFormatError(path, 1, f"unreadable PDF: {error}") from error
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise KnowledgeFormatError(path, 1, "the PDF has no extractable text (a scan? run OCR and add the text)")
    return text


def parse_plain_text(text: str) -> ParsedDocument:
    """First line is the title; blank lines separate paragraphs, one passage each.

    A paragraph of one short line without closing punctuation is read as a heading
    for the paragraphs after it, because plain-text FAQs usually look that way.
    """
    builder = SectionBuilder()
    title: str | None = None
    for start, lines in _paragraphs(text):
        if title is None:
            title = lines[0].lstrip("# ").strip()
            lines = lines[1:]
            start += 1
            if not lines:
                continue
        if _looks_like_heading(lines):
            builder.heading(2, lines[0].lstrip("# ").strip(), start)
            continue
        builder.split(start)
        for offset, block in _blocks(lines):
            builder.block(block, start + offset)
    return ParsedDocument(title=title, sections=builder.sections())


def _paragraphs(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated paragraphs with the 1-based line of their first line."""
    paragraphs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                paragraphs.append((number, current))
            current.append(line.strip())
        else:
            current = []
    return paragraphs


def _looks_like_heading(lines: list[str]) -> bool:
    line = lines[0]
    return (
        len(lines) == 1
        and (line.startswith("#") or len(line) <= _MAX_HEADING_CHARS)
        and not line.rstrip().endswith((".", "!", "?", ":", ";", ","))
        and not _LIST_LINE.match(line)
    )


def _blocks(lines: list[str]) -> list[tuple[int, str]]:
    """Join hard-wrapped lines; list items stay blocks of their own."""
    blocks: list[tuple[int, str]] = []
    for offset, line in enumerate(lines):
        if not blocks or _LIST_LINE.match(line):
            blocks.append((offset, line))
        else:
            blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]} {line}")
    return blocks
