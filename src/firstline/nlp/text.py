"""Cheap text checks every message goes through before any model sees it."""

from __future__ import annotations

import re
import unicodedata

from selectolax.lexbor import LexborHTMLParser

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_VOWELS = set("aeiouyäöüáéíóúàèìòùâêîôû")
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_ABBREVIATIONS = frozenset(
    "dr nr z b bzw ca usw etc str hr fr mr mrs ms st vgl ggf inkl zzgl abs art no tel u a".split()
)
_KEYBOARD_RUNS = tuple(
    row[i : i + 5]
    for row in ("qwertzuiop", "qwertyuiop", "asdfghjkl", "yxcvbnm", "zxcvbnm")
    for i in range(len(row) - 4)
)
# A second request often follows "und"/"and" plus a question word: split there too.
_JOINED_QUESTION = re.compile(
    r",?\s+(?:und|and|außerdem|also|sowie|plus)\s+(?=(?:(?:über|bis|ab|an|für|mit|von|zu|in|at|for|to|with|from)\s+)?"
    r"(?:wie|was|wann|wo|wer|wen|wem|warum|welche\w*|kann|können|gibt|"
    r"how|what|when|where|who|whom|why|which|can|could|do|does|is|are)\b)",
    re.IGNORECASE,
)
MAX_SEGMENTS = 5


def strip_markup(text: str) -> str:
    """The visible text of HTML a customer pasted or a channel passed on; scripts are dropped."""
    if not _TAG.search(text):
        return text
    tree = LexborHTMLParser(text)
    for node in tree.css("script, style"):
        node.decompose()
    body = tree.body
    return (body.text(separator=" ") if body is not None else "") or ""


def clean_text(text: str) -> str:
    """Remove markup, normalise Unicode, drop control characters and collapse whitespace."""
    normalised = unicodedata.normalize("NFKC", strip_markup(text))
    printable = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in normalised)
    return re.sub(r"[ \t]+", " ", printable).strip()


def has_words(text: str) -> bool:
    """Whether the text has any letters or digits (emoji-only and symbol-only texts do not)."""
    return any(ch.isalnum() for ch in text)


def looks_like_gibberish(text: str) -> bool:
    """Keyboard mashing such as 'asdfghjk qwrtz': most letter runs are unpronounceable."""
    words = [w.lower() for w in _LETTERS.findall(text)]
    if not words:
        return False
    unpronounceable = sum(_is_mashed(word) for word in words)
    return unpronounceable > 0 and unpronounceable / len(words) >= 0.5


def _is_mashed(word: str) -> bool:
    vowels = sum(ch in _VOWELS for ch in word)
    if len(word) >= 4 and vowels == 0:
        return True
    if len(word) >= 5 and len(set(word)) <= 2:
        return True
    if any(run in word for run in _KEYBOARD_RUNS):
        return True
    return len(word) >= 8 and vowels / len(word) < 0.12


def _sentences(text: str) -> list[str]:
    """Split at sentence ends, but not after abbreviations such as "z. B." or "Nr."."""
    pieces = _SENTENCE_END.split(text)
    sentences: list[str] = []
    for piece in pieces:
        previous = sentences[-1] if sentences else ""
        last_word = previous.rstrip(".").rsplit(" ", 1)[-1].lower() if previous.endswith(".") else ""
        if sentences and (last_word in _ABBREVIATIONS or len(last_word) == 1):
            sentences[-1] = f"{previous} {piece}"
        else:
            sentences.append(piece)
    return sentences


def split_requests(text: str) -> list[str]:
    """Split a message into the separate requests it holds (sentences, joined questions)."""
    segments: list[str] = []
    for sentence in _sentences(text):
        parts = [part.strip() for part in _JOINED_QUESTION.split(sentence)]
        if sentence.rstrip().endswith("?"):
            # "Was kostet X und wie lange dauert Y?" holds two questions, not a statement and a question.
            parts = [part if part.endswith("?") else f"{part}?" for part in parts]
        segments.extend(parts)
    segments = [s for s in segments if has_words(s)]
    if len(segments) > MAX_SEGMENTS:
        segments = segments[: MAX_SEGMENTS - 1] + [" ".join(segments[MAX_SEGMENTS - 1 :])]
    return segments or [text]
