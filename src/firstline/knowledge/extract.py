"""Extractive answers: the few sentences of a passage that answer the question."""

from __future__ import annotations

import numpy as np

from firstline.knowledge.answer_types import Wanted, gives_any
from firstline.knowledge.lexical import LexicalIndex
from firstline.knowledge.model import Passage
from firstline.knowledge.sentences import split_sentences

MAX_SENTENCES = 3
SMALL_PASSAGE_CHARS = 300
"""A passage this short, with at most ``MAX_SENTENCES`` sentences, is quoted whole."""
KEEP_RATIO = 0.5
"""A further sentence is quoted when it matches at least this share of the best one."""
FIRST_SENTENCE_BONUS = 0.05
"""Articles open a section with its key statement; prefer it when evidence is equal."""
FALLBACK_SENTENCES = 2
ANSWER_KIND_BONUS = 1.0
"""Added to a sentence that gives the kind of answer asked for (an e-mail address, a duration):
more than any word overlap, so "Was ist eure E-Mail-Adresse?" quotes the address, not its
neighbour about the postal address."""


def extract_sentences(
    passage: Passage, query: str, lexical: LexicalIndex, wanted: frozenset[Wanted] = frozenset()
) -> tuple[str, ...]:
    """Pick 1-3 sentences of ``passage`` that best match ``query``, in passage order.

    Sentences that give a ``wanted`` kind of answer come first.
    """
    sentences = split_sentences(passage.text, passage.language)
    if len(sentences) <= MAX_SENTENCES and len(passage.text) <= SMALL_PASSAGE_CHARS:
        return tuple(sentences)
    overlap = lexical.overlap(query, sentences)
    typed = np.array([gives_any(s, wanted, lexical.analyzer) for s in sentences], dtype=bool)
    if float(overlap.max(initial=0.0)) <= 0.0 and not typed.any():
        # A paraphrase shares no words with the text: the section's opening is the best bet.
        return tuple(sentences[:FALLBACK_SENTENCES])
    scores = overlap + ANSWER_KIND_BONUS * typed
    scores[0] += FIRST_SENTENCE_BONUS
    order = np.argsort(-scores, kind="stable")
    best = float(scores[order[0]])
    chosen = [int(i) for i in order[:MAX_SENTENCES] if scores[i] > 0 and scores[i] >= KEEP_RATIO * best]
    return tuple(sentences[i] for i in sorted(chosen))
