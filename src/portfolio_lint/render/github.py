"""GitHub Actions workflow commands: annotations worst first, within GitHub's display limits."""

from __future__ import annotations

from collections import Counter

from portfolio_lint.core.model import Report, Severity
from portfolio_lint.render.common import (
    anchor,
    extra_evidence,
    findings_worst_first,
    plural,
    score_text,
    severity_of,
)
from portfolio_lint.render.escapes import clean

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_LEVEL_LIMIT = 10
PER_JOB_LIMIT = 50


def escape_data(text: str) -> str:
    """Escape a message as @actions/core does; control characters (ANSI escapes, which the
    log renders) become `?`."""
    return clean(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a property value (file, title) as @actions/core does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, *, per_level: int = PER_LEVEL_LIMIT, total: int = PER_JOB_LIMIT) -> str:
    """One annotation per finding, worst first, then a notice that counts what was left out."""
    lines: list[str] = []
    shown: Counter[str] = Counter()
    omitted = 0
    budget = total - 1  # keep room for the closing notice
    fallback = anchor(report)
    for result, finding in findings_worst_first(report):
        command = COMMANDS[severity_of(result, finding)]
        if shown[command] >= per_level or sum(shown.values()) >= budget:
            omitted += 1
            continue
        shown[command] += 1
        location = finding.location
        properties = [f"file={escape_property(location.path if location else fallback)}"]
        if location and location.line:
            properties.append(f"line={location.line}")
            if location.column:
                properties.append(f"col={location.column}")
        title = f"{result.rule.code} {result.rule.name}"
        properties.append(f"title={escape_property(title)}")
        evidence = extra_evidence(finding)
        message = finding.message + (f" ({evidence})" if evidence else "")
        if result.rule.fix:
            message += f"\nFix: {result.rule.fix}"
        lines.append(f"::{command} {','.join(properties)}::{escape_data(message)}")
    summary = f"portfolio-lint score {score_text(report.score)} (grade {report.grade})"
    if omitted:
        summary += f"; {plural(omitted, 'more finding')} not annotated (GitHub shows at most "
        summary += f"{per_level} per level per step): see the job summary or SARIF"
    lines.append(f"::notice title=portfolio-lint::{escape_data(summary)}")
    return "\n".join(lines) + "\n"
