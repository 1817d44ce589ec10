"""YAML files with line numbers, so that pack errors can name the line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from firstline.errors import CompanyPackError

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file into ruamel's round-trip nodes, which remember their lines."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CompanyPackError(path, None, f"cannot read file: {error.strerror}") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CompanyPackError(path, line, "file is not valid UTF-8") from error
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        yaml_line: int | None = mark.line + 1 if mark is not None else None
        raise CompanyPackError(path, yaml_line, f"invalid YAML: {error.problem or error.context}") from error


def line_of(node: Any, location: Sequence[str | int] = ()) -> int | None:
    """The 1-based line of the value at ``location`` inside ``node`` (as close as known)."""
    line: int | None = _own_line(node)
    for key in location:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def _own_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def to_plain(node: Any) -> Any:
    """Convert ruamel nodes to plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def validate(model: type[ModelT], node: Any, path: Path) -> ModelT:
    """Validate a YAML node with a pydantic model; the first error names file and line."""
    try:
        return model.model_validate(to_plain(node))
    except ValidationError as error:
        first = error.errors()[0]
        location = [part for part in first["loc"] if isinstance(part, (str, int))]
        where = ".".join(str(part) for part in location) or "(top level)"
        raise CompanyPackError(path, line_of(node, location), f"{where}: {first['msg']}") from error
