"""The embedded intent classifier and its evaluation helpers, on small hand-written DE/EN data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from firstline.errors import InvalidInput
from firstline.nlp.embeddings import Embedder, load_embedder
from firstline.understanding.intent_classifier import IntentClassifier, choose_threshold
from firstline.understanding.intent_evaluation import intent_metrics, load_intent_jsonl

EXAMPLES: list[tuple[str, str]] = [
    ("Where is my parcel?", "order_status"),
    ("When will my order arrive?", "order_status"),
    ("Has my package been shipped yet?", "order_status"),
    ("I am still waiting for my delivery", "order_status"),
    ("Can you tell me the status of order 4711?", "order_status"),
    ("Wo ist mein Paket?", "order_status"),
    ("Wann kommt meine Bestellung an?", "order_status"),
    ("Ist meine Lieferung schon unterwegs?", "order_status"),
    ("Ich warte immer noch auf meine Sendung", "order_status"),
    ("Wie ist der Stand meiner Bestellung 4711?", "order_status"),
    ("I want to send the kettle back", "return_item"),
    ("How do I return a product?", "return_item"),
    ("The toaster is faulty, I would like to return it", "return_item"),
    ("Can I get a return label?", "return_item"),
    ("I need to return the blender I bought", "return_item"),
    ("Ich möchte den Wasserkocher zurückschicken", "return_item"),
    ("Wie kann ich einen Artikel zurücksenden?", "return_item"),
    ("Der Toaster ist kaputt, ich will ihn retournieren", "return_item"),
    ("Bekomme ich ein Rücksendeetikett?", "return_item"),
    ("Ich will den Mixer zurückgeben", "return_item"),
    ("Which payment methods do you accept?", "payment"),
    ("Can I pay by invoice?", "payment"),
    ("Do you take PayPal?", "payment"),
    ("Is paying with a credit card possible?", "payment"),
    ("How can I pay for my order?", "payment"),
    ("Welche Zahlungsarten gibt es?", "payment"),
    ("Kann ich auf Rechnung zahlen?", "payment"),
    ("Nehmt ihr PayPal?", "payment"),
    ("Geht Bezahlung mit Kreditkarte?", "payment"),
    ("Wie kann ich meine Bestellung bezahlen?", "payment"),
    ("I want to speak to a human", "human_handoff"),
    ("Put me through to an agent please", "human_handoff"),
    ("Can I talk to a real person?", "human_handoff"),
    ("Connect me with customer service staff", "human_handoff"),
    ("I need a human being, not a bot", "human_handoff"),
    ("Ich möchte mit einem Menschen sprechen", "human_handoff"),
    ("Verbinden Sie mich bitte mit einem Mitarbeiter", "human_handoff"),
    ("Kann ich mit einer echten Person reden?", "human_handoff"),
    ("Stellen Sie mich zum Kundendienst durch", "human_handoff"),
    ("Ich brauche einen Menschen, keinen Bot", "human_handoff"),
    ("Please change my delivery address", "change_address"),
    ("I moved, can you update my address?", "change_address"),
    ("The shipping address on my order is wrong", "change_address"),
    ("Send the order to a different address", "change_address"),
    ("I need to correct my street name", "change_address"),
    ("Bitte ändern Sie meine Lieferadresse", "change_address"),
    ("Ich bin umgezogen, bitte Adresse aktualisieren", "change_address"),
    ("Die Versandadresse meiner Bestellung ist falsch", "change_address"),
    ("Liefern Sie bitte an eine andere Anschrift", "change_address"),
    ("Ich muss meinen Straßennamen korrigieren", "change_address"),
]
OUT_OF_SCOPE: list[tuple[str, str]] = [
    ("What is the capital of Australia?", "oos"),
    ("Tell me a joke about penguins", "oos"),
    ("Who won the football match yesterday?", "oos"),
    ("Recommend a good science fiction novel", "oos"),
    ("How many calories are in a banana?", "oos"),
    ("Was ist die Hauptstadt von Australien?", "oos"),
    ("Erzähl mir einen Witz über Pinguine", "oos"),
    ("Wer hat gestern das Fußballspiel gewonnen?", "oos"),
    ("Empfiehl mir einen guten Science-Fiction-Roman", "oos"),
    ("Wie viele Kalorien hat eine Banane?", "oos"),
]
PARAPHRASES = [
    ("My shipment hasn't shown up, where is it?", "order_status"),
    ("Wann wird mein Paket geliefert?", "order_status"),
    ("How do I ship back an item I don't want?", "return_item"),
    ("Ich will das Gerät zurücksenden", "return_item"),
    ("Is it possible to pay with PayPal?", "payment"),
    ("Kann ich mit Kreditkarte bezahlen?", "payment"),
    ("Let me talk to a person", "human_handoff"),
    ("Ich will einen echten Mitarbeiter sprechen", "human_handoff"),
    ("Please deliver to my new address instead", "change_address"),
    ("Meine Adresse hat sich geändert", "change_address"),
]
UNRELATED = [
    "What's the weather going to be like in Hamburg tomorrow?",
    "Write me a poem about dragons",
    "Wie hoch ist der Mount Everest?",
    "Was kocht man heute Abend mit Kartoffeln?",
]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return load_embedder("use")


@pytest.fixture(scope="module")
def classifier(embedder: Embedder) -> IntentClassifier:
    return IntentClassifier.train(EXAMPLES + OUT_OF_SCOPE, embedder=embedder)


def test_recognises_unseen_paraphrases_in_both_languages(classifier: IntentClassifier) -> None:
    predictions = classifier.predict([text for text, _ in PARAPHRASES])

    assert [p.intent for p in predictions] == [intent for _, intent in PARAPHRASES]


def test_unrelated_text_is_out_of_scope(classifier: IntentClassifier) -> None:
    predictions = classifier.predict(UNRELATED)

    assert [p.intent for p in predictions] == [None] * len(UNRELATED)


def test_without_oos_examples_unrelated_text_scores_below_paraphrases(embedder: Embedder) -> None:
    trained = IntentClassifier.train(EXAMPLES, embedder=embedder)

    unrelated = trained.predict(UNRELATED)
    paraphrases = trained.predict([text for text, _ in PARAPHRASES])
    assert [p.intent for p in paraphrases] == [intent for _, intent in PARAPHRASES]
    assert np.mean([p.confidence for p in unrelated]) < min(p.confidence for p in paraphrases)
    assert 0.0 < trained.threshold < min(p.confidence for p in paraphrases)


def test_prediction_ranks_in_scope_intents_by_probability(classifier: IntentClassifier) -> None:
    (prediction,) = classifier.predict(["Wo bleibt meine Lieferung?"])

    scores = [score for _, score in prediction.ranking]
    assert len(prediction.ranking) == 5
    assert "oos" not in {intent for intent, _ in prediction.ranking}
    assert scores == sorted(scores, reverse=True)
    assert prediction.ranking[0] == ("order_status", prediction.confidence)
    assert 0.0 < prediction.confidence <= 1.0
    assert classifier.intents == ("change_address", "human_handoff", "order_status", "payment", "return_item")


def test_threshold_is_derived_from_the_training_data(classifier: IntentClassifier, embedder: Embedder) -> None:
    without_oos = IntentClassifier.train(EXAMPLES, embedder=embedder)
    fewer_intents = IntentClassifier.train(
        [row for row in EXAMPLES + OUT_OF_SCOPE if row[1] != "payment"], embedder=embedder
    )

    thresholds = {classifier.threshold, without_oos.threshold, fewer_intents.threshold}
    assert len(thresholds) == 3
    assert all(0.0 < t < 1.0 for t in thresholds)


def test_training_is_deterministic(classifier: IntentClassifier, embedder: Embedder) -> None:
    again = IntentClassifier.train(EXAMPLES + OUT_OF_SCOPE, embedder=embedder)
    texts = [text for text, _ in PARAPHRASES] + UNRELATED

    assert again.threshold == classifier.threshold
    assert again.predict(texts) == classifier.predict(texts)


def test_training_needs_three_intents_or_oos_examples(embedder: Embedder) -> None:
    two_intents = [row for row in EXAMPLES if row[1] in ("payment", "order_status")]

    with pytest.raises(ValueError, match="three intents"):
        IntentClassifier.train(two_intents, embedder=embedder)


def test_predicting_nothing_returns_nothing(classifier: IntentClassifier) -> None:
    assert classifier.predict([]) == []


def test_threshold_separates_held_out_in_scope_from_out_of_scope() -> None:
    confidence = np.array([0.95, 0.9, 0.85, 0.8, 0.3, 0.2, 0.6])
    correct = np.array([True, True, True, True, False, False, False])
    is_oos = np.array([False, False, False, False, True, True, True])
    rejected = np.zeros(7, dtype=bool)

    threshold = choose_threshold(confidence, correct, is_oos, rejected, max_in_scope_loss=0.0)

    assert 0.6 < threshold <= 0.8


def test_threshold_never_costs_more_in_scope_accuracy_than_allowed() -> None:
    confidence = np.array([0.9, 0.8, 0.7, 0.6, 0.65, 0.62, 0.3])
    correct = np.array([True] * 4 + [False] * 3)
    is_oos = np.array([False] * 4 + [True] * 3)
    rejected = np.zeros(7, dtype=bool)

    strict = choose_threshold(confidence, correct, is_oos, rejected, max_in_scope_loss=0.0)
    loose = choose_threshold(confidence, correct, is_oos, rejected, max_in_scope_loss=0.25)

    assert 0.3 < strict <= 0.6
    assert 0.65 < loose <= 0.7


def test_loader_reads_rows_and_names_the_malformed_line(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "Wo ist mein Paket?", "intent": "order_status"}\n\n', encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "intent": "x"}\n{"text": "b", "intent": "y"}\n{"text": "c", "intent": \n')
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"text": "a"}\n')

    assert load_intent_jsonl(good) == [("Wo ist mein Paket?", "order_status")]
    with pytest.raises(InvalidInput, match=r"bad\.jsonl:3: not valid JSON"):
        load_intent_jsonl(bad)
    with pytest.raises(InvalidInput, match=r"missing\.jsonl:1: expected an object"):
        load_intent_jsonl(missing)


def test_metrics_count_out_of_scope_answers_as_wrong_in_scope() -> None:
    metrics = intent_metrics(["a", "a", "b", "oos"], ["a", "oos", "b", "b"])

    assert metrics["in_scope_accuracy"] == pytest.approx(2 / 3)
    assert metrics["oos_recall"] == 0.0
    assert metrics["oos_precision"] == 0.0
    assert metrics["overall_accuracy"] == 0.5
    assert intent_metrics(["a", "b"], ["a", "oos"])["oos_precision"] is None
