"""Helpers shared by the renderers."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from portfolio_lint.app.cli import exit_code
from portfolio_lint.core.model import (
    FamilyScore,
    Finding,
    Outcome,
    Report,
    RuleInfo,
    RuleResult,
    Severity,
    Status,
)
from portfolio_lint.render import format_names, renderer
from portfolio_lint.render.common import extra_evidence, verdict_text


@pytest.mark.parametrize(
    ("message", "evidence", "shown"),
    [
        ("Absolute path: /Users/ada/x.csv", "/Users/ada/x.csv", ""),
        ("Hard-coded OpenAI key", "sk-…c3Fz", "sk-…c3Fz"),
        ("No README", None, ""),
    ],
)
def test_evidence_is_shown_once(message: str, evidence: str | None, shown: str) -> None:
    assert extra_evidence(Finding(message, evidence=evidence)) == shown


def crashed_report(**changes: object) -> Report:
    """One rule passed, one crashed: the score is 100 (a crash does not count) yet not a pass."""

    def info(code: str, severity: Severity = Severity.WARNING) -> RuleInfo:
        return RuleInfo(code, code.lower(), code[:3], 1.0, severity, "Why.", "Fix.")

    results = (
        RuleResult(info("DOC001"), Status.PASSED, 1.0),
        RuleResult(info("QUA001"), Status.ERROR, None, reason="check crashed: ValueError: boom"),
    )
    report = Report(
        "repo",
        "1.0",
        "portfolio",
        results,
        100.0,
        "A",
        (FamilyScore("DOC", "Docs", 100.0, 1.0, 1, 1),),
    )
    return replace(report, **changes)  # type: ignore[arg-type]


CLAIMS_OF_FAILURE = {
    "text": "failed: a check crashed",
    "markdown": "(failed: a check crashed)",
    "html": 'id="verdict">failed<',
    "junit": "<error",
}


@pytest.mark.parametrize("fail_under", [None, 50.0])
def test_a_crashed_check_fails_the_run_in_every_format(fail_under: float | None) -> None:
    report = crashed_report(fail_under=fail_under)
    assert report.outcome is Outcome.CRASHED and not report.passed
    assert json.loads(renderer("json")(report))["passed"] is False
    for name, claim in CLAIMS_OF_FAILURE.items():
        assert claim in renderer(name)(report), name
    for name in format_names():  # every format renders; none claims a pass
        output = renderer(name)(report)
        assert "(passed)" not in output and '"passed": true' not in output, name
    assert exit_code(report, exit_zero=False) == exit_code(report, exit_zero=True) == 2


@pytest.mark.parametrize(
    ("changes", "verdict", "markdown", "code"),
    [
        ({}, "failed: a check crashed", "(failed: a check crashed)", 2),
        (
            {"results": crashed_report().results[:1]},
            "passed: no error-severity finding",
            "(passed)",
            0,
        ),
        (
            {"results": crashed_report().results[:1], "fail_under": 100.5},
            "failed: score below 100.5",
            "(failed)",
            1,
        ),
    ],
)
def test_every_verdict_reads_the_same_outcome(
    changes: dict[str, object], verdict: str, markdown: str, code: int
) -> None:
    report = crashed_report(**changes)
    assert verdict_text(report) == verdict
    assert f"**Score: 100.0 / 100 — grade A** {markdown}" in renderer("markdown")(report)
    assert json.loads(renderer("json")(report))["passed"] is (code == 0)
    assert exit_code(report, exit_zero=False) == code


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        (
            {"grade": "F", "score": 41.0},
            "passed: no error-severity finding (the score gates only with --fail-under)",
        ),
        ({"grade": "B", "score": 85.0}, "passed: no error-severity finding"),
        (
            {"grade": "F", "score": 41.0, "fail_under": 40.0},
            "passed: no error-severity finding, score at least 40",
        ),
    ],
)
def test_a_pass_says_what_passing_means(changes: dict[str, object], verdict: str) -> None:
    report = crashed_report(results=crashed_report().results[:1], **changes)
    assert verdict_text(report) == verdict
