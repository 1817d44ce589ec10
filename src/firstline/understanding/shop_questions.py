"""Reads questions the pack's data answers: "was chostet de versand id schwiiz?", "do you take klarna",
"Wann seid ihr erreichbar?".

The words that ask (cost, how long, express, freight, payment) are cues of the two
languages, written for how customers type them (Swiss and Austrian forms, slang, typos);
countries come from the gazetteer (cities included) and from the pack's own country words;
payment methods from the pack, plus well-known methods the pack may not offer, so that
"Twint?" gets "not offered, but these are" instead of a passage about something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from firstline.company.commerce_schema import CommerceConfig
from firstline.domain.shop_questions import ShopQuestion, ShopTopic
from firstline.nlp.places import countries_named, find_places

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "´": "'"})
FOLLOW_UP_WORDS = 7
"""A message this short that names only a country or a payment method continues the last question."""
SPECIFIC_WORDS = 2
"""More other words than this beside a shipping question: it asks something the tables do not hold."""
_DELIVERY_TOPICS = frozenset(
    {ShopTopic.SHIPPING_COST, ShopTopic.DELIVERY_TIME, ShopTopic.EXPRESS, ShopTopic.FREIGHT, ShopTopic.CUSTOMS}
)


def _cue(*patterns: str) -> re.Pattern[str]:
    """Word-initial patterns, matched on folded text (ä → ae, lower case)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(patterns) + r")")


# fmt: off
_SHIPPING = _cue(
    r"versand", r"versend", r"verschick", r"schick", r"porto", r"liefer", r"zustell", r"paket", r"packerl",
    r"paeckchen", r"sendung", r"shipping", r"ship\b", r"ships\b", r"postage", r"deliver", r"send\b",
    r"parcel", r"package", r"post\b", r"gschickt", r"versandkost",
)
_COST = _cue(
    r"kost", r"chost", r"teuer", r"tuer\b", r"preis", r"price", r"pricing", r"cost", r"how much",
    r"wie ?viel(?!e (?:tage|werktage|wochen))",
    r"was zahl", r"zahl ich", r"zahle ich", r"gebuehr", r"fee", r"charge", r"stutz", r"franken", r"eur\b",
    r"euro", r"francs?\b", r"chf", r"bucks", r"rate", r"pauschale", r"gratis", r"kostenlos", r"frei\b", r"free",
    r"portofrei", r"threshold",
    r"grenze", r"ab wann", r"ab welche", r"bestellwert", r"einkaufswert", r"warenwert", r"order value",
    r"mindestbestell", r"zahlt man",
)
_TIME = _cue(
    r"wie lang", r"dauer", r"lieferzeit", r"laufzeit", r"how long", r"how fast", r"how quick", r"wie schnell",
    r"wann (?:ist|kommt|waere|sind)", r"when (?:will|would|does|do)", r"arrive", r"take\b", r"takes\b",
    r"tage\b", r"werktage", r"days\b", r"lieferdauer", r"transit", r"zustellzeit", r"(?:delivery|shipping) times?",
    r"how soon", r"wie bald", r"ankomm", r"ankunft", r"eintreff", r"get here", r"get to me",
    r"how many (?:working )?days",
    r"wie viele (?:werk)?tage",
)
_EXPRESS = _cue(
    r"(?<!american )express", r"expres\b", r"next[- ]day", r"overnight", r"eilversand", r"eillieferung",
    r"naechsten tag",
)
_FREIGHT = _cue(r"spedition", r"freight", r"sperrgut", r"bulky", r"forwarder", r"grossgeraet", r"haulage")
_CUTOFF = _cue(
    r"bis wann (?:muss|soll|kann) ich (?:\w+ )?bestell", r"heute noch (?:raus|los|verschickt|versendet|versandt)",
    r"same[- ]day", r"order by", r"cut-?off", r"ships? (?:out )?today", r"dispatch(?:ed)? today",
    r"leave (?:the warehouse )?today", r"go out today", r"bestellschluss",
)
# "Zoll" is also the inch: "43 Zoll", "43-Zoll-Samsung", "Zoll-Fernseher" are sizes, not customs.
_CUSTOMS = _cue(
    r"(?<![\d-])(?<!\d )zoll(?!-)(?! ?(?:fernseh|tv|bildschirm|monitor|display))", r"zoell", r"customs",
    r"einfuhr", r"import (?:vat|tax|dut)", r"duty", r"duties", r"verzoll",
)
_WHERE = _cue(
    r"welche[nm]? laender", r"in welche laender", r"which countries", r"what countries", r"ins ausland", r"abroad",
    r"international", r"wohin (?:liefert|liefern|versendet|schickt)", r"where (?:do|can) you (?:ship|deliver|send)",
    r"lieferlaender", r"delivery countries", r"ausserhalb", r"outside (?:of )?(?:germany|the eu|europe)",
)
_ASKS_DELIVERY = _cue(
    r"liefert ihr", r"liefern sie", r"schickt ihr", r"versendet ihr", r"verschickt ihr",
    r"do you (?:ship|deliver|send)",
    r"can you (?:ship|deliver|send)", r"you guys (?:ship|deliver)", r"ship(?:ping)? to", r"deliver(?:y)? to",
)
_VAT = _cue(r"mwst", r"mehrwertsteuer", r"umsatzsteuer", r"ust\b", r"vat\b", r"sales tax", r"tax rate", r"steuersatz")
_PAYMENT = _cue(
    r"zahl", r"bezahl", r"zahle", r"pay\b", r"paying", r"payment", r"zahlungs", r"auf rechnung", r"per rechnung",
    r"on invoice", r"by invoice", r"in raten", r"ratenkauf", r"ratenzahlung", r"finanzier", r"instal", r"kaufen mit",
    r"buy with", r"bezahlen mit",
)
_ACCEPTS = _cue(
    r"nehmt ihr", r"nehmen sie", r"akzeptier", r"accept", r"do you take", r"you take", r"geht auch", r"possible",
)
_MAX_QUANTITY = _cue(
    r"wie viele (?:stueck )?(?:kann|darf) ich (?:maximal|hoechstens)", r"maximal (?:\w+ )?bestell",
    r"hoechstmenge", r"maximum (?:quantity|number|amount)",
    r"how many (?:units |items |pieces )?(?:can|may) i (?:order|buy)",
    r"max(?:imum)? (?:order )?quantity", r"mengenbegrenzung", r"limit per",
)
_HOURS = _cue(
    r"oeffnungszeit", r"servicezeit", r"geschaeftszeit", r"sprechzeit", r"geoeffnet", r"erreichbar", r"zu erreichen",
    r"opening (?:hours|times)", r"business hours", r"service hours", r"office hours", r"are you open", r"you guys open",
    r"wann (?:habt|haben) (?:ihr|sie) (?:\w+ )?(?:offen|auf)",
    r"wann (?:seid|sind) (?:ihr|sie) (?:\w+ )?(?:da|erreichbar)",
    r"when (?:are|is) (?:you|your \w+|someone) (?:\w+ )?(?:open|available|there)", r"reach (?:you|someone|a person)",
)
_PHONE = _cue(
    r"telefon", r"rufnummer", r"hotline", r"anrufen", r"phone", r"call you", r"ring you", r"telephone", r"callcenter",
)
_EMAIL = _cue(
    r"e-?mail-?adresse", r"mailadresse", r"e-?mail address", r"(?:eure|ihre|your) e-?mail",
    r"e-?mail (?:an|to) (?:euch|sie|you)",
    r"per e-?mail erreich", r"e-?mail you", r"email you",
)
_POSTAL = _cue(
    r"postanschrift", r"anschrift", r"postadresse", r"brief\b", r"briefe\b", r"letter", r"postal address",
    r"mailing address",
    r"wo (?:sitzt|seid|sitzen) (?:ihr|sie)", r"firmensitz", r"headquarter", r"where are you (?:based|located)",
)
_ABOUT_ME = _cue(
    r"mein(?:e[rnms]?)? (?:e-?mail|telefon|nummer|adresse|anschrift|handy)",
    r"my (?:e-?mail|phone|number|address|mobile)",
    r"aendern", r"change", r"update", r"korrigier", r"falsch", r"wrong", r"vergessen", r"forgot",
)
_CONTACT = (
    (ShopTopic.HOURS, _HOURS),
    (ShopTopic.PHONE, _PHONE),
    (ShopTopic.EMAIL, _EMAIL),
    (ShopTopic.POSTAL_ADDRESS, _POSTAL),
)
_RESIDENCE = _cue(
    r"wohne", r"lebe in", r"bin aus", r"komme aus", r"ziehe (?:\w+ )?nach", r"sitze in", r"wir sind in", r"live in",
    r"i'm (?:from|in|based in)", r"i am (?:from|in|based in)", r"living in", r"moving to", r"based in", r"we're in",
)
_ORDER_OF_MINE = _cue(
    r"mein(?:e[rnms]?)? (?:bestellung|lieferung|paket|packerl|sendung)", r"warenkorb", r"cart\b", r"basket",
    r"my (?:order|parcel|package|delivery|shipment)",
    r"wo (?:ist|bleibt)", r"where is", r"where's",
)
_RETURNS = _cue(
    r"rueck(?:send|schick|gabe)", r"retour", r"zurueck", r"return", r"(?:send|ship|post|mail) (?:\w+ ){0,3}back",
    r"widerruf", r"umtausch", r"reklamation", r"garantie", r"warranty", r"kaputt", r"defekt", r"broken", r"damaged",
    r"beschaedigt",
)
_FILLER = frozenset(
    "und and auch also nach in die der das den dem to for the what about how wie ist es isch mit with bei as well aus "
    "from denn dann then bitte please pls mal noch via uf id is it it's its too same sieht looks schauts schaut gilt "
    "that applies dasselbe gleiche if i'm im ich wohne live wenn was so ok okay a ja yes hmm er sie ihn this they "
    "them dort da there dahin hin etwa ungefaehr roughly about eigentlich kann can i me we wir you du ihr man one "
    "will would does do genau exactly much viel or oder whatever egal fürs fuers furs hallo hi hey grueezi gruezi "
    "des does dat dis dies that's thats an faellt fallen muss muessen must have has need needs brauche kein keine "
    "no not nicht mehr more gar "
    "ueberhaupt at all what's whats within innerhalb order orders bestellung bestellen bestelle sent geschickt "
    "bis ein eine einen einem mir mich uns servus moin hoi guten tag hello mitenand danke merci cheers thanks thx "
    "lg gruss sg".split()
)
# Payment methods customers name that a shop may not offer; the pack's own words win over these.
_WELL_KNOWN_PAYMENT = {
    "twint": "Twint", "klarna": "Klarna", "bitcoin": "Bitcoin", "btc": "Bitcoin", "krypto": "Kryptowährung",
    "crypto": "Crypto", "sofortueberweisung": "Sofortüberweisung", "sofort ueberweisung": "Sofortüberweisung",
    "giropay": "giropay", "paysafecard": "paysafecard", "nachnahme": "Nachnahme",
    "cash on delivery": "cash on delivery",
    "barzahlung": "Barzahlung", "bar bezahlen": "Barzahlung", "in bar": "Barzahlung", "cash": "cash",
    "lastschrift": "Lastschrift", "direct debit": "direct debit", "sepa": "SEPA-Lastschrift",
    "amazon pay": "Amazon Pay",
    "venmo": "Venmo", "alipay": "Alipay", "wechat pay": "WeChat Pay", "ideal": "iDEAL", "bancontact": "Bancontact",
    "postfinance": "PostFinance", "revolut": "Revolut", "wero": "Wero", "scheck": "Scheck", "cheque": "cheque",
    "western union": "Western Union", "samsung pay": "Samsung Pay", "ethereum": "Ethereum", "paydirekt": "paydirekt",
}
# fmt: on


_STANDALONE = (
    (ShopTopic.CUTOFF, _CUTOFF),
    (ShopTopic.MAX_QUANTITY, _MAX_QUANTITY),
    (ShopTopic.CUSTOMS, _CUSTOMS),
    (ShopTopic.VAT, _VAT),
)
_TOPIC_CUES = (
    _HOURS,
    _PHONE,
    _EMAIL,
    _POSTAL,
    _COST,
    _TIME,
    _SHIPPING,
    _CUSTOMS,
    _VAT,
    _EXPRESS,
    _FREIGHT,
    _PAYMENT,
    _ACCEPTS,
    _ASKS_DELIVERY,
)
_PAYMENT_WORDS = frozenset(part for name in _WELL_KNOWN_PAYMENT for part in name.split())


def fold(text: str) -> str:
    """Lower case with umlauts spelled out, so "Österreich" and "oesterreich" read alike."""
    return text.lower().translate(_FOLD)


def _find(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def _phrase_in(folded: str, phrases: Iterable[str]) -> bool:
    return any(re.search(r"(?<![\w])" + re.escape(fold(p)) + r"(?![\w])", folded) for p in phrases)


class ShopQuestionReader:
    """Finds a delivery, payment or contact question in a message, against one company's data."""

    def __init__(self, config: CommerceConfig, *, delivery: bool = True, contacts: bool = True) -> None:
        """``delivery`` and ``contacts``: whether the pack words those answers (has their templates)."""
        self._config = config
        self._delivery = delivery and bool(config.countries)
        self._contacts = contacts
        self._country_words = {
            code: tuple(w for w in country.words if len(w) > 2)  # "at", "ch": too common as words
            for code, country in config.countries.items()
        }
        self._named = frozenset(fold(w) for words in self._country_words.values() for w in words) | frozenset(
            fold(part) for method in config.payment_methods.values() for w in method.words for part in w.split()
        )

    def countries(self, text: str) -> tuple[str, ...]:
        """The countries a message names, first mention first: gazetteer, then the pack's own words."""
        found = dict.fromkeys(countries_named(text))
        folded = fold(text)
        for code, words in self._country_words.items():
            if code not in found and _phrase_in(folded, words):
                found[code] = None
        return tuple(found)

    def home(self, text: str) -> str | None:
        """The served country the customer says they live in: "Ich wohne in Innsbruck" → AT."""
        countries = [c for c in self.countries(text) if c in self._config.countries]
        return countries[0] if len(countries) == 1 and _find(_RESIDENCE, fold(text)) else None

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
        folded = fold(text)
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
        content = [w for w in remaining if w not in _FILLER and w not in self._named and not countries_named(w)]
        return len(remaining) <= FOLLOW_UP_WORDS and len(content) <= allowed

    def _brand(self, folded: str, methods: tuple[str, ...]) -> str | None:
        """ "American Express", "Visa": a word for a method that its name does not contain."""
        for key in methods:
            method = self._config.payment_methods[key]
            names = fold(f"{method.name.de} {method.name.en}").replace(" ", "")
            for word in sorted(method.words, key=len, reverse=True):
                if _phrase_in(folded, (word,)) and fold(word).replace(" ", "") not in names:
                    return word.title() if word.islower() else word
        return None

    def _payment_methods(self, folded: str) -> tuple[tuple[str, ...], str | None]:
        methods = tuple(
            key
            for key, method in self._config.payment_methods.items()
            if _phrase_in(folded, sorted(method.words, key=len, reverse=True))
        )
        pack_words = {fold(w) for method in self._config.payment_methods.values() for w in method.words}
        other = next(
            (
                name
                for word, name in _WELL_KNOWN_PAYMENT.items()
                if word not in pack_words and _phrase_in(folded, (word,))
            ),
            None,
        )
        return methods, other


def _contact_topics(folded: str) -> tuple[ShopTopic, ...]:
    """Hours, phone, e-mail, postal address: how to reach the company (not the customer's own details)."""
    if _find(_ABOUT_ME, folded):
        return ()  # "Ich möchte meine E-Mail-Adresse ändern" is about the customer's account
    found = [(m.start(), topic) for topic, pattern in _CONTACT if (m := pattern.search(folded))]
    return tuple(topic for _, topic in sorted(found))


def _leftover(folded: str, *, also: frozenset[str] = frozenset()) -> list[str]:
    """The words that are neither topic cues nor filler: "wie lange dauert er?" has none."""
    bare = folded
    for place in reversed(find_places(folded)):  # "New York" is one place, not two words
        bare = bare[: place.start] + " " + bare[place.end :]
    for pattern in _TOPIC_CUES:
        bare = re.sub(pattern.pattern + r"\w*", " ", bare)
    words = re.sub(r"[^\w' ]", " ", bare).split()
    known = _FILLER | also | _PAYMENT_WORDS
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
    if _find(_ORDER_OF_MINE, folded):
        return ()  # "Wo ist meine Lieferung nach Wien?": the order's status, not the shop's terms
    found: dict[ShopTopic, int] = {}
    for topic, pattern in _STANDALONE:
        if (match := pattern.search(folded)) is not None:
            found.setdefault(topic, match.start())
    returns = _find(_RETURNS, folded)
    for topic, start in _delivery_topics(folded, countries, found, returns=returns, continuing=continuing, named=named):
        found.setdefault(topic, start)
    said_shipping, paying = _find(_SHIPPING, folded), _find(_PAYMENT, folded)
    if (
        other_payment
        or (methods and (paying or _find(_ACCEPTS, folded) or len(folded.split()) <= 3))
        or (paying and not said_shipping and not returns and not found)
    ):
        found.setdefault(ShopTopic.PAYMENT, _start(folded, _PAYMENT, _ACCEPTS))
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
    if _find(_EXPRESS, folded):
        return [(ShopTopic.EXPRESS, _start(folded, _EXPRESS))]
    if _find(_FREIGHT, folded):
        return [(ShopTopic.FREIGHT, _start(folded, _FREIGHT))]
    if _find(_WHERE, folded) and not countries:
        return [(ShopTopic.DELIVERY_COUNTRIES, _start(folded, _WHERE))]  # "Liefert ihr ins Ausland?"
    # "Do weekends count towards the delivery time?" asks more than the tables say: the knowledge answers it.
    if ShopTopic.VAT in found or len(_leftover(folded, also=named)) > SPECIFIC_WORDS:
        return []
    cost, time = _find(_COST, folded), _find(_TIME, folded)
    # "und nach Zürich?" continues the last question as it was; "was kostet das?" turns it to the price.
    shipping = _find(_SHIPPING, folded) or (continuing and (cost or time))
    asked = (shipping and (cost or time or (countries and ShopTopic.CUSTOMS not in found))) or (
        countries
        and (cost or time or _find(_ASKS_DELIVERY, folded))
        and not (_find(_PAYMENT, folded) or _find(_ACCEPTS, folded))
    )
    if not asked:
        return []
    topics = []
    if cost or not time:
        topics.append((ShopTopic.SHIPPING_COST, _start(folded, _SHIPPING, _COST)))
    if time:
        topics.append((ShopTopic.DELIVERY_TIME, _start(folded, _TIME)))
    return topics


def _start(folded: str, *patterns: re.Pattern[str]) -> int:
    """Where the first of the patterns matches: topics are answered in the order they were asked."""
    return min((m.start() for p in patterns if (m := p.search(folded))), default=0)
