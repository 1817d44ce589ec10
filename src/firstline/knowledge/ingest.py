"""Load knowledge articles from Markdown, HTML, PDF and plain-text files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from firstline.domain.language import SUPPORTED_LANGUAGES, Language
from firstline.knowledge.errors import KnowledgeFormatError
from firstline.knowledge.ingest_documents import parse_html, parse_plain_text, pdf_text
from firstline.knowledge.ingest_markdown import parse_markdown
from firstline.knowledge.model import Article, ArticleId, Passage
from firstline.knowledge.sections import ParsedDocument

_TEXT_PARSERS: dict[str, Callable[[Path, str], ParsedDocument]] = {
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
    ".txt": lambda _path, text: parse_plain_text(text),
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset({*_TEXT_PARSERS, ".pdf"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ID = re.compile(r"^[\w.-]+$")


def load_article(path: Path, language: Language, *, source: str | None = None) -> Article:
    """Parse one article file; raise ``KnowledgeFormatError`` naming file and line."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise KnowledgeFormatError(path, 1, f"unsupported file type {suffix!r} ({supported})")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KnowledgeFormatError(path, 1, f"cannot read file: {error.strerror}") from error
    if suffix == ".pdf":
        parsed = parse_plain_text(pdf_text(path, data))
    else:
        parsed = _TEXT_PARSERS[suffix](path, decode_text(path, data))
    return _article(path, language, parsed, source or path.as_posix())


def decode_text(path: Path, data: bytes) -> str:
    """Decode UTF-8 (or Windows-1252, common for German text files); reject binary."""
    match = _CONTROL.search(data.decode("latin-1"))
    if match is not None:
        line = data.count(b"\n", 0, match.start()) + 1
        raise KnowledgeFormatError(path, line, f"binary content (byte 0x{ord(match.group()):02x}); expected text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, error.start) + 1
            raise KnowledgeFormatError(path, line, "text is neither UTF-8 nor Windows-1252") from error


def _article(path: Path, language: Language, parsed: ParsedDocument, source: str) -> Article:
    article_id = ArticleId(parsed.article_id or path.stem)
    if not _ID.match(article_id):
        raise KnowledgeFormatError(
            path, 1, f"article id {article_id!r} may hold only letters, digits, '.', '_' and '-'"
        )
    if not parsed.sections:
        raise KnowledgeFormatError(path, 1, "the article has no text")
    title = parsed.title or path.stem
    passages = tuple(
        Passage(
            article_id=article_id,
            title=title,
            heading=section.heading,
            text="\n".join(section.blocks),
            language=language,
            source=source,
            questions=parsed.questions,
        )
        for section in parsed.sections
    )
    return Article(
        id=article_id,
        title=title,
        language=language,
        source=source,
        passages=passages,
        questions=parsed.questions,
        tags=parsed.tags,
    )


def load_knowledge_dir(root: Path) -> list[Article]:
    """Load ``root/de/*`` and ``root/en/*``; ids must be unique within a language."""
    articles: list[Article] = []
    for language in SUPPORTED_LANGUAGES:
        folder = root / language.value
        if not folder.is_dir():
            continue
        seen: dict[str, Path] = {}
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            article = load_article(path, language, source=path.relative_to(root).as_posix())
            if article.id in seen:
                raise KnowledgeFormatError(
                    path, 1, f"article id {article.id!r} is already used by {seen[article.id].name}"
                )
            seen[article.id] = path
            articles.append(article)
    return articles
