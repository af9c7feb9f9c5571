"""A hand-built Report covering every status, location shape and severity, for renderer tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from portfolio_lint.core.model import (
    SECURITY,
    FamilyScore,
    Finding,
    Location,
    Report,
    Role,
    RuleInfo,
    RuleResult,
    Severity,
    Status,
)


def rule(code: str, name: str, severity: Severity = Severity.WARNING) -> RuleInfo:
    return RuleInfo(
        code,
        name,
        code[:3].rstrip("0123456789"),
        2.0,
        severity,
        f"Why {name} matters.",
        f"Fix {name}.",
        (SECURITY,) if code.startswith("SEC") else (),  # as the secrets checks are tagged
        Role.PROBLEM if code.startswith(("SEC", "DAT")) else Role.PRACTICE,
    )


def finding(
    code: str,
    message: str,
    severity: Severity,
    location: Location | None = None,
    evidence: str | None = None,
) -> Finding:
    return Finding(message, location, severity, evidence, code=code)


@pytest.fixture
def sample_report() -> Report:
    secret = rule("SEC001", "no-hardcoded-secrets", Severity.ERROR)
    paths = rule("DAT001", "no-absolute-paths")
    results = (
        RuleResult(rule("DOC001", "readme-present", Severity.ERROR), Status.PASSED, 1.0),
        RuleResult(
            secret,
            Status.FAILED,
            0.0,
            (
                finding(
                    "SEC001",
                    "GitHub token, value: x",
                    Severity.ERROR,
                    Location("src/app.py", 3, 11),
                    "ghp_…(40 chars)",
                ),
                finding(
                    "SEC001",
                    "OpenAI key in notebook output",
                    Severity.ERROR,
                    Location("nb/explore.ipynb", 40, 5, cell=2),
                    "sk-proj-…(164 chars)",
                ),
            ),
        ),
        RuleResult(
            paths,
            Status.PARTIAL,
            0.5,
            (
                finding(
                    "DAT001",
                    "Absolute path /Users/jdoe/data, a: b%c",
                    Severity.WARNING,
                    Location("train,ing.py", 7),
                ),
            ),
        ),
        RuleResult(
            rule("VCS003", "license-present"),
            Status.FAILED,
            0.0,
            (finding("VCS003", "No LICENSE file", Severity.WARNING),),
        ),
        RuleResult(
            rule("TST004", "coverage-measured", Severity.INFO),
            Status.NOT_APPLICABLE,
            None,
            reason="no coverage report found",
        ),
        RuleResult(
            rule("QUA001", "low-complexity", Severity.INFO),
            Status.ERROR,
            None,
            reason="check crashed: ValueError: boom",
        ),
        RuleResult(
            rule("CI001", "ci-config-present"), Status.IGNORED, None, reason="graded elsewhere"
        ),
    )
    families = (
        FamilyScore("DOC", "README & docs", 100.0, 2.0, 1, 1),
        FamilyScore("SEC", "Secrets", 0.0, 2.0, 0, 1),
        FamilyScore("DAT", "Data paths & data files", 50.0, 2.0, 0, 1),
        FamilyScore("VCS", "Version control & history", 0.0, 2.0, 0, 1),
        FamilyScore("TST", "Tests & coverage", None, 0.0, 0, 0),
    )
    return Report(
        target="/tmp/student",
        tool_version="0.1.0",
        rubric="portfolio",
        results=results,
        score=37.5,
        grade="F",
        families=families,
        commit="a" * 40,
        metadata=(("anchor", "README.md"),),
    )


def busy_result() -> RuleResult:
    """A rule with more findings than the text report and GitHub annotations show, code spans
    in its messages, findings less and more severe than the rule, and one about a whole file."""
    severities = (Severity.WARNING, Severity.INFO, Severity.ERROR)
    whole_file = Location("src/legacy.py")
    findings = [finding("QUA007", "Half of this file is commented out", Severity.INFO, whole_file)]
    for i in range(25):
        message = f"Commented-out code `model.fit(X{i}, y)` left in"
        where = Location("src/pipeline.py", 10 + i, 1, end_line=11 + i)
        findings.append(finding("QUA007", message, severities[i % 3], where))
    busy = rule("QUA007", "no-commented-out-code")
    return RuleResult(busy, Status.PARTIAL, 0.25, tuple(findings))


@pytest.fixture
def golden_sample(sample_report: Report) -> Report:
    """The sample the every-format goldens render: every status and location shape, a rule
    with many findings, repository warnings, a crashed check, a score under fail_under and an
    inline suppression a graded run did not honour."""
    passed, secrets, *others = sample_report.results
    overruled = replace(secrets, suppressions_ignored=1)  # a graded run kept a silenced one
    return replace(
        sample_report,
        results=(passed, overruled, *others, busy_result()),
        families=(*sample_report.families, FamilyScore("QUA", "Code quality", 25.0, 2.0, 0, 1)),
        fail_under=50.0,
        warnings=("notebooks/big.ipynb: larger than the 8 MB scan limit, read in part",),
    )


@pytest.fixture
def failed_sample(sample_report: Report) -> Report:
    """A run that failed on an error-severity finding alone: no crash, no fail_under."""
    passed, secrets = sample_report.results[:2]
    return replace(sample_report, results=(passed, secrets), families=sample_report.families[:2])


@pytest.fixture
def passed_sample() -> Report:
    """A run that passed: no findings, a score above fail_under, no commit, no warnings."""
    results = (
        RuleResult(rule("DOC001", "readme-present", Severity.ERROR), Status.PASSED, 1.0),
        RuleResult(
            rule("VCS003", "license-present"), Status.PASSED, 1.0, summary="MIT licence found"
        ),
        RuleResult(
            rule("TST004", "coverage-measured", Severity.INFO),
            Status.NOT_APPLICABLE,
            None,
            reason="no coverage report found",
        ),
        RuleResult(
            rule("CI001", "ci-config-present"), Status.IGNORED, None, reason="graded elsewhere"
        ),
    )
    families = (
        FamilyScore("DOC", "README & docs", 100.0, 2.0, 1, 1),
        FamilyScore("VCS", "Version control & history", 100.0, 2.0, 1, 1),
        FamilyScore("TST", "Tests & coverage", None, 0.0, 0, 0),
    )
    return Report(
        target="/tmp/student",
        tool_version="0.1.0",
        rubric="portfolio",
        results=results,
        score=100.0,
        grade="A",
        families=families,
        fail_under=80.0,
        metadata=(("anchor", "README.md"),),
    )
