"""Escalation signals: supervisor requests, legal threats, strong anger, repeated frustration."""

from __future__ import annotations

import pytest

from firstline.domain.language import Language
from firstline.nlp.escalation import (
    MIN_STRENGTH,
    EscalationKind,
    detect_escalation,
    escalation_signals,
    is_insult,
)

DE, EN = Language.DE, Language.EN
SUPERVISOR = EscalationKind.SUPERVISOR_REQUEST
LEGAL = EscalationKind.LEGAL_THREAT
ANGER = EscalationKind.STRONG_ANGER
FRUSTRATION = EscalationKind.REPEATED_FRUSTRATION


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        # supervisor requests
        ("Ich will sofort Ihren Vorgesetzten sprechen", DE, SUPERVISOR),
        ("Verbinden Sie mich bitte mit Ihrer Chefin", DE, SUPERVISOR),
        ("Holen Sie mir den Teamleiter ans Telefon", DE, SUPERVISOR),
        ("Ich verlange die Geschäftsleitung", DE, SUPERVISOR),
        ("Bitte leiten Sie das an eine höhere Stelle weiter", DE, SUPERVISOR),
        ("get me your manager", EN, SUPERVISOR),
        ("I want to speak to a supervisor right now", EN, SUPERVISOR),
        ("Put me through to someone in charge", EN, SUPERVISOR),
        ("Can I talk to the floor manager please", EN, SUPERVISOR),
        # legal threats
        ("Ich schalte jetzt meinen Anwalt ein", DE, LEGAL),
        ("Dann klage ich eben", DE, LEGAL),
        ("Ich werde Sie verklagen", DE, LEGAL),
        ("Ich wende mich an die Verbraucherzentrale", DE, LEGAL),
        ("Wir sehen uns vor Gericht", DE, LEGAL),
        ("Ich behalte mir rechtliche Schritte vor", DE, LEGAL),
        ("Die Sache geht jetzt an meine Rechtsanwältin", DE, LEGAL),
        ("I'll get my lawyer on this", EN, LEGAL),
        ("I will sue you for every penny", EN, LEGAL),
        ("Expect to hear from my solicitor", EN, LEGAL),
        ("I'm filing in small claims court tomorrow", EN, LEGAL),
        ("I'm reporting you to trading standards", EN, LEGAL),
        ("If I don't get a refund I will take legal action", EN, LEGAL),
        # strong anger
        ("Das ist eine bodenlose Frechheit", DE, ANGER),
        ("So ein Saftladen", DE, ANGER),
        ("Ihr seid Betrüger", DE, ANGER),
        ("Ich bin stinksauer", DE, ANGER),
        ("Dafür gebe ich Ihnen eine vernichtende Bewertung", DE, ANGER),
        ("WARUM ANTWORTET HIER NIEMAND", DE, ANGER),
        ("Wann kommt das endlich!!!", DE, ANGER),
        ("This is an absolute disgrace", EN, ANGER),
        ("What a bunch of clowns", EN, ANGER),
        ("I'm furious about this", EN, ANGER),
        ("I'm going to leave a one-star review everywhere", EN, ANGER),
        ("This fucking parcel is still not here", EN, ANGER),
        ("you useless piece of junk", EN, ANGER),
        # repeated frustration
        ("Das habe ich nicht gefragt", DE, FRUSTRATION),
        ("Sie verstehen mich einfach nicht", DE, FRUSTRATION),
        ("Wie oft muss ich das noch erklären?", DE, FRUSTRATION),
        ("Ich schreibe Ihnen jetzt zum dritten Mal", DE, FRUSTRATION),
        ("Das war nicht meine Frage", DE, FRUSTRATION),
        ("That's not what I asked", EN, FRUSTRATION),
        ("You don't understand my problem", EN, FRUSTRATION),
        ("How many times do I have to say it", EN, FRUSTRATION),
        ("You keep sending me the same link", EN, FRUSTRATION),
        ("I'm writing for the fourth time now", EN, FRUSTRATION),
    ],
)
def test_detects_the_escalation_kind(text: str, language: Language, kind: EscalationKind) -> None:
    signal = detect_escalation(text, language)
    assert signal is not None
    assert signal.kind is kind
    assert MIN_STRENGTH <= signal.strength <= 1.0
    assert signal.evidence


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # neutral
        ("Wann kommt meine Bestellung an?", DE),
        ("Ich möchte meine Adresse ändern", DE),
        ("Where is my parcel?", EN),
        ("Can I change my delivery date?", EN),
        # mild dissatisfaction
        ("Ich bin etwas enttäuscht", DE),
        ("Das ist ein bisschen ärgerlich", DE),
        ("Ich bin ein wenig verärgert über die Verspätung", DE),
        ("the parcel is late", EN),
        ("I'm a bit annoyed, to be honest", EN),
        ("Not great, but these things happen", EN),
        # negations
        ("Ich will keinen Anwalt einschalten, nur mein Geld", DE),
        ("Ich verklage Sie nicht, keine Sorge", DE),
        ("Ich brauche keinen Vorgesetzten, nur eine Antwort", DE),
        ("I don't want to sue anyone, I just want my money", EN),
        ("I'm not going to get a lawyer over this", EN),
        ("I don't need a manager, just a refund", EN),
        ("I'm not angry, just confused", EN),
        # product words and compounds
        ("Mein Passwort-Manager synchronisiert nicht", DE),
        ("Ich möchte eine Reklamation einreichen", DE),
        ("Ich möchte eine Beschwerde einreichen", DE),
        ("Ich beklage mich über die lange Lieferzeit", DE),
        ("Kannst du mir einen Anwalt für Mietrecht empfehlen?", DE),
        ("Verstehen Sie mich nicht falsch, ich bin zufrieden", DE),
        ("Der Rauchmelder ist toll!!!", DE),
        ("Ist die Manager-Edition im Angebot?", DE),
        ("Does the password manager app cost extra?", EN),
        ("I got a scam email pretending to be from you", EN),
        ("Sue from accounts said I should write to you", EN),
        ("I don't understand how to reset it", EN),
        ("Thanks so much!!! You are great", EN),
        ("My order from DHL and UPS is here", EN),
    ],
)
def test_calm_or_mild_messages_do_not_escalate(text: str, language: Language) -> None:
    assert detect_escalation(text, language) is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("du dummer Bot", DE, True),
        ("Sie Vollidiot", DE, True),
        ("Du bist echt zu nichts zu gebrauchen, du blöde Blechkiste", DE, True),
        ("Bist du dumm?", DE, True),
        ("Ihr seid doch alle Versager", DE, True),
        ("Halt die Klappe", DE, True),
        ("you useless piece of junk", EN, True),
        ("you idiots lost my parcel", EN, True),
        ("stupid bot", EN, True),
        ("Are you stupid or what", EN, True),
        ("You're completely useless", EN, True),
        ("Du bist nicht dumm, nur zu langsam", DE, False),
        ("Ich bin zu blöd für die App", DE, False),
        ("Der Bot hat mir gut geholfen", DE, False),
        ("Ich habe mich wie ein Idiot gefühlt", DE, False),
        ("Sorry, I'm an idiot, I typed the wrong address", EN, False),
        ("Can you tell the bot to stop emailing me", EN, False),
        ("You're not useless, the app just crashes", EN, False),
        ("This stupid zip won't close", EN, False),
    ],
)
def test_is_insult(text: str, language: Language, expected: bool) -> None:
    assert is_insult(text, language) is expected


def test_evidence_quotes_the_customer_spelling() -> None:
    signal = detect_escalation("Ich bin echt VERÄRGERT und stinksauer", DE)
    assert signal is not None
    assert "VERÄRGERT" in signal.evidence
    assert "stinksauer" in signal.evidence


@pytest.mark.parametrize("text", ["Das ist eine Unverschämtheit", "Das ist eine Unverschaemtheit"])
def test_umlauts_and_their_ascii_spelling_match_alike(text: str) -> None:
    signal = detect_escalation(text, DE)
    assert signal is not None and signal.kind is ANGER


def test_independent_cues_add_up() -> None:
    one = detect_escalation("Das ist lächerlich", DE)
    two = detect_escalation("Das ist lächerlich und eine Zumutung", DE)
    assert one is not None and two is not None
    assert two.strength > one.strength


def test_one_phrase_matched_twice_counts_once() -> None:
    signal = detect_escalation("Ich schalte meinen Anwalt ein", DE)
    assert signal is not None
    assert signal.strength == 0.9


def test_the_strongest_signal_wins_and_all_are_listed() -> None:
    text = "Ich verklage Sie, das ist eine Frechheit"
    signal = detect_escalation(text, DE)
    assert signal is not None and signal.kind is LEGAL
    assert [s.kind for s in escalation_signals(text, DE)] == [LEGAL, ANGER]


def test_a_weak_word_alone_does_not_fire_but_adds_to_shouting() -> None:
    assert detect_escalation("So ein Mist", DE) is None
    signal = detect_escalation("So ein Mist!!!", DE)
    assert signal is not None and signal.kind is ANGER


def test_the_language_picks_the_word_lists() -> None:
    assert detect_escalation("Ich will Ihren Chef sprechen", DE) is not None
    assert detect_escalation("I want to compliment the chef", EN) is None
