"""Language detection for German and English customer messages.

py3langid is reliable from about three words on. Greetings and one-word answers
("Hallo", "danke", "Hello") are common and too short for it, so short messages are
classified by a character n-gram model trained on the company pack's own German and
English texts; when neither is sure, the conversation keeps its language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from firstline.domain.language import Language

_WORD = re.compile(r"[^\W\d_]{2,}")
_NO_LANGUAGE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
"""E-mail addresses and links: names in them look like words of some language but say nothing."""
_GERMAN_LETTERS = re.compile(r"[äöüßÄÖÜ]")
LONG_TEXT_CONFIDENCE = 0.9
"""py3langid's normalised probability needed to switch language on a longer message."""
SHORT_TEXT_CONFIDENCE = 0.8
"""The pack model's probability needed to switch language on a one- or two-word message."""


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["de", "en"])
    return identifier


_FUNCTION_WORDS: dict[Language, frozenset[str]] = {
    Language.DE: frozenset(
        "der die das den dem des ein eine einen einem ist sind bin war und oder aber nicht kein keine "
        "ich mich mir mein meine wir uns unser sie ihr ihnen ihre du dich dir dein was wie wo wann warum "
        "wer welche welcher welches mit für von bei nach auf aus zum zur im am auch noch schon bitte "
        "kann können muss müssen habe hast hat haben wird werden gibt es da denn doch mal".split()
    ),
    Language.EN: frozenset(
        "the a an is are am was were and or but not no i me my we our us you your they their it its "
        "what how where when why who which with for from at on in to of by about also still please "
        "can could must have has had will would do does did there this that these those any".split()
    ),
}
"""Words that only the grammar of one language puts in a sentence: names do not count."""
_SHARED = _FUNCTION_WORDS[Language.DE] & _FUNCTION_WORDS[Language.EN] | {"in", "an", "am", "was", "also", "die"}
_FUNCTION_WORDS = {language: words - _SHARED for language, words in _FUNCTION_WORDS.items()}


def _function_word_vote(words: Sequence[str]) -> Language | None:
    """The language whose function words clearly dominate (at least two, none of the other), else None."""
    folded = [word.lower() for word in words]
    german = sum(word in _FUNCTION_WORDS[Language.DE] for word in folded)
    english = sum(word in _FUNCTION_WORDS[Language.EN] for word in folded)
    if english >= 2 and german == 0:
        return Language.EN
    if german >= 2 and english == 0:
        return Language.DE
    return None


class LanguageDetector:
    """Tells German from English; keeps the conversation's language when unsure."""

    def __init__(self, examples: Mapping[Language, Sequence[str]] | None = None) -> None:
        self._short_model: tuple[TfidfVectorizer, LogisticRegression] | None = None
        if examples and all(examples.get(lang) for lang in (Language.DE, Language.EN)):
            texts = [text for lang in (Language.DE, Language.EN) for text in examples[lang]]
            labels = [lang.value for lang in (Language.DE, Language.EN) for _ in examples[lang]]
            vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), lowercase=True)
            model = LogisticRegression(max_iter=1000, C=4.0)
            model.fit(vectorizer.fit_transform(texts), labels)
            self._short_model = (vectorizer, model)

    def detect(self, text: str, *, fallback: Language) -> Language:
        """The message's language, or ``fallback`` when the message does not say."""
        words = _WORD.findall(_NO_LANGUAGE.sub(" ", text))
        if not words:
            return fallback
        vote = _function_word_vote(words)
        # An umlaut is German, unless it sits in a name inside an English sentence ("the Öko Fix 24 tariff").
        if _GERMAN_LETTERS.search(text) and vote is not Language.EN:
            return Language.DE
        if len(words) <= 2:
            return self._detect_short(" ".join(words), fallback)
        code, probability = _identifier().classify(" ".join(words))
        detected = Language(code) if probability >= LONG_TEXT_CONFIDENCE else fallback
        return vote if vote is not None and detected is not vote else detected

    def _detect_short(self, text: str, fallback: Language) -> Language:
        if self._short_model is None:
            return fallback
        vectorizer, model = self._short_model
        probabilities = model.predict_proba(vectorizer.transform([text]))[0]
        best = int(probabilities.argmax())
        if probabilities[best] < SHORT_TEXT_CONFIDENCE:
            return fallback
        return Language(str(model.classes_[best]))
