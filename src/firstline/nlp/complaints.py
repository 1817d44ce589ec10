"""What a complaint is about and how urgently it needs a person.

Weighted word cues, folded like the escalation cues ("Lieferverzögerung" and
"Lieferverzoegerung" meet). A category needs at least ``MIN_CATEGORY_SCORE`` points, so a
single generic word ("Bestellung", "order") never decides one.
"""

from __future__ import annotations

from firstline.domain.complaints import ComplaintCategory, Severity
from firstline.domain.language import Language
from firstline.nlp.cues import Cue, FoldedText, any_of, cues, near
from firstline.nlp.escalation import EscalationKind, escalation_signals

MIN_CATEGORY_SCORE = 2.0
_HIGH_KINDS = frozenset({EscalationKind.LEGAL_THREAT, EscalationKind.STRONG_ANGER})

_AMOUNT = r"[£$€]\s?\d+|\d+(?:[.,]\d{2})?\s?(?:€|eur|euros?|pounds?|dollars?|gbp|usd)"
_NO_BLOCKERS: frozenset[str] = frozenset()

# Weights: 3 decides on its own ("doppelt abgebucht"), 2 is a clear topic word, 1 a hint.
_CATEGORY_DE: dict[ComplaintCategory, tuple[Cue, ...]] = {
    ComplaintCategory.DELIVERY: cues(
        r"""3 transportschaden\w*
        (?:beschädigt|kaputt|zerbrochen|zerdrückt|eingedrückt|nass)\s+(?:\w+\s+)?(?:angekommen|geliefert|zugestellt|an)
        (?:angekommen|geliefert)\s+(?:\w+\s+)?(?:beschädigt|kaputt|zerbrochen)
        (?:karton|verpackung)\s+(?:\w+\s+){0,2}(?:eingedrückt|beschädigt|aufgerissen|nass)
        (?:nie|nicht|noch\s+nicht)\s+(?:\w+\s+)?(?:angekommen|zugestellt|geliefert|eingetroffen)
        noch\s+(?:immer\s+)?nicht\s+da (?:paket|sendung|lieferung)\w*\s+(?:\w+\s+){0,4}(?:verloren|verschwunden)
        2 verschwunden abhanden paket\w* \w*liefer\w* geliefert zustell\w* zugestellt sendung\w* versand\w* verschickt
        kurier\w* paketbote\w* dhl hermes dpd gls packstation tracking verspät\w* verzöger\w* falsche\s+adresse
        nachbar\w*
        1 bestellung angekommen ware karton warte\w* verloren""",
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.PRODUCT_QUALITY: cues(
        r"""3 defekt\w* fehlerhaft\w* mangelhaft\w* minderwertig\w* funktionier\w*\s+(?:\w+\s+){0,4}?(?:nicht|kaum)
        geht\s+(?:\w+\s+){0,3}?(?:nicht\s+mehr|nicht)\s+(?:an|aus)
        nach\s+(?:\w+\s+)?(?:tag|tagen|woche|wochen|monat|monaten)\s+(?:\w+\s+)?kaputt
        2 kaputt\w* mängel\w* mangel qualität\w* verarbeitung gebrochen abgebrochen gerissen risse? undicht wackel\w*
        klemmt flacker\w* verfärbt rost\w* schimmel\w* kratzer stinkt garantie\w* gewährleistung\w* reparatur\w*
        ersatzteil\w* startet\s+nicht lädt\s+nicht schaltet\s+sich\s+(?:\w+\s+)?(?:ab|aus) absturz
        stürzt\s+(?:\w+\s+)?ab billig\w*
        rauch\w* qualm\w* brennt funken stromschlag überhitz\w* explodiert läuft\s+aus
        1 gerät\w* produkt\w* artikel akku display fehler\w* laut riecht""",
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.BILLING: cues(
        r"""3 (?:doppelt|zweimal|mehrfach|2x)\s+(?:\w+\s+)?(?:abgebucht|berechnet|belastet|bezahlt|gezahlt|abgerechnet)
        falsche\w*\s+(?:rechnung|betrag|preis|summe) zu\s+viel\s+(?:\w+\s+)?(?:berechnet|abgebucht|bezahlt)
        """
        + near(
            r"erstattung|rückerstattung|gutschrift|geld\s+zurück|mein\s+geld",
            r"noch\s+nicht|nie|keine|fehlt|warte\w*",
            6,
        )
        + rf"""
        2 rechnung\w* abgebucht abbuchung\w* belastet berechnet erstattung\w* rückerstattung\w* erstatten erstattet
        gutschrift\w*
        lastschrift\w* kreditkarte\w* paypal überweisung\w* mahnung\w* inkasso\w* gebühr\w* kontoauszug\w* rückzahlung
        1 geld betrag\w* preis\w* kosten bezahl\w* zahlung\w* abo\w* vertrag\w* rabatt\w* gutschein\w* {_AMOUNT}""",
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.SERVICE: cues(
        r"""3 unfreundlich\w* unhöflich\w* herablassend\w* arrogant\w* abgewimmelt aufgelegt vertröstet warteschleife
        (?:keine|nie\s+eine)\s+(?:antwort|rückmeldung|reaktion) nicht\s+zurückgerufen
        niemand\s+(?:meldet|antwortet|ruft|hilft|geht)
        2 mitarbeiter\w* kollegin kollege berater\w* personal verkäufer\w* kundenservice kundendienst support hotline
        callcenter rückruf\w* zurückgerufen zurückrufen ignoriert wartezeit\w* erreichbar\w* unerreichbar
        1 angerufen anruf\w* telefon\w* e-mail mail chat filiale beratung gewartet""",
        blocked_by=_NO_BLOCKERS,
    ),
}
_CATEGORY_EN: dict[ComplaintCategory, tuple[Cue, ...]] = {
    ComplaintCategory.DELIVERY: cues(
        r"""3 (?:arrived|came|delivered|turned\s+up)\s+(?:\w+\s+)?(?:broken|damaged|smashed|crushed|cracked|dented|wet)
        (?:box|parcel|package|packaging)\s+(?:\w+\s+){0,2}(?:damaged|crushed|torn|ripped|soaked|wet)
        damaged\s+in\s+(?:transit|delivery)
        (?:never|not|hasn't|hasnt|still\s+not|didn't)\s+(?:\w+\s+)?(?:arrived|delivered|turned\s+up|come)
        (?:never|not|haven't|hasn't)\s+(?:\w+\s+)?received\s+(?:my|the|our)\s+(?:parcel|package|order|delivery|goods)
        (?:parcel|package|order|delivery)\s+(?:\w+\s+){0,3}lost lost\s+in\s+(?:transit|the\s+post)
        2 parcels? packages? deliver\w* courier\w* shipping shipped shipment\w* dispatch\w* tracking transit late
        delay\w* dhl ups dpd evri hermes fedex usps royal\s+mail wrong\s+address neighbou?r\w* driver postman doorstep
        1 order arrived arrive missing waiting lost""",
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.PRODUCT_QUALITY: cues(
        r"""3 defect\w* faulty malfunction\w* (?:poor|bad|low|terrible)\s+quality fell\s+apart falling\s+apart
        came\s+apart
        (?:doesn't|does\s+not|won't|will\s+not|stopped|not|isn't)\s+(?:\w+\s+)?(?:work\w*|turn\w*\s+on|charg\w*|start\w*)
        (?:broke|stopped\s+working|died|failed|gave\s+up)\s+after\s+(?:\w+\s+)?(?:days?|weeks?|months?|uses?)
        2 broken broke cracked crack leak\w* rust\w* mou?ld stain\w* scratch\w* faded flimsy cheap\w* warranty
        guarantee repair\w* quality noisy rattl\w* squeak\w* stinks smells overheat\w* crash\w* freez\w* flicker\w*
        peel\w* torn ripped split smoke smoking sparks? shock caught\s+fire melted exploded
        1 product device item appliance battery screen charger error loud""",
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.BILLING: cues(
        r"""3 (?:charged|billed|debited|paid|taken)\s+(?:me\s+)?(?:twice|double|two\s+times|again) double[\s-]+charged
        overcharg\w* (?:wrong|incorrect|duplicate)\s+(?:\w+\s+)?(?:invoice|bill|charge|amount|price)
        (?:double|duplicate|hidden|extra)\s+charges?
        """
        + near(r"refund|money\s+back|credited", r"no|not|never|still|missing|waiting|yet", 6)
        + rf"""
        2 invoice\w* bill billed billing refund\w* money\s+back reimburs\w* payment\w* debit\w* credit\s+card paypal
        statement subscription direct\s+debit fee fees
        1 paid pay price cost amount money discount voucher coupon card charged charges? {_AMOUNT}""",
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.SERVICE: cues(
        r"""3 rude\w* unfriendly impolite unhelpful dismissive condescending arrogant hung\s+up on\s+hold hold\s+music
        no\s+(?:reply|response|answer) ignored (?:was|were|been)\s+treated
        (?:nobody|no\s+one)\s+(?:\w+\s+)?(?:answers|answered|replies|replied|responded|helps|picks\s+up|called|got\s+back)
        never\s+(?:called|got|rang|replied)\s+back
        (?:hasn't|haven't|didn't|not|never)\s+(?:\w+\s+)?(?:replied|responded|answered|called\s+back|got\s+back|heard\s+back)
        2 staff employee\w* agent representative advis[eo]r operator cashier customer\s+service support helpdesk hotline
        call\s+cent(?:re|er) callback call\s+back waiting\s+time wait\s+time queue unreachable
        1 called call phone\w* email\w* chat store shop waited""",
        blocked_by=_NO_BLOCKERS,
    ),
}

_URGENT_DE = cues(
    r"""1 \w*brand(?:gefahr|geruch|schaden|stelle|fleck|loch|spuren)? brennt gebrannt feuer feuerwehr flammen?
    rauch raucht rauchentwicklung qualm\w* funken explodiert\w* explosion überhitz\w* geschmolzen schmort verschmort
    stromschlag elektrischen?\s+schlag (?:einen|eine)\s+(?:\w+\s+)?(?:schlag|gewischt) unter\s+strom kurzschluss
    wasserschaden überschwemm\w* gas(?:geruch|leck) riecht\s+(?:\w+\s+)?(?:nach\s+gas|verbrannt) krankenhaus
    notaufnahme verletzungsgefahr (?:mich|sich|ich|er|sie|kind|finger|hand)\s+(?:\w+\s+){0,3}verletzt lebensgefahr
    lebensgefährlich gefährlich vergift\w* allergische\w*\s+reaktion verbrüh\w* verbrannt """
    + near(r"wasser|öl|säure|akku|batterie|flüssigkeit", r"läuft\s+aus|tritt\s+aus|ausgetreten", 3)
)
# "ausgelaufen" means "leaked" for a washing machine but "expired" for a contract.
_LEAKED_DE = cues("1 ausgelaufen")
_EXPIRED_DE = any_of(
    r"""vertrag\w* abo\w* abonnement garantie\w* gewährleistung\w* angebot\w* aktion frist\w* tarif\w* laufzeit\w*
    mitgliedschaft\w* lizenz\w* gutschein\w* modell\w*"""
)
_EXPIRY_DE = cues("1 " + near(_EXPIRED_DE, "ausgelaufen", 4), blocked_by=_NO_BLOCKERS)
_URGENT_EN = cues(
    r"""1 caught\s+fire on\s+fire fire\s+(?:hazard|brigade|department) set\s+fire flames? burst\s+into
    (?:a|the)\s+fire(?!\s+(?:tv|tablet|stick|hd|kids|edition)) smoke(?!\s+(?:detector|alarm)s?) smoking sparks?
    sparking explod\w* explosion overheat\w* melt\w* scorch\w* electric(?:al)?\s+shock electrocut\w*
    (?:gave|giving|got|get)\s+(?:me\s+)?(?:an?\s+)?shock short[\s-]circuit flooding
    flooded\s+(?:the|my|our)\s+(?:\w+\s+)?(?:kitchen|bathroom|floor|house|flat|basement|room)
    water\s+(?:leak|damage|everywhere) leaking\s+water gas\s+(?:leak|smell) smells?\s+(?:of\s+)?(?:gas|burning)
    injur\w* hospital a\s*&\s*e burn(?:ed|t|s)?\s+(?:my|his|her|their) dangerous hazard\w* unsafe poison\w*
    allergic\s+reaction carbon\s+monoxide battery\s+(?:swell\w*|swollen|leak\w*) swollen\s+battery"""
)
_LOW_DE = cues(
    r"""1 kleine\w*\s+anmerkung kleine\w*\s+hinweis nur\s+zur\s+info kleinigkeit verbesserungsvorschlag anregung
    tippfehler"""
) + cues(
    r"""1 kein\s+(?:großes\s+)?problem nicht\s+(?:so\s+)?(?:schlimm|wild|dringend|tragisch)
    keine\s+eile eilt\s+nicht""",
    blocked_by=_NO_BLOCKERS,
)
_LOW_EN = cues(
    r"""1 small\s+(?:note|thing|remark|suggestion) minor\s+(?:issue|thing|point|note) just\s+(?:a\s+)?fyi fyi typo
    suggestion"""
) + cues(
    r"""1 not\s+(?:a\s+)?(?:big\s+deal|urgent|a\s+problem|serious) no\s+(?:rush|hurry|big\s+deal|problem)
    not\s+in\s+a\s+hurry""",
    blocked_by=_NO_BLOCKERS,
)
_CATEGORY = {Language.DE: _CATEGORY_DE, Language.EN: _CATEGORY_EN}
_URGENT = {Language.DE: _URGENT_DE, Language.EN: _URGENT_EN}
_LOW = {Language.DE: _LOW_DE, Language.EN: _LOW_EN}


def category_scores(text: str, language: Language) -> dict[ComplaintCategory, float]:
    """Points per category; overlapping cues of one category count once, the heaviest."""
    folded = FoldedText(text)
    scores: dict[ComplaintCategory, float] = {}
    for category, category_cues in _CATEGORY[language].items():
        spans: list[tuple[int, int, float]] = []
        for hit in sorted((h for cue in category_cues for h in folded.hits(cue)), key=lambda h: -h.strength):
            if all(hit.end <= start or end <= hit.start for start, end, _ in spans):
                spans.append((hit.start, hit.end, hit.strength))
        scores[category] = sum(weight for _, _, weight in spans)
    return scores


def classify_complaint(text: str, language: Language) -> ComplaintCategory:
    """What the complaint is about: delivery, product quality, billing, service, or other."""
    scores = category_scores(text, language)
    best = max(scores, key=lambda category: scores[category])  # dict order breaks ties
    return best if scores[best] >= MIN_CATEGORY_SCORE else ComplaintCategory.OTHER


def _is_hazard(folded: FoldedText, language: Language) -> bool:
    if any(folded.hits(cue) for cue in _URGENT[language]):
        return True
    if language is Language.DE and any(folded.hits(cue) for cue in _LEAKED_DE):
        return not any(folded.hits(cue) for cue in _EXPIRY_DE)
    return False


def complaint_severity(text: str, language: Language) -> Severity:
    """Urgent for safety hazards, high for legal threats or strong anger, low for side remarks."""
    folded = FoldedText(text)
    if _is_hazard(folded, language):
        return Severity.URGENT
    if any(signal.kind in _HIGH_KINDS for signal in escalation_signals(text, language)):
        return Severity.HIGH
    if any(folded.hits(cue) for cue in _LOW[language]):
        return Severity.LOW
    return Severity.NORMAL
