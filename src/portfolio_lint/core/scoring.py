"""The published scoring formula: practices shown earn their weight, problems found cost theirs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from portfolio_lint.core.model import FamilyScore, Role, RuleResult, Status

# (floor, letter), highest first; a score below every floor is FAILING. A rubric may set its own.
GRADE_BANDS: tuple[tuple[float, str], ...] = ((90.0, "A"), (80.0, "B"), (70.0, "C"), (60.0, "D"))
FAILING = "F"

FORMULA = (
    "score = 100 * (earned - lost) / possible, floored at 0: a practice rule (README "
    "sections, declared and pinned dependencies, tests, CI, modular code...) earns "
    "weight * rule_score and adds its weight to `possible`; a problem rule (secrets, "
    "absolute paths, undefined names, junk...) costs weight * (1 - rule_score). A practice "
    "that cannot be judged because what it needs is missing (install steps without a README) "
    "counts as not shown; other not-applicable, ignored and crashed rules do not count. "
    "With no practice rule selected the score is the weighted mean of the problem rules. "
    "Family scores are the weighted mean of their rules. Grade A >= 90, B >= 80, C >= 70, "
    "D >= 60, else F (a rubric's [grades] table may set other bands)."
)


def _counted(results: Sequence[RuleResult]) -> list[RuleResult]:
    return [r for r in results if r.status.counts and r.score is not None]


def _weighted_mean(counted: Sequence[RuleResult]) -> float | None:
    total = sum(r.rule.weight for r in counted)
    if not counted or total <= 0:
        return None
    earned = sum(r.rule.weight * (r.score or 0.0) for r in counted)
    return round(100.0 * earned / total, 1)


@dataclass(frozen=True)
class ScoreParts:
    """The terms of the formula, in weight units: practice weight earned out of `possible`,
    and problem weight `lost`."""

    earned: float
    possible: float
    lost: float


def score_parts(results: Sequence[RuleResult]) -> ScoreParts:
    """Sum the formula's terms over the rules that count."""
    counted = _counted(results)
    earned = possible = lost = 0.0
    for result in counted:
        weight, score = result.rule.weight, result.score or 0.0
        if result.rule.role is Role.PRACTICE:
            earned += weight * score
            possible += weight
        else:
            lost += weight * (1.0 - score)
    return ScoreParts(round(earned, 2), round(possible, 2), round(lost, 2))


def weighted_score(results: Sequence[RuleResult]) -> float | None:
    """The overall score (see FORMULA); None when nothing counts."""
    parts = score_parts(results)
    if parts.possible <= 0:
        return _weighted_mean(_counted(results))
    return round(max(0.0, 100.0 * (parts.earned - parts.lost) / parts.possible), 1)


def points_to_gain(results: Sequence[RuleResult], code: str) -> float:
    """How many points the overall score would gain if rule `code` were fully satisfied."""
    before = weighted_score(results)
    if before is None:
        return 0.0
    fixed = [
        replace(r, status=Status.PASSED, score=1.0) if r.rule.code == code else r
        for r in results
        if r.rule.code != code or r.status.counts
    ]
    after = weighted_score(fixed) or 0.0
    return round(max(0.0, after - before), 1)


def grade(score: float | None, bands: Sequence[tuple[float, str]] = GRADE_BANDS) -> str:
    """Letter grade for a score under `bands` ((floor, letter), highest first); `-` when there
    is no score, FAILING below every floor."""
    if score is None:
        return "-"
    for floor, letter in bands:
        if score >= floor:
            return letter
    return FAILING


def family_scores(
    results: Sequence[RuleResult], title: Callable[[str], str]
) -> tuple[FamilyScore, ...]:
    """One score per family (the weighted mean of its rules), in order of first appearance."""
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
                score=_weighted_mean(_counted(members)),
                weight=sum(r.rule.weight for r in counted),
                passed=sum(1 for r in counted if r.score == 1.0),
                total=len(counted),
            )
        )
    return tuple(scores)
