"""Errors raised while loading knowledge articles."""

from __future__ import annotations

from pathlib import Path


class KnowledgeFormatError(Exception):
    """A knowledge file cannot be used: names the file, the line and what is wrong."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        """1-based line of the problem; 1 when the whole file is at fault."""
        self.message = message
