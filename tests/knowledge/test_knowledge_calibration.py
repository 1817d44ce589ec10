"""The no-answer threshold is drawn from data by a fixed rule."""

from __future__ import annotations

import math

import numpy as np
import pytest

from firstline.knowledge.calibration import calibrate


def test_threshold_lies_in_the_middle_of_a_clean_gap() -> None:
    calibration = calibrate([0.80, 0.85, 0.90], [0.50, 0.60, 0.70])
    assert calibration.threshold == pytest.approx(0.75)
    assert (calibration.accepted_positives, calibration.rejected_negatives) == (1.0, 1.0)


def test_overlap_is_resolved_by_balanced_accuracy() -> None:
    calibration = calibrate([0.6, 0.8, 0.85, 0.9], [0.5, 0.55, 0.7, 0.65, 0.62])
    assert 0.7 < calibration.threshold < 0.8
    assert calibration.accepted_positives == 0.75
    assert calibration.rejected_negatives == 1.0


def test_without_negatives_most_positives_are_kept() -> None:
    positives = [i / 100 for i in range(60, 100)]
    calibration = calibrate(positives, [])
    assert calibration.accepted_positives == pytest.approx(0.95, abs=0.03)


def test_without_any_data_everything_passes() -> None:
    assert calibrate([], []).threshold == -math.inf


def test_the_threshold_never_lets_more_than_one_negative_in_twenty_pass() -> None:
    # Balanced accuracy alone puts the threshold at 0.635, below two negatives near the
    # positives; a wrong answer costs more than an unnecessary "I don't know".
    positives = [0.70, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.92]
    negatives = [0.40 + i / 100 for i in range(18)] + [0.72, 0.75]
    calibration = calibrate(positives, negatives)
    assert calibration.threshold == pytest.approx(float(np.percentile(negatives, 95)))
    assert calibration.rejected_negatives == 0.95
    assert calibration.accepted_positives == 0.875
