"""Turns the dialogue's utterances into reply texts in the customer's language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Any

import structlog
from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from firstline.company.model import Company
from firstline.domain.business_hours import BusinessHours
from firstline.domain.conversation import Reply
from firstline.domain.language import Language
from firstline.domain.utterance import Utterance
from firstline.responses import formatting

log = structlog.get_logger()
_EXTRA_SPACE = re.compile(r"[ \t]{2,}")


class Responder:
    """Renders templates from the company pack with locale-aware filters."""

    def __init__(self, company: Company) -> None:
        self._company = company
        self._hours = company.business_hours
        self._environments = {language: self._environment(language) for language in company.responses}
        self._compiled: dict[tuple[Language, str], Template] = {}

    @property
    def business_hours(self) -> BusinessHours:
        """The company's opening hours."""
        return self._hours

    def _environment(self, language: Language) -> SandboxedEnvironment:
        # Sandboxed: templates come from a company pack, which we treat as untrusted input.
        environment = SandboxedEnvironment(autoescape=False, trim_blocks=True, lstrip_blocks=True)
        environment.filters.update(
            money=partial(formatting.money, language=language),
            number=partial(formatting.number, language=language),
            date=partial(formatting.long_date, language=language),
            datetime=partial(formatting.date_time, language=language),
            time=partial(formatting.clock, language=language),
            weekday=partial(formatting.weekday, language=language),
            listing=partial(formatting.listing, language=language),
            days=partial(formatting.day_range, language=language),
            capitalize_first=partial(formatting.capitalize_first, language=language),
        )
        return environment

    def render(self, utterances: Sequence[Utterance], language: Language, now: datetime) -> list[Reply]:
        """One reply per utterance; knowledge answers keep their citation."""
        replies = []
        for utterance in utterances:
            if utterance.text is not None:
                citations = (utterance.citation,) if utterance.citation else ()
                replies.append(Reply(text=utterance.text, citations=citations))
            elif utterance.template is not None:
                text = self.text(utterance.template, language, now, utterance.variables)
                if text:
                    buttons = tuple(b for b in (self.text(t, language, now, {}) for t in utterance.buttons) if b)
                    citations = (utterance.citation,) if utterance.citation else ()
                    replies.append(Reply(text=text, buttons=buttons, citations=citations))
        return replies

    def text(self, template_id: str, language: Language, now: datetime, variables: dict[str, Any]) -> str:
        """Render one template; a missing template is logged and yields nothing."""
        source = self._company.responses.get(language, {}).get(template_id)
        if source is None:
            log.warning("responses.missing_template", template=template_id, language=language.value)
            return ""
        key = (language, template_id)
        if key not in self._compiled:
            self._compiled[key] = self._environments[language].from_string(source)
        try:
            rendered = self._compiled[key].render(self._context(language, now, variables))
            # Templates are folded YAML with Jinja blocks: tidy the spaces they leave behind.
            return _EXTRA_SPACE.sub(" ", rendered).strip()
        except TemplateError as error:
            log.error("responses.render_failed", template=template_id, error=str(error))
            return ""

    def _context(self, language: Language, now: datetime, variables: dict[str, Any]) -> dict[str, Any]:
        config, rules = self._company.config, self._company.rules
        localised = {
            k: v.get(language.value, next(iter(v.values()), "")) if _is_bilingual(v) else v
            for k, v in variables.items()
        }
        return {
            **localised,
            "company": {
                "name": config.name,
                "legal_name": config.legal_name or config.name,
                "email": config.contacts.email,
                "phone": config.contacts.phone,
                "website": config.contacts.website,
                "facts": {
                    key: value.get(language.value, next(iter(value.values()), "")) if isinstance(value, dict) else value
                    for key, value in config.facts.items()
                },
            },
            "humans": self._humans(now),
            "rules": {
                "return_window_days": rules.return_window_days,
                "withdrawal_days": rules.withdrawal_days,
                "goodwill_default": rules.goodwill_default,
                "refund_limit": rules.refund_limit,
                **rules.limits,
            },
            "now": now,
            "today": now.astimezone(self._hours.timezone).date(),
        }

    def _humans(self, now: datetime) -> dict[str, Any]:
        """Whether people are in now, and when they next are: ``today``, ``tomorrow`` or ``later``."""
        opening = self._hours.next_opening(now)
        today = now.astimezone(self._hours.timezone).date()
        when = "later"
        if opening is not None and opening.date() == today:
            when = "today"
        elif opening is not None and (opening.date() - today).days == 1:
            when = "tomorrow"
        return {"open_now": self._hours.is_open(now), "next_opening": opening, "when": when}


def _is_bilingual(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= {"de", "en"}
