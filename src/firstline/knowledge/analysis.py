"""Turning German and English text into search terms: folding, stemming, compounds."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from firstline.domain.language import Language

_WORD = re.compile(r"[^\W_]+")
_DIGRAPHS = re.compile(r"(?<!q)(ae|oe|ue)")
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_DIGRAPH_VOWEL = {"ae": "a", "oe": "o", "ue": "u"}
_MIN_PART = 4
"""Shortest compound part; shorter pieces ("tag", "art") match too many words."""
_MIN_COMPOUND = 2 * _MIN_PART
_MAX_QUERY_NUMBER = 4
"""Digit runs longer than this in a query are order or phone numbers, not topic words."""

_STOPWORDS: dict[Language, frozenset[str]] = {
    Language.DE: frozenset(
        """aber alle allem allen aller alles als also am an ander andere anderen auch auf aus
        bei beim bin bis bist bitte da damit dann das dass dein deine dem den denn der des dich
        die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen
        einer eines er es etwa etwas euch euer für gibt gibts hab habe haben hat hatte hätte
        hier ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ist ja jetzt kann kannst können
        könnte man mein meine meinem meinen meiner mich mir mit muss musst müssen nach nein
        nicht noch nun nur ob oder ohne sein seine sich sie sind so soll sollte sonst über um
        und uns unser unsere unter vom von vor war wäre waren was weil welche welchem welchen
        welcher welches wenn wer werde werden wie wieder will wir wird wo wurde zu zum zur
        ihnen hallo danke""".split()
    ),
    Language.EN: frozenset(
        """a about am an and any are as at be been being but by can could did do does doing
        for from had has have having he her here hers him his how i if in into is it its
        just me my no nor not of on or our ours please she so some than that the their them
        then there these they this those to too us very was we were what when where which
        while who whom why will with would you your yours hello hi thanks""".split()
    ),
}


def fold(text: str) -> str:
    """Lowercase and drop diacritics, so "Öffnungszeit" equals "oeffnungszeit"."""
    lowered = text.lower().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_german(word: str) -> str:
    """``fold`` plus the ASCII spellings ae/oe/ue of umlauts (not after "q": "Quelle")."""
    return _DIGRAPHS.sub(lambda match: _DIGRAPH_VOWEL[match.group()], fold(word))


_FOLDED_STOPWORDS: dict[Language, frozenset[str]] = {
    language: frozenset(fold(word) for word in words) for language, words in _STOPWORDS.items()
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Word:
    """One word of a text as the index sees it."""

    stem: str
    parts: tuple[str, ...] = ()
    """Stems of the word's compound pieces (German only): prefixes and suffixes."""


class Analyzer:
    """Tokenises, removes stop words, folds and stems text of one language."""

    def __init__(self, language: Language) -> None:
        self.language = language
        name = "german" if language is Language.DE else "english"
        self._stemmer = snowballstemmer.stemmer(name)
        self._stopwords = _FOLDED_STOPWORDS[language]
        self._stem = lru_cache(maxsize=65536)(self._stem_uncached)

    @staticmethod
    def stopwords(language: Language) -> frozenset[str]:
        """Function words of the language, folded; they carry no topic."""
        return _FOLDED_STOPWORDS[language]

    def words(self, text: str, *, query: bool = False) -> list[Word]:
        """The words of ``text``; a query drops long numbers (order ids, phone numbers)."""
        words: list[Word] = []
        for token in _WORD.findall(fold(text)):
            if token in self._stopwords:
                continue
            if query and token.isdigit() and len(token) > _MAX_QUERY_NUMBER:
                continue
            words.append(Word(stem=self._stem(token), parts=self.compound_parts(token)))
        return words

    def compound_parts(self, token: str) -> tuple[str, ...]:
        """Stems of every prefix and suffix of a long German word, both sides >= 4 letters.

        German writes compounds as one word ("Lieferadresse", "Versandkosten"); without
        a dictionary we cannot know the split, so we index all plausible pieces apart
        from the whole word and let BM25's idf and a lower weight sort out the noise.
        """
        if self.language is not Language.DE or len(token) < _MIN_COMPOUND or token.isdigit():
            return ()
        pieces: set[str] = set()
        for cut in range(_MIN_PART, len(token) - _MIN_PART + 1):
            pieces.add(self._stem(token[:cut]))
            pieces.add(self._stem(token[cut:]))
        pieces.discard(self._stem(token))
        return tuple(sorted(piece for piece in pieces if len(piece) >= _MIN_PART))

    def _stem_uncached(self, token: str) -> str:
        stem: str = self._stemmer.stemWord(token)
        return fold_german(stem) if self.language is Language.DE else stem
