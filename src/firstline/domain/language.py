"""The languages firstline speaks."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """A language the agent can hold a conversation in."""

    DE = "de"
    EN = "en"

    @property
    def locale(self) -> str:
        """The Babel/CLDR locale used to format money, dates and numbers."""
        return {"de": "de_DE", "en": "en_GB"}[self.value]


SUPPORTED_LANGUAGES: tuple[Language, ...] = (Language.DE, Language.EN)
