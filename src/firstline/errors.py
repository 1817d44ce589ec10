"""firstline's exceptions.

* FirstlineError
  + CompanyPackError        the pack is invalid: carries file, line and what is wrong
  + NotFound                unknown conversation, customer, article
  + InvalidTransition       not allowed in the current state (replying before taking over, deciding twice)
  + InvalidInput            empty, oversized, binary or malformed input
  + PolicyDenied            an action is not allowed; carries the customer-facing reason
  + ProviderError           an LLM, mail or backend call failed
    - ProviderUnavailable   retryable
"""

from __future__ import annotations

from pathlib import Path


class FirstlineError(Exception):
    """Base class of every error firstline raises on purpose."""


class CompanyPackError(FirstlineError):
    """A company pack file is invalid; the message names the file, the line and the problem."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else f"{self.path}"
        super().__init__(f"{where}: {problem}")


class NotFound(FirstlineError):
    """Something asked for by id does not exist."""


class InvalidTransition(FirstlineError):
    """The conversation or ticket is not in a state that allows this (e.g. replying before taking over)."""


class InvalidInput(FirstlineError):
    """Input that cannot be processed: empty, oversized, binary or malformed."""


class PolicyDenied(FirstlineError):
    """An action is not allowed by the company's rules."""

    def __init__(self, rule: str, reason: str) -> None:
        self.rule = rule
        self.reason = reason
        super().__init__(f"{rule}: {reason}")


class ProviderError(FirstlineError):
    """An external provider (LLM, mail, backend) failed."""


class ProviderUnavailable(ProviderError):
    """An external provider is temporarily unavailable; retrying may help."""
