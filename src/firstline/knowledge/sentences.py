"""Sentence splitting that survives German abbreviations, ordinals and prices."""

from __future__ import annotations

import re

from firstline.domain.language import Language

_CANDIDATE = re.compile(r"[.!?…]+[\"'“”»«)\]]*\s+")
_LAST_WORD = re.compile(r"(\S+)$")
_OPENING = re.compile(r"^[\"'„“»«(\[]*(\S)")
_ORDINAL = re.compile(r"^\(?\d{1,2}$")

_ABBREVIATIONS: dict[Language, frozenset[str]] = {
    Language.DE: frozenset(
        """abs. abt. allg. anm. art. bd. bspw. bzgl. bzw. ca. d.h. dr. ebd. etc. evtl. ff. fr.
        gem. ggf. ggü. hr. i.d.r. inkl. jh. kap. max. min. mind. mio. mo. di. mi. do. sa. so.
        mrd. nr. o.ä. prof. s. sog. str. tel. u.a. u.ä. usw. v.a. vgl. z.b. z.t. zzgl. zz.
        zt. st. abschn. lt. gegr. geb. e.v. u.u. jan. feb. apr. aug. sept. okt. nov. dez.""".split()
    ),
    Language.EN: frozenset(
        """approx. apt. art. dept. dr. e.g. est. etc. fig. i.e. inc. incl. jr. ltd. max. min.
        mr. mrs. ms. no. nos. p. pp. prof. sec. sr. st. tel. vs. jan. feb. mar. apr. jun.
        jul. aug. sep. sept. oct. nov. dec. mon. tue. wed. thu. fri. sat. sun. co.""".split()
    ),
}


def split_sentences(text: str, language: Language) -> list[str]:
    """Split text into sentences; every line (paragraph, list item) is split on its own."""
    sentences: list[str] = []
    for line in text.splitlines():
        sentences.extend(_split_line(line.strip(), language))
    return [sentence for sentence in sentences if sentence]


def _split_line(line: str, language: Language) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(line):
        if _is_boundary(line[start : match.start() + 1], line[match.end() :], language):
            pieces.append(line[start : match.end()].strip())
            start = match.end()
    pieces.append(line[start:].strip())
    return pieces


def _is_boundary(before: str, after: str, language: Language) -> bool:
    """Decide whether the punctuation ending ``before`` ends a sentence."""
    opening = _OPENING.match(after)
    if opening is None or opening.group(1).islower():
        return False  # "ca. fünf", "z. B. die": a sentence never starts in lowercase here
    if not before.endswith("."):
        return True
    word_match = _LAST_WORD.search(before)
    word = word_match.group(1).lstrip("\"'„“»«([") if word_match else ""
    if word.lower() in _ABBREVIATIONS[language] or _is_initial(word, before):
        return False
    # "ab dem 13. Monat", "am 1. Januar": German writes ordinals as digits and a dot
    return not (language is Language.DE and _ORDINAL.match(word[:-1]))


def _is_initial(word: str, before: str) -> bool:
    """A letter and dot inside an abbreviation such as "z. B.", "d. h." or "u. a."."""
    letters = word.rstrip(".")
    if len(letters) == 1 and letters.isalpha() and letters.islower():
        return True
    # the second half of a spaced abbreviation: "z. B." ends with "B."
    return bool(re.search(r"(?:^|\s)\w\.\s\w\.$", before))
