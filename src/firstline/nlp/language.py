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
        if _GERMAN_LETTERS.search(text):
            return Language.DE
        if len(words) <= 2:
            return self._detect_short(" ".join(words), fallback)
        code, probability = _identifier().classify(" ".join(words))
        return Language(code) if probability >= LONG_TEXT_CONFIDENCE else fallback

    def _detect_short(self, text: str, fallback: Language) -> Language:
        if self._short_model is None:
            return fallback
        vectorizer, model = self._short_model
        probabilities = model.predict_proba(vectorizer.transform([text]))[0]
        best = int(probabilities.argmax())
        if probabilities[best] < SHORT_TEXT_CONFIDENCE:
            return fallback
        return Language(str(model.classes_[best]))
