"""The embedded intent classifier: sentence embeddings and TF-IDF n-grams into two fused linear models.

A multinomial logistic regression on the sentence embedding carries meaning across wordings
and languages; a linear SVM on word 1–2-grams and char_wb 2–5-grams carries exact wording
(product names, typos, compounds). Their scores are added with a fixed weight and turned into
probabilities with a temperature fitted on held-out predictions. A message whose best
probability falls below a threshold calibrated on the training data is out of scope.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sparse
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from firstline.nlp.embeddings import Embedder, Vectors

Matrix = npt.NDArray[np.float64]
Labels = npt.NDArray[np.str_]
_RANKING_SIZE = 5
_FOLD_TRANSLATION = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue"})


@dataclass(frozen=True, slots=True)
class IntentPrediction:
    """The classifier's reading of one message."""

    intent: str | None
    """The recognised intent; None means out of scope."""
    confidence: float
    """Probability of the best in-scope intent (``ranking[0]``), 0..1."""
    ranking: tuple[tuple[str, float], ...]
    """The five most probable in-scope intents with their probabilities, best first."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassifierSettings:
    """Hyper-parameters, chosen on CLINC150, BANKING77 and xSID development data (never per model)."""

    dense_c: float = 10.0
    """Inverse regularisation of the logistic regression on unit-length embeddings."""
    lexical_c: float = 1.0
    """Inverse regularisation of the linear SVM on TF-IDF n-grams."""
    lexical_weight: float = 2.0
    """Weight of the SVM scores added to the embedding model's log-probabilities; 0 turns it off."""
    max_in_scope_loss: float = 0.005
    """In-scope accuracy (on held-out rows) the out-of-scope threshold may cost at most."""
    oos_weight: float = 1.0
    """Class weight of the out-of-scope examples, relative to one intent's examples."""
    folds: int = 5
    """Folds of the cross-validation that fits temperature and threshold."""
    embed_batch: int = 64
    """Texts per embedder call: small batches pad less."""


@dataclass(frozen=True, slots=True)
class _Lexical:
    """Fitted TF-IDF vocabularies and the linear SVM on them."""

    words: TfidfVectorizer
    chars: TfidfVectorizer
    coef: Matrix
    intercept: Matrix

    def scores(self, texts: Sequence[str]) -> Matrix:
        """Return the SVM decision values, one column per class."""
        features = sparse.hstack([self.words.transform(texts), self.chars.transform(texts)]).tocsr()
        return np.asarray(features @ self.coef.T + self.intercept, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _FusedModel:
    """Both linear models over one set of classes."""

    classes: tuple[str, ...]
    dense_coef: Matrix
    dense_intercept: Matrix
    lexical: _Lexical | None
    lexical_weight: float

    def scores(self, vectors: Vectors, texts: Sequence[str]) -> Matrix:
        """Return fused class scores (log-probabilities plus weighted SVM margins)."""
        logits = np.asarray(vectors, dtype=np.float64) @ self.dense_coef.T + self.dense_intercept
        fused = log_softmax(logits, axis=1)
        if self.lexical is not None:
            fused = fused + self.lexical_weight * self.lexical.scores(texts)
        return np.asarray(fused, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _HeldOut:
    """Scores of rows that a fold's model did not see, with their true labels."""

    classes: tuple[str, ...]
    scores: Matrix
    truth: Labels


def fold_lexical(text: str) -> str:
    """Normalise text for the lexical features: NFKC, lower case, ß and umlauts spelled out."""
    return unicodedata.normalize("NFKC", text).lower().translate(_FOLD_TRANSLATION)


def _one_vs_rest(coef: Matrix, intercept: Matrix, *, symmetric: bool) -> tuple[Matrix, Matrix]:
    """Expand scikit-learn's single binary column to one column per class."""
    if coef.shape[0] != 1:
        return coef, intercept
    # Logistic regression: softmax over (-z/2, z/2) equals the sigmoid of z. SVM: ±margin.
    half = 1.0 if symmetric else 0.5
    return np.vstack([-half * coef, half * coef]), np.concatenate([-half * intercept, half * intercept])


def _fit_lexical(
    texts: Sequence[str], labels: Labels, settings: ClassifierSettings, seed: int, weights: dict[str, float]
) -> _Lexical:
    words = TfidfVectorizer(preprocessor=fold_lexical, ngram_range=(1, 2), sublinear_tf=True)
    # Character n-grams seen once are mostly noise; twice keeps typos and compounds that recur.
    min_df = 2 if len(texts) >= 50 else 1
    chars = TfidfVectorizer(
        preprocessor=fold_lexical, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=min_df
    )
    features = sparse.hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
    svm = LinearSVC(C=settings.lexical_c, class_weight=weights, tol=1e-3, max_iter=300, random_state=seed).fit(
        features, labels
    )
    coef, intercept = _one_vs_rest(np.asarray(svm.coef_), np.asarray(svm.intercept_), symmetric=True)
    return _Lexical(words, chars, coef, intercept)


def _fit_model(
    vectors: Vectors, texts: Sequence[str], labels: Labels, settings: ClassifierSettings, seed: int, oos_label: str
) -> _FusedModel:
    weights = {oos_label: settings.oos_weight} if oos_label in set(labels.tolist()) else {}
    # One BLAS thread: on these small matrices threads only wait for each other (15x slower on a busy machine).
    with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
        # A few iterations short of the tolerance changes no prediction; it must not fail start-up.
        warnings.simplefilter("ignore", ConvergenceWarning)
        dense = LogisticRegression(C=settings.dense_c, class_weight=weights, max_iter=300).fit(vectors, labels)
        lexical = _fit_lexical(texts, labels, settings, seed, weights) if settings.lexical_weight > 0 else None
    coef, intercept = _one_vs_rest(np.asarray(dense.coef_), np.asarray(dense.intercept_), symmetric=False)
    classes = tuple(str(c) for c in dense.classes_)
    return _FusedModel(classes, coef, intercept, lexical, settings.lexical_weight)


def stratified_folds(labels: Labels, folds: int, rng: np.random.Generator) -> npt.NDArray[np.int64]:
    """Deal each class's shuffled rows round-robin into folds (works for classes of any size)."""
    assignment = np.zeros(len(labels), dtype=np.int64)
    offset = 0
    for label in np.unique(labels):
        rows = rng.permutation(np.flatnonzero(labels == label))
        assignment[rows] = (np.arange(len(rows)) + offset) % folds
        offset += len(rows)  # start the next class where this one stopped: folds stay even
    return assignment


def _held_out(
    vectors: Vectors, texts: Sequence[str], labels: Labels, oos_label: str, settings: ClassifierSettings, seed: int
) -> list[_HeldOut]:
    """Cross-validate; without out-of-scope examples, whole intents are held out to play that part."""
    rng = np.random.default_rng(seed)
    folds = stratified_folds(labels, settings.folds, rng)
    intents = np.unique(labels[labels != oos_label])
    has_oos = bool(np.any(labels == oos_label))
    groups = min(settings.folds, len(intents))
    intent_group = dict(zip(rng.permutation(intents).tolist(), np.arange(len(intents)) % groups, strict=True))
    results: list[_HeldOut] = []
    for fold in range(settings.folds if has_oos else groups):
        if has_oos:
            pseudo_oos = np.zeros(len(labels), dtype=bool)
        else:
            pseudo_oos = np.array([intent_group[label] == fold for label in labels.tolist()])
        train = (folds != fold) & ~pseudo_oos
        test = ((folds == fold) & ~pseudo_oos) | pseudo_oos
        if len(np.unique(labels[train])) < 2 or not test.any():
            continue
        model = _fit_model(
            vectors[train], [texts[i] for i in np.flatnonzero(train)], labels[train], settings, seed, oos_label
        )
        scores = model.scores(vectors[test], [texts[i] for i in np.flatnonzero(test)])
        truth = np.where(pseudo_oos[test], oos_label, labels[test])
        results.append(_HeldOut(model.classes, scores, truth))
    return results


def _fit_temperature(held_out: Sequence[_HeldOut]) -> float:
    """Return the temperature that minimises the label-smoothed log-loss of held-out true labels.

    The smoothing is Laplace's rule of succession: after n held-out rows, the next one is wrong
    with probability 1/(n + 2). Without it, data that cross-validation separates perfectly
    would drive the temperature to zero and every probability to 0 or 1.
    """
    pairs = []
    for part in held_out:
        index = {label: i for i, label in enumerate(part.classes)}
        known = np.array([label in index for label in part.truth.tolist()], dtype=bool)
        if known.any():
            columns = np.array([index[label] for label in part.truth[known].tolist()])
            pairs.append((part.scores[known], columns))
    if not pairs:
        return 1.0
    smoothing = 1.0 / (sum(len(columns) for _, columns in pairs) + 2)

    def loss(log_t: float) -> float:
        total = 0.0
        for scores, columns in pairs:
            log_p = log_softmax(scores / np.exp(log_t), axis=1)
            true = log_p[np.arange(len(columns)), columns]
            total -= float(((1 - smoothing) * true + smoothing * log_p.mean(axis=1)).sum())
        return total

    return float(np.exp(minimize_scalar(loss, bounds=(-4.0, 4.0), method="bounded").x))


def _probabilities(scores: Matrix, temperature: float) -> Matrix:
    return np.asarray(np.exp(log_softmax(scores / temperature, axis=1)), dtype=np.float64)


def _top_in_scope(
    probabilities: Matrix, classes: Sequence[str], oos_label: str
) -> tuple[npt.NDArray[np.int64], Matrix, npt.NDArray[np.bool_]]:
    """Return per row the best in-scope column, its probability and whether the oos class beats it."""
    in_scope = np.array([c != oos_label for c in classes], dtype=bool)
    masked = np.where(in_scope, probabilities, -1.0)
    best = masked.argmax(axis=1)
    confidence = masked[np.arange(len(best)), best]
    if in_scope.all():
        return best, confidence, np.zeros(len(best), dtype=bool)
    return best, confidence, probabilities[:, classes.index(oos_label)] > confidence


def choose_threshold(
    confidence: Matrix,
    correct: npt.NDArray[np.bool_],
    is_oos: npt.NDArray[np.bool_],
    rejected: npt.NDArray[np.bool_],
    *,
    max_in_scope_loss: float,
) -> float:
    """Pick the threshold that maximises in-scope accuracy plus out-of-scope recall on held-out rows.

    A row is answered when the oos class did not win (``rejected``) and its confidence is at
    least the threshold. In-scope accuracy counts answered, correct in-scope rows; out-of-scope
    recall counts unanswered oos rows. Both are rates, so they weigh the same however many rows
    of each kind there are (Youden's J). The threshold may cost at most ``max_in_scope_loss``
    of the in-scope accuracy a zero threshold gets: held-out training rows are easier than new
    traffic and held-out intents are harder than real out-of-scope messages, so the plain
    optimum rejects far too much. Of the thresholds that do equally well, the one in the
    middle is taken, so that it keeps the widest margin to the rows on either side.
    """
    if not is_oos.any() or is_oos.all():
        return 0.0
    accepted_correct = np.sort(confidence[correct & ~is_oos & ~rejected])
    oos_open = np.sort(confidence[is_oos & ~rejected])
    candidates = np.unique(np.concatenate([[0.0], accepted_correct, oos_open]))
    n_in, n_oos = int((~is_oos).sum()), int(is_oos.sum())
    accuracy = (len(accepted_correct) - np.searchsorted(accepted_correct, candidates, side="left")) / n_in
    recall = (int((is_oos & rejected).sum()) + np.searchsorted(oos_open, candidates, side="left")) / n_oos
    objective = np.where(accuracy >= accuracy[0] - max_in_scope_loss - 1e-12, accuracy + recall, -np.inf)
    first = int(np.argmax(objective))
    last = first
    while last + 1 < len(candidates) and objective[last + 1] == objective[first]:
        last += 1
    lower = candidates[first - 1] if first > 0 else 0.0
    return float((lower + candidates[last]) / 2)


class IntentClassifier:
    """Recognises the intent of customer messages; says None when a message is out of scope."""

    def __init__(
        self,
        *,
        embedder: Embedder,
        model: _FusedModel,
        temperature: float,
        threshold: float,
        oos_label: str,
        settings: ClassifierSettings,
    ) -> None:
        self._embedder = embedder
        self._model = model
        self._temperature = temperature
        self._threshold = threshold
        self._oos_label = oos_label
        self._settings = settings

    @classmethod
    def train(
        cls,
        examples: Sequence[tuple[str, str]],
        *,
        embedder: Embedder,
        oos_label: str = "oos",
        seed: int = 0,
        settings: ClassifierSettings | None = None,
    ) -> IntentClassifier:
        """Train on ``(text, intent)`` pairs; rows labelled ``oos_label`` are out-of-scope examples.

        The threshold comes from cross-validation on these examples (see ``choose_threshold``):
        with out-of-scope examples, the oos class is trained like an intent and its held-out rows
        are the negatives; without them, each fold also holds out a group of whole intents,
        which then play the out-of-scope messages the model has never seen.
        """
        settings = settings or ClassifierSettings()
        texts = [text for text, _ in examples]
        labels = np.array([intent for _, intent in examples], dtype=np.str_)
        if len(np.unique(labels[labels != oos_label])) < (1 if np.any(labels == oos_label) else 3):
            raise ValueError("training needs at least three intents, or one intent and out-of-scope examples")
        vectors = _embed(embedder, texts, settings.embed_batch)
        held_out = _held_out(vectors, texts, labels, oos_label, settings, seed)
        temperature = _fit_temperature(held_out)
        threshold = _threshold_from(held_out, temperature, oos_label, settings.max_in_scope_loss)
        model = _fit_model(vectors, texts, labels, settings, seed, oos_label)
        return cls(
            embedder=embedder,
            model=model,
            temperature=temperature,
            threshold=threshold,
            oos_label=oos_label,
            settings=settings,
        )

    @property
    def intents(self) -> tuple[str, ...]:
        """The in-scope intents it can recognise, sorted."""
        return tuple(c for c in self._model.classes if c != self._oos_label)

    @property
    def threshold(self) -> float:
        """Below this probability of the best intent, a message is out of scope."""
        return self._threshold

    @property
    def temperature(self) -> float:
        """The softmax temperature fitted on held-out predictions."""
        return self._temperature

    def predict(self, texts: Sequence[str]) -> list[IntentPrediction]:
        """Classify messages; ``intent`` is None for out-of-scope ones."""
        if not texts:
            return []
        vectors = _embed(self._embedder, texts, self._settings.embed_batch)
        probabilities = _probabilities(self._model.scores(vectors, texts), self._temperature)
        classes = self._model.classes
        best, confidence, oos_wins = _top_in_scope(probabilities, classes, self._oos_label)
        in_scope = np.array([c != self._oos_label for c in classes], dtype=bool)
        predictions = []
        for row in range(len(texts)):
            order = [int(i) for i in np.argsort(-probabilities[row], kind="stable") if in_scope[i]]
            ranking = tuple((classes[i], float(probabilities[row, i])) for i in order[:_RANKING_SIZE])
            answered = not oos_wins[row] and confidence[row] >= self._threshold
            intent = classes[int(best[row])] if answered else None
            predictions.append(IntentPrediction(intent, float(confidence[row]), ranking))
        return predictions


def _threshold_from(held_out: Sequence[_HeldOut], temperature: float, oos_label: str, max_loss: float) -> float:
    confidence, correct, is_oos, rejected = [], [], [], []
    for part in held_out:
        probabilities = _probabilities(part.scores, temperature)
        best, top, oos_wins = _top_in_scope(probabilities, part.classes, oos_label)
        predicted = np.array(part.classes, dtype=np.str_)[best]
        confidence.append(top)
        correct.append(predicted == part.truth)
        is_oos.append(part.truth == oos_label)
        rejected.append(oos_wins)
    if not confidence:
        return 0.0
    return choose_threshold(
        np.concatenate(confidence),
        np.concatenate(correct),
        np.concatenate(is_oos),
        np.concatenate(rejected),
        max_in_scope_loss=max_loss,
    )


def _embed(embedder: Embedder, texts: Sequence[str], batch: int) -> Vectors:
    parts = [embedder.embed_queries(list(texts[i : i + batch])) for i in range(0, len(texts), batch)]
    return np.vstack(parts) if parts else np.zeros((0, embedder.dimensions), dtype=np.float32)
