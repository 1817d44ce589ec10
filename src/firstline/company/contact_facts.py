"""How to reach the company, computed from ``company.yaml``: service hours, phone, e-mail, postal address.

Any company has these, so they work without a shop; the wording is the pack's (templates
``fact_hours``, ``fact_phone``, ``fact_email``, ``fact_postal_address``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time

from babel import Locale
from babel.dates import get_day_names

from firstline.company.schema import CompanyConfig
from firstline.domain.business_hours import BusinessHours
from firstline.domain.language import Language
from firstline.domain.shop_questions import ShopFact, ShopQuestion, ShopTopic

TEMPLATES = frozenset({"fact_hours", "fact_phone", "fact_email", "fact_postal_address"})
"""The response templates a pack needs for these answers (the demo pack's ``responses/*/contacts.yaml``)."""
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def contact_facts(
    question: ShopQuestion, config: CompanyConfig, hours: BusinessHours, language: Language
) -> tuple[ShopFact, ...]:
    """The contact answers to the contact topics of ``question``, in the order asked."""
    contacts = config.contacts
    facts: list[ShopFact] = []
    for topic in question.topics:
        if topic is ShopTopic.HOURS:
            variables = {"groups": _day_groups(hours, language), "timezone": config.timezone}
            facts.append(ShopFact(topic=topic, template="fact_hours", variables=variables))
        elif topic is ShopTopic.PHONE and contacts.phone:
            asked = [c for c in question.countries if c in contacts.phone]
            territories = Locale.parse(language.locale).territories
            numbers = [
                {"country": territories.get(c, c), "number": contacts.phone[c]} for c in (asked or list(contacts.phone))
            ]
            facts.append(ShopFact(topic=topic, template="fact_phone", variables={"numbers": numbers}))
        elif topic is ShopTopic.EMAIL:
            facts.append(ShopFact(topic=topic, template="fact_email", variables={"email": contacts.email}))
        elif topic is ShopTopic.POSTAL_ADDRESS and contacts.postal_address:
            variables = {"postal_address": contacts.postal_address}
            facts.append(ShopFact(topic=topic, template="fact_postal_address", variables=variables))
    return tuple(facts)


def _day_groups(hours: BusinessHours, language: Language) -> list[dict[str, str | None]]:
    """Runs of weekdays with the same hours: Monday to Friday 08:00–20:00, Saturday …, Sunday closed."""
    names = get_day_names("wide", locale=language.locale)
    groups: list[dict[str, str | None]] = []
    run: list[int] = []
    for index, day in enumerate(_DAYS):
        window = hours.hours.get(day)
        if run and hours.hours.get(_DAYS[run[0]]) == window:
            run.append(index)
            continue
        if run:
            groups.append(_group(run, hours, names))
        run = [index]
    groups.append(_group(run, hours, names))
    return groups


def _group(run: list[int], hours: BusinessHours, names: Mapping[int, str]) -> dict[str, str | None]:
    window = hours.hours.get(_DAYS[run[0]])
    return {
        "first": str(names[run[0]]),  # babel counts from Monday = 0
        "last": str(names[run[-1]]) if len(run) > 1 else None,
        "opens": _clock(window[0]) if window else None,
        "closes": _clock(window[1]) if window else None,
    }


def _clock(moment: time) -> str:
    """8:00, 16:30: hours as people write them, without a leading zero."""
    return f"{moment.hour}:{moment.minute:02d}"
