"""Small helpers shared by renderers: ordering, anchors for repository-level findings, bars."""

from __future__ import annotations

from collections.abc import Iterator

from portfolio_lint.core.kinds import kind_title
from portfolio_lint.core.model import (
    BASE_REVISION,
    BASE_SCORE,
    FINDINGS_FIXED,
    FINDINGS_NEW,
    ONLY_NEW,
    SCORE_DELTA,
    Finding,
    Outcome,
    Report,
    RuleResult,
    Severity,
    Status,
)
from portfolio_lint.core.scoring import points_to_gain, score_parts

FAILING = (Status.FAILED, Status.PARTIAL, Status.ERROR)
DEFAULT_ANCHOR = "README.md"


def anchor(report: Report) -> str:
    """File that repository-level findings point at (the README when there is one)."""
    return dict(report.metadata).get("anchor", DEFAULT_ANCHOR)


def extra_evidence(finding: Finding) -> str:
    """The finding's evidence when its message does not already quote it (said once is enough)."""
    evidence = finding.evidence or ""
    return "" if evidence in finding.message else evidence


def failing_results(report: Report) -> list[RuleResult]:
    """Rules that lost points or crashed, worst severity then code (with --diff-base or
    --baseline, only those with new findings)."""
    failing = [r for r in report.results if r.status in FAILING]
    if dict(report.metadata).get(ONLY_NEW):  # --diff-base, --baseline: what is new only
        failing = [r for r in failing if r.findings or r.status is Status.ERROR]
    return sorted(failing, key=lambda r: (r.rule.severity.rank, r.rule.code))


def findings_worst_first(report: Report) -> Iterator[tuple[RuleResult, Finding]]:
    """Every finding with its rule, errors first, then by path and line."""
    pairs = [(r, f) for r in report.results for f in r.findings]

    def order(pair: tuple[RuleResult, Finding]) -> tuple[int, str, str, int]:
        result, finding = pair
        severity = finding.severity or result.rule.severity
        location = finding.location
        return (
            severity.rank,
            result.rule.code,
            location.path if location else "",
            (location.line or 0) if location else 0,
        )

    yield from sorted(pairs, key=order)


def severity_of(result: RuleResult, finding: Finding) -> Severity:
    """A finding's severity, defaulting to its rule's."""
    return finding.severity or result.rule.severity


def unicode_bar(score: float | None, width: int = 10) -> str:
    """A bar like `███████░░░` for a 0–100 score (eighth blocks for precision)."""
    if score is None:
        return "·" * width
    eighths = round(max(0.0, min(100.0, score)) / 100 * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest].strip() if rest else ""
    return ("█" * full + partial).ljust(width, "░")


def score_text(score: float | None) -> str:
    """`87.5` or `n/a`."""
    return "n/a" if score is None else f"{score:.1f}"


def failure_reasons(report: Report) -> list[str]:
    """Why the run did not pass, in the words every report uses (empty when it passed)."""
    reasons = []
    if report.has_errors:
        errors = sum(1 for f in report.findings if f.severity is Severity.ERROR)
        reasons.append(plural(errors, "error-severity finding"))
    if report.below_threshold:
        reasons.append(f"score below {report.fail_under:g}")
    if report.crashed:
        reasons.append("a check crashed")
    return reasons


def plural(count: int, noun: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def verdict_text(report: Report) -> str:
    """What the exit code says, in words: `passed: ...` or `failed: ` and why (read from
    `report.outcome`, as the exit code is). Passing means no blocking finding; the score gates
    only with a threshold, which a low grade's verdict points out."""
    if report.outcome is not Outcome.PASSED:
        return "failed: " + ", ".join(failure_reasons(report))
    if report.fail_under is not None:
        return f"passed: no error-severity finding, score at least {report.fail_under:g}"
    if report.grade in ("D", "F"):
        return "passed: no error-severity finding (the score gates only with --fail-under)"
    return "passed: no error-severity finding"


def suppressions_text(report: Report) -> str:
    """`2 inline suppressions not honoured: ...`, or '' when every one was (or there were none)."""
    count = report.suppressions_ignored
    if not count:
        return ""
    plural = "" if count == 1 else "s"
    return (
        f"{count} inline suppression{plural} not honoured (graded run): the finding{plural} "
        "behind them count"
    )


def gains(report: Report) -> dict[str, float]:
    """Points the overall score would gain if each rule were fully satisfied, by code."""
    return {r.rule.code: points_to_gain(report.results, r.rule.code) for r in report.results}


def worth_text(points: float) -> str:
    """`worth 4.2 points` (what fixing a rule adds to the score), or '' when it adds nothing."""
    return f"worth {points:.1f} points" if points >= 0.05 else ""


def progress_text(report: Report) -> str:
    """`Score 78.4 → 83.9 (+5.5) since 1a2b3c4d5e6f: 2 findings fixed, 1 new` for a
    --diff-base report, '' otherwise."""
    meta = dict(report.metadata)
    if BASE_REVISION not in meta:
        return ""
    fixed, new = int(meta.get(FINDINGS_FIXED, "0")), int(meta.get(FINDINGS_NEW, "0"))
    counts = f"{plural(fixed, 'finding')} fixed, {new} new"
    base = meta[BASE_REVISION][:12]
    if BASE_SCORE not in meta or report.score is None:
        return f"Since {base}: {counts}"
    return (
        f"Score {meta[BASE_SCORE]} → {report.score:.1f} ({meta[SCORE_DELTA]}) since {base}: "
        f"{counts}"
    )


def breakdown_text(report: Report) -> str:
    """The formula with this report's terms: `practices shown 34 of 58, problems cost 4.5: ...`."""
    parts = score_parts(report.results)
    if parts.possible <= 0:
        return ""
    earned, possible, lost = (
        f"{round(x, 1):g}" for x in (parts.earned, parts.possible, parts.lost)
    )
    return (
        f"practices shown {earned} of {possible}, problems cost {lost}: "
        f"100 × ({earned} − {lost}) / {possible}"
    )


# The OPS rules' short names on the maturity line (a rule not listed shows its own name).
PRACTICE_LABELS = {
    "experiment-tracking": "tracking",
    "data-versioning": "versioning",
    "data-validation": "validation",
    "serving-hygiene": "serving",
    "monitoring": "monitoring",
    "delivery-pipeline": "CI/CD",
    "llm-practices": "LLM evals",
    "model-documentation": "model docs",
}
MATURITY_MARKS = {Status.PASSED: "✓", Status.PARTIAL: "◐", Status.FAILED: "✗"}
MATURITY_FAMILY = "OPS"


def maturity(report: Report) -> list[tuple[str, str, Status]]:
    """(label, code, status) of each OPS practice that applies to this project, in rule order."""
    return [
        (PRACTICE_LABELS.get(r.rule.name, r.rule.name), r.rule.code, r.status)
        for r in report.results
        if r.rule.family == MATURITY_FAMILY and r.status in MATURITY_MARKS
    ]


def maturity_text(report: Report) -> str:
    """`MLOps: tracking ✓, versioning ◐, CI/CD ✗`, or '' when no OPS rule applies."""
    shown = [f"{label} {MATURITY_MARKS[status]}" for label, _, status in maturity(report)]
    return "MLOps: " + ", ".join(shown) if shown else ""


def kind_text(report: Report) -> str:
    """`Project: serving app (+ training pipeline) — FastAPI app in api/main.py:3`, or ''."""
    project = report.project
    if project is None:
        return ""
    text = f"Project: {kind_title(project.kind)}"
    if project.secondary:
        text += " (+ " + ", ".join(kind_title(k) for k in project.secondary) + ")"
    if project.overridden:
        text += " [set in config]"
    if project.projects:
        text += " — " + "; ".join(f"{folder}/: {kind_title(k)}" for folder, k in project.projects)
    elif project.evidence:
        first = 1 if project.overridden and len(project.evidence) > 1 else 0
        text += " — " + project.evidence[first]
    return text
