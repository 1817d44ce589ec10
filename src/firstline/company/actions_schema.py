"""``actions.yaml``: the company's own actions (calls to its systems, or Python plugins) as pydantic models."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_PLUGIN = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")

OutputType = Literal["text", "integer", "decimal", "money", "date", "boolean", "list"]
ErrorKey = str
"""An HTTP status (``404``), a class (``4xx``, ``5xx``), ``timeout``, ``unreachable``, ``invalid_response``,
``not_found`` (a table lookup), a plugin's error code, or ``default``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SystemConfig(_Strict):
    """One of the company's systems that actions call over HTTP."""

    url: str | None = None
    """The base URL; settings ``systems.<name>.url`` (env ``FIRSTLINE_SYSTEMS__<NAME>__URL``) overrides it."""
    headers: dict[str, str] = {}
    """Sent with every call; ``${NAME}`` is replaced by the secret ``NAME`` (settings ``secrets`` or environment)."""
    timeout_seconds: float = Field(default=5.0, gt=0, le=120)
    retries: int = Field(default=1, ge=0, le=5)
    """Extra attempts after a timeout, a refused connection or a 5xx; only for idempotent calls."""
    simulator: str | None = None
    """A pack file with an ASGI ``app`` used in-process when no URL is configured (demo packs, tests)."""

    @model_validator(mode="after")
    def _somewhere(self) -> SystemConfig:
        if self.url is None and self.simulator is None:
            raise ValueError("a system needs 'url' (overridable in settings) or 'simulator'")
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"url must start with http:// or https://, not {self.url!r}")
        return self


class OutputField(_Strict):
    """Where a result value is in the system's JSON answer, and its type."""

    path: str = Field(min_length=1)
    """Dotted path into the answer; list items by number (``meters.0.last_reading``)."""
    type: OutputType = "text"
    required: bool = False
    """A missing or mistyped value makes the answer invalid (the ``invalid_response`` error)."""


class ErrorHandling(_Strict):
    """What the customer gets when a call fails this way."""

    say: str | None = None
    """Response template."""
    ask_again: list[str] = []
    """Slots the flow asks for again (a contract number the system does not know)."""
    handoff: str | None = None
    """Hand the conversation to a person for this reason."""
    outcome: Literal["failed", "denied", "not_found"] = "failed"
    """The ``<action>_outcome`` slot flows branch on."""


class ActionConfig(_Strict):
    """One action the pack's flows may call."""

    description: str | None = None
    system: str | None = None
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"] = "GET"
    path: str | None = None
    """Appended to the system's URL; ``{slot}`` placeholders are filled from the input."""
    python: str | None = None
    """``module:function`` of a plugin (or the name of an entry point in group ``firstline.actions``)."""
    table: str | None = None
    """A pack file (CSV, or JSON list of objects) to look a row up in: every input field must match."""
    ticket: str | None = None
    """Open a ticket of this kind (``rules.yaml`` tickets) with the input fields as its details."""
    input: dict[str, str] | list[str] = []
    """Slots sent: a list of slot names, or a mapping of the system's field name to the slot name."""
    required: list[str] = []
    """Input fields that must be set; without them the action fails before calling anything."""
    output: dict[str, str | OutputField] = {}
    """Slot name → path in the answer (or a mapping with path, type, required)."""
    errors: dict[ErrorKey, ErrorHandling] = {}
    changes_data: bool = False
    """Writes something: then rules.yaml must declare its rules; never retried unless idempotent."""
    verifies: str | None = None
    """A verification action: on success the customer counts as verified, identified by this output or input."""

    @model_validator(mode="after")
    def _shape(self) -> ActionConfig:
        self._kind()
        fields = set(self.input_fields())
        for name in _PLACEHOLDER.findall(self.path or ""):
            if name not in fields:
                raise ValueError(f"path placeholder '{{{name}}}' is not one of the input fields")
        for name in self.required:
            if name not in fields:
                raise ValueError(f"required field '{name}' is not one of the input fields")
        for key in self.errors:
            if not _error_key(key):
                raise ValueError(
                    f"errors: '{key}' is not a status (404), a class (4xx), timeout, unreachable, "
                    "invalid_response, default or a plugin's error code"
                )
        if self.verifies is not None and self.verifies not in fields | set(self.output):
            raise ValueError(f"verifies: '{self.verifies}' is neither an input field nor an output slot")
        return self

    def _kind(self) -> None:
        if sum(kind is not None for kind in (self.system, self.python, self.table, self.ticket)) != 1:
            raise ValueError(
                "an action needs one of 'system' (HTTP), 'table' (a lookup), 'ticket' (a case) or 'python' (a plugin)"
            )
        if self.table is not None and not self.input:
            raise ValueError("a table lookup needs 'input': the fields that must match")
        if self.python is not None and not (_PLUGIN.match(self.python) or _NAME.match(self.python)):
            raise ValueError("python must be 'module:function' or the name of a firstline.actions entry point")
        if self.system is not None and not (self.path or "").startswith("/"):
            raise ValueError("an HTTP action needs 'path' starting with '/', e.g. /contracts/{contract_number}")

    def input_fields(self) -> dict[str, str]:
        """The system's field name → the slot it comes from."""
        if isinstance(self.input, list):
            return {name: name for name in self.input}
        return dict(self.input)

    def outputs(self) -> dict[str, OutputField]:
        """Slot name → where its value is in the answer."""
        return {
            slot: spec if isinstance(spec, OutputField) else OutputField(path=spec)
            for slot, spec in self.output.items()
        }


def _error_key(key: str) -> bool:
    return bool(re.fullmatch(r"[1-5]\d\d|[1-5]xx|[a-z][a-z0-9_]*", key))


class ActionsConfig(_Strict):
    """``actions.yaml``."""

    systems: dict[str, SystemConfig] = {}
    actions: dict[str, ActionConfig] = {}

    @field_validator("systems", "actions")
    @classmethod
    def _names(cls, value: dict[str, object]) -> dict[str, object]:
        for name in value:
            if not _NAME.match(name):
                raise ValueError(f"'{name}': names are lower case letters, digits and '_'")
        return value
