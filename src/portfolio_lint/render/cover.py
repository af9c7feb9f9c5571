"""What a student's feedback opens with: who, which repository and commit, when, the score,
and the changes worth the most points (computed from the weights, as the score is)."""

from __future__ import annotations

from dataclasses import dataclass

from portfolio_lint.core.model import Report, Status
from portfolio_lint.render.common import gains

WORTH_SHOWING = 0.05  # points: a fix below this would not move the rounded score
TOP_CHANGES = 3


@dataclass(frozen=True)
class Cover:
    """The first lines of a student's feedback. `student` and `repository` are the roster's
    words (untrusted: every renderer escapes them); dates are ISO text."""

    student: str
    repository: str
    commit: str | None
    committed: str | None  # the graded commit's date, when git knows it
    graded: str  # when the batch graded it
    deadline: str | None = None
    late: bool | None = None


@dataclass(frozen=True)
class Change:
    """One rule to fix: its code and name, the rubric's fix, and the points it would add."""

    code: str
    name: str
    fix: str
    points: float


def top_changes(report: Report, count: int = TOP_CHANGES) -> list[Change]:
    """The `count` failing or partial rules whose fix adds the most points; ties go to the
    more severe rule, then the code."""
    gained = gains(report)
    candidates = [
        result
        for result in report.results
        if result.status in (Status.FAILED, Status.PARTIAL)
        and gained[result.rule.code] >= WORTH_SHOWING
    ]
    candidates.sort(key=lambda r: (-gained[r.rule.code], r.rule.severity.rank, r.rule.code))
    return [
        Change(r.rule.code, r.rule.name, r.rule.fix, gained[r.rule.code])
        for r in candidates[:count]
    ]


def changes_heading(changes: list[Change]) -> str:
    """`The three changes worth the most points` (or two, or one)."""
    words = {1: "The change", 2: "The two changes", 3: "The three changes"}
    return f"{words.get(len(changes), f'The {len(changes)} changes')} worth the most points"


NOTHING_TO_GAIN = "Nothing left to gain: every rule that counts is fully satisfied."


def deadline_text(cover: Cover) -> str:
    """`2026-03-01T23:59:00+00:00 (late: work after it is not graded)`, or ''."""
    if cover.deadline is None:
        return ""
    late = " (late: work after it is not graded)" if cover.late else ""
    return f"{cover.deadline}{late}"
