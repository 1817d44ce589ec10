"""Escalation signals in customer text: supervisor requests, legal threats, anger, frustration.

Word lists and regular expressions, no model, so every verdict can be explained by its
``evidence``. Text and patterns are folded the same way (lower case, "ä" → "ae", "ß" →
"ss"), so "verärgert", "VERÄRGERT" and "veraergert" meet. A cue preceded by a negation
in its clause does not count ("Ich will keinen Anwalt einschalten"); a negation inside an
"if" clause still lets it count ("If I don't get my money I will sue").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from firstline.domain.language import Language
from firstline.nlp.cues import SOFTENED, Cue, FoldedText, Hit, any_of, compile_pattern, cues, near


class EscalationKind(StrEnum):
    """Why a conversation should reach a human sooner than its flow would send it."""

    SUPERVISOR_REQUEST = "supervisor_request"
    LEGAL_THREAT = "legal_threat"
    STRONG_ANGER = "strong_anger"
    REPEATED_FRUSTRATION = "repeated_frustration"


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationSignal:
    """One kind of escalation found in a message, with how strongly and why."""

    kind: EscalationKind
    strength: float
    """0–1; several independent cues push it towards 1."""
    evidence: tuple[str, ...]
    """The words that triggered the signal, as the customer wrote them."""


MIN_STRENGTH = 0.5
"""Weak cues ("Mist", "annoyed") only add to others; they never fire on their own."""
_ORDER = tuple(EscalationKind)  # ties go to the kind listed first, the most consequential
_LAWYER_DE = r"(?:rechts)?(?:anwalt|anwält)\w*"
_NOT_PRODUCT = r"(?!-|\s+(?:app|edition|software|tool|funktion|version|modus|mode|konto|account|passwor[dt]|login)\b)"
_BOSS_DE = any_of(
    r"""vorgesetzte[nr]? chef(?:in|s)? teamleit\w* abteilungsleit\w* filialleit\w* schichtleit\w*
    geschäftsführ\w* geschäftsleitung manager(?:in)? supervisor verantwortliche[nr]?"""
)
_RANK_DE = any_of("direkten zuständigen nächsthöheren höheren obersten richtigen")
_DET_DE = any_of(
    """ihren ihrem ihrer ihre ihr deinen deinem deiner deine euren eurem eurer eure
    einen einem einer eine den dem die der zum zur"""
)
_SUPERVISOR_DE = cues(
    rf"0.85 {_DET_DE}\s+(?:{_RANK_DE}\s+)?{_BOSS_DE}{_NOT_PRODUCT}",
    context=any_of(
        r"""sprechen reden verbinden verbinde durchstellen stellen weiterleiten leiten holen hole verlange\w*
        will möchte\w* hätte geben gib her wende eskalier\w* bitte sofort"""
    ),
    negated_after=True,
) + cues(
    r"""0.8 höhere[nr]?\s+stelle nächsthöhere[nr]?\s+instanz jemand\w*\s+mit\s+(?:mehr\s+)?befugnis\w*
    0.7 eskalier\w*"""
)
_LEGAL_DE = cues(
    rf"""0.9 (?:mein|meine|meinen|meinem|meiner|unser|unseren|unserem)\s+(?:\w+\s+)?{_LAWYER_DE}
    (?:schalt\w*|nehm\w*|beauftrag\w*|kontaktier\w*|hole)\s+(?:\w+\s+){{0,2}}{_LAWYER_DE}
    {_LAWYER_DE}\s+(?:\w+\s+){{0,2}}(?:einschalt\w*|nehmen|beauftrag\w*|hinzuziehen|übergeben|gehen)
    (?:rechtliche|juristische|gerichtliche)n?\s+schritte rechtsweg\w* vor\s+(?:\w+\s+)?gericht
    0.85 (?:zum|zu\s+einem|an\s+einen|über\s+einen|mit\s+einem)\s+{_LAWYER_DE} anwaltlich\w*
    gerichtlich\w* sammelklage\w* strafanzeige anzeige\s+(?:\w+\s+)?erstatt\w* erstatt\w*\s+(?:\w+\s+)?anzeige
    zur\s+polizei
    0.95 verklag\w* (?:ich|wir)\s+klagen?(?!\s+über) klagen?\s+(?:ich|wir)(?!\s+über)
    klage\s+(?:\w+\s+)?(?:einreichen|erheben|ein) (?:reiche|erhebe)\w*\s+(?:\w+\s+){{0,2}}klage
    0.8 (?:polizei|staatsanwaltschaft)\s+(?:\w+\s+)?(?:einschalten|informieren|holen|rufen)
    0.75 verbraucherzentrale\w* verbraucherschutz\w* schlichtungsstelle\w* bundesnetzagentur ombuds\w*
    datenschutzbehörde\w* aufsichtsbehörde\w* abmahn\w*""",
    negated_after=True,
)
_INSULT_ADJ_DE = any_of(
    "dumm blöd doof dämlich nutzlos unfähig bescheuert bekloppt beschissen verdammt elend inkompetent hirnlos"
)
_PREDICATE_DE = any_of("dumm blöd doof dämlich nutzlos unfähig bescheuert bekloppt inkompetent hirnlos unbrauchbar")
_INSULT_NOUN_DE = any_of(
    r"""idiot(?:en)? vollidiot(?:en)? trottel depp(?:en)? vollpfosten versager affen? arschl(?:och|öcher) penner
    witzfigur(?:en)? pfeifen? stümper dilettant(?:en)? schwachk(?:opf|öpfe) blödmann dummkopf"""
)
_MACHINE_DE = any_of("bot chatbot roboter blechkiste ki assistent")
_INSULTS_DE = cues(
    rf"""0.95 (?:du|sie|ihr)\s+(?:{_INSULT_ADJ_DE}(?:e[nrs]?)?\s+){{0,2}}{_INSULT_NOUN_DE}
    fick\s+dich leck\s+mich halt\s+(?:die|deine)\s+(?:klappe|fresse) verpiss\s+dich
    0.9 {_INSULT_ADJ_DE}(?:e[nrs]?)?\s*-?\s*{_MACHINE_DE} scheiß-?{_MACHINE_DE}
    (?:du\s+bist|sie\s+sind|ihr\s+seid|bist\s+du|sind\s+sie|seid\s+ihr)\s+(?:\w+\s+){{0,2}}?(?:{_PREDICATE_DE}|ein(?:e)?\s+(?:witz|versager|katastrophe|{_INSULT_NOUN_DE})|{_INSULT_NOUN_DE})"""
)
_ANGER_DE = (
    cues(
        r"""0.45 verdammt verflucht scheiße? mist sauer ärgerlich
        0.85 scheiß-?(?!e\b|egal\b)\w+ beschiss\w* verfickt\w* kack\w+ arsch\w* (?:saft|sau|drecks?)laden drecks\w+
        idioten vollidioten betrüger\w* abzock\w* halsabschneider verbrecher\w* verarsch\w*
        (?:ist|reiner|glatter|purer)\s+betrug schämen\s+sie\s+sich schämt\s+euch sollten\s+sich\s+schämen
        0.8 frechheit unverschämt\w* dreistigkeit armutszeugnis unterste\s+schublade (?:ist|sind)\s+das\s+letzte
        0.75 trustpilot öffentlich\s+machen (?:an\s+die|der)\s+presse (?:alle|jeden)\s+(?:\w+\s+)?warnen
        0.7 zumutung skandal\w* inkompeten\w* unfähig\w* stümper\w* dilettant\w* stinksauer stocksauer wütend
        (?:mir\s+)?reicht(?:'s|\s+es)(?:\s+mir)?(?:\s+jetzt)? nase\s+(?:\w+\s+)?voll kragen\s+platzt
        verdammte[nrms]? (?:so|was\s+für)\s+(?:ein|eine)\s+(?:scheiß|dreck|schrott|müll)\w*
        0.6 verärgert empört katastroph\w* (?:ist|sind)\s+(?:doch\s+|ja\s+)?(?:ein\s+)?witz lachhaft lächerlich
        (?:ist|totaler|kompletter|absoluter|nur)\s+(?:schrott|müll|mist)"""
        + " 0.75 "
        + near(r"poste\w*|teile\w*|veröffentlich\w*", r"medien|media|facebook|instagram|tiktok|internet", 4),
        blocked_by=SOFTENED,
    )
    + cues(
        r"""0.75 (?:schlechte|negative|miese|vernichtende)\w*\s+(?:\w+\s+)?(?:bewertung|rezension|kritik)\w*
        null\s+sterne? (?:nur\s+)?einen\s+stern""",
        blocked_by=SOFTENED,
        context=r"gebe\w*|schreib\w*|hinterlass\w*|verfass\w*|poste\w*|werde\w*|verdient",
    )
    + cues(r"0.55 nie\s+(?:wieder|mehr)\s+(?:bei|kaufe|bestelle|bestellen|kaufen)", blocked_by=frozenset())
)
_OFTEN_DE = any_of(r"zigmal x-?mal zehnmal hundertmal dreimal mehrmals mehrfach so\s+oft")
_TOLD_DE = any_of("gesagt geschrieben erklärt gefragt nachgefragt angerufen gemeldet reklamiert versucht")
_FRUSTRATION_DE = cues(
    rf"""0.85 (?:das|dies)\s+(?:habe|hab)\s+ich\s+(?:doch\s+|aber\s+|gar\s+|überhaupt\s+)?nicht\s+gefragt
    (?:das|dies)\s+(?:war|ist)\s+(?:\w+\s+)?nicht\s+meine\s+frage
    (?:sie|du|ihr)\s+(?:verstehen|verstehst|versteht)\s+(?:\w+\s+){{0,3}}?nicht(?!\s+falsch)
    wie\s+oft\s+(?:muss|soll)\s+ich
    zum\s+(?:x|zig|x-?ten|zigsten|dritten|vierten|fünften|zehnten|wiederholten|\d+\.?)[\s-]*mal
    0.8 (?:verstehen\s+sie|verstehst\s+du|versteht\s+ihr)\s+(?:\w+\s+){{0,2}}?nicht\s*\?
    (?:sie|du)\s+(?:hören|hörst)\s+(?:mir\s+)?(?:\w+\s+)?nicht\s+zu
    (?:lesen\s+sie|liest\s+du)\s+(?:überhaupt|eigentlich)
    (?:schon|bereits)\s+(?:\w+\s+)?{_OFTEN_DE}\s+(?:\w+\s+){{0,3}}?{_TOLD_DE}
    0.75 (?:sie\s+haben|du\s+hast|ihr\s+habt)\s+(?:\w+\s+){{0,3}}?(?:nicht|falsch)\s+verstanden
    immer\s+(?:wieder\s+)?(?:die|dieselbe|dasselbe|das)\s+(?:gleiche[n]?\s+)?(?:antwort|text|nachricht)
    (?:keine|nicht\s+die)\s+antwort\s+auf\s+meine\s+frage im\s+kreis sie\s+wiederholen\s+sich du\s+wiederholst\s+dich
    0.7 ich\s+(?:habe|hab)\s+(?:es|das|ihnen|dir|euch)\s+(?:\w+\s+){{0,2}}(?:schon|bereits)\s+(?:\w+\s+)?{_TOLD_DE}
    0.6 standardantwort\w* textbaustein\w* ich\s+wiederhole\s+mich (?:gegen|mit)\s+einer\s+wand
    0.55 (?:das|dies|es)\s+(?:hilft|bringt)\s+(?:mir\s+)?(?:überhaupt\s+|gar\s+|absolut\s+)?nichts?""",
    blocked_by=frozenset(),
)

# --- English cues ------------------------------------------------------------------------

_LAWYER_EN = r"(?:lawyers?|attorneys?|solicitors?|legal\s+(?:team|counsel|department))"
_BOSS_EN = r"(?:managers?|supervisors?|boss|superiors?|team\s+lead(?:er)?|head\s+of\s+(?:customer\s+)?service)"
_INSULT_ADJ_EN = any_of(
    "stupid useless dumb idiotic pathetic worthless incompetent brainless fucking bloody crappy shitty"
)
_INSULT_NOUN_EN = any_of(
    r"""idiots? morons? clowns? muppets? losers? imbeciles? liars? thie(?:f|ves) crooks? scammers?
    (?:piece|pile|heap|load)\s+of\s+(?:\w+\s+)?(?:junk|shit|crap|garbage|trash|rubbish)"""
)
_MACHINE_EN = any_of("bot chatbot robot ai assistant")
_RANK_EN = any_of("direct line floor store shift duty real senior actual")
_SUPERVISOR_EN = cues(
    rf"0.85 (?:your|a|the|some|to)\s+(?:{_RANK_EN}\s+)?{_BOSS_EN}{_NOT_PRODUCT}",
    context=any_of(
        r"""speak talk get put transfer connect escalate want need demand let\s+me see call bring fetch give\s+me
        i'd\s+like pass now immediately"""
    ),
) + cues(
    r"""0.8 (?:someone|somebody|person)\s+(?:more\s+senior|in\s+charge|higher\s+up|with\s+(?:more\s+)?authority)
    0.7 escalate\s+(?:this|it|my\s+\w+) (?:want|need)\s+(?:this|it)\s+escalated"""
)
_LEGAL_EN = cues(
    rf"""0.95 (?:will|\w*'ll|going\s+to|gonna|to|shall|then|and)\s+sue sue\s+(?:you|your|them|this|the|for) suing
    0.9 (?:my|our)\s+(?:\w+\s+)?{_LAWYER_EN} lawyer\s+up
    (?:get|getting|hire|hiring|contact|contacting|call|calling|consult|involve|instruct)\s+(?:a|an|my|our)\s+{_LAWYER_EN}
    lawsuit legal\s+(?:action|steps|proceedings|measures|route|claim) class\s+action small[\s-]+claims
    (?:take|taking|bring|bringing|drag|dragging)\s+(?:\w+\s+){{1,2}}to\s+court in\s+court
    0.85 report\w*\s+(?:\w+\s+){{1,2}}to\s+(?:the\s+)?(?:police|authorities|regulator|trading\s+standards|ombudsman)
    0.75 trading\s+standards ombudsman consumer\s+(?:protection|council|association) better\s+business\s+bureau
    citizens\s+advice financial\s+conduct\s+authority call\w*\s+the\s+police"""
)
_INSULTS_EN = cues(
    rf"""0.95 (?:you|u|ya)\s+(?:{_INSULT_ADJ_EN}\s+){{0,2}}{_INSULT_NOUN_EN}
    fuck\s+(?:you|off|u) screw\s+you shut\s+up go\s+to\s+hell stfu piss\s+off bugger\s+off
    0.9 {_INSULT_ADJ_EN}\s+(?:\w+\s+)?{_MACHINE_EN}
    (?:you\s+are|you're|youre|ur|are\s+you|you\s+(?:people|lot|guys)\s+are)\s+(?:\w+\s+){{0,2}}?(?:stupid|useless|dumb|incompetent|pathetic|worthless|brain[\s-]?dead|an?\s+(?:idiot|moron|joke|clown|disgrace|liar)|{_INSULT_NOUN_EN})"""
)
_ANGER_EN = (
    cues(
        r"""0.45 damn(?:\s+it)? shit crap bloody angry annoyed useless
        0.85 fuck\w* f\*+k\w* shitty bullshit crappy (?:this|your|such)\s+(?:\w+\s+)?(?:shit|crap) for\s+fuck'?s\s+sake
        idiots morons clowns fraudsters rip[\s-]?off ripped\s+off thieves crooks daylight\s+robbery
        scam(?!\s+(?:e-?mails?|calls?|texts?|messages?|links?|sites?))(?!\w*\s*\?)\w*
        shame\s+on\s+you should\s+be\s+ashamed
        0.8 disgrace\w* disgusting outrageous appalling atrocious shambolic scandalous shameful
        0.75 furious livid fuming seething irate outraged (?:so|really|extremely|very)\s+angry incompeten\w*
        worst\s+(?:\w+\s+)?(?:company|service|experience|shop|store|retailer|support) trustpilot
        (?:post|share|tell)\w*\s+(?:\w+\s+){0,3}(?:on\s+)?(?:social\s+media|twitter|facebook|reddit|everyone)
        0.7 (?:this\s+is|that's|that\s+is|what)\s+an?\s+(?:\w+\s+)?(?:joke|farce|shambles|nightmare|scandal)
        (?:go|going)\s+to\s+the\s+(?:press|media|papers) take\s+my\s+(?:business|money)\s+elsewhere
        0.65 wtf ffs pissed(?:\s+off)? bloody\s+(?:useless|joke|disgrace|ridiculous|awful|nightmare)
        0.6 unacceptable ridiculous absurd pathetic laughable sick\s+and\s+tired fed\s+up had\s+enough""",
        blocked_by=SOFTENED,
    )
    + cues(
        r"0.75 (?:bad|negative|terrible|scathing|awful)\s+(?:\w+\s+)?reviews? (?:one|1|zero|0)[\s-]*star",
        blocked_by=SOFTENED,
        context=r"leav\w*|writ\w*|post\w*|giv\w*|will|\w*'ll|going|deserve\w*",
    )
    + cues(r"0.55 never\s+(?:again|shop\w*\s+(?:here|with\s+you)|order\w*\s+from\s+you)", blocked_by=frozenset())
)
_FRUSTRATION_EN = cues(
    r"""0.85 (?:that's|that\s+is|this\s+is|it's)\s+not\s+what\s+i\s+(?:asked|said|meant|wrote|wanted)
    you\s+(?:\w+\s+)?(?:don't|do\s+not|dont)\s+(?:seem\s+to\s+)?(?:understand|get\s+it|listen)
    how\s+many\s+times\s+(?:do|must|have|should|will)\s+i
    0.8 not\s+what\s+i\s+asked (?:that's|that\s+is)\s+not\s+my\s+question
    (?:that|this|it)\s+(?:doesn't|does\s+not|didn't|did\s+not)\s+answer\s+my\s+question
    (?:you're|you\s+are|youre)\s+not\s+(?:listening|understanding|reading|getting\s+it|helping)
    for\s+the\s+(?:third|fourth|fifth|tenth|hundredth|umpteenth|nth|millionth|\d+(?:rd|th))\s+time
    0.75 you\s+(?:didn't|did\s+not)\s+(?:understand|read|listen) you\s+misunderst\w*
    (?:did|do)\s+you\s+(?:even|actually)\s+read are\s+you\s+(?:even\s+)?(?:listening|reading)
    you\s+keep\s+(?:saying|repeating|sending|telling|giving|asking) stop\s+(?:repeating|sending)
    0.7 same\s+(?:\w+\s+)?(?:answer|response|reply) (?:round|around)\s+in\s+circles talking\s+to\s+a\s+(?:brick\s+)?wall
    0.65 (?:i've|i\s+have|i)\s+(?:already|just)\s+(?:told|said|explained)(?:\s+you)?
    0.6 over\s+and\s+over again\s+and\s+again canned\s+(?:answer|response)s? copy[\s-]+paste
    0.55 (?:that|this|it)\s+(?:doesn't|does\s+not|didn't)\s+help not\s+helpful\s+at\s+all no\s+help\s+at\s+all""",
    blocked_by=frozenset(),
)

_INSULTS = {Language.DE: _INSULTS_DE, Language.EN: _INSULTS_EN}
_CUES: dict[Language, dict[EscalationKind, tuple[Cue, ...]]] = {
    Language.DE: {
        EscalationKind.SUPERVISOR_REQUEST: _SUPERVISOR_DE,
        EscalationKind.LEGAL_THREAT: _LEGAL_DE,
        EscalationKind.STRONG_ANGER: _INSULTS_DE + _ANGER_DE,
        EscalationKind.REPEATED_FRUSTRATION: _FRUSTRATION_DE,
    },
    Language.EN: {
        EscalationKind.SUPERVISOR_REQUEST: _SUPERVISOR_EN,
        EscalationKind.LEGAL_THREAT: _LEGAL_EN,
        EscalationKind.STRONG_ANGER: _INSULTS_EN + _ANGER_EN,
        EscalationKind.REPEATED_FRUSTRATION: _FRUSTRATION_EN,
    },
}

# --- Typography: shouting and exclamation marks ------------------------------------------

_LONG_WORD = re.compile(r"(?<!\w)[^\W\d_]{3,}(?!\w)")
_ACRONYMS = frozenset(
    "DHL UPS DPD GLS USB LED PDF SMS PIN TAN IBAN BIC AGB FAQ API URL EUR USD CHF GBP PLZ MWST UST "
    "HDMI WLAN DSL LTE GPS KFZ NFC SIM VAT ASAP FYI".split()
)
_MARKS = re.compile(r"[!?]{3,}")
_GLAD = compile_pattern(
    r"(?<!\w)(?:danke\w*|dank|thanks?|thank\s+you|super|toll|great|awesome|perfekt|perfect|love|freue\w*|happy"
    r"|glücklich|klasse|wunderbar|wonderful|prima|yay|juhu|hurra)(?!\w)"
)
_SHOUTING_STRENGTH = 0.6
_MARKS_STRENGTH = 0.5


def _typography(folded: FoldedText) -> list[Hit]:
    """Shouting in capitals and "!!!" as anger; neither counts in a glad message ("Danke!!!")."""
    if _GLAD.search(folded.folded):
        return []
    hits = []
    words = _LONG_WORD.findall(folded.original)
    loud = [word for word in words if word.isupper() and word not in _ACRONYMS]
    if len(loud) >= 3 and len(loud) >= 0.6 * len(words):
        hits.append(Hit(-1, -1, _SHOUTING_STRENGTH, " ".join(loud[:6])))
    marks = next((m.group() for m in _MARKS.finditer(folded.folded) if m.group().count("!") >= 2), None)
    if marks is not None:
        hits.append(Hit(-2, -2, _MARKS_STRENGTH, marks))
    return hits


# --- Public functions --------------------------------------------------------------------


def _strongest(hits: Iterable[Hit]) -> list[Hit]:
    """Keep the strongest of overlapping hits, so one phrase matched by two cues counts once."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.strength, h.start)):
        if hit.start < 0 or all(hit.end <= other.start or other.end <= hit.start for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _signal(kind: EscalationKind, hits: Sequence[Hit]) -> EscalationSignal:
    """Combine independent hits like probabilities: two 0.5 cues make 0.75."""
    remaining = 1.0
    for hit in hits:
        remaining *= 1.0 - hit.strength
    evidence = tuple(dict.fromkeys(hit.text for hit in hits))
    return EscalationSignal(kind=kind, strength=round(1.0 - remaining, 2), evidence=evidence)


def escalation_signals(text: str, language: Language) -> tuple[EscalationSignal, ...]:
    """Every escalation kind in the message at MIN_STRENGTH or above, strongest first."""
    folded = FoldedText(text)
    signals = []
    for kind, kind_cues in _CUES[language].items():
        hits = [hit for cue in kind_cues for hit in folded.hits(cue)]
        if kind is EscalationKind.STRONG_ANGER:
            hits += _typography(folded)
        signal = _signal(kind, _strongest(hits))
        if signal.strength >= MIN_STRENGTH:
            signals.append(signal)
    return tuple(sorted(signals, key=lambda s: (-s.strength, _ORDER.index(s.kind))))


def detect_escalation(text: str, language: Language) -> EscalationSignal | None:
    """The strongest escalation signal in a customer message, or None for a calm one."""
    signals = escalation_signals(text, language)
    return signals[0] if signals else None


def is_insult(text: str, language: Language) -> bool:
    """Whether the message insults the agent or the company ("du dummer Bot", "you idiots")."""
    folded = FoldedText(text)
    return any(folded.hits(cue) for cue in _INSULTS[language])
