"""JUnit, GitLab Code Quality and shields.io badge outputs."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from portfolio_lint.core.model import Report
from portfolio_lint.render import badge, gitlab, junit


def test_junit_one_case_per_rule(sample_report: Report) -> None:
    suite = ET.fromstring(junit.render(sample_report).split("\n", 1)[1])
    cases = suite.findall("testcase")
    assert len(cases) == len(sample_report.results)
    assert suite.get("failures") == "3" and suite.get("errors") == "1"
    assert suite.get("skipped") == "2"
    secret = next(c for c in cases if c.get("name", "").startswith("SEC001"))
    failure = secret.find("failure")
    assert failure is not None and "src/app.py:3:11" in (failure.text or "")


def test_gitlab_code_quality_fields(sample_report: Report) -> None:
    issues = json.loads(gitlab.render(sample_report))
    assert len(issues) == len(sample_report.findings)
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["location"]["lines"]["begin"] >= 1
    assert issues[0]["severity"] == "critical"
    assert len({i["fingerprint"] for i in issues}) == len(issues)


@pytest.mark.parametrize(
    ("score", "colour"),
    [
        (95.0, "brightgreen"),
        (85.0, "green"),
        (72.0, "yellowgreen"),
        (61.0, "yellow"),
        (55.0, "orange"),
        (10.0, "red"),
        (None, "lightgrey"),
    ],
)
def test_badge_colour_bands(sample_report: Report, score: float | None, colour: str) -> None:
    from dataclasses import replace

    document = json.loads(badge.render(replace(sample_report, score=score)))
    assert document["schemaVersion"] == 1
    assert document["color"] == colour
    assert document["label"] == "portfolio-lint"
    if score is not None:
        assert document["message"].startswith(f"{score:.0f}/100")


def test_junit_keeps_each_finding_on_one_line(sample_report: Report) -> None:
    from dataclasses import replace

    from portfolio_lint.core.model import Finding, Location, Severity

    hostile = Finding(
        "m\n::error ::pwned", Location("a\r::warning ::b.py", 1), Severity.WARNING, code="DAT001"
    )
    report = sample_report.with_results(
        tuple(
            replace(r, findings=(hostile,)) if r.rule.code == "DAT001" else r
            for r in sample_report.results
        )
    )
    document = junit.render(report)
    assert "pwned" in document
    assert not [line for line in document.splitlines() if line.lstrip().startswith("::")]
    ET.fromstring(document.split("\n", 1)[1])
