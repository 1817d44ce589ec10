"""Which catalogue products a message names: "der Bosch Serie 4", "the WH-1000XM5", "DW-1001".

Model codes and series words count more than the brand: "Bosch" alone names no product,
"Bosch Serie 4" names three (ambiguous), "Bosch Serie 4 Spülmaschine" names one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from firstline.domain.commerce import Product
from firstline.understanding.shop_text.words import contains_phrase, fold, tokens

MIN_SCORE = 0.34
"""Share of a product's name (weighted) a mention must cover."""
MARGIN = 0.08
"""Products within this of the best are equally likely: the mention is ambiguous."""
_GENERIC = frozenset("zoll inch gb tb mm cm kg l wi-fi wifi mit with und and pro plus series serie".split())


@dataclass(frozen=True, slots=True, kw_only=True)
class _Name:
    sku: str
    brand: str
    words: tuple[tuple[str, float], ...]
    """Each word of the name with its weight."""


def _weight(word: str, brand: str) -> float:
    if word == brand:
        return 0.5
    if any(c.isdigit() for c in word) and any(c.isalpha() for c in word) and len(word) >= 4:
        return 2.0  # a model code: SMS4HVI33E, wh-1000xm5
    if word in _GENERIC:
        return 0.3
    if word.isdigit():
        return 0.5  # "Serie 4", "1,7 l": tells products apart, but is not a name by itself
    return 1.0


def _other_number(name: _Name, ordered: list[str]) -> bool:
    """ "iPhone 16" is not the "iPhone 17": a name word followed by a different number rules the product out."""
    words = [w for w, _ in name.words]
    for index, word in enumerate(words[:-1]):
        number = words[index + 1]
        if not number.isdigit():
            continue
        for position, said in enumerate(ordered[:-1]):
            if said == word and ordered[position + 1].isdigit() and ordered[position + 1] != number:
                return True
    return False


class ProductMentions:
    """Finds products named in text, by weighted word overlap with a little fuzziness."""

    def __init__(self, products: Iterable[Product], category_words: dict[str, tuple[str, ...]]) -> None:
        self._names: list[_Name] = []
        self._categories: dict[str, str] = {}
        self._accessory_of: dict[str, set[str]] = {}
        self._category_words = {
            key: sorted(map(fold, words), key=len, reverse=True) for key, words in category_words.items()
        }
        for product in products:
            # One word per brand however it is written: "De'Longhi", "DeLonghi", "De Longhi" → "delonghi".
            brand_words = tokens(product.brand)
            brand = _squash("".join(brand_words))
            name_words = tokens(product.name)
            if brand_words and name_words[: len(brand_words)] == brand_words:
                name_words = [brand, *name_words[len(brand_words) :]]
            words = tuple(dict.fromkeys(name_words))
            self._names.append(_Name(sku=product.sku, brand=brand, words=tuple((w, _weight(w, brand)) for w in words)))
            self._categories[product.sku] = product.category
            for accessory in product.accessories:
                self._accessory_of.setdefault(accessory, set()).add(product.sku)
        self._brands = frozenset(name.brand for name in self._names)
        # Each name as words in order, with and without its brand: "Samsung Galaxy" begins three names.
        self._ordered = {name.sku: [w for w, _ in name.words] for name in self._names}
        # Add-ons: products of a kind that is only ever sold as another product's accessory (cases, cables).
        kinds: dict[str, list[str]] = {}
        for sku, kind in self._categories.items():
            kinds.setdefault(kind, []).append(sku)
        self._add_ons = frozenset(
            sku for skus in kinds.values() if all(s in self._accessory_of for s in skus) for sku in skus
        )
        counts: dict[str, int] = {}
        for name in self._names:
            for word, _ in name.words:
                counts[word] = counts.get(word, 0) + 1
        self._vocabulary = sorted(counts)
        self._holders: dict[str, list[int]] = {}
        for index, name in enumerate(self._names):
            for word, _ in name.words:
                self._holders.setdefault(word, []).append(index)
        # Words only one product's name has ("OLED", "AirPods"): with the brand they name it.
        self._unique = frozenset(
            w for w, n in counts.items() if n == 1 and len(w) >= 4 and not any(c.isdigit() for c in w)
        )

    def find(self, text: str) -> list[str]:
        """SKUs the text names, best first; several when the name is ambiguous, none when there is no name."""
        folded = fold(text)
        ordered = self._with_brands(tokens(folded))
        words = set(ordered)
        skus = [name.sku for name in self._names if name.sku.lower() in words]
        if skus:
            return skus
        matched = self._matched_words(words)
        # Only products sharing a word with the text can be named by it (an index, for big catalogues).
        candidates = sorted({i for word in matched for i in self._holders.get(word, ())})
        scored = [
            (max(self._score(name, matched), self._unique_score(name, matched)), name.sku)
            for name in (self._names[i] for i in candidates)
            if not _other_number(name, ordered)
        ]
        scored = [(score, sku) for score, sku in scored if score >= MIN_SCORE]
        family, prefix = self._family(ordered, candidates)
        if not scored and not family:
            return self._by_brand_and_category(folded, words)
        if scored:
            best = max(score for score, _ in scored)
            close = [sku for score, sku in sorted(scored, reverse=True) if score >= best - MARGIN]
        else:
            close = family
        if family and close[0] in family and matched & set(self._ordered[close[0]]) <= prefix:
            # "Samsung Galaxy" says no more than the family's name: every Galaxy is meant, the best first.
            close = [*close[:1], *(sku for sku in family if sku != close[0])]
        if len(close) > 1:
            named = {key for key, ws in self._category_words.items() if contains_phrase(folded, ws)}
            narrowed = [sku for sku in close if self._categories[sku] in named]
            close = narrowed or close
        return close

    def _with_brands(self, ordered: list[str]) -> list[str]:
        """The text's words with each brand as one word: "oral b" and "Oral-B" both become "oralb"."""
        merged: list[str] = []
        index = 0
        while index < len(ordered):
            pair = _squash(ordered[index] + ordered[index + 1]) if index + 1 < len(ordered) else ""
            if pair in self._brands:
                merged.append(pair)
                index += 2
                continue
            single = _squash(ordered[index])
            merged.append(single if single in self._brands else ordered[index])
            index += 1
        return merged

    def _family(self, ordered: list[str], candidates: Sequence[int]) -> tuple[list[str], set[str]]:
        """Products whose names begin with the same words the text has in a row ("Bosch Serie", "Galaxy").

        The words must go beyond the brand, and without the brand the first must be a real name word.
        An add-on (the "iPhone 17" case) is no member beside a main product: it only borrows the name.
        """
        prefix: list[str] = []
        for name in (self._names[i] for i in candidates):
            words = self._ordered[name.sku]
            with_brand = _common_run(words, ordered)
            if len(with_brand) >= 2 and len(with_brand) > len(prefix):
                prefix = with_brand
            if words and words[0] == name.brand:
                bare = _common_run(words[1:], ordered)
                head = bare[0] if bare else ""
                if len(head) >= 4 and head not in _GENERIC and not head.isdigit() and len(bare) > len(prefix):
                    prefix = bare
        if not prefix:
            return [], set()
        members = [
            n.sku
            for n in (self._names[i] for i in self._holders.get(prefix[0], ()))
            if _begins(self._ordered[n.sku], prefix) or _begins(self._ordered[n.sku][1:], prefix)
        ]
        main = [sku for sku in members if sku not in self._add_ons]
        members = main or members
        return (members, set(prefix)) if len(members) > 1 else ([], set())

    def _by_brand_and_category(self, folded: str, words: set[str]) -> list[str]:
        """ "the WMF kettle": a brand plus a kind of product names the one product that is both.

        A brand the catalogue has one product of names that product ("Habt ihr den Roborock?").
        """
        named = {key for key, ws in self._category_words.items() if contains_phrase(folded, ws)}
        if not named:
            only = [n.sku for n in self._names if n.brand in words]
            return only if len(only) == 1 else []
        found = [n.sku for n in self._names if n.brand in words and self._categories[n.sku] in named]
        return found if len(found) == 1 else []

    def find_all(self, text: str, parts: Sequence[str]) -> list[list[str]]:
        """The products named by each part of a list ("X und Y" → [[X], [Y]])."""
        return [found for part in parts if (found := self.find(part))]

    def _matched_words(self, words: set[str]) -> set[str]:
        """The name words the text contains, exactly or as a near spelling ("Quietcomfort" ~ "quietcomfort")."""
        matched = {w for w in words if w in self._holders}
        for word in words:
            if len(word) >= 5:
                close = process.extract(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=88, limit=None)
                # Typos rarely hit the first letter: "phone" is not the "iPhone".
                matched.update(found for found, _, _ in close if len(found) >= 6 and found[0] == word[0])
        return matched

    def _unique_score(self, name: _Name, words: set[str]) -> float:
        unique = any(w in words and w in self._unique and w != name.brand for w, _ in name.words)
        return 0.5 if unique and name.brand in words else 0.0

    @staticmethod
    def _score(name: _Name, words: set[str]) -> float:
        total = sum(weight for _, weight in name.words)
        matched = 0.0
        distinctive = False
        for word, weight in name.words:
            if word in words:
                matched += weight
                distinctive = distinctive or (word != name.brand and word not in _GENERIC and not word.isdigit())
        # "Bosch Serie 4": a series number next to the brand names a product line, too.
        brand_and_number = name.brand in words and any(w.isdigit() and w in words for w, _ in name.words)
        return matched / total if (distinctive or brand_and_number) and total else 0.0


def _begins(words: Sequence[str], prefix: Sequence[str]) -> bool:
    return len(words) >= len(prefix) and list(words[: len(prefix)]) == list(prefix)


def _common_run(name: Sequence[str], ordered: Sequence[str]) -> list[str]:
    """The longest beginning of ``name`` that the text has as consecutive words."""
    longest: list[str] = []
    for start, word in enumerate(ordered):
        if not name or word != name[0]:
            continue
        length = 0
        while length < len(name) and start + length < len(ordered) and ordered[start + length] == name[length]:
            length += 1
        if length > len(longest):
            longest = list(name[:length])
    return longest


def _squash(word: str) -> str:
    return re.sub(r"[\W_]", "", word)
