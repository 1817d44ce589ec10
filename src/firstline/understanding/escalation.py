"""Escalation signals in customer text: supervisor requests, legal threats, anger, frustration.

Word lists and regular expressions, no model, so every verdict can be explained by its
``evidence``. Text and patterns are folded the same way (lower case, "ä" → "ae", "ß" →
"ss"), so "verärgert", "VERÄRGERT" and "veraergert" meet. A cue preceded by a negation
in its clause does not count ("Ich will keinen Anwalt einschalten"); a negation inside an
"if" clause still lets it count ("If I don't get my money I will sue").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from firstline.domain.language import Language


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
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "‘": "'", "´": "'", "`": "'"})

NEGATIONS = frozenset(
    "nicht kein keine keinen keinem keiner keines nie niemals nichts ohne weder "
    "not no never without neither nor dont wont cant didnt doesnt isnt wouldnt".split()
)
_SOFTENERS = frozenset("etwas bisschen wenig leicht bit little slightly somewhat mildly kinda tad".split())
_SOFTENED = NEGATIONS | _SOFTENERS
_CLAUSE_BREAKS = frozenset("aber sondern sonst also deshalb daher dann but however otherwise so then therefore".split())
_CONDITIONALS = frozenset("wenn falls sofern solange if unless until".split())
# "I won't hesitate to sue", "nicht nur …, sondern": the negation does not reach the cue.
_NEGATION_VOIDS = frozenset("hesitate zoegern zoegere scheuen scheue nur only just".split())
_POST_NEGATIONS = frozenset("nicht nie niemals".split())
NEGATION_WINDOW = 3
"""How many words before a cue a negation may stand and still cancel it."""
_TOKEN = re.compile(r"[\w']+|[.,;:!?]")
_PUNCTUATION = frozenset(".,;:!?")


@dataclass(frozen=True, slots=True)
class Cue:
    """A pattern that counts as evidence unless a blocker word cancels it."""

    strength: float
    pattern: re.Pattern[str]
    blocked_by: frozenset[str] = NEGATIONS
    """Words that cancel the cue nearby; empty for cues that contain a negation themselves."""
    context: re.Pattern[str] | None = None
    """When set, this must also occur in the same sentence (a request verb, say)."""
    negated_after: bool = False
    """Also cancelled by a German "nicht" right after the cue: "Ich verklage Sie nicht"."""


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a lower-case pattern written with umlauts so that it matches folded text."""
    return re.compile(pattern.translate(_FOLD))


def _bounded(pattern: str) -> re.Pattern[str]:
    """Match whole words only: "klage" not inside "beklage", "manager" not in "Passwort-Manager"."""
    return compile_pattern(rf"(?<![\w-])(?:{pattern})(?![\w-])")


def cues(
    table: Iterable[tuple[float, str]],
    *,
    blocked_by: frozenset[str] = NEGATIONS,
    context: str | None = None,
    negated_after: bool = False,
) -> tuple[Cue, ...]:
    """Compile (strength, pattern) pairs that share how they are cancelled and what they need."""
    needed = _bounded(context) if context is not None else None
    return tuple(Cue(strength, _bounded(pattern), blocked_by, needed, negated_after) for strength, pattern in table)


def near(first: str, second: str, words: int) -> str:
    """A pattern for two phrases at most `words` words apart, in either order."""
    gap = rf"(?:\W+\w+){{0,{words}}}?\W+"
    return rf"(?:{first}){gap}(?:{second})|(?:{second}){gap}(?:{first})"


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a cue matched (folded offsets; negative for whole-message cues) and what was written."""

    start: int
    end: int
    strength: float
    text: str


class FoldedText:
    """A message folded for matching that still knows the original spelling of every match."""

    def __init__(self, text: str) -> None:
        self.original = unicodedata.normalize("NFC", text)
        parts: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(self.original):
            folded = char.lower().translate(_FOLD)
            parts.append(folded)
            origin.extend([index] * len(folded))
        self.folded = "".join(parts)
        self._origin = origin

    def source(self, start: int, end: int) -> str:
        """The original text behind folded[start:end]."""
        return self.original[self._origin[start] : self._origin[end - 1] + 1]

    def hits(self, cue: Cue) -> list[Hit]:
        """Every match of the cue that no nearby negation cancels."""
        found = []
        for match in cue.pattern.finditer(self.folded):
            start, end = match.span()
            if cue.context is not None and not cue.context.search(self._sentence(start)):
                continue
            if cue.blocked_by and self._negated(start, end, cue.blocked_by, cue.negated_after):
                continue
            found.append(Hit(start, end, cue.strength, self.source(start, end)))
        return found

    def _sentence(self, position: int) -> str:
        text = self.folded
        begin = max(text.rfind(mark, 0, position) for mark in ".!?\n") + 1
        ends = [found for mark in ".!?\n" if (found := text.find(mark, position)) != -1]
        return text[begin : min(ends, default=len(text))]

    def _negated(self, start: int, end: int, blockers: frozenset[str], after: bool) -> bool:
        """Whether a blocker sits inside the match, shortly before it in its clause, or (German) after."""
        if any(_word(token) in blockers for token in _TOKEN.findall(self.folded[start:end])):
            return True
        before = [_word(token) for token in _TOKEN.findall(self.folded[max(0, start - 300) : start])]
        between: list[str] = []
        for position in range(len(before) - 1, max(-1, len(before) - 1 - NEGATION_WINDOW), -1):
            word = before[position]
            if word in _PUNCTUATION or word in _CLAUSE_BREAKS:
                break
            if word in blockers and not _NEGATION_VOIDS.intersection(between) and not _in_condition(before[:position]):
                return True
            between.append(word)
        if not after:
            return False
        following = _TOKEN.findall(self.folded[end : end + 40])[:2]
        return any(token in _POST_NEGATIONS for token in following)


def _word(token: str) -> str:
    return "not" if token.endswith("n't") else token


def _in_condition(earlier: Sequence[str]) -> bool:
    """Whether the sentence so far opened an "if" clause: a negation there is the condition's."""
    for word in reversed(earlier):
        if word in ".!?":
            return False
        if word in _CONDITIONALS:
            return True
    return False


# --- German cues -------------------------------------------------------------------------

_LAWYER_DE = r"(?:rechts)?(?:anwalt|anwält)\w*"
_NOT_PRODUCT = r"(?!-|\s+(?:app|edition|software|tool|funktion|version|modus|mode|konto|account|passwor[dt]|login)\b)"
_BOSS_DE = (
    r"(?:vorgesetzte[nr]?|chef(?:in|s)?|teamleit\w*|abteilungsleit\w*|filialleit\w*|schichtleit\w*"
    rf"|geschäftsführ\w*|geschäftsleitung|manager(?:in)?|supervisor|verantwortliche[nr]?){_NOT_PRODUCT}"
)
_DET_DE = r"(?:ihren|ihrem|ihre|ihr|deinen|deinem|deine|euren|eurem|eure|einen|einem|eine|den|dem|die|der|zum|zur)"
_REQUEST_DE = (
    r"(?:sprechen|reden|verbinden|verbinde|durchstellen|stellen|weiterleiten|leiten|holen|hole|verlange\w*"
    r"|will|möchte\w*|hätte|geben|gib|her|wende|eskalier\w*|bitte|sofort)"
)
_SUPERVISOR_DE = cues(
    [(0.85, rf"{_DET_DE}\s+(?:(?:direkten|zuständigen|nächsthöheren|höheren|obersten|richtigen)\s+)?{_BOSS_DE}")],
    context=_REQUEST_DE,
    negated_after=True,
) + cues(
    [
        (0.8, r"höhere[nr]?\s+stelle|nächsthöhere[nr]?\s+instanz|jemand\w*\s+mit\s+(?:mehr\s+)?befugnis\w*"),
        (0.7, r"eskalier\w*"),
    ]
)
_LEGAL_DE = cues(
    [
        (0.9, rf"(?:mein|meine|meinen|meinem|meiner|unser|unseren|unserem)\s+(?:\w+\s+)?{_LAWYER_DE}"),
        (0.9, rf"(?:schalt\w*|nehm\w*|beauftrag\w*|kontaktier\w*|hole)\s+(?:\w+\s+){{0,2}}{_LAWYER_DE}"),
        (0.9, rf"{_LAWYER_DE}\s+(?:\w+\s+){{0,2}}(?:einschalt\w*|nehmen|beauftrag\w*|hinzuziehen|übergeben|gehen)"),
        (0.85, rf"(?:zum|zu\s+einem|beim|an\s+einen|über\s+einen|mit\s+einem)\s+{_LAWYER_DE}|anwaltlich\w*"),
        (0.95, r"verklag\w*|(?:ich|wir)\s+klagen?(?!\s+über)|klagen?\s+(?:ich|wir)(?!\s+über)"),
        (0.95, r"klage\s+(?:\w+\s+)?(?:einreichen|erheben|ein)|(?:reiche|erhebe)\w*\s+(?:\w+\s+){0,2}klage"),
        (0.9, r"(?:rechtliche|juristische|gerichtliche)n?\s+schritte|rechtsweg\w*|vor\s+(?:\w+\s+)?gericht"),
        (0.85, r"gerichtlich\w*|sammelklage\w*|strafanzeige|anzeige\s+(?:\w+\s+)?erstatt\w*|zur\s+polizei"),
        (0.8, r"(?:polizei|staatsanwaltschaft)\s+(?:\w+\s+)?(?:einschalten|informieren|holen|rufen)"),
        (0.75, r"verbraucherzentrale\w*|verbraucherschutz\w*|schlichtungsstelle\w*|bundesnetzagentur|ombuds\w*"),
        (0.75, r"datenschutzbehörde\w*|aufsichtsbehörde\w*|abmahn\w*"),
    ],
    negated_after=True,
)
_INSULT_ADJ_DE = (
    r"(?:dumm|blöd|doof|dämlich|nutzlos|unfähig|bescheuert|bekloppt|beschissen|verdammt|elend|inkompetent|hirnlos)"
    r"(?:e[nrs]?)?"
)
_PREDICATE_DE = r"(?:dumm|blöd|doof|dämlich|nutzlos|unfähig|bescheuert|bekloppt|inkompetent|hirnlos|unbrauchbar)"
_INSULT_NOUN_DE = (
    r"(?:idiot(?:en)?|vollidiot(?:en)?|trottel|depp(?:en)?|vollpfosten|versager|affen?|arschl(?:och|öcher)|penner"
    r"|witzfigur(?:en)?|pfeifen?|stümper|dilettant(?:en)?|schwachk(?:opf|öpfe)|blödmann|dummkopf)"
)
_MACHINE_DE = r"(?:bot|chatbot|roboter|blechkiste|ki|assistent)"
_INSULTS_DE = cues(
    [
        (0.95, rf"(?:du|sie|ihr)\s+(?:{_INSULT_ADJ_DE}\s+){{0,2}}{_INSULT_NOUN_DE}"),
        (0.9, rf"{_INSULT_ADJ_DE}\s*-?\s*{_MACHINE_DE}|scheiß-?{_MACHINE_DE}"),
        (
            0.9,
            rf"(?:du\s+bist|sie\s+sind|ihr\s+seid|bist\s+du|sind\s+sie|seid\s+ihr)\s+(?:\w+\s+){{0,2}}?"
            rf"(?:{_PREDICATE_DE}|ein(?:e)?\s+(?:witz|versager|katastrophe|{_INSULT_NOUN_DE})|{_INSULT_NOUN_DE})",
        ),
        (0.95, r"fick\s+dich|leck\s+mich|halt\s+(?:die|deine)\s+(?:klappe|fresse)|verpiss\s+dich"),
    ]
)
_ANGER_DE = cues(
    [
        (0.45, r"verdammt|verflucht|scheiße?|mist|sauer|ärgerlich"),
        (0.85, r"scheiß-?(?!e\b|egal\b)\w+|beschiss\w*|verfickt\w*|kack\w+|arsch\w*|(?:saft|sau|drecks?)laden|drecks\w+"),
        (0.7, r"verdammte[nrms]?|(?:so|was\s+für)\s+(?:ein|eine)\s+(?:scheiß|mist|dreck|schrott|müll)\w*"),
        (0.85, r"idioten|vollidioten|betrüger\w*|abzock\w*|halsabschneider|verbrecher\w*|verarsch\w*"),
        (0.85, r"(?:ist|reiner|glatter|purer)\s+betrug|schämen\s+sie\s+sich|schämt\s+euch|sollten\s+sich\s+schämen"),
        (0.8, r"frechheit|unverschämt\w*|dreistigkeit|armutszeugnis|unterste\s+schublade|(?:ist|sind)\s+das\s+letzte"),
        (0.7, r"zumutung|skandal\w*|inkompeten\w*|unfähig\w*|stümper\w*|dilettant\w*|stinksauer|stocksauer|wütend"),
        (0.7, r"(?:mir\s+)?reicht(?:'s|\s+es)(?:\s+mir)?(?:\s+jetzt)?|nase\s+(?:\w+\s+)?voll|kragen\s+platzt"),
        (0.6, r"verärgert|empört|katastroph\w*|(?:ist|sind)\s+(?:doch\s+|ja\s+)?(?:ein\s+)?witz|lachhaft|lächerlich"),
        (0.6, r"(?:ist|totaler|kompletter|absoluter|nur)\s+(?:schrott|müll|mist)"),
        (0.75, r"trustpilot|öffentlich\s+machen|(?:an\s+die|der)\s+presse|(?:alle|jeden)\s+(?:\w+\s+)?warnen"),
        (0.75, near(r"poste\w*|teile\w*|veröffentlich\w*", r"medien|media|facebook|instagram|tiktok|internet|netz", 4)),
    ],
    blocked_by=_SOFTENED,
) + cues(
    [(0.75, r"(?:schlechte|negative|miese|vernichtende)\w*\s+(?:\w+\s+)?(?:bewertung|rezension|kritik)\w*|null\s+sterne?|einen\s+stern")],
    blocked_by=_SOFTENED,
    context=r"gebe\w*|schreib\w*|hinterlass\w*|verfass\w*|poste\w*|werde\w*|verdient",
) + cues([(0.55, r"nie\s+(?:wieder|mehr)\s+(?:bei|kaufe|bestelle|bestellen|kaufen)")], blocked_by=frozenset())
_FRUSTRATION_DE = cues(
    [
        (0.85, r"(?:das|dies)\s+(?:habe|hab)\s+ich\s+(?:doch\s+|aber\s+|gar\s+|überhaupt\s+)?nicht\s+gefragt"),
        (0.85, r"(?:das|dies)\s+(?:war|ist)\s+(?:doch\s+|aber\s+|gar\s+)?nicht\s+meine\s+frage"),
        (0.85, r"(?:sie|du|ihr)\s+(?:verstehen|verstehst|versteht)\s+(?:\w+\s+){0,3}?nicht(?!\s+falsch)"),
        (0.8, r"(?:verstehen\s+sie|verstehst\s+du|versteht\s+ihr)\s+(?:\w+\s+){0,2}?nicht\s*\?"),
        (0.75, r"(?:sie\s+haben|du\s+hast|ihr\s+habt)\s+(?:\w+\s+){0,3}?(?:nicht|falsch)\s+verstanden"),
        (0.8, r"(?:sie|du)\s+(?:hören|hörst)\s+(?:mir\s+)?(?:\w+\s+)?nicht\s+zu|(?:lesen\s+sie|liest\s+du)\s+(?:überhaupt|eigentlich)"),
        (0.85, r"wie\s+oft\s+(?:muss|soll)\s+ich|zum\s+(?:x|zig|dritten|vierten|fünften|zehnten|wiederholten|\d+\.?)[\s-]*mal"),
        (
            0.8,
            r"(?:schon|bereits)\s+(?:\w+\s+)?(?:zigmal|x-?mal|zehnmal|hundertmal|dreimal|mehrmals|mehrfach|so\s+oft)\s+"
            r"(?:\w+\s+){0,3}?(?:gesagt|geschrieben|erklärt|gefragt|nachgefragt|angerufen|gemeldet|reklamiert|versucht)",
        ),
        (0.7, r"ich\s+(?:habe|hab)\s+(?:es|das|ihnen|dir|euch)\s+(?:\w+\s+)?(?:doch\s+)?(?:schon|bereits)\s+(?:\w+\s+)?(?:gesagt|geschrieben|erklärt)"),
        (0.75, r"immer\s+(?:wieder\s+)?(?:die|dieselbe|dasselbe|das)\s+(?:gleiche[n]?\s+)?(?:antwort|text|nachricht)|im\s+kreis"),
        (0.75, r"(?:keine|nicht\s+die)\s+antwort\s+auf\s+meine\s+frage|sie\s+wiederholen\s+sich|du\s+wiederholst\s+dich"),
        (0.6, r"standardantwort\w*|textbaustein\w*|ich\s+wiederhole\s+mich|(?:gegen|mit)\s+einer\s+wand"),
        (0.55, r"(?:das|dies|es)\s+(?:hilft|bringt)\s+(?:mir\s+)?(?:überhaupt\s+|gar\s+|absolut\s+)?nichts?"),
    ],
    blocked_by=frozenset(),
)

# --- English cues ------------------------------------------------------------------------

_LAWYER_EN = r"(?:lawyers?|attorneys?|solicitors?|legal\s+(?:team|counsel|department))"
_BOSS_EN = rf"(?:managers?|supervisors?|boss|superiors?|team\s+lead(?:er)?|head\s+of\s+(?:customer\s+)?service){_NOT_PRODUCT}"
_REQUEST_EN = (
    r"(?:speak|talk|get|put|transfer|connect|escalate|want|need|demand|let\s+me|see|call|bring|fetch|give\s+me"
    r"|i'd\s+like|pass|now|immediately)"
)
_INSULT_ADJ_EN = r"(?:stupid|useless|dumb|idiotic|pathetic|worthless|incompetent|brainless|fucking|bloody|crappy|shitty)"
_INSULT_NOUN_EN = (
    r"(?:idiots?|morons?|clowns?|muppets?|losers?|imbeciles?|liars?|thie(?:f|ves)|crooks?|scammers?"
    r"|(?:piece|pile|heap|load)\s+of\s+(?:\w+\s+)?(?:junk|shit|crap|garbage|trash|rubbish))"
)
_MACHINE_EN = r"(?:bot|chatbot|robot|ai|assistant)"
_SUPERVISOR_EN = cues(
    [(0.85, rf"(?:your|a|the|some|to)\s+(?:(?:direct|line|floor|store|shift|duty|real|senior|actual)\s+)?{_BOSS_EN}")],
    context=_REQUEST_EN,
) + cues(
    [
        (0.8, r"(?:someone|somebody|person)\s+(?:more\s+senior|in\s+charge|higher\s+up|with\s+(?:more\s+)?authority)"),
        (0.7, r"escalate\s+(?:this|it|my\s+\w+)|(?:want|need)\s+(?:this|it)\s+escalated"),
    ]
)
_LEGAL_EN = cues(
    [
        (0.9, rf"(?:my|our)\s+(?:\w+\s+)?{_LAWYER_EN}|lawyer\s+up"),
        (0.9, rf"(?:get|getting|hire|hiring|contact|contacting|call|calling|consult|involve|instruct)\s+(?:a|an|my|our)\s+{_LAWYER_EN}"),
        (0.95, r"(?:will|\w*'ll|going\s+to|gonna|to|shall|then|and)\s+sue|sue\s+(?:you|your|them|this|the|for)|suing"),
        (0.9, r"lawsuit|legal\s+(?:action|steps|proceedings|measures|route|claim)|class\s+action|small[\s-]+claims"),
        (0.9, r"(?:take|taking|bring|bringing|drag|dragging)\s+(?:\w+\s+){1,2}to\s+court|in\s+court"),
        (0.85, r"report\w*\s+(?:\w+\s+){1,2}to\s+(?:the\s+)?(?:police|authorities|regulator|trading\s+standards|ombudsman)"),
        (0.75, r"trading\s+standards|ombudsman|consumer\s+(?:protection|council|association)|better\s+business\s+bureau"),
        (0.75, r"citizens\s+advice|financial\s+conduct\s+authority|call\w*\s+the\s+police"),
    ]
)
_INSULTS_EN = cues(
    [
        (0.95, rf"(?:you|u|ya)\s+(?:{_INSULT_ADJ_EN}\s+){{0,2}}{_INSULT_NOUN_EN}"),
        (0.9, rf"{_INSULT_ADJ_EN}\s+(?:\w+\s+)?{_MACHINE_EN}"),
        (
            0.9,
            r"(?:you\s+are|you're|youre|ur|are\s+you)\s+(?:\w+\s+){0,2}?(?:stupid|useless|dumb|incompetent|pathetic"
            rf"|worthless|brain[\s-]?dead|an?\s+(?:idiot|moron|joke|clown|disgrace|liar)|{_INSULT_NOUN_EN})",
        ),
        (0.95, r"fuck\s+(?:you|off|u)|screw\s+you|shut\s+up|go\s+to\s+hell|stfu|piss\s+off|bugger\s+off"),
    ]
)
_ANGER_EN = cues(
    [
        (0.45, r"damn(?:\s+it)?|shit|crap|bloody|angry|annoyed|useless"),
        (0.85, r"fuck\w*|f\*+k\w*|shitty|bullshit|crappy|(?:this|your|such)\s+(?:\w+\s+)?(?:shit|crap)|for\s+fuck'?s\s+sake"),
        (0.65, r"wtf|ffs|pissed(?:\s+off)?|bloody\s+(?:useless|joke|disgrace|ridiculous|awful|nightmare)"),
        (0.85, r"idiots|morons|clowns|(?<!is\sthis\sa\s)scam(?!\s+(?:e-?mails?|calls?|texts?|messages?|links?|sites?))\w*"),
        (0.85, r"fraudsters|rip[\s-]?off|ripped\s+off|thieves|crooks|daylight\s+robbery|shame\s+on\s+you|should\s+be\s+ashamed"),
        (0.8, r"disgrace\w*|disgusting|outrageous|appalling|atrocious|shambolic|scandalous|shameful"),
        (0.7, r"(?:this\s+is|that's|that\s+is|what)\s+an?\s+(?:\w+\s+)?(?:joke|farce|shambles|nightmare|scandal)"),
        (0.75, r"furious|livid|fuming|seething|irate|outraged|(?:so|really|extremely|very)\s+angry|incompeten\w*"),
        (0.6, r"unacceptable|ridiculous|absurd|pathetic|laughable|sick\s+and\s+tired|fed\s+up|had\s+enough"),
        (0.75, r"worst\s+(?:\w+\s+)?(?:company|service|experience|shop|store|retailer|support)|trustpilot"),
        (0.75, r"(?:post|share|tell)\w*\s+(?:\w+\s+){0,3}(?:on\s+)?(?:social\s+media|twitter|facebook|reddit|tiktok|everyone)"),
        (0.7, r"(?:go|going)\s+to\s+the\s+(?:press|media|papers)|take\s+my\s+(?:business|money)\s+elsewhere"),
    ],
    blocked_by=_SOFTENED,
) + cues(
    [(0.75, r"(?:bad|negative|terrible|scathing|awful)\s+(?:\w+\s+)?reviews?|(?:one|1|zero|0)[\s-]*star")],
    blocked_by=_SOFTENED,
    context=r"leav\w*|writ\w*|post\w*|giv\w*|will|\w*'ll|going|deserve\w*",
) + cues([(0.55, r"never\s+(?:again|shop\w*\s+(?:here|with\s+you)|order\w*\s+from\s+you)")], blocked_by=frozenset())
_FRUSTRATION_EN = cues(
    [
        (0.85, r"(?:that's|that\s+is|this\s+is|it's)\s+not\s+what\s+i\s+(?:asked|said|meant|wrote|wanted)"),
        (0.8, r"not\s+what\s+i\s+asked|(?:that's|that\s+is)\s+not\s+my\s+question"),
        (0.8, r"(?:that|this|it)\s+(?:doesn't|does\s+not|didn't|did\s+not)\s+answer\s+my\s+question"),
        (0.85, r"you\s+(?:\w+\s+)?(?:don't|do\s+not|dont)\s+(?:seem\s+to\s+)?(?:understand|get\s+it|listen)"),
        (0.75, r"you\s+(?:didn't|did\s+not)\s+(?:understand|read|listen)|you\s+misunderst\w*"),
        (0.8, r"(?:you're|you\s+are|youre)\s+not\s+(?:listening|understanding|reading|getting\s+it|helping)"),
        (0.75, r"(?:did|do)\s+you\s+(?:even|actually)\s+read|are\s+you\s+(?:even\s+)?(?:listening|reading)"),
        (0.85, r"how\s+many\s+times\s+(?:do|must|have|should|will)\s+i"),
        (0.8, r"for\s+the\s+(?:third|fourth|fifth|tenth|hundredth|umpteenth|nth|millionth|\d+(?:rd|th))\s+time"),
        (0.65, r"(?:i've|i\s+have|i)\s+(?:already|just)\s+(?:told|said|explained)(?:\s+you)?"),
        (0.75, r"you\s+keep\s+(?:saying|repeating|sending|telling|giving|asking)|stop\s+(?:repeating|sending)"),
        (0.7, r"same\s+(?:\w+\s+)?(?:answer|response|reply)|(?:round|around)\s+in\s+circles|talking\s+to\s+a\s+(?:brick\s+)?wall"),
        (0.6, r"over\s+and\s+over|again\s+and\s+again|canned\s+(?:answer|response)s?|copy[\s-]+paste"),
        (0.55, r"(?:that|this|it)\s+(?:doesn't|does\s+not|didn't)\s+help|not\s+helpful\s+at\s+all|no\s+help\s+at\s+all"),
    ],
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
