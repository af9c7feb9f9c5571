"""The changes worth the most points, and the cover's deadline line."""

from __future__ import annotations

from dataclasses import replace

from portfolio_lint.core.model import Report, RuleResult, Status
from portfolio_lint.core.scoring import points_to_gain
from portfolio_lint.render.cover import Cover, changes_heading, deadline_text, top_changes
from tests.render.conftest import rule


def test_the_failing_rules_worth_most_come_first_at_most_three(sample_report: Report) -> None:
    changes = top_changes(sample_report)
    # Failed or partial and worth points (not crashed, n/a or ignored; DAT001's fix leaves
    # the score at its floor of 0, so it is worth nothing here).
    assert {c.code for c in changes} == {"SEC001", "VCS003"}
    points = [c.points for c in changes]
    assert points == sorted(points, reverse=True) and points[-1] > 0
    for change in changes:
        assert change.points == points_to_gain(sample_report.results, change.code)
        assert change.fix == f"Fix {change.name}."
    extra = RuleResult(rule("DOC002", "readme-install-steps"), Status.FAILED, 0.0)
    more = replace(sample_report, results=(*sample_report.results, extra))
    extra2 = RuleResult(rule("DOC003", "readme-usage"), Status.FAILED, 0.0)
    more = replace(more, results=(*more.results, extra2))
    assert len(top_changes(more)) == 3 and len(top_changes(more, count=4)) == 4


def test_ties_go_to_the_more_severe_rule_and_rules_worth_nothing_are_left_out(
    sample_report: Report,
) -> None:
    weightless = replace(rule("VCS004", "gitignore-present"), weight=0.0)
    results = (
        *sample_report.results,
        RuleResult(weightless, Status.FAILED, 0.0),
    )
    changes = top_changes(replace(sample_report, results=results), count=10)
    assert "VCS004" not in {c.code for c in changes}
    tied = [c for c in changes if c.points == changes[0].points]
    assert [c.code for c in tied] == sorted(
        (c.code for c in tied), key=lambda code: (code != "SEC001", code)
    )


def test_nothing_to_change_when_every_rule_passes(sample_report: Report) -> None:
    passed = tuple(replace(r, status=Status.PASSED, score=1.0) for r in sample_report.results)
    assert top_changes(replace(sample_report, results=passed)) == []


def test_headings_and_deadline_text() -> None:
    assert changes_heading([object()] * 3) == "The three changes worth the most points"  # type: ignore[list-item]
    assert changes_heading([object()]) == "The change worth the most points"  # type: ignore[list-item]
    cover = Cover("ada", "gh:ada/x", None, None, "2026-03-02 10:00 UTC")
    assert deadline_text(cover) == ""
    late = replace(cover, deadline="2026-03-01T23:59:00+00:00", late=True)
    assert deadline_text(late) == "2026-03-01T23:59:00+00:00 (late: work after it is not graded)"
