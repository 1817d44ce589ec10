"""Delivery and payment questions read from customers' words, in both languages and several dialects."""

from __future__ import annotations

import pytest

from firstline.company.loader import demo_company_dir, load_company
from firstline.domain.shop_questions import ShopQuestion, ShopTopic
from firstline.understanding.shop_questions import ShopQuestionReader

COST, TIME = ShopTopic.SHIPPING_COST, ShopTopic.DELIVERY_TIME


@pytest.fixture(scope="module")
def reader() -> ShopQuestionReader:
    return ShopQuestionReader(load_company(demo_company_dir()).commerce)


@pytest.mark.parametrize(
    ("text", "topics", "countries"),
    [
        ("Was kostet der Versand in die Schweiz?", (COST,), ("CH",)),
        ("grüezi, was chostet de versand id schwiiz?", (COST,), ("CH",)),
        ("Hoi, wie teuer isch de Versand uf Luzern?", (COST,), ("CH",)),
        ("Was zahl ich fürs Packerl nach Graz?", (COST,), ("AT",)),
        ("whats the postage to salzburg", (COST,), ("AT",)),
        ("ab welchem bestellwert versandkostenfrei nach deutschland?", (COST,), ("DE",)),
        ("Lieferzeit nach Wien?", (TIME,), ("AT",)),
        ("how long will it take to arrive in vienna", (TIME,), ("AT",)),
        ("shipping to cologne how much n how fast", (COST, TIME), ("DE",)),
        ("Gibt's Express nach Innsbruck?", (ShopTopic.EXPRESS,), ("AT",)),
        ("Kühlschrank per Spedition nach Linz, was kostet das?", (ShopTopic.FREIGHT,), ("AT",)),
        ("Do you ship to Italy?", (COST,), ("IT",)),
        ("Liefert ihr ins Ausland?", (ShopTopic.DELIVERY_COUNTRIES,), ()),
        ("Bis wann muss ich bestellen, damit es heute noch rausgeht?", (ShopTopic.CUTOFF,), ()),
        ("Do I pay customs on delivery to Switzerland?", (ShopTopic.CUSTOMS,), ("CH",)),
        ("Wie viel MwSt zahlt man in Österreich?", (ShopTopic.VAT,), ("AT",)),
        ("What's the maximum quantity I can order of one item?", (ShopTopic.MAX_QUANTITY,), ()),
    ],
)
def test_delivery_questions(reader: ShopQuestionReader, text: str, topics: tuple, countries: tuple) -> None:
    question = reader.read(text)
    assert question is not None
    assert (question.topics, question.countries) == (topics, countries)


@pytest.mark.parametrize(
    ("text", "methods", "other"),
    [
        ("Kann ich mit Twint zahlen?", (), "Twint"),
        ("do you take klarna", (), "Klarna"),
        ("Kann ich in der Schweiz auf Rechnung kaufen?", ("invoice",), None),
        ("Amex?", ("credit_card",), None),
        ("Welche Zahlungsarten gibt es?", (), None),
    ],
)
def test_payment_questions(reader: ShopQuestionReader, text: str, methods: tuple, other: str | None) -> None:
    question = reader.read(text)
    assert question is not None and question.topics == (ShopTopic.PAYMENT,)
    assert (question.payment_methods, question.other_payment) == (methods, other)


@pytest.mark.parametrize(
    "text",
    [
        "Mein Paket kam beschädigt an, was nun?",
        "Wann kommt mein Paket?",
        "Where is my order to Vienna?",
        "Kann ich die Rücksendung kostenlos schicken?",
        "Do I have to pay anything to send a parcel back from Germany?",
        "Nehmt ihr mein altes Gerät mit?",
        "Kann ich die Rechnung per E-Mail bekommen?",
        "Was kostet die Wandmontage?",
        "Do weekends count towards the delivery time?",
        "How much is my cart with shipping to Austria?",
        "Was kostet der Samsung mit 43 Zoll?",
        "Und was kostet der 43-Zoll-Samsung?",
        "Habt ihr einen Laden in Zürich?",
    ],
)
def test_other_questions_are_not_shop_questions(reader: ShopQuestionReader, text: str) -> None:
    assert reader.read(text) is None


def test_a_short_follow_up_continues_the_last_question(reader: ShopQuestionReader) -> None:
    last = reader.read("Wie lange dauert die Lieferung nach Graz?")
    assert reader.read("und nach Zürich?", last=last) == ShopQuestion(topics=(TIME,), countries=("CH",))
    assert reader.read("what about switzerland", last=last) == ShopQuestion(topics=(TIME,), countries=("CH",))
    express = reader.read("Gibt es Expressversand nach Deutschland?")
    assert reader.read("Was kostet der?", last=express) == ShopQuestion(topics=(ShopTopic.EXPRESS,), countries=("DE",))
    paying = reader.read("Kann ich auf Rechnung zahlen?")
    follow = reader.read("auch aus der Schweiz?", last=paying)
    assert follow is not None and (follow.payment_methods, follow.countries) == (("invoice",), ("CH",))


def test_a_follow_up_needs_a_last_question_and_stays_elliptical(reader: ShopQuestionReader) -> None:
    last = reader.read("Was kostet der Versand in die Schweiz?")
    assert reader.read("und nach Österreich?") is None
    assert reader.read("Habt ihr einen Laden in Zürich?", last=last) is None
    assert reader.read("Wie lange habt ihr offen?", last=last) is None


def test_countries_named_earlier_in_the_message_set_the_scene(reader: ShopQuestionReader) -> None:
    question = reader.read("gibt es dort auch Ratenkauf?", scene=("AT",))
    assert question is not None and question.countries == ("AT",)
    assert question.payment_methods == ("instalments",)


def test_a_question_survives_the_dialogue_state() -> None:
    question = ShopQuestion(topics=(COST, TIME), countries=("AT",), other_payment="Twint")
    assert ShopQuestion.from_json(question.to_json()) == question
    assert ShopQuestion.from_json({"topics": ["no_such_topic"]}) is None
    assert ShopQuestion.from_json(None) is None


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Was ist eure E-Mail-Adresse?", (ShopTopic.EMAIL,)),
        ("Wohin kann ich einen Brief schicken?", (ShopTopic.POSTAL_ADDRESS,)),
        ("wann habt ihr samstags offen", (ShopTopic.HOURS,)),
        ("What are your opening hours and what's your phone number?", (ShopTopic.HOURS, ShopTopic.PHONE)),
        ("Wie ist die Telefonnummer der Hotline?", (ShopTopic.PHONE,)),
        ("where are you guys based, need to send a letter", (ShopTopic.POSTAL_ADDRESS,)),
    ],
)
def test_contact_questions(reader: ShopQuestionReader, text: str, topics: tuple) -> None:
    question = reader.read(text)
    assert question is not None and question.topics == topics


@pytest.mark.parametrize(
    "text",
    [
        "Ich möchte meine E-Mail-Adresse ändern",
        "my phone number is wrong in my account",
        "Ich habe mein Passwort vergessen",
    ],
)
def test_the_customer_s_own_details_are_no_contact_question(reader: ShopQuestionReader, text: str) -> None:
    assert reader.read(text) is None


def test_a_card_brand_is_the_pack_s_credit_card_not_express(reader: ShopQuestionReader) -> None:
    question = reader.read("do you take American Express cards?")
    assert question is not None and question.topics == (ShopTopic.PAYMENT,)
    assert (question.payment_methods, question.brand) == (("credit_card",), "American Express")


def test_without_the_templates_the_reader_leaves_the_questions_to_the_knowledge() -> None:
    config = load_company(demo_company_dir()).commerce
    silent = ShopQuestionReader(config, delivery=False, contacts=False)
    assert silent.read("Was kostet der Versand nach Wien?") is None
    assert silent.read("Was ist eure E-Mail-Adresse?") is None
    contacts_only = ShopQuestionReader(config, delivery=False)
    assert contacts_only.read("Was kostet der Versand nach Wien?") is None
    assert contacts_only.read("Was ist eure E-Mail-Adresse?") is not None


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Hallo, ich wohne in Innsbruck.", "AT"),
        ("I live in Zurich", "CH"),
        ("Wir ziehen bald nach Leipzig", None),  # "ziehen" is not "ziehe": no claim about the customer
        ("Ich ziehe bald nach Graz.", "AT"),
        ("Versand nach Wien?", None),
        ("I live in London", None),  # not a delivery country: nothing to remember
    ],
)
def test_where_the_customer_lives(reader: ShopQuestionReader, text: str, home: str | None) -> None:
    assert reader.home(text) == home


def test_a_question_without_a_country_means_the_customer_s_home(reader: ShopQuestionReader) -> None:
    question = reader.read("Was kostet bei mir der Versand?", home="AT")
    assert question is not None and question.countries == ("AT",)
    named = reader.read("Was kostet der Versand in die Schweiz?", home="AT")
    assert named is not None and named.countries == ("CH",)


def test_how_many_days_is_a_delivery_time_not_a_price(reader: ShopQuestionReader) -> None:
    question = reader.read("Wie viele Tage dauert es, bis ein Paket bei mir in Graz ankommt?")
    assert question is not None and (question.topics, question.countries) == ((TIME,), ("AT",))
