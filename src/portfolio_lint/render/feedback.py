"""Per-student feedback files (batch): Markdown, HTML and plain text that open with the cover
(student, repository, commit, dates, score), then the changes worth the most points, then the
findings. Student text is escaped in each format; the rubric's fixes are the grader's words."""

from __future__ import annotations

from portfolio_lint.core.model import Report
from portfolio_lint.render import html, markdown, text
from portfolio_lint.render.common import score_text, worth_text
from portfolio_lint.render.cover import (
    NOTHING_TO_GAIN,
    Cover,
    changes_heading,
    deadline_text,
    top_changes,
)
from portfolio_lint.render.escapes import one_line

MAX_FILE_CHARS = 2_000_000  # a report file is not a GitHub comment: keep every finding


def render_markdown(report: Report, cover: Cover) -> str:
    """The Markdown feedback."""
    esc, code = markdown.escape_text, markdown.code_span
    commit = code(cover.commit[:12]) if cover.commit else "—"
    committed = f" (committed {esc(cover.committed)})" if cover.committed else ""
    lines = [
        f"# Feedback for {esc(cover.student)}",
        "",
        "| | |",
        "|---|---|",
        f"| Repository | {code(cover.repository)} |",
        f"| Commit | {commit}{committed} |",
        f"| Graded | {esc(cover.graded)} |",
        *([f"| Deadline | {esc(d)} |"] if (d := deadline_text(cover)) else []),
        f"| Score | **{score_text(report.score)} / 100 — grade {esc(report.grade)}** |",
        "",
    ]
    changes = top_changes(report)
    lines += [f"## {changes_heading(changes)}" if changes else "## What to change", ""]
    for number, change in enumerate(changes, start=1):
        lines.append(
            f"{number}. **{change.code} {change.name}** ({worth_text(change.points)}): "
            f"{markdown.trusted_text(change.fix) or 'see the findings below.'}"
        )
    if not changes:
        lines.append(NOTHING_TO_GAIN)
    lines += ["", "## Findings", ""]
    findings = markdown.render(report, max_chars=MAX_FILE_CHARS).replace(
        "## portfolio-lint\n", "", 1
    )
    return "\n".join(lines) + "\n" + findings.lstrip("\n")


def render_html(report: Report, cover: Cover) -> str:
    """The HTML feedback: the report page, opened by the cover and the changes."""
    return html.render(report, cover=cover)


def render_text(report: Report, cover: Cover) -> str:
    """The plain-text feedback (no colour, 100 columns)."""
    lines = [
        f"Feedback for {one_line(cover.student)}",
        f"Repository: {one_line(cover.repository)}",
        f"Commit:     {(cover.commit or '-')[:12]}"
        + (f" (committed {cover.committed})" if cover.committed else ""),
        f"Graded:     {cover.graded}",
        *([f"Deadline:   {d}"] if (d := deadline_text(cover)) else []),
        f"Score:      {score_text(report.score)} / 100, grade {one_line(report.grade)}",
        "",
    ]
    changes = top_changes(report)
    lines += [changes_heading(changes) if changes else "What to change", ""]
    for number, change in enumerate(changes, start=1):
        lines.append(f"{number}. {change.code} {change.name} ({worth_text(change.points)})")
        lines.append(f"   {one_line(change.fix) or 'See the findings below.'}")
    if not changes:
        lines.append(NOTHING_TO_GAIN)
    lines += ["", "Findings", ""]
    body = text.render(report, color=False, width=100)
    return "\n".join(lines) + "\n" + "".join(line.rstrip() + "\n" for line in body.splitlines())
