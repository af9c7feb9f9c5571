"""JUnit XML: one test case per rule, for CI dashboards that read test reports."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from portfolio_lint.core.model import Report, Status
from portfolio_lint.render.escapes import one_line, xml_safe


def render(report: Report) -> str:
    """A <testsuite> whose cases are the rules; failing rules carry their findings."""
    suite = ET.Element("testsuite", name="portfolio-lint", tests=str(len(report.results)))
    failures = errors = skipped = 0
    for result in report.results:
        rule = result.rule
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"portfolio-lint.{rule.family}",
            name=f"{rule.code} {rule.name}",
        )
        details = "\n".join(
            # One line per finding: repository text never starts a line of the report.
            one_line(f"{f.location or '(repository)'}: {f.message}")
            for f in result.findings
        )
        if result.status in (Status.FAILED, Status.PARTIAL):
            failures += 1
            score = f"{(result.score or 0) * 100:.0f}%"
            element = ET.SubElement(
                case, "failure", message=f"score {score}; {rule.fix}", type=rule.severity.value
            )
            element.text = details
        elif result.status is Status.ERROR:
            errors += 1
            ET.SubElement(case, "error", message=result.reason or "check crashed")
        elif result.status in (Status.NOT_APPLICABLE, Status.IGNORED):
            skipped += 1
            ET.SubElement(case, "skipped", message=result.reason or result.status.value)
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="score", value=str(report.score))
    ET.SubElement(properties, "property", name="grade", value=report.grade)
    ET.indent(suite)
    # ElementTree writes control characters as they are: XML 1.0 forbids them outright.
    body = xml_safe(ET.tostring(suite, "unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
