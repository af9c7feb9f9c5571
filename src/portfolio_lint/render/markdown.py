"""Markdown for pull-request comments and job summaries (kept under GitHub's 65,536 chars).

Text from the linted repository (file names, messages quoting README lines or commit subjects,
evidence, reasons) enters the Markdown only through `escape_text` or `code_span` (messages:
`message_text`, which uses both). Both build inert output by construction, whatever the text
holds: no link, image, HTML or @mention from the repository reaches the comment.
"""

from __future__ import annotations

import html
import re

from portfolio_lint.core.model import Finding, Outcome, Report, RuleResult, Status
from portfolio_lint.render.common import (
    breakdown_text,
    extra_evidence,
    failing_results,
    gains,
    kind_text,
    maturity_text,
    plural,
    progress_text,
    score_text,
    suppressions_text,
    unicode_bar,
    worth_text,
)
from portfolio_lint.render.escapes import one_line

MAX_CHARS = 65_536  # GitHub rejects longer comment bodies (HTTP 422)
REPORT_CUT_NOTE = "\n\n> **Report truncated** to fit GitHub's comment limit; see the full report.\n"
CLOSE_DETAILS = "\n\n</details>"
VERDICTS = {
    Outcome.PASSED: "passed",
    Outcome.FAILED: "failed",
    Outcome.CRASHED: "failed: a check crashed",
}
ICONS = {Status.FAILED: "❌", Status.PARTIAL: "⚠️", Status.ERROR: "💥"}
MAX_FINDINGS_PER_RULE = 50
BACKTICKS = re.compile(r"`+")
HTML_LIKE = re.compile(r"[<>]")
ZERO_WIDTH_SPACE = "\u200b"
# Characters that can start Markdown or HTML syntax in the middle of a line (code spans,
# emphasis, strikethrough, links and images, table cells, math) are escaped with a backslash:
# CommonMark and GFM read an escaped ASCII punctuation character as the character itself.
# `<`, `>` and `&` (raw HTML, autolinks, entities) become entities. A backslash escape does not
# stop GitHub's @mentions and #references (found in the rendered text), so a zero-width space
# follows those two characters.
ESCAPES = {char: "\\" + char for char in "\\`*_[]!|~$"}
ESCAPES.update(
    {
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "@": "@" + ZERO_WIDTH_SPACE,
        "#": "\\#" + ZERO_WIDTH_SPACE,
    }
)
ESCAPE_TABLE = str.maketrans(ESCAPES)


def escape_text(text: str) -> str:
    """Repository text as inert Markdown on one line: every character that could start
    Markdown or HTML escaped, line breaks and control characters shown as escapes."""
    return one_line(text).translate(ESCAPE_TABLE)


def code_span(text: str) -> str:
    """Repository text (a file name, evidence) as one code span built by construction.

    The fence is longer than any run of backticks inside and padded when the text starts or
    ends with a backtick or a space, so nothing in `text` can close the span (backslashes are
    literal in code spans); `@` gets a zero-width space, as in text. Text holding `<` or `>`
    is escaped text instead: a code span would show entities as typed.
    """
    content = one_line(text)
    if HTML_LIKE.search(content):
        return escape_text(content)
    fence = "`" * (max(map(len, BACKTICKS.findall(content)), default=0) + 1)
    padding = " " if content[:1] in ("`", " ") or content[-1:] in ("`", " ") else ""
    content = content.replace("@", "@" + ZERO_WIDTH_SPACE)  # plain text in every reader
    return f"{fence}{padding}{content}{padding}{fence}"


def trusted_text(text: str) -> str:
    """Our own text (rubric fix, family title) in a list item or table cell: kept as Markdown,
    on one line, without raw HTML."""
    return one_line(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def message_text(text: str) -> str:
    """A message (our words around repository text) as inert Markdown: the pieces between
    matching backtick runs are rebuilt as code spans by `code_span`, the rest is escaped by
    `escape_text`. Nothing is copied as written, so a backslash or an odd backtick in the
    repository text can only change which pieces are shown as code."""
    text, pieces, start, position = one_line(text), [], 0, 0
    while run := BACKTICKS.search(text, position):
        closer = re.compile(f"(?<!`){run.group()}(?!`)").search(text, run.end())
        if closer is None:  # a lone run is text, as in CommonMark
            position = run.end()
            continue
        code = text[run.end() : closer.start()]
        if len(code) > 2 and code[0] == code[-1] == " " and code.strip():
            code = code[1:-1]  # CommonMark drops one space of padding on each side
        shown = (
            code_span(code)
            if not HTML_LIKE.search(code)
            else escape_text(text[run.start() : closer.end()])
        )  # not a code span: the backticks stay visible
        pieces += [escape_text(text[start : run.start()]), shown]
        start = position = closer.end()
    pieces.append(escape_text(text[start:]))
    return "".join(pieces)


def _finding_line(finding: Finding) -> str:
    where = f"{code_span(str(finding.location))} " if finding.location else ""
    quoted = extra_evidence(finding)
    evidence = f" — {code_span(quoted)}" if quoted else ""
    return f"- {where}{message_text(finding.message)}{evidence}"


def _rule_block(result: RuleResult, gain: float) -> list[str]:
    rule = result.rule
    icon = ICONS.get(result.status, "")
    score = "crashed" if result.score is None else f"{result.score * 100:.0f}%"
    worth = f", {worth_text(gain)}" if worth_text(gain) else ""
    # The <summary> line is inside an HTML block, where Markdown escapes are not read.
    lines = [
        "<details>",
        f"<summary>{icon} <b>{html.escape(one_line(rule.code))}</b> "
        f"{html.escape(one_line(rule.name))} — {score} "
        f"({plural(len(result.findings), 'finding')}{worth})</summary>",
        "",
    ]
    if result.reason:
        lines.append(f"_{message_text(result.reason)}_")
    lines.extend(_finding_line(f) for f in result.findings[:MAX_FINDINGS_PER_RULE])
    if len(result.findings) > MAX_FINDINGS_PER_RULE:
        lines.append(f"- … and {len(result.findings) - MAX_FINDINGS_PER_RULE} more")
    lines += ["", f"**Fix:** {trusted_text(rule.fix)}", "", "</details>", ""]
    return lines


def render(report: Report, *, max_chars: int = MAX_CHARS) -> str:
    """Score, grade, a family table with bars, and each failing rule in a <details> block."""
    verdict = VERDICTS[report.outcome]
    head = [
        "## portfolio-lint",
        "",
        f"**Score: {score_text(report.score)} / 100 — grade {escape_text(report.grade)}** "
        f"({verdict})",
        "",
        *([escape_text(kind), ""] if (kind := kind_text(report)) else []),
        *([f"_{escape_text(breakdown)}_", ""] if (breakdown := breakdown_text(report)) else []),
        *([f"**{escape_text(progress)}**", ""] if (progress := progress_text(report)) else []),
        *([escape_text(mlops), ""] if (mlops := maturity_text(report)) else []),
        "| Family | Score | | Rules passed |",
        "|---|---:|---|---:|",
    ]
    for family in report.families:
        head.append(
            f"| {trusted_text(family.title)} ({trusted_text(family.family)}) | "
            f"{score_text(family.score)} | `{unicode_bar(family.score)}` | "
            f"{family.passed}/{family.total} |"
        )
    head.append("")
    failing = failing_results(report)
    body: list[str] = (
        [f"### {plural(len(failing), 'rule')} to improve", ""]
        if failing
        else ["All selected rules passed. 🎉", ""]
    )
    gained = gains(report)
    for result in failing:
        body.extend(_rule_block(result, gained[result.rule.code]))
    if overruled := suppressions_text(report):
        body.extend([f"**{escape_text(overruled)}**", ""])
    return truncated("\n".join(head + body) + "\n", max_chars, REPORT_CUT_NOTE)


def truncated(text: str, limit: int, note: str) -> str:
    """`text` when it has at most `limit` characters; otherwise its longest part ending
    before a line break that fits, an open `<details>` block closed, and `note` appended.

    The one cut for GitHub's comment limit: the renderer's and the Action's sticky comment.
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - len(note) - len(CLOSE_DETAILS)]
    cut = cut[: cut.rfind("\n")]
    if cut.count("<details>") > cut.count("</details>"):
        cut += CLOSE_DETAILS
    return cut + note
