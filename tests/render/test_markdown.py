"""Markdown report: family table with bars, failing rules in <details>, size limit."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from portfolio_lint.core.model import Finding, Location, Report, Severity
from portfolio_lint.render import markdown


def with_finding(report: Report, finding: Finding) -> Report:
    """`report` with DAT001's findings replaced by `finding`."""
    return report.with_results(
        tuple(
            replace(r, findings=(finding,)) if r.rule.code == "DAT001" else r
            for r in report.results
        )
    )


def test_markdown_has_score_table_and_details(sample_report: Report) -> None:
    text = markdown.render(sample_report)
    assert "**Score: 37.5 / 100 — grade F** (failed: a check crashed)" in text
    assert "| Secrets (SEC) | 0.0 |" in text
    assert "█████░░░░░" in text  # DAT family at 50
    assert text.count("<details>") == text.count("</details>") == 4  # SEC, DAT, VCS, crashed QUA
    assert "`src/app.py:3:11`" in text
    assert "`nb/explore.ipynb:40:5 (cell 2)`" in text
    assert "CI001" not in text  # ignored rules are not "to improve"


def test_markdown_escapes_html_from_the_repository(sample_report: Report) -> None:
    hostile = Finding(
        "<script>alert(1)</script> | x",
        Location("<img src=x>.py", 1),
        Severity.WARNING,
        code="DAT001",
    )
    text = markdown.render(with_finding(sample_report, hostile))
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| x" in text


def test_markdown_truncates_with_note(sample_report: Report) -> None:
    text = markdown.render(sample_report, max_chars=700)
    assert len(text) <= 700
    assert "Report truncated" in text
    assert text.count("<details>") == text.count("</details>")


def test_markdown_that_fits_is_whole_up_to_the_exact_limit(sample_report: Report) -> None:
    whole = markdown.render(sample_report)
    assert markdown.render(sample_report, max_chars=len(whole)) == whole
    cut = markdown.render(sample_report, max_chars=len(whole) - 1)
    assert cut != whole and len(cut) <= len(whole) - 1 and "Report truncated" in cut


NOTE = "\n> cut\n"
CLOSE = "\n\n</details>"
LINES = "line one\nline two\nline three\n"
BLOCK = "<details>\n<summary>R</summary>\n\n- a finding\n\n</details>\n"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short\n", 6, "short\n"),  # exactly the limit: untouched
        (LINES, len(LINES), LINES),
        (LINES, len(LINES) - 1, "line one" + NOTE),  # cut back to a line break
        (BLOCK * 3, 60, "<details>\n<summary>R</summary>\n" + "\n\n</details>" + NOTE),
        (BLOCK * 3, 96, BLOCK + "<details>" + "\n\n</details>" + NOTE),  # half blocks closed
        (BLOCK * 3, 167, BLOCK * 2 + "<details>\n<summary>R</summary>\n" + CLOSE + NOTE),
    ],
)
def test_truncated_cuts_at_a_line_closes_details_and_appends_the_note(
    text: str, limit: int, expected: str
) -> None:
    assert markdown.truncated(text, limit, NOTE) == expected


@pytest.mark.parametrize("limit", range(40, 400, 7))
def test_truncated_always_fits_and_balances_details(limit: int) -> None:
    body = markdown.truncated(BLOCK * 20, limit, NOTE)
    assert len(body) <= limit and body.endswith(NOTE)
    assert body.count("<details>") == body.count("</details>")


def test_backticks_in_a_file_name_cannot_leave_the_code_span(sample_report: Report) -> None:
    name = "x` ![pixel](https://evil.example/p.png) `y.py"
    hostile = Finding("found", Location(name, 1), Severity.WARNING, code="DAT001")
    text = markdown.render(with_finding(sample_report, hostile))
    assert f"``{name}:1`` found" in text


def test_links_and_images_in_a_message_stay_text(sample_report: Report) -> None:
    message = (
        "README links to [docs](https://evil.example/x) and ![p](https://evil.example/p)"
        "; see `data[0]`"
    )
    hostile = Finding(message, Location("README.md", 3), Severity.WARNING, code="DAT001")
    text = markdown.render(with_finding(sample_report, hostile))
    assert "[docs](" not in text and "![p](" not in text
    assert "\\[docs\\](https://evil.example/x)" in text and "!\\[p\\](" in text
    assert "`data[0]`" in text  # the message's own code span is left alone


def test_mentions_in_a_message_notify_nobody(sample_report: Report) -> None:
    hostile = Finding(
        "Vague commit message 'ping @octocat and @org/team' by me@example.com in `@pytest.fixture`",
        Location("README.md", 1),
        Severity.WARNING,
        code="DAT001",
    )
    text = markdown.render(with_finding(sample_report, hostile))
    assert "@octocat" not in text and "@org/team" not in text
    assert "@\u200boctocat" in text and "me@\u200bexample.com" in text
    assert "`@\u200bpytest.fixture`" in text  # still a code span; no raw `@name` anywhere


HOSTILE_TEXT = [
    "\\` [x](http://e.example) `",
    "a\\`b` ![](http://t.example/p.png) @user `",
    "@user",
    "<img src=x onerror=alert(1)>",
    "<details><summary>hi</summary>",
    "a | b | c",
    "[x][ref] and [ref]: http://e.example",
    "<http://e.example>",
    "&lt;img src=x&gt; &#64;user",
    "``` [l](http://e.example) ``",
    "*bold* _it_ ~~gone~~ $x$",
    "line\nbreak [x](http://e.e)",
    "\\",
    "`",
    "``x``",
    "` `",
    "#12 and org/repo#3",
]


def md_tokens(text: str) -> list[Token]:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    found, stack = [], list(parser.parse(text))
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(token.children or ())
    return found


def assert_inert(text: str) -> None:
    for token in md_tokens(text):
        assert token.type not in (
            "link_open",
            "image",
            "html_inline",
            "html_block",
            "em_open",
            "strong_open",
            "s_open",
            "heading_open",
        ), (token, text)
        assert "@user" not in token.content
    assert "@user" not in text


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_escaped_text_code_spans_and_messages_are_inert(text: str) -> None:
    for built in (
        markdown.escape_text(text),
        markdown.code_span(text),
        markdown.message_text(text),
        markdown.message_text(f"found `{text}` here"),
    ):
        assert_inert(f"- {built}")
        assert len(built.splitlines()) == 1


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_escaped_text_reads_back_as_written(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(markdown.escape_text(text))
    shown = html.unescape(re.sub(r"</?p>", "", rendered)).strip().replace("\u200b", "")
    assert shown == text.replace("\n", "\\n").strip()


@pytest.mark.parametrize("text", ["a`b", "``x`` y", "`start", "end`", " padded ", "plain"])
def test_code_span_shows_the_text_exactly(text: str) -> None:
    [code] = [t for t in md_tokens(markdown.code_span(text)) if t.type == "code_inline"]
    assert code.content == text


def test_a_pipe_cannot_leave_a_table_cell() -> None:
    row = f"| {markdown.escape_text('a | b')} | {markdown.escape_text('c|d')} |"
    cells = [t for t in md_tokens(f"| x | y |\n|---|---|\n{row}\n") if t.type == "td_open"]
    assert len(cells) == 2


def test_our_code_spans_in_messages_stay_code(sample_report: Report) -> None:
    # The quiet side: a normal message keeps its code spans; its other text is unchanged.
    message = "CI runs `pytest -q` (ci.yml:3); see `data[0]`"
    text = markdown.render(
        with_finding(
            sample_report,
            Finding(message, Location("src/app.py", 1), Severity.WARNING, code="DAT001"),
        )
    )
    codes = [t.content for t in md_tokens(text) if t.type == "code_inline"]
    assert {"pytest -q", "data[0]", "src/app.py:1"} <= set(codes)
    assert "CI runs `pytest -q` (ci.yml:3); see `data[0]`" in text


def test_a_backslash_before_a_backtick_cannot_open_a_link(sample_report: Report) -> None:
    subject = "\\` [click](http://evil.example) ![](http://evil.example/p.png) @user `"
    hostile = Finding(
        f"1 of 1 commit messages say nothing: abc123 '{subject}'",
        None,
        Severity.WARNING,
        code="DAT001",
    )
    text = markdown.render(with_finding(sample_report, hostile))
    links = [t for t in md_tokens(text) if t.type in ("link_open", "image", "html_inline")]
    assert not links and "@user" not in text
