"""Markdown for pull-request comments and job summaries (kept under GitHub's 65,536 chars)."""

from __future__ import annotations

import re

from portfolio_lint.model import Finding, Report, RuleResult, Status
from portfolio_lint.render.common import extra_evidence, failing_results, score_text, unicode_bar
from portfolio_lint.render.escapes import clean

MAX_CHARS = 65_536
ICONS = {Status.FAILED: "❌", Status.PARTIAL: "⚠️", Status.ERROR: "💥"}
MAX_FINDINGS_PER_RULE = 50
BACKTICKS = re.compile(r"`+")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)*?\1", re.DOTALL)


def _cell(text: str) -> str:
    return clean(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(
        ">", "&gt;"
    )


def _prose(text: str) -> str:
    """A message for a table cell or list item: `[text](url)` and `@someone` from the
    repository (a file name, a README line, a commit subject) stay text in the pull-request
    comment, not a link, an image or a notification; the message's own code spans are kept."""
    pieces, last = [], 0
    for span in CODE_SPAN.finditer(text):
        pieces += [_unlinked(text[last:span.start()]), span.group(0)]
        last = span.end()
    pieces.append(_unlinked(text[last:]))
    return _cell("".join(pieces))


MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def _unlinked(text: str) -> str:
    """No link, image or @mention (a zero-width space after `@`, as Dependabot does)."""
    return MENTION.sub("@\u200b", text.replace("[", "\\[").replace("]", "\\]"))


def _code(text: str) -> str:
    """A code span that a backtick in `text` (a file name) cannot close early."""
    fence = "`" * (max(map(len, BACKTICKS.findall(text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{_cell(text)}{padding}{fence}"


def _finding_line(finding: Finding) -> str:
    where = f"{_code(str(finding.location))} " if finding.location else ""
    quoted = extra_evidence(finding)
    evidence = f" — {_code(quoted)}" if quoted else ""
    return f"- {where}{_prose(finding.message)}{evidence}"


def _rule_block(result: RuleResult) -> list[str]:
    rule = result.rule
    icon = ICONS.get(result.status, "")
    score = "crashed" if result.score is None else f"{result.score * 100:.0f}%"
    lines = [
        "<details>",
        f"<summary>{icon} <b>{rule.code}</b> {rule.name} — {score} "
        f"({len(result.findings)} finding(s))</summary>",
        "",
    ]
    if result.reason:
        lines.append(f"_{_prose(result.reason)}_")
    lines.extend(_finding_line(f) for f in result.findings[:MAX_FINDINGS_PER_RULE])
    if len(result.findings) > MAX_FINDINGS_PER_RULE:
        lines.append(f"- … and {len(result.findings) - MAX_FINDINGS_PER_RULE} more")
    lines += ["", f"**Fix:** {_cell(rule.fix)}", "", "</details>", ""]
    return lines


def render(report: Report, *, max_chars: int = MAX_CHARS) -> str:
    """Score, grade, a family table with bars, and each failing rule in a <details> block."""
    verdict = "passed" if report.passed else "failed"
    head = [
        "## portfolio-lint",
        "",
        f"**Score: {score_text(report.score)} / 100 — grade {report.grade}** ({verdict})",
        "",
        "| Family | Score | | Rules passed |",
        "|---|---:|---|---:|",
    ]
    for family in report.families:
        head.append(
            f"| {family.title} ({family.family}) | {score_text(family.score)} | "
            f"`{unicode_bar(family.score)}` | {family.passed}/{family.total} |"
        )
    head.append("")
    failing = failing_results(report)
    body: list[str] = [f"### {len(failing)} rule(s) to improve", ""] if failing else [
        "All selected rules passed. 🎉", ""
    ]
    for result in failing:
        body.extend(_rule_block(result))
    text = "\n".join(head + body)
    if len(text) <= max_chars:
        return text + "\n"
    note = "\n\n> **Report truncated** to fit GitHub's comment limit; see the full report.\n"
    cut = text[: max_chars - len(note) - 32]
    cut = cut[: cut.rfind("\n")]
    if cut.count("<details>") > cut.count("</details>"):
        cut += "\n\n</details>"
    return cut + note
