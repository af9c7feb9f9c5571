"""The published scoring formula: weighted mean of applicable rules, per family and overall."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from portfolio_lint.core.model import FamilyScore, RuleResult

GRADE_BANDS = ((90.0, "A"), (80.0, "B"), (70.0, "C"), (60.0, "D"))

FORMULA = (
    "score = 100 * sum(weight * rule_score) / sum(weight), over selected rules that apply "
    "(not-applicable, ignored and crashed rules do not count); grade A >= 90, B >= 80, "
    "C >= 70, D >= 60, else F."
)


def weighted_score(results: Sequence[RuleResult]) -> float | None:
    """100 * Σ w·s / Σ w over counted results; None when nothing counts."""
    counted = [r for r in results if r.status.counts and r.score is not None]
    total = sum(r.rule.weight for r in counted)
    if not counted or total <= 0:
        return None
    earned = sum(r.rule.weight * (r.score or 0.0) for r in counted)
    return round(100.0 * earned / total, 1)


def grade(score: float | None) -> str:
    """Letter grade for a score; `-` when there is no score."""
    if score is None:
        return "-"
    for floor, letter in GRADE_BANDS:
        if score >= floor:
            return letter
    return "F"


def family_scores(
    results: Sequence[RuleResult], title: Callable[[str], str]
) -> tuple[FamilyScore, ...]:
    """One score per family, in order of first appearance."""
    families: dict[str, list[RuleResult]] = {}
    for result in results:
        families.setdefault(result.rule.family, []).append(result)
    scores = []
    for family, members in families.items():
        counted = [r for r in members if r.status.counts]
        scores.append(
            FamilyScore(
                family=family,
                title=title(family),
                score=weighted_score(members),
                weight=sum(r.rule.weight for r in counted),
                passed=sum(1 for r in counted if r.score == 1.0),
                total=len(counted),
            )
        )
    return tuple(scores)
