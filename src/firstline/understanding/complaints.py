"""What a complaint is about and how urgently it needs a person.

Weighted word cues, folded like the escalation cues ("Lieferverzögerung" and
"Lieferverzoegerung" meet). A category needs at least ``MIN_CATEGORY_SCORE`` points, so a
single generic word ("Bestellung", "order") never decides one.
"""

from __future__ import annotations

from enum import StrEnum

from firstline.domain.language import Language
from firstline.understanding.escalation import (
    Cue,
    EscalationKind,
    FoldedText,
    cues,
    escalation_signals,
    near,
)


class ComplaintCategory(StrEnum):
    """The part of the business a complaint is about; the first that applies wins a tie."""

    DELIVERY = "delivery"
    PRODUCT_QUALITY = "product_quality"
    BILLING = "billing"
    SERVICE = "service"
    OTHER = "other"


class Severity(StrEnum):
    """How soon a complaint needs a person."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


MIN_CATEGORY_SCORE = 2.0
_NO_BLOCKERS: frozenset[str] = frozenset()
_HIGH_KINDS = frozenset({EscalationKind.LEGAL_THREAT, EscalationKind.STRONG_ANGER})

_AMOUNT = r"[£$€]\s?\d+|\d+(?:[.,]\d{2})?\s?(?:€|eur|euros?|pounds?|dollars?|gbp|usd)"
# Weights: 3 = decides on its own ("doppelt abgebucht"), 2 = clear topic word, 1 = hint.
_CATEGORY_DE: dict[ComplaintCategory, tuple[Cue, ...]] = {
    ComplaintCategory.DELIVERY: cues(
        [
            (3, r"transportschaden\w*|(?:beschädigt|kaputt|zerbrochen|zerdrückt|eingedrückt|nass)\s+(?:\w+\s+)?(?:angekommen|geliefert|zugestellt|an)"),
            (3, r"(?:angekommen|geliefert)\s+(?:\w+\s+)?(?:beschädigt|kaputt|zerbrochen)|(?:karton|verpackung)\s+(?:\w+\s+){0,2}(?:eingedrückt|beschädigt|aufgerissen|nass)"),
            (3, r"(?:nie|nicht|noch\s+nicht)\s+(?:\w+\s+)?(?:angekommen|zugestellt|geliefert|eingetroffen)|noch\s+(?:immer\s+)?nicht\s+da"),
            (3, r"(?:paket|sendung|lieferung)\w*\s+(?:\w+\s+){0,4}(?:verloren|verschwunden|abhanden)\w*"),
            (2, r"verschwunden|abhanden|paket\w*|\w*liefer\w*|geliefert|zustell\w*|zugestellt|sendung\w*|versand\w*|verschickt|kurier\w*|paketbote\w*"),
            (2, r"dhl|hermes|dpd|gls|packstation|tracking|verspät\w*|verzöger\w*|falsche\s+adresse|nachbar\w*"),
            (1, r"bestellung|angekommen|ware|karton|warte\w*|verloren"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.PRODUCT_QUALITY: cues(
        [
            (3, r"defekt\w*|funktionier\w*\s+(?:\w+\s+)?(?:nicht|kaum)|geht\s+(?:\w+\s+)?(?:nicht\s+mehr|nicht)\s+(?:an|aus)|fehlerhaft\w*"),
            (3, r"(?:nach|schon\s+nach)\s+(?:\w+\s+)?(?:tag|tagen|woche|wochen|monat|monaten)\s+(?:\w+\s+)?kaputt|mangelhaft\w*|minderwertig\w*"),
            (2, r"kaputt\w*|mängel\w*|mangel|qualität\w*|verarbeitung|gebrochen|abgebrochen|gerissen|risse?|undicht|wackel\w*|klemmt"),
            (2, r"flacker\w*|verfärbt|rost\w*|schimmel\w*|kratzer|stinkt|garantie\w*|gewährleistung\w*|reparatur\w*|ersatzteil\w*"),
            (2, r"startet\s+nicht|lädt\s+nicht|schaltet\s+sich\s+(?:\w+\s+)?(?:ab|aus)|absturz|stürzt\s+(?:\w+\s+)?ab|billig\w*"),
            (1, r"gerät\w*|produkt\w*|artikel|akku|display|fehler\w*|laut|riecht"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.BILLING: cues(
        [
            (3, r"(?:doppelt|zweimal|mehrfach|2x)\s+(?:\w+\s+)?(?:abgebucht|berechnet|belastet|bezahlt|gezahlt|abgerechnet)"),
            (3, r"falsche\w*\s+(?:rechnung|betrag|preis|summe)|zu\s+viel\s+(?:\w+\s+)?(?:berechnet|abgebucht|bezahlt)"),
            (3, near(r"erstattung|rückerstattung|gutschrift|geld\s+zurück|mein\s+geld", r"noch\s+nicht|nie|keine|fehlt|warte\w*", 4)),
            (2, r"rechnung\w*|abgebucht|abbuchung\w*|belastet|berechnet|erstattung\w*|rückerstattung\w*|erstattet|gutschrift\w*"),
            (2, r"lastschrift\w*|kreditkarte\w*|paypal|überweisung\w*|mahnung\w*|inkasso\w*|gebühr\w*|kontoauszug\w*|rückzahlung"),
            (1, rf"geld|betrag\w*|preis\w*|kosten|bezahl\w*|zahlung\w*|abo\w*|vertrag\w*|rabatt\w*|gutschein\w*|{_AMOUNT}"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.SERVICE: cues(
        [
            (3, r"unfreundlich\w*|unhöflich\w*|herablassend\w*|arrogant\w*|abgewimmelt|aufgelegt|vertröstet|warteschleife"),
            (3, r"(?:keine|nie\s+eine)\s+(?:antwort|rückmeldung|reaktion)|niemand\s+(?:meldet|antwortet|ruft|hilft|geht)|nicht\s+zurückgerufen"),
            (2, r"mitarbeiter\w*|kollegin|kollege|berater\w*|personal|verkäufer\w*|kundenservice|kundendienst|support|hotline"),
            (2, r"callcenter|rückruf\w*|zurückgerufen|zurückrufen|ignoriert|wartezeit\w*|erreichbar\w*|unerreichbar"),
            (1, r"angerufen|anruf\w*|telefon\w*|e-mail|mail|chat|filiale|beratung|gewartet"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
}
_CATEGORY_EN: dict[ComplaintCategory, tuple[Cue, ...]] = {
    ComplaintCategory.DELIVERY: cues(
        [
            (3, r"(?:arrived|came|delivered|turned\s+up)\s+(?:\w+\s+)?(?:broken|damaged|smashed|crushed|cracked|dented|wet|open)"),
            (3, r"(?:box|parcel|package|packaging)\s+(?:\w+\s+){0,2}(?:damaged|crushed|torn|ripped|soaked|wet)|damaged\s+in\s+(?:transit|delivery)"),
            (3, r"(?:never|not|hasn't|hasnt|still\s+not|didn't)\s+(?:\w+\s+)?(?:arrived|delivered|turned\s+up|come)"),
            (3, r"(?:never|not|haven't|hasn't)\s+(?:\w+\s+)?received\s+(?:my|the|our)\s+(?:parcel|package|order|delivery|item|goods)"),
            (3, r"(?:parcel|package|order|delivery)\s+(?:\w+\s+){0,3}lost|lost\s+in\s+(?:transit|the\s+post)"),
            (2, r"parcels?|packages?|deliver\w*|courier\w*|shipping|shipped|shipment\w*|dispatch\w*|tracking|transit|late|delay\w*"),
            (2, r"dhl|ups|dpd|evri|hermes|fedex|usps|royal\s+mail|wrong\s+address|neighbou?r\w*|driver|postman|doorstep"),
            (1, r"order|arrived|arrive|missing|waiting|lost"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.PRODUCT_QUALITY: cues(
        [
            (3, r"defect\w*|faulty|malfunction\w*|(?:doesn't|does\s+not|won't|will\s+not|stopped|not|isn't)\s+(?:\w+\s+)?(?:work\w*|turn\w*\s+on|charg\w*|start\w*)"),
            (3, r"(?:poor|bad|low|terrible)\s+quality|fell\s+apart|falling\s+apart|came\s+apart"),
            (3, r"(?:broke|stopped\s+working|died|failed|gave\s+up)\s+after\s+(?:\w+\s+)?(?:days?|weeks?|months?|uses?)"),
            (2, r"broken|broke|cracked|crack|leak\w*|rust\w*|mou?ld|stain\w*|scratch\w*|faded|flimsy|cheap\w*|warranty|guarantee|repair\w*"),
            (2, r"quality|noisy|rattl\w*|squeak\w*|stinks|smells|overheat\w*|crash\w*|freez\w*|flicker\w*|peel\w*|torn|ripped|split"),
            (1, r"product|device|item|appliance|battery|screen|charger|error|loud"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.BILLING: cues(
        [
            (3, r"(?:charged|billed|debited|paid|taken)\s+(?:me\s+)?(?:twice|double|two\s+times|again)|double[\s-]+charged|overcharg\w*"),
            (3, r"(?:wrong|incorrect|duplicate)\s+(?:\w+\s+)?(?:invoice|bill|charge|amount|price)|(?:double|duplicate|hidden|extra)\s+charges?"),
            (3, near(r"refund|money\s+back|credited", r"no|not|never|still|missing|waiting|yet", 4)),
            (2, r"invoice\w*|bill|billed|billing|refund\w*|money\s+back|reimburs\w*|payment\w*|debit\w*"),
            (2, r"credit\s+card|paypal|bank\s+statement|statement|subscription|direct\s+debit|fee|fees"),
            (1, rf"paid|pay|price|cost|amount|money|discount|voucher|coupon|card|charged|charges?|{_AMOUNT}"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
    ComplaintCategory.SERVICE: cues(
        [
            (3, r"rude\w*|unfriendly|impolite|unhelpful|dismissive|condescending|arrogant|hung\s+up|on\s+hold|hold\s+music"),
            (3, r"no\s+(?:reply|response|answer)|nobody\s+(?:answers|replies|helps|picks\s+up|called)|never\s+(?:called|got|rang|replied)\s+back"),
            (3, r"(?:hasn't|haven't|didn't|not|never)\s+(?:\w+\s+)?(?:replied|responded|answered|called\s+back|got\s+back|heard\s+back)|ignored"),
            (2, r"staff|employee\w*|agent|representative|advis[eo]r|operator|cashier|customer\s+service|support|helpdesk|hotline|call\s+cent(?:re|er)"),
            (2, r"callback|call\s+back|waiting\s+time|wait\s+time|queue|unreachable"),
            (1, r"called|call|phone\w*|email\w*|chat|store|shop|waited"),
        ],
        blocked_by=_NO_BLOCKERS,
    ),
}

_URGENT_DE = cues(
    [
        (1, r"\w*brand(?:gefahr|geruch|schaden|stelle|fleck|loch|spuren)?|brennt|gebrannt|feuer|feuerwehr|flammen?"),
        (1, r"rauch|raucht|rauchentwicklung|qualm\w*|funken|explodiert\w*|explosion|überhitz\w*|geschmolzen|schmort|verschmort"),
        (1, r"stromschlag|elektrischen?\s+schlag|(?:einen|eine)\s+(?:\w+\s+)?(?:schlag|gewischt)|unter\s+strom|kurzschluss"),
        (1, r"wasserschaden|überschwemm\w*|gas(?:geruch|leck)|riecht\s+(?:\w+\s+)?(?:nach\s+gas|verbrannt)|krankenhaus|notaufnahme"),
        (1, r"verletzungsgefahr|(?:mich|sich|ich|er|sie|kind|finger|hand)\s+(?:\w+\s+){0,3}verletzt"),
        (1, r"lebensgefahr|lebensgefährlich|gefährlich|vergift\w*|allergische\w*\s+reaktion|verbrüh\w*|verbrannt"),
        (1, near(r"wasser|öl|säure|akku|batterie|flüssigkeit", r"läuft\s+aus|tritt\s+aus|ausgetreten", 3)),
    ]
)
_EXPIRED_DE = r"vertrag\w*|abo\w*|abonnement|garantie\w*|gewährleistung\w*|angebot\w*|aktion|frist\w*|tarif\w*|laufzeit\w*|mitgliedschaft\w*|lizenz\w*|gutschein\w*|modell\w*"
# "ausgelaufen" means "leaked" for a washing machine but "expired" for a contract.
_LEAKED_DE = cues([(1, r"ausgelaufen")])
_EXPIRY_DE = cues([(1, near(_EXPIRED_DE, r"ausgelaufen", 4))], blocked_by=_NO_BLOCKERS)
_URGENT_EN = cues(
    [
        (1, r"caught\s+fire|on\s+fire|fire\s+(?:hazard|brigade|department)|(?:a|the)\s+fire(?!\s+(?:tv|tablet|stick|hd|kids|edition))|flames?|burst\s+into|set\s+fire"),
        (1, r"smoke(?!\s+(?:detector|alarm)s?)|smoking|sparks?|sparking|explod\w*|explosion|overheat\w*|melt\w*|scorch\w*"),
        (1, r"electric(?:al)?\s+shock|electrocut\w*|(?:gave|giving|got|get)\s+(?:me\s+)?(?:an?\s+)?shock|short[\s-]circuit"),
        (1, r"flooded\s+(?:the|my|our)\s+(?:\w+\s+)?(?:kitchen|bathroom|floor|house|flat|basement|room)|flooding"),
        (1, r"water\s+(?:leak|damage|everywhere)|leaking\s+water|gas\s+(?:leak|smell)|smells?\s+(?:of\s+)?(?:gas|burning)"),
        (1, r"injur\w*|hospital|a\s*&\s*e|burn(?:ed|t|s)?\s+(?:my|his|her|their)|dangerous|hazard\w*|unsafe|poison\w*|allergic\s+reaction"),
        (1, r"carbon\s+monoxide|battery\s+(?:swell\w*|swollen|leak\w*)|swollen\s+battery"),
    ]
)
_LOW_DE = cues(
    [(1, r"kleine\w*\s+anmerkung|kleine\w*\s+hinweis|nur\s+zur\s+info|kleinigkeit|verbesserungsvorschlag|anregung|tippfehler")]
) + cues(
    [(1, r"kein\s+großes\s+problem|nicht\s+(?:so\s+)?(?:schlimm|wild|dringend|tragisch)|keine\s+eile|eilt\s+nicht")],
    blocked_by=_NO_BLOCKERS,
)
_LOW_EN = cues(
    [(1, r"small\s+(?:note|thing|remark|suggestion)|minor\s+(?:issue|thing|point|note)|just\s+(?:a\s+)?fyi|fyi|typo|suggestion")]
) + cues(
    [(1, r"not\s+(?:a\s+)?(?:big\s+deal|urgent|a\s+problem|serious)|no\s+(?:rush|hurry|big\s+deal)|not\s+in\s+a\s+hurry")],
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

