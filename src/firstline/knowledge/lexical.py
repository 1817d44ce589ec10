"""BM25 over passages with German stemming, umlaut folding and compound pieces."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from firstline.domain.language import Language
from firstline.knowledge.analysis import Analyzer, Word

Scores = npt.NDArray[np.float32]

_K1 = 1.2
_B = 0.75
PART_WEIGHT = 0.6
"""How much a match through a compound piece counts against a whole-word match."""


@dataclass(frozen=True, slots=True)
class _Postings:
    docs: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]
    """BM25 term-frequency part, tf*(k1+1)/(tf+k1*(1-b+b*len/avglen)), per doc."""


class LexicalIndex:
    """BM25 whose scores are normalised to 0..1: the idf-weighted share of the query matched.

    A score of 1 means every query word occurs (often) in the document; unknown words
    count against the score, which helps to recognise questions the knowledge cannot
    answer.
    """

    def __init__(self, texts: Sequence[str], language: Language) -> None:
        self.analyzer = Analyzer(language)
        self._size = len(texts)
        documents = [self.analyzer.words(text) for text in texts]
        lengths = np.array([max(len(words), 1) for words in documents], dtype=np.float32)
        norms = _K1 * (1 - _B + _B * lengths / (float(lengths.mean()) if len(texts) else 1.0))
        whole = [Counter(word.stem for word in words) for words in documents]
        parts = [Counter(part for word in words for part in word.parts) for words in documents]
        self._whole = _postings(whole, norms)
        self._parts = _postings(parts, norms)

    def __len__(self) -> int:
        return self._size

    def scores(self, query: str) -> Scores:
        """Normalised BM25 of ``query`` against every document, in document order."""
        total = np.zeros(self._size, dtype=np.float32)
        ceiling = 0.0
        for word in self.analyzer.words(query, query=True):
            idf = self._idf(word)
            total += idf * self._word_match(word)
            ceiling += idf * (_K1 + 1)
        return total / ceiling if ceiling else total

    def overlap(self, query: str, texts: Sequence[str]) -> Scores:
        """Idf-weighted share of the query's words found in each text (0..1)."""
        words = self.analyzer.words(query, query=True)
        weights = np.array([self._idf(word) for word in words], dtype=np.float32)
        if not words or not texts or float(weights.sum()) == 0.0:
            return np.zeros(len(texts), dtype=np.float32)
        result = np.zeros(len(texts), dtype=np.float32)
        for row, text in enumerate(texts):
            stems = {w.stem for w in self.analyzer.words(text)}
            parts = {part for w in self.analyzer.words(text) for part in w.parts}
            found = [_found(word, stems, parts) for word in words]
            result[row] = float(np.dot(weights, found)) / float(weights.sum())
        return result

    def _word_match(self, word: Word) -> Scores:
        """The best of: the word itself, the word as a piece of a longer word, its pieces."""
        match = self._vector(self._whole, word.stem)
        np.maximum(match, PART_WEIGHT * self._vector(self._parts, word.stem), out=match)
        for part in word.parts:
            if part in self._whole:
                np.maximum(match, PART_WEIGHT * self._vector(self._whole, part), out=match)
        return match

    def _idf(self, word: Word) -> float:
        known = self._whole.get(word.stem) or self._parts.get(word.stem)
        if known is None:
            frequencies = [len(self._whole[part].docs) for part in word.parts if part in self._whole]
            frequency = min(frequencies) if frequencies else 0
        else:
            frequency = len(known.docs)
        return math.log(1 + (self._size - frequency + 0.5) / (frequency + 0.5))

    def _vector(self, postings: dict[str, _Postings], term: str) -> Scores:
        vector = np.zeros(self._size, dtype=np.float32)
        entry = postings.get(term)
        if entry is not None:
            vector[entry.docs] = entry.weights
        return vector


def _found(word: Word, stems: set[str], parts: set[str]) -> float:
    if word.stem in stems:
        return 1.0
    if word.stem in parts or any(part in stems for part in word.parts):
        return PART_WEIGHT
    return 0.0


def _postings(counts: list[Counter[str]], norms: npt.NDArray[np.float32]) -> dict[str, _Postings]:
    docs: dict[str, list[int]] = {}
    weights: dict[str, list[float]] = {}
    for index, counter in enumerate(counts):
        for term, tf in counter.items():
            docs.setdefault(term, []).append(index)
            weights.setdefault(term, []).append(tf * (_K1 + 1) / (tf + float(norms[index])))
    return {
        term: _Postings(
            docs=np.array(docs[term], dtype=np.int32),
            weights=np.array(weights[term], dtype=np.float32),
        )
        for term in docs
    }
