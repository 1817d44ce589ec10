"""The shape every source format is parsed into before it becomes an ``Article``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """Text under one heading path, as blocks (paragraphs, list items, table rows)."""

    heading: tuple[str, ...]
    blocks: tuple[str, ...]
    line: int
    """1-based line where the section starts in its file."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedDocument:
    """A source file's title, metadata and sections, independent of its format."""

    title: str | None
    sections: tuple[Section, ...]
    article_id: str | None = None
    questions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


class SectionBuilder:
    """Collects blocks under a heading path that changes as headings are met."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []
        self._blocks: list[str] = []
        self._line = 1
        self._sections: list[Section] = []

    def heading(self, level: int, text: str, line: int) -> None:
        """Close the current section and open one below ``text`` at ``level``."""
        self._flush()
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, text))
        self._line = line

    def split(self, line: int) -> None:
        """Close the current section; the next blocks keep the heading path."""
        self._flush()
        self._line = line

    def block(self, text: str, line: int) -> None:
        """Add a block of text to the current section."""
        cleaned = " ".join(text.split())
        if cleaned:
            if not self._blocks and not self._stack:
                self._line = line
            self._blocks.append(cleaned)

    def sections(self) -> tuple[Section, ...]:
        """All non-empty sections in document order."""
        self._flush()
        return tuple(self._sections)

    def _flush(self) -> None:
        if self._blocks:
            heading = tuple(text for _, text in self._stack)
            self._sections.append(Section(heading=heading, blocks=tuple(self._blocks), line=self._line))
        self._blocks = []
