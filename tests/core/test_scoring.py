"""The published scoring formula: weighted mean of applicable rules, family scores, grades."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import RuleInfo, RuleResult, Severity, Status
from portfolio_lint.core.scoring import FORMULA, family_scores, grade, weighted_score


def result(code, status, score, weight=1.0):
    info = RuleInfo(code, code.lower(), code[:3], weight, Severity.WARNING, "", "")
    return RuleResult(info, status, score)


def test_weighted_mean_of_counted_rules():
    results = [
        result("DOC001", Status.PASSED, 1.0, weight=3),
        result("DOC002", Status.PARTIAL, 0.5, weight=2),
        result("SEC001", Status.FAILED, 0.0, weight=5),
    ]
    assert weighted_score(results) == pytest.approx(100 * (3 + 1) / 10)


@pytest.mark.parametrize("status", [Status.NOT_APPLICABLE, Status.IGNORED, Status.ERROR])
def test_rules_that_do_not_count_never_lower_the_score(status):
    base = [result("DOC001", Status.PASSED, 1.0)]
    assert weighted_score([*base, result("QUA001", status, None, weight=100)]) == 100.0


def test_no_counted_rule_means_no_score():
    assert weighted_score([result("QUA001", Status.NOT_APPLICABLE, None)]) is None
    assert weighted_score([result("QUA001", Status.FAILED, 0.0, weight=0)]) is None


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


def test_family_scores_count_only_applicable_rules():
    results = [
        result("DOC001", Status.PASSED, 1.0, weight=2),
        result("DOC002", Status.FAILED, 0.0, weight=2),
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
    assert "not-applicable" in FORMULA and "A >= 90" in FORMULA
