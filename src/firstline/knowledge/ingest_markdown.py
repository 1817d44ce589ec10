"""Markdown knowledge articles with YAML front matter."""

from __future__ import annotations

import re
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token

from firstline.knowledge.errors import KnowledgeFormatError
from firstline.knowledge.sections import ParsedDocument, SectionBuilder

_FENCE = re.compile(r"^-{3,}\s*$")
_TEXT_CHILDREN = {"text", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}


def parse_markdown(path: Path, text: str) -> ParsedDocument:
    """Parse front matter and split the body into sections at ``##`` and ``###``."""
    lines = text.splitlines()
    meta, body_start = _front_matter(path, lines)
    body = "\n".join(lines[body_start:])
    title, builder = _sections(body, line_offset=body_start)
    return ParsedDocument(
        title=_optional_str(path, lines, meta, "title") or title,
        sections=builder.sections(),
        article_id=_optional_str(path, lines, meta, "id"),
        questions=_str_list(path, lines, meta, "questions"),
        tags=_str_list(path, lines, meta, "tags"),
    )


def _front_matter(path: Path, lines: list[str]) -> tuple[dict[str, object], int]:
    """Return the front matter mapping and the index of the first body line."""
    if not lines or not _FENCE.match(lines[0]):
        return {}, 0
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise KnowledgeFormatError(path, 1, "front matter opened with '---' is never closed")
    try:
        meta = YAMLHandler().load("\n".join(lines[1:end]))
    except Exception as error:  # PyYAML raises several unrelated classes
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = 2 + int(getattr(mark, "line", -1)) if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise KnowledgeFormatError(path, line, f"invalid front matter: {problem}") from error
    if meta is None:
        return {}, end + 1
    if not isinstance(meta, dict):
        raise KnowledgeFormatError(path, 2, "front matter must be a mapping of keys to values")
    return {str(key): value for key, value in meta.items()}, end + 1


def _key_line(lines: list[str], key: str) -> int:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i + 1 for i, line in enumerate(lines) if pattern.match(line)), 1)


def _optional_str(path: Path, lines: list[str], meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeFormatError(path, _key_line(lines, key), f"'{key}' must be a non-empty text")
    return value.strip()


def _str_list(path: Path, lines: list[str], meta: dict[str, object], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, (str, int)) for item in value):
        raise KnowledgeFormatError(path, _key_line(lines, key), f"'{key}' must be a list of texts")
    return tuple(str(item).strip() for item in value if str(item).strip())


def _sections(body: str, *, line_offset: int) -> tuple[str | None, SectionBuilder]:
    """Walk markdown-it's token stream; h1 is the title, h2/h3 open sections."""
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    builder = SectionBuilder()
    title: str | None = None
    row: list[str] | None = None
    for index, token in enumerate(tokens):
        line = line_offset + (token.map[0] if token.map else 0) + 1
        if token.type == "heading_open":
            text = _inline_text(tokens[index + 1])
            level = int(token.tag[1])
            if level == 1 and title is None:
                title = text
            elif level <= 3:
                builder.heading(level, text, line)
            else:
                builder.block(text, line)
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            builder.block(" | ".join(cell for cell in row if cell), line)
            row = None
        elif token.type == "inline" and tokens[index - 1].type != "heading_open":
            if row is not None:
                row.append(_inline_text(token))
            else:
                builder.block(_inline_text(token), line)
        elif token.type in {"fence", "code_block"}:
            builder.block(token.content, line)
    return title, builder


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in _TEXT_CHILDREN:
            parts.append(child.content)
        elif child.type in _BREAKS:
            parts.append(" ")
    return " ".join("".join(parts).split())
