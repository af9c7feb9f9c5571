"""A self-contained HTML report (Jinja2, autoescaped): gauge, family bars, filterable findings."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from portfolio_lint.core.model import Report, Status
from portfolio_lint.render.common import (
    breakdown_text,
    extra_evidence,
    findings_worst_first,
    gains,
    kind_text,
    maturity_text,
    progress_text,
    score_text,
    severity_of,
    suppressions_text,
    worth_text,
)
from portfolio_lint.render.cover import (
    NOTHING_TO_GAIN,
    Cover,
    changes_heading,
    deadline_text,
    top_changes,
)
from portfolio_lint.render.escapes import one_line

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_LABELS = {
    Status.PASSED: "passed",
    Status.PARTIAL: "partial",
    Status.FAILED: "failed",
    Status.NOT_APPLICABLE: "n/a",
    Status.IGNORED: "ignored",
    Status.ERROR: "crashed",
}


def band(score: float | None) -> str:
    """CSS class for a score's colour band."""
    if score is None:
        return "none"
    return "good" if score >= 80 else "fair" if score >= 60 else "poor"


def gauge_arc(score: float | None, radius: float = 52.0) -> dict[str, float]:
    """Stroke lengths that draw the score as a fraction of a circle."""
    circumference = 2 * math.pi * radius
    filled = circumference * (max(0.0, min(100.0, score or 0.0)) / 100)
    return {"radius": radius, "circumference": round(circumference, 2), "filled": round(filled, 2)}


def _shown(value: Any) -> Any:
    """Every plain string a template prints is shown on one line (repository text must never
    start a line of a page printed to a CI log); Markup is the template's own."""
    return one_line(value) if type(value) is str else value


def load_template(name: str) -> Any:
    """A Jinja2 template from the package, with autoescaping on."""
    from jinja2 import Environment, select_autoescape

    environment = Environment(
        autoescape=select_autoescape(default=True, default_for_string=True), finalize=_shown
    )
    environment.filters["score"] = score_text
    environment.globals["band"] = band
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    return environment.from_string(source)


def context(report: Report) -> dict[str, Any]:
    """Values the report template shows."""
    findings = [
        {
            "code": result.rule.code,
            "family": result.rule.family,
            "severity": severity_of(result, finding).value,
            "location": str(finding.location) if finding.location else "(repository)",
            "message": finding.message,
            "evidence": extra_evidence(finding),
        }
        for result, finding in findings_worst_first(report)
    ]
    gained = gains(report)
    rules = [
        {
            "info": result.rule,
            "worth": worth_text(gained[result.rule.code]),
            "status": (
                "suppressed"
                if result.status is Status.PASSED and result.suppressed
                else STATUS_LABELS[result.status]
            ),
            "score": None if result.score is None else result.score * 100,
            "reason": result.reason or "",
            "count": len(result.findings),
        }
        for result in report.results
    ]
    return {
        "report": report,
        "gauge": gauge_arc(report.score),
        "breakdown": breakdown_text(report),
        "progress": progress_text(report),
        "kind": kind_text(report),
        "maturity": maturity_text(report),
        "suppressions": suppressions_text(report),
        "findings": findings,
        "rules": rules,
        "families": sorted({r.rule.family for r in report.results}),
        "severities": ["error", "warning", "info"],
    }


def cover_context(cover: Cover | None, report: Report) -> dict[str, Any]:
    """A student's cover and the changes worth the most points (batch feedback), or nothing."""
    if cover is None:
        return {"cover": None}
    changes = top_changes(report)
    return {
        "cover": cover,
        "deadline": deadline_text(cover),
        "changes_heading": changes_heading(changes) if changes else "What to change",
        "changes": [{"change": c, "worth": worth_text(c.points)} for c in changes],
        "nothing_to_gain": NOTHING_TO_GAIN,
    }


def render(report: Report, *, cover: Cover | None = None) -> str:
    """The whole page as one string (no external requests); with `cover`, a student's
    feedback page that opens with it."""
    values = {**context(report), **cover_context(cover, report)}
    return str(load_template("report.html.j2").render(**values))
