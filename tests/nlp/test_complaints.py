"""Complaint category and severity, German and English."""

from __future__ import annotations

import pytest

from firstline.domain.language import Language
from firstline.nlp.complaints import (
    ComplaintCategory,
    Severity,
    category_scores,
    classify_complaint,
    complaint_severity,
)

DE, EN = Language.DE, Language.EN
DELIVERY = ComplaintCategory.DELIVERY
QUALITY = ComplaintCategory.PRODUCT_QUALITY
SERVICE = ComplaintCategory.SERVICE
BILLING = ComplaintCategory.BILLING
OTHER = ComplaintCategory.OTHER


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        # delivery: late, lost, damaged in transit
        ("Mein Paket ist seit zehn Tagen überfällig", DE, DELIVERY),
        ("Die Sendung ist laut Tracking verloren gegangen", DE, DELIVERY),
        ("Der Karton war völlig eingedrückt", DE, DELIVERY),
        ("Die Lampe ist zerbrochen angekommen", DE, DELIVERY),
        ("Der Bote hat das Paket einfach vor die Tür gelegt", DE, DELIVERY),
        ("The parcel is late again", EN, DELIVERY),
        ("My order never arrived", EN, DELIVERY),
        ("The mirror arrived cracked", EN, DELIVERY),
        ("The courier left my package in the rain", EN, DELIVERY),
        # product quality
        ("Der Mixer ist defekt", DE, QUALITY),
        ("Die Kaffeemaschine funktioniert seit gestern nicht mehr", DE, QUALITY),
        ("Nach zwei Wochen ist der Reißverschluss gerissen", DE, QUALITY),
        ("Die Qualität der Pfanne ist miserabel, die Beschichtung löst sich", DE, QUALITY),
        ("The kettle doesn't work", EN, QUALITY),
        ("The strap broke after three days", EN, QUALITY),
        ("Really poor quality, the seams are coming loose", EN, QUALITY),
        ("My phone case is faulty", EN, QUALITY),
        # service
        ("Ihr Mitarbeiter am Telefon war extrem unhöflich", DE, SERVICE),
        ("Ich hänge seit 40 Minuten in der Warteschleife", DE, SERVICE),
        ("Auf meine E-Mail habe ich nie eine Antwort bekommen", DE, SERVICE),
        ("The agent was rude and hung up on me", EN, SERVICE),
        ("Nobody answers the hotline", EN, SERVICE),
        ("I emailed support twice and never heard back", EN, SERVICE),
        # billing
        ("Sie haben mir den Betrag doppelt abgebucht", DE, BILLING),
        ("Auf der Rechnung steht ein falscher Betrag", DE, BILLING),
        ("Ich warte seit vier Wochen auf meine Rückerstattung", DE, BILLING),
        ("Meine Gutschrift fehlt immer noch", DE, BILLING),
        ("You charged me twice for one order", EN, BILLING),
        ("The invoice shows the wrong amount", EN, BILLING),
        ("I returned the shoes a month ago and still no refund", EN, BILLING),
        ("There's a hidden charge of £4.99 on my card", EN, BILLING),
        # other
        ("Wie sind Ihre Öffnungszeiten?", DE, OTHER),
        ("Ich finde Ihre Website unübersichtlich", DE, OTHER),
        ("Do you have this in blue?", EN, OTHER),
        ("I don't like the new logo", EN, OTHER),
        ("Hallo", DE, OTHER),
    ],
)
def test_classify_complaint(text: str, language: Language, category: ComplaintCategory) -> None:
    assert classify_complaint(text, language) is category


def test_damage_in_transit_is_delivery_although_the_item_is_broken() -> None:
    scores = category_scores("Die Tasse kam kaputt an", DE)
    assert scores[DELIVERY] > scores[QUALITY] > 0


def test_a_single_generic_word_is_not_enough() -> None:
    assert classify_complaint("Es geht um meine Bestellung", DE) is OTHER
    assert classify_complaint("It's about my order", EN) is OTHER


@pytest.mark.parametrize(
    ("text", "language", "severity"),
    [
        # urgent: safety
        ("Aus dem Toaster kommt Rauch", DE, Severity.URGENT),
        ("Das Ladegerät hat einen Brand verursacht", DE, Severity.URGENT),
        ("Ich habe einen Stromschlag bekommen", DE, Severity.URGENT),
        ("Die Spülmaschine ist ausgelaufen, die Küche steht unter Wasser", DE, Severity.URGENT),
        ("Es riecht verbrannt aus dem Netzteil", DE, Severity.URGENT),
        ("Der Akku ist aufgebläht und überhitzt", DE, Severity.URGENT),
        ("The heater caught fire last night", EN, Severity.URGENT),
        ("Smoke is coming out of the fan", EN, Severity.URGENT),
        ("The lamp gave me an electric shock", EN, Severity.URGENT),
        ("The washing machine has a water leak all over the floor", EN, Severity.URGENT),
        ("My son burned his hand on the handle", EN, Severity.URGENT),
        # high: legal threat or strong anger
        ("Wenn das nicht bis Freitag geklärt ist, schalte ich meinen Anwalt ein", DE, Severity.HIGH),
        ("Das ist eine Frechheit, drei Wochen ohne Paket", DE, Severity.HIGH),
        ("I'll take you to small claims court", EN, Severity.HIGH),
        ("Absolutely disgusting service", EN, Severity.HIGH),
        # low
        ("Nur eine kleine Anmerkung: auf der Rechnung fehlt das Datum", DE, Severity.LOW),
        ("Kein großes Problem, aber die Anleitung ist nur auf Englisch", DE, Severity.LOW),
        ("Just a small note: the link in your email is broken", EN, Severity.LOW),
        ("Not a big deal, but the box had a typo", EN, Severity.LOW),
        # normal
        ("Mein Paket ist noch nicht da", DE, Severity.NORMAL),
        ("Der Mixer ist defekt", DE, Severity.NORMAL),
        ("I was charged twice", EN, Severity.NORMAL),
        ("The parcel is late", EN, Severity.NORMAL),
        # negated, expired or product names are not hazards
        ("Kein Rauch, kein Geruch, er geht einfach nicht an", DE, Severity.NORMAL),
        ("Mein Vertrag ist ausgelaufen, wie verlängere ich ihn?", DE, Severity.NORMAL),
        ("Der Rauchmelder piept ständig", DE, Severity.NORMAL),
        ("Das Feuerzeug zündet nicht", DE, Severity.NORMAL),
        ("There's no smoke, it just won't turn on", EN, Severity.NORMAL),
        ("My Fire TV stick keeps freezing", EN, Severity.NORMAL),
        ("The smoke alarm chirps every minute", EN, Severity.NORMAL),
        ("Das ist keine Kleinigkeit, ich warte seit Wochen", DE, Severity.NORMAL),
    ],
)
def test_complaint_severity(text: str, language: Language, severity: Severity) -> None:
    assert complaint_severity(text, language) is severity


def test_a_hazard_outranks_a_polite_remark() -> None:
    assert complaint_severity("Nur eine kleine Anmerkung: das Kabel hat Funken gesprüht", DE) is Severity.URGENT
