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


def test_no_renderer_names_a_rule_code() -> None:
    # Renderers read rule metadata (tags, family), never hard-coded codes such as VCS007.
    import re
    from pathlib import Path

    import portfolio_lint.render

    folder = Path(portfolio_lint.render.__file__).parent
    for module in folder.glob("*.py"):
        codes = re.findall(r"[\"'][A-Z]{2,4}\d{3}[\"']", module.read_text(encoding="utf-8"))
        assert not codes, (module.name, codes)


def test_gitlab_puts_every_security_tagged_rule_in_the_security_category(
    sample_report: Report,
) -> None:
    from dataclasses import replace

    history = next(r for r in sample_report.results if r.findings)
    tagged = replace(history, rule=replace(history.rule, code="VCS007", tags=("security",)))
    report = sample_report.with_results([tagged])
    (issue, *_) = json.loads(gitlab.render(report))
    assert issue["categories"] == ["Security"]
    plain = sample_report.with_results([replace(history, rule=replace(history.rule, tags=()))])
    assert json.loads(gitlab.render(plain))[0]["categories"] == ["Style"]
