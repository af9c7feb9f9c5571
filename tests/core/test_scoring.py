"""The published scoring formula: practices earn, problems cost, family means and grades."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Role, RuleInfo, RuleResult, Severity, Status
from portfolio_lint.core.scoring import (
    FORMULA,
    family_scores,
    grade,
    points_to_gain,
    score_parts,
    weighted_score,
)

PRACTICE, PROBLEM = Role.PRACTICE, Role.PROBLEM


def result(code, status, score, weight=1.0, role=PRACTICE):
    info = RuleInfo(code, code.lower(), code[:3], weight, Severity.WARNING, "", "", role=role)
    return RuleResult(info, status, score)


def test_practices_earn_and_problems_cost_in_the_same_units():
    results = [
        result("DOC001", Status.PASSED, 1.0, weight=3),
        result("DOC002", Status.PARTIAL, 0.5, weight=2),
        result("TST001", Status.FAILED, 0.0, weight=5),
        result("SEC001", Status.PARTIAL, 0.75, weight=4, role=PROBLEM),
    ]
    parts = score_parts(results)
    assert (parts.earned, parts.possible, parts.lost) == (4.0, 10.0, 1.0)
    assert weighted_score(results) == pytest.approx(100 * (4 - 1) / 10)


def test_passing_problem_rules_earn_nothing():
    """An empty-handed project does not climb by having no secrets and no absolute paths."""
    bare = [result("DOC001", Status.PARTIAL, 0.2, weight=5), result("TST001", Status.FAILED, 0.0)]
    clean = [*bare, *(result(f"SEC00{i}", Status.PASSED, 1.0, 8, PROBLEM) for i in range(1, 4))]
    assert weighted_score(clean) == weighted_score(bare) == round(100 * 1 / 6, 1)


def test_score_is_floored_at_zero():
    results = [
        result("DOC001", Status.PARTIAL, 0.1, weight=1),
        result("SEC001", Status.FAILED, 0.0, weight=8, role=PROBLEM),
    ]
    assert weighted_score(results) == 0.0


def test_without_practice_rules_the_score_is_the_weighted_mean():
    results = [
        result("SEC001", Status.PASSED, 1.0, weight=3, role=PROBLEM),
        result("SEC002", Status.FAILED, 0.0, weight=1, role=PROBLEM),
    ]
    assert weighted_score(results) == 75.0


@pytest.mark.parametrize("status", [Status.NOT_APPLICABLE, Status.IGNORED, Status.ERROR])
@pytest.mark.parametrize("role", [PRACTICE, PROBLEM])
def test_rules_that_do_not_count_never_move_the_score(status, role):
    base = [result("DOC001", Status.PARTIAL, 0.5)]
    assert weighted_score([*base, result("QUA001", status, None, 100, role)]) == 50.0


def test_no_counted_rule_means_no_score():
    assert weighted_score([result("QUA001", Status.NOT_APPLICABLE, None)]) is None
    assert weighted_score([result("QUA001", Status.FAILED, 0.0, weight=0)]) is None


def test_points_to_gain_is_the_score_with_the_rule_fixed_minus_the_score():
    results = [
        result("DOC001", Status.PASSED, 1.0, weight=6),
        result("TST001", Status.FAILED, 0.0, weight=4),
        result("SEC001", Status.FAILED, 0.0, weight=2, role=PROBLEM),
        result("QUA005", Status.NOT_APPLICABLE, None, weight=9),
    ]
    assert weighted_score(results) == 40.0
    assert points_to_gain(results, "TST001") == 40.0  # (10 - 2) / 10
    assert points_to_gain(results, "SEC001") == 20.0  # (6 - 0) / 10
    assert points_to_gain(results, "DOC001") == 0.0
    assert points_to_gain(results, "QUA005") == 0.0  # not applicable: nothing to fix


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        (100.0, "A"),
        (90.0, "A"),
        (89.9, "B"),
        (80.0, "B"),
        (70.0, "C"),
        (60.0, "D"),
        (59.9, "F"),
        (0.0, "F"),
        (None, "-"),
    ],
)
def test_grade_bands(score, letter):
    assert grade(score) == letter


def test_family_scores_are_weighted_means_of_counted_rules():
    results = [
        result("DOC001", Status.PASSED, 1.0, weight=2),
        result("DOC002", Status.FAILED, 0.0, weight=2, role=PROBLEM),
        result("DOC003", Status.NOT_APPLICABLE, None, weight=9),
        result("SEC001", Status.NOT_APPLICABLE, None),
    ]
    doc, sec = family_scores(results, lambda family: f"title {family}")
    assert (doc.family, doc.title, doc.score, doc.weight, doc.passed, doc.total) == (
        "DOC",
        "title DOC",
        50.0,
        4.0,
        1,
        2,
    )
    assert sec.score is None and sec.total == 0


def test_formula_is_published_in_words():
    assert "100 * (earned - lost) / possible" in FORMULA and "A >= 90" in FORMULA
