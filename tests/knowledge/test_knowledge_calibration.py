"""The no-answer threshold is drawn from data by a fixed rule."""

from __future__ import annotations

import math

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
