"""What kind of answer a question asks for, and whether a sentence gives it.

"Was ist eure E-Mail-Adresse?" wants a sentence with an e-mail address, "Wohin kann ich einen
Brief schicken?" one with a postal address, "wie lange widerrufsfrist?" one with a duration:
similarity alone quotes the neighbouring sentence of the same section (the postal address for
the e-mail question). "Wie viele Mitarbeiter hat Voltaro?" wants a number of employees; an
article that never counts them does not answer it, however close its topic.

Cues are matched on folded text (``fold``: lower case, no diacritics) as whole words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from firstline.knowledge.analysis import Analyzer, fold


class AnswerKind(Enum):
    """A kind of answer that can be recognised in a sentence."""

    EMAIL = "email"
    PHONE = "phone"
    POSTAL_ADDRESS = "postal_address"
    PRICE = "price"
    DURATION = "duration"
    COUNT = "count"
    """A number of something: the counted noun must be in the sentence too."""
    AGE = "age"
    RATE = "rate"
    """An amount per period or unit: the period or unit must be in the sentence ("11,50 € im Monat")."""


STRICT_KINDS = frozenset({AnswerKind.COUNT, AnswerKind.AGE})
"""Kinds whose absence from an article means the article does not answer the question.

A count or an age is either stated or not; an article about the company that never counts
its employees has no answer to "how many employees". The other kinds only choose sentences:
"Was kostet …" may be answered by "kostenlos" in words the patterns do not know.
"""


@dataclass(frozen=True, slots=True)
class Wanted:
    """One kind of answer a question asks for."""

    kind: AnswerKind
    noun: str = ""
    """For a count: the stem of the counted noun ("mitarbeit" for "wie viele Mitarbeiter")."""


_NUMBER_WORDS = (
    r"\d+|ein|eine|einen|einem|einer|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|elf|zwolf|zwanzig|dreissig"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|a|an"
)
_UNITS = (
    r"tag|tage|tagen|tagig|werktag|werktage|werktagen|woche|wochen|monat|monate|monaten|jahr|jahre|jahren"
    r"|stunde|stunden|minute|minuten|day|days|working day|working days|week|weeks|month|months|year|years"
    r"|hour|hours|minutes"
)

_QUESTION_CUES: dict[AnswerKind, re.Pattern[str]] = {
    # "An wen wende ich mich?", "Who do I contact?": the way to reach them, written (an e-mail address).
    AnswerKind.EMAIL: re.compile(
        r"\b(?:e[\s-]?mail|mail)(?:[\s-]?(?:adresse|address))?\b|\ban wen\b|\bwende ich mich\b"
        r"|\bwho (?:do|should|can) i (?:contact|write to|ask)\b|\bwhom? (?:do i|to) contact\b"
    ),
    AnswerKind.PHONE: re.compile(
        r"\b(?:telefonnummer|rufnummer|telefon|hotline|anrufen|phone|telephone|call (?:you|us))\b"
    ),
    AnswerKind.POSTAL_ADDRESS: re.compile(
        r"\b(?:adresse|anschrift|postanschrift|postadresse|brief|address|postal|letter|mailing)\b"
    ),
    AnswerKind.PRICE: re.compile(
        # "Preis"/"price" name a topic ("Are your prices including VAT?"), not a request for an amount
        r"\b(?:kostet|kosten|teuer|gebuhr|gebuhren|how much|cost|costs|fee|fees|charge)\b"
    ),
    AnswerKind.DURATION: re.compile(
        r"\b(?:wie lange?|how long|frist|fristen|dauer|dauert|period|duration|wie schnell|how (?:fast|quickly|soon))\b"
        r"|\w+frist\b"
    ),
    AnswerKind.AGE: re.compile(r"\b(?:wie alt|how old)\b"),
}
_KWH = re.compile(r"\b(?:kwh|kilowattstunde\w*|kilowatt[\s-]?hours?)\b")
_CUBIC_METRE = re.compile(r"\b(?:kubikmeter\w*|m3|cubic met(?:re|er)s?)\b|m³")
_RATES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    # per … in the question → what the sentence must name
    "month": (
        re.compile(r"\b(?:monatlich\w*|im monat|pro monat|je monat|per month|a month|monthly|each month)\b"),
        re.compile(r"\b(?:monat\w*|month\w*)\b"),
    ),
    "year": (
        re.compile(r"\b(?:jahrlich\w*|im jahr|pro jahr|je jahr|per year|a year|yearly|annual\w*|each year)\b"),
        re.compile(r"\b(?:jahr\w*|year\w*|annual\w*)\b"),
    ),
    # a unit is asked for and stated with the same words
    "kwh": (_KWH, _KWH),
    "cubic_metre": (_CUBIC_METRE, _CUBIC_METRE),
}
"""The rates a question can ask for ("der monatliche Grundpreis", "per kWh"), and how a sentence names them."""
_COUNT_CUE = re.compile(r"\b(?:wie ?viele|how many)\s+(\w+)")

_SENTENCE_PATTERNS: dict[AnswerKind, re.Pattern[str]] = {
    AnswerKind.EMAIL: re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    AnswerKind.PHONE: re.compile(r"\+\d{1,3}[\s\d/-]{6,}\d"),
    AnswerKind.POSTAL_ADDRESS: re.compile(
        # "Hauptstraße 5, 01067 Dresden": the street type ends a compound, so no word boundary before it
        r"(?:strasse|str\.|weg|platz|allee|street|road)\s+\d+\w?,?\s+(?:[a-z]{1,2}-)?\d{4,5}\s+\w+"
    ),
    AnswerKind.PRICE: re.compile(
        # an amount of money, a share ("19 % VAT", "15 % Rabatt") or none at all
        r"\d+(?:[.,]\d{2})?\s?(?:€|eur\b|euro\b|chf\b|franken\b)|(?:€|chf)\s?\d+|\d+(?:[.,]\d+)?\s?%"
        r"|\b(?:kostenlos|kostenfrei|gratis"
        r"|ohne aufpreis|ohne zusatzkosten|keine kosten|im preis enthalten|free of charge|free|no charge|at no cost"
        r"|no extra cost|included in the price)\b"
    ),
    AnswerKind.DURATION: re.compile(rf"\b(?:{_NUMBER_WORDS})(?:[\s-]+|-)(?:{_UNITS})\b"),
    AnswerKind.AGE: re.compile(r"\b\d+\s+(?:jahre|jahren|years?)\b|\b(?:volljahrig|of age|gegrundet|founded)\b"),
}
_WORD = re.compile(r"[^\W_]+")
COUNT_REACH = 2
"""Words before the counted noun where its number may stand ("30 Tage", "zwei weitere Gutscheine")."""
_COUNTED = re.compile(
    r"\b(?:\d+|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|elf|zwolf|zwanzig|dreissig|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|(?:genau|nur|hochstens|maximal|mindestens|exactly|only"
    r"|at most|at least) (?:ein|eine|einen|a|an))\b"
)
"""A stated number; "ein"/"a" only with a word that makes it one ("genau ein"), not the article."""


def wanted_answers(question: str, analyzer: Analyzer) -> frozenset[Wanted]:
    """The kinds of answer ``question`` asks for (often none)."""
    text = fold(question)
    wanted = {Wanted(kind) for kind, cue in _QUESTION_CUES.items() if cue.search(text)}
    if Wanted(AnswerKind.EMAIL) in wanted and not _QUESTION_CUES[AnswerKind.POSTAL_ADDRESS].search(
        _QUESTION_CUES[AnswerKind.EMAIL].sub(" ", text)
    ):
        # "E-Mail-Adresse" asks for an e-mail address, not a postal one.
        wanted.discard(Wanted(AnswerKind.POSTAL_ADDRESS))
    wanted |= {Wanted(AnswerKind.RATE, rate) for rate, (cue, _) in _RATES.items() if cue.search(text)}
    for match in _COUNT_CUE.finditer(text):
        words = analyzer.words(match.group(1))
        if words:
            wanted.add(Wanted(AnswerKind.COUNT, words[0].stem))
    return frozenset(wanted)


def gives(sentence: str, wanted: Wanted, analyzer: Analyzer) -> bool:
    """Whether ``sentence`` contains the kind of answer wanted."""
    text = fold(sentence)
    if wanted.kind is AnswerKind.COUNT:
        return any(_counts(text, noun.end(), analyzer) for noun in _nouns(text, wanted.noun, analyzer))
    if wanted.kind is AnswerKind.RATE:
        # "drei Monate" is a duration; a rate is a number per month: "11,50 € im Monat", "32,90 ct/kWh".
        return _RATES[wanted.noun][1].search(text) is not None and re.search(r"\d", text) is not None
    return _SENTENCE_PATTERNS[wanted.kind].search(text) is not None


def _nouns(text: str, stem: str, analyzer: Analyzer) -> list[re.Match[str]]:
    """The words of folded ``text`` that are, or end a compound with, the counted noun."""
    return [
        match
        for match in _WORD.finditer(text)
        if any(stem == word.stem or stem in word.parts for word in analyzer.words(match.group()))
    ]


def _counts(text: str, noun_end: int, analyzer: Analyzer) -> bool:
    """A number stands right before the noun, at most one word between: "14 Tagen", "genau ein Gutschein"."""
    before = text[:noun_end].split()[-(COUNT_REACH + 1) :]
    return _COUNTED.search(" ".join(before)) is not None


def gives_any(sentence: str, wanted: frozenset[Wanted], analyzer: Analyzer) -> bool:
    """Whether ``sentence`` gives at least one of the wanted kinds; a rate asked for must be named.

    "Wie hoch ist der monatliche Grundpreis?" is not answered by the yearly example sentence,
    however many euros it states.
    """
    rates = [one for one in wanted if one.kind is AnswerKind.RATE]
    if rates:
        return all(gives(sentence, one, analyzer) for one in rates)
    return any(gives(sentence, one, analyzer) for one in wanted)
