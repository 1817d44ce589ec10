"""Reads questions the pack's data answers: "was chostet de versand id schwiiz?", "do you take klarna",
"Wann seid ihr erreichbar?".

The words that ask (cost, how long, express, freight, payment) are the cues of
:mod:`firstline.understanding.shop_cues`; countries come from the gazetteer (cities included)
and from the pack's own country words; payment methods from the pack, plus well-known methods
the pack may not offer, so that
"Twint?" gets "not offered, but these are" instead of a passage about something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from firstline.company.commerce_schema import CommerceConfig
from firstline.domain.shop_questions import ShopQuestion, ShopTopic
from firstline.domain.text import fold
from firstline.nlp.places import countries_named, find_places
from firstline.understanding import shop_cues as cues
from firstline.understanding.shop_text.words import contains_phrase

FOLLOW_UP_WORDS = 7
"""A message this short that names only a country or a payment method continues the last question."""
SPECIFIC_WORDS = 2
"""More other words than this beside a shipping question: it asks something the tables do not hold."""
_DELIVERY_TOPICS = frozenset(
    {ShopTopic.SHIPPING_COST, ShopTopic.DELIVERY_TIME, ShopTopic.EXPRESS, ShopTopic.FREIGHT, ShopTopic.CUSTOMS}
)


def _find(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def _phrase_in(folded: str, phrases: Iterable[str]) -> bool:
    """Whether one of the (already folded) phrases stands in ``folded`` as whole words."""
    return contains_phrase(folded, phrases) is not None


class ShopQuestionReader:
    """Finds a delivery, payment or contact question in a message, against one company's data."""

    def __init__(self, config: CommerceConfig, *, delivery: bool = True, contacts: bool = True) -> None:
        """``delivery`` and ``contacts``: whether the pack words those answers (has their templates)."""
        self._config = config
        self._delivery = delivery and bool(config.countries)
        self._contacts = contacts
        # The pack's words, folded once; the longest first, so "american express" wins over "express".
        self._country_words = {
            # "at", "ch": too common as words
            code: tuple(fold(w, spell_umlauts=True) for w in country.words if len(w) > 2)
            for code, country in config.countries.items()
        }
        self._method_words = {
            key: tuple(sorted((fold(w, spell_umlauts=True) for w in method.words), key=len, reverse=True))
            for key, method in config.payment_methods.items()
        }
        pack_payment = {w for words in self._method_words.values() for w in words}
        self._other_payment = {w: name for w, name in cues.WELL_KNOWN_PAYMENT.items() if w not in pack_payment}
        self._named = frozenset(w for words in self._country_words.values() for w in words) | frozenset(
            part for word in pack_payment for part in word.split()
        )

    def countries(self, text: str) -> tuple[str, ...]:
        """The countries a message names, first mention first: gazetteer, then the pack's own words."""
        found = dict.fromkeys(countries_named(text))
        folded = fold(text, spell_umlauts=True)
        for code, words in self._country_words.items():
            if code not in found and _phrase_in(folded, words):
                found[code] = None
        return tuple(found)

    def home(self, text: str) -> str | None:
        """The served country the customer says they live in: "Ich wohne in Innsbruck" → AT."""
        countries = [c for c in self.countries(text) if c in self._config.countries]
        return countries[0] if len(countries) == 1 and _find(cues.RESIDENCE, fold(text, spell_umlauts=True)) else None

    def read(
        self,
        text: str,
        *,
        last: ShopQuestion | None = None,
        scene: tuple[str, ...] = (),
        home: str | None = None,
    ) -> ShopQuestion | None:
        """The question in ``text``; a short follow-up ("und nach Österreich?") continues ``last``.

        ``scene`` holds countries named earlier in the same message ("Ich ziehe nach Graz. Was kostet der
        Versand?"); ``home`` is where the customer said they live, for questions that name no country.
        """
        folded = fold(text, spell_umlauts=True)
        countries = self.countries(text)
        contact = _contact_topics(folded) if self._contacts else ()
        if not self._delivery:
            return ShopQuestion(topics=contact, countries=countries) if contact else None
        methods, other = self._payment_methods(folded)
        continuing = last is not None and bool(set(last.topics) & _DELIVERY_TOPICS) and not _leftover(folded)
        delivery = _topics(
            folded, countries=countries, methods=methods, other_payment=other, continuing=continuing, named=self._named
        )
        topics = (*contact, *delivery)
        if last is not None and topics and set(topics) <= {ShopTopic.SHIPPING_COST, ShopTopic.DELIVERY_TIME}:
            special = [t for t in last.topics if t in (ShopTopic.EXPRESS, ShopTopic.FREIGHT)]
            topics = tuple(special) or topics  # "Was kostet der?" right after a question about express
        if not topics:
            if last is None or not (countries or methods or other) or not self._elliptical(folded):
                return None
            return ShopQuestion(
                topics=last.topics,
                countries=countries or last.countries,
                payment_methods=methods or (last.payment_methods if not other else ()),
                other_payment=other,
            )
        if not countries:
            countries = scene
        if not countries and last is not None and self._elliptical(folded, allowed=2):
            countries = last.countries  # "und Express?", "wie lange dauert das?" after a question about Austria
        if not countries and home is not None:
            countries = (home,)
        brand = self._brand(folded, methods)
        return ShopQuestion(
            topics=topics, countries=countries, payment_methods=methods, other_payment=other, brand=brand
        )

    def _elliptical(self, folded: str, *, allowed: int = 1) -> bool:
        """ "auch aus der Schweiz?", "what about Vienna": nothing but the new country or method and filler."""
        remaining = re.sub(r"[^\w' ]", " ", folded).split()
        content = [w for w in remaining if w not in cues.FILLER and w not in self._named and not countries_named(w)]
        return len(remaining) <= FOLLOW_UP_WORDS and len(content) <= allowed

    def _brand(self, folded: str, methods: tuple[str, ...]) -> str | None:
        """ "American Express", "Visa": a word for a method that its name does not contain."""
        for key in methods:
            method = self._config.payment_methods[key]
            names = fold(f"{method.name.de} {method.name.en}", spell_umlauts=True).replace(" ", "")
            for word in self._method_words[key]:
                if _phrase_in(folded, (word,)) and word.replace(" ", "") not in names:
                    return word.title()
        return None

    def _payment_methods(self, folded: str) -> tuple[tuple[str, ...], str | None]:
        methods = tuple(key for key, words in self._method_words.items() if _phrase_in(folded, words))
        other = next((name for word, name in self._other_payment.items() if _phrase_in(folded, (word,))), None)
        return methods, other


def _contact_topics(folded: str) -> tuple[ShopTopic, ...]:
    """Hours, phone, e-mail, postal address: how to reach the company (not the customer's own details)."""
    if _find(cues.ABOUT_ME, folded):
        return ()  # "Ich möchte meine E-Mail-Adresse ändern" is about the customer's account
    found = [(m.start(), topic) for topic, pattern in cues.CONTACT if (m := pattern.search(folded))]
    return tuple(topic for _, topic in sorted(found))


def _leftover(folded: str, *, also: frozenset[str] = frozenset()) -> list[str]:
    """The words that are neither topic cues nor filler: "wie lange dauert er?" has none."""
    bare = folded
    for place in reversed(find_places(folded)):  # "New York" is one place, not two words
        bare = bare[: place.start] + " " + bare[place.end :]
    for pattern in cues.TOPIC_CUES:
        bare = re.sub(pattern.pattern + r"\w*", " ", bare)
    words = re.sub(r"[^\w' ]", " ", bare).split()
    known = cues.FILLER | also | cues.PAYMENT_WORDS
    return [w for w in words if w not in known and not countries_named(w)]


def _topics(
    folded: str,
    *,
    countries: tuple[str, ...],
    methods: tuple[str, ...],
    other_payment: str | None,
    continuing: bool = False,
    named: frozenset[str] = frozenset(),
) -> tuple[ShopTopic, ...]:
    """The topics a message asks about, in the order asked; none for the customer's own order.

    ``continuing``: the question before was about delivery, so "wie lange dauert das?" still is;
    ``named``: the words that name the pack's countries and payment methods.
    """
    if _find(cues.ORDER_OF_MINE, folded):
        return ()  # "Wo ist meine Lieferung nach Wien?": the order's status, not the shop's terms
    found: dict[ShopTopic, int] = {}
    for topic, pattern in cues.STANDALONE:
        if (match := pattern.search(folded)) is not None:
            found.setdefault(topic, match.start())
    returns = _find(cues.RETURNS, folded)
    for topic, start in _delivery_topics(folded, countries, found, returns=returns, continuing=continuing, named=named):
        found.setdefault(topic, start)
    said_shipping, paying = _find(cues.SHIPPING, folded), _find(cues.PAYMENT, folded)
    if (
        other_payment
        or (methods and (paying or _find(cues.ACCEPTS, folded) or len(folded.split()) <= 3))
        or (paying and not said_shipping and not returns and not found)
    ):
        found.setdefault(ShopTopic.PAYMENT, _start(folded, cues.PAYMENT, cues.ACCEPTS))
    return tuple(sorted(found, key=found.__getitem__))


def _delivery_topics(
    folded: str,
    countries: tuple[str, ...],
    found: dict[ShopTopic, int],
    *,
    returns: bool,
    continuing: bool,
    named: frozenset[str],
) -> list[tuple[ShopTopic, int]]:
    """Express, freight, where we deliver, or the standard parcel's price and time."""
    if returns:
        return []  # "Rücksendung kostenlos?": the return terms, not the delivery terms
    if _find(cues.EXPRESS, folded):
        return [(ShopTopic.EXPRESS, _start(folded, cues.EXPRESS))]
    if _find(cues.FREIGHT, folded):
        return [(ShopTopic.FREIGHT, _start(folded, cues.FREIGHT))]
    if _find(cues.WHERE, folded) and not countries:
        return [(ShopTopic.DELIVERY_COUNTRIES, _start(folded, cues.WHERE))]  # "Liefert ihr ins Ausland?"
    # "Do weekends count towards the delivery time?" asks more than the tables say: the knowledge answers it.
    if ShopTopic.VAT in found or len(_leftover(folded, also=named)) > SPECIFIC_WORDS:
        return []
    cost, time = _find(cues.COST, folded), _find(cues.TIME, folded)
    # "und nach Zürich?" continues the last question as it was; "was kostet das?" turns it to the price.
    shipping = _find(cues.SHIPPING, folded) or (continuing and (cost or time))
    asked = (shipping and (cost or time or (countries and ShopTopic.CUSTOMS not in found))) or (
        countries
        and (cost or time or _find(cues.ASKS_DELIVERY, folded))
        and not (_find(cues.PAYMENT, folded) or _find(cues.ACCEPTS, folded))
    )
    if not asked:
        return []
    topics = []
    if cost or not time:
        topics.append((ShopTopic.SHIPPING_COST, _start(folded, cues.SHIPPING, cues.COST)))
    if time:
        topics.append((ShopTopic.DELIVERY_TIME, _start(folded, cues.TIME)))
    return topics


def _start(folded: str, *patterns: re.Pattern[str]) -> int:
    """Where the first of the patterns matches: topics are answered in the order they were asked."""
    return min((m.start() for p in patterns if (m := p.search(folded))), default=0)
