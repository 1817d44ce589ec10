"""The words customers use to ask the pack's data: cost, time, express, freight, payment, contact.

Matched on folded text (lower case, umlauts spelled out: :func:`firstline.domain.text.fold` with ``spell_umlauts``),
as the start of a word. Written for how customers type: Swiss and Austrian forms, slang, typos.
"""

from __future__ import annotations

import re

from firstline.domain.shop_questions import ShopTopic


def _cue(*patterns: str) -> re.Pattern[str]:
    """Word-initial patterns, matched on folded text (ä → ae, lower case)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(patterns) + r")")


# fmt: off
SHIPPING = _cue(
    r"versand", r"versend", r"verschick", r"schick", r"porto", r"liefer", r"zustell", r"paket", r"packerl",
    r"paeckchen", r"sendung", r"shipping", r"ship\b", r"ships\b", r"postage", r"deliver", r"send\b",
    r"parcel", r"package", r"post\b", r"gschickt", r"versandkost",
)
COST = _cue(
    r"kost", r"chost", r"teuer", r"tuer\b", r"preis", r"price", r"pricing", r"cost", r"how much",
    r"wie ?viel(?!e (?:tage|werktage|wochen))",
    r"was zahl", r"zahl ich", r"zahle ich", r"gebuehr", r"fee", r"charge", r"stutz", r"franken", r"eur\b",
    r"euro", r"francs?\b", r"chf", r"bucks", r"rate", r"pauschale", r"gratis", r"kostenlos", r"frei\b", r"free",
    r"portofrei", r"threshold",
    r"grenze", r"ab wann", r"ab welche", r"bestellwert", r"einkaufswert", r"warenwert", r"order value",
    r"mindestbestell", r"zahlt man",
)
TIME = _cue(
    r"wie lang", r"dauer", r"lieferzeit", r"laufzeit", r"how long", r"how fast", r"how quick", r"wie schnell",
    r"wann (?:ist|kommt|waere|sind)", r"when (?:will|would|does|do)", r"arrive", r"take\b", r"takes\b",
    r"tage\b", r"werktage", r"days\b", r"lieferdauer", r"transit", r"zustellzeit", r"(?:delivery|shipping) times?",
    r"how soon", r"wie bald", r"ankomm", r"ankunft", r"eintreff", r"get here", r"get to me",
    r"how many (?:working )?days",
    r"wie viele (?:werk)?tage",
)
EXPRESS = _cue(
    r"(?<!american )express", r"expres\b", r"next[- ]day", r"overnight", r"eilversand", r"eillieferung",
    r"naechsten tag",
)
FREIGHT = _cue(r"spedition", r"freight", r"sperrgut", r"bulky", r"forwarder", r"grossgeraet", r"haulage")
CUTOFF = _cue(
    r"bis wann (?:muss|soll|kann) ich (?:\w+ )?bestell", r"heute noch (?:raus|los|verschickt|versendet|versandt)",
    r"same[- ]day", r"order by", r"cut-?off", r"ships? (?:out )?today", r"dispatch(?:ed)? today",
    r"leave (?:the warehouse )?today", r"go out today", r"bestellschluss",
)
# "Zoll" is also the inch: "43 Zoll", "43-Zoll-Samsung", "Zoll-Fernseher" are sizes, not customs.
CUSTOMS = _cue(
    r"(?<![\d-])(?<!\d )zoll(?!-)(?! ?(?:fernseh|tv|bildschirm|monitor|display))", r"zoell", r"customs",
    r"einfuhr", r"import (?:vat|tax|dut)", r"duty", r"duties", r"verzoll",
)
WHERE = _cue(
    r"welche[nm]? laender", r"in welche laender", r"which countries", r"what countries", r"ins ausland", r"abroad",
    r"international", r"wohin (?:liefert|liefern|versendet|schickt)", r"where (?:do|can) you (?:ship|deliver|send)",
    r"lieferlaender", r"delivery countries", r"ausserhalb", r"outside (?:of )?(?:germany|the eu|europe)",
)
ASKS_DELIVERY = _cue(
    r"liefert ihr", r"liefern sie", r"schickt ihr", r"versendet ihr", r"verschickt ihr",
    r"do you (?:ship|deliver|send)",
    r"can you (?:ship|deliver|send)", r"you guys (?:ship|deliver)", r"ship(?:ping)? to", r"deliver(?:y)? to",
)
VAT = _cue(r"mwst", r"mehrwertsteuer", r"umsatzsteuer", r"ust\b", r"vat\b", r"sales tax", r"tax rate", r"steuersatz")
PAYMENT = _cue(
    r"zahl", r"bezahl", r"zahle", r"pay\b", r"paying", r"payment", r"zahlungs", r"auf rechnung", r"per rechnung",
    r"on invoice", r"by invoice", r"in raten", r"ratenkauf", r"ratenzahlung", r"finanzier", r"instal", r"kaufen mit",
    r"buy with", r"bezahlen mit",
)
ACCEPTS = _cue(
    r"nehmt ihr", r"nehmen sie", r"akzeptier", r"accept", r"do you take", r"you take", r"geht auch", r"possible",
)
MAX_QUANTITY = _cue(
    r"wie viele (?:stueck )?(?:kann|darf) ich (?:maximal|hoechstens)", r"maximal (?:\w+ )?bestell",
    r"hoechstmenge", r"maximum (?:quantity|number|amount)",
    r"how many (?:units |items |pieces )?(?:can|may) i (?:order|buy)",
    r"max(?:imum)? (?:order )?quantity", r"mengenbegrenzung", r"limit per",
)
HOURS = _cue(
    r"oeffnungszeit", r"servicezeit", r"geschaeftszeit", r"sprechzeit", r"geoeffnet", r"erreichbar", r"zu erreichen",
    r"opening (?:hours|times)", r"business hours", r"service hours", r"office hours", r"are you open", r"you guys open",
    r"wann (?:habt|haben) (?:ihr|sie) (?:\w+ )?(?:offen|auf)",
    r"wann (?:seid|sind) (?:ihr|sie) (?:\w+ )?(?:da|erreichbar)",
    r"when (?:are|is) (?:you|your \w+|someone) (?:\w+ )?(?:open|available|there)", r"reach (?:you|someone|a person)",
)
PHONE = _cue(
    r"telefon", r"rufnummer", r"hotline", r"anrufen", r"phone", r"call you", r"ring you", r"telephone", r"callcenter",
)
EMAIL = _cue(
    r"e-?mail-?adresse", r"mailadresse", r"e-?mail address", r"(?:eure|ihre|your) e-?mail",
    r"e-?mail (?:an|to) (?:euch|sie|you)",
    r"per e-?mail erreich", r"e-?mail you", r"email you",
)
POSTAL = _cue(
    r"postanschrift", r"anschrift", r"postadresse", r"brief\b", r"briefe\b", r"letter", r"postal address",
    r"mailing address",
    r"wo (?:sitzt|seid|sitzen) (?:ihr|sie)", r"firmensitz", r"headquarter", r"where are you (?:based|located)",
)
ABOUT_ME = _cue(
    r"mein(?:e[rnms]?)? (?:e-?mail|telefon|nummer|adresse|anschrift|handy)",
    r"my (?:e-?mail|phone|number|address|mobile)",
    r"aendern", r"change", r"update", r"korrigier", r"falsch", r"wrong", r"vergessen", r"forgot",
)
CONTACT = (
    (ShopTopic.HOURS, HOURS),
    (ShopTopic.PHONE, PHONE),
    (ShopTopic.EMAIL, EMAIL),
    (ShopTopic.POSTAL_ADDRESS, POSTAL),
)
RESIDENCE = _cue(
    r"wohne", r"lebe in", r"bin aus", r"komme aus", r"ziehe (?:\w+ )?nach", r"sitze in", r"wir sind in", r"live in",
    r"i'm (?:from|in|based in)", r"i am (?:from|in|based in)", r"living in", r"moving to", r"based in", r"we're in",
)
ORDER_OF_MINE = _cue(
    r"mein(?:e[rnms]?)? (?:bestellung|lieferung|paket|packerl|sendung)", r"warenkorb", r"cart\b", r"basket",
    r"my (?:order|parcel|package|delivery|shipment)",
    r"wo (?:ist|bleibt)", r"where is", r"where's",
)
RETURNS = _cue(
    r"rueck(?:send|schick|gabe)", r"retour", r"zurueck", r"return", r"(?:send|ship|post|mail) (?:\w+ ){0,3}back",
    r"widerruf", r"umtausch", r"reklamation", r"garantie", r"warranty", r"kaputt", r"defekt", r"broken", r"damaged",
    r"beschaedigt",
)
FILLER = frozenset(
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
WELL_KNOWN_PAYMENT = {
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


STANDALONE = (
    (ShopTopic.CUTOFF, CUTOFF),
    (ShopTopic.MAX_QUANTITY, MAX_QUANTITY),
    (ShopTopic.CUSTOMS, CUSTOMS),
    (ShopTopic.VAT, VAT),
)
TOPIC_CUES = (
    HOURS,
    PHONE,
    EMAIL,
    POSTAL,
    COST,
    TIME,
    SHIPPING,
    CUSTOMS,
    VAT,
    EXPRESS,
    FREIGHT,
    PAYMENT,
    ACCEPTS,
    ASKS_DELIVERY,
)
PAYMENT_WORDS = frozenset(part for name in WELL_KNOWN_PAYMENT for part in name.split())
