"""The German and English words that name days, months and directions in time."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jaenner": 1, "january": 1, "jan": 1,
    "februar": 2, "feber": 2, "february": 2, "feb": 2,
    "märz": 3, "maerz": 3, "march": 3, "mär": 3, "mrz": 3, "mar": 3,
    "april": 4, "apr": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "october": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "dezember": 12, "december": 12, "dez": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "montag": 0, "monday": 0, "dienstag": 1, "tuesday": 1, "mittwoch": 2,
    "wednesday": 2, "donnerstag": 3, "thursday": 3, "freitag": 4, "friday": 4,
    "samstag": 5, "sonnabend": 5, "saturday": 5, "sonntag": 6, "sunday": 6,
}  # fmt: skip
DAY_OFFSETS: dict[str, int] = {
    "heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "übermorgen": 2,
    "uebermorgen": 2, "the day after tomorrow": 2, "day after tomorrow": 2,
    "gestern": -1, "yesterday": -1, "vorgestern": -2, "the day before yesterday": -2,
    "day before yesterday": -2,
}  # fmt: skip
NEXT = frozenset(
    "next coming nächsten nächster nächste naechsten naechster naechste kommenden kommender kommende".split()
)
THIS = frozenset("this diesen dieser diese".split())
LAST = frozenset(
    "last past previous letzten letzter letzte vergangenen vergangener vergangene vorigen voriger vorige".split()
)
FUTURE_PREPOSITIONS = frozenset("bis by until till ab from".split())
PAST_PREPOSITIONS = frozenset("seit since".split())
UNIT_DAYS: dict[str, tuple[int, int]] = {
    # unit word → (days, months): months are added by calendar, not as 30 days.
    "tag": (1, 0), "tage": (1, 0), "tagen": (1, 0), "day": (1, 0), "days": (1, 0),
    "woche": (7, 0), "wochen": (7, 0), "week": (7, 0), "weeks": (7, 0),
    "fortnight": (14, 0), "fortnights": (14, 0),
    "monat": (0, 1), "monate": (0, 1), "monaten": (0, 1), "monats": (0, 1),
    "month": (0, 1), "months": (0, 1),
    "jahr": (0, 12), "jahre": (0, 12), "jahren": (0, 12), "year": (0, 12), "years": (0, 12),
}  # fmt: skip
ONE_WORDS = frozenset("a an one ein eine einer einem einen".split())
COUPLE_WORDS = frozenset({"a couple of", "a couple", "couple of", "ein paar", "paar"})
# Words that put a bare weekday ("am Montag") in the past. Auxiliaries alone ("habe",
# "hat") do not: "ich habe am Montag Zeit" is about the future.
PAST_CUES = frozenset(
    "was were did had ordered received arrived came got bought paid sent shipped "
    "delivered returned happened broke called wrote placed cancelled canceled ago since "
    "war waren hatte hatten kam kamen bekam bekamen bestellt geliefert gekauft bezahlt "
    "erhalten bekommen geschickt zurückgeschickt angekommen gekommen geschrieben "
    "angerufen storniert versandt verschickt zugestellt seit".split()
)


def alternation(words: Iterable[str]) -> str:
    """Build a regex alternation that tries longer words first."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
