"""Markdown report: family table with bars, failing rules in <details>, size limit."""

from __future__ import annotations

from dataclasses import replace

from portfolio_lint.model import Finding, Location, Report, Severity
from portfolio_lint.render import markdown


def with_finding(report: Report, finding: Finding) -> Report:
    """`report` with DAT001's findings replaced by `finding`."""
    return report.with_results(tuple(
        replace(r, findings=(finding,)) if r.rule.code == "DAT001" else r
        for r in report.results
    ))


def test_markdown_has_score_table_and_details(sample_report: Report) -> None:
    text = markdown.render(sample_report)
    assert "**Score: 37.5 / 100 — grade F** (failed)" in text
    assert "| Secrets (SEC) | 0.0 |" in text
    assert "█████░░░░░" in text  # DAT family at 50
    assert text.count("<details>") == text.count("</details>") == 4  # SEC, DAT, VCS, crashed QUA
    assert "`src/app.py:3:11`" in text
    assert "`nb/explore.ipynb:40:5 (cell 2)`" in text
    assert "CI001" not in text  # ignored rules are not "to improve"


def test_markdown_escapes_html_from_the_repository(sample_report: Report) -> None:
    hostile = Finding("<script>alert(1)</script> | x", Location("<img src=x>.py", 1),
                      Severity.WARNING, code="DAT001")
    text = markdown.render(with_finding(sample_report, hostile))
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| x" in text


def test_markdown_truncates_with_note(sample_report: Report) -> None:
    text = markdown.render(sample_report, max_chars=700)
    assert len(text) <= 700
    assert "Report truncated" in text
    assert text.count("<details>") == text.count("</details>")


def test_backticks_in_a_file_name_cannot_leave_the_code_span(sample_report: Report) -> None:
    name = "x` ![pixel](https://evil.example/p.png) `y.py"
    hostile = Finding("found", Location(name, 1), Severity.WARNING, code="DAT001")
    text = markdown.render(with_finding(sample_report, hostile))
    assert f"``{name}:1`` found" in text


def test_links_and_images_in_a_message_stay_text(sample_report: Report) -> None:
    message = ("README links to [docs](https://evil.example/x) and ![p](https://evil.example/p)"
               "; see `data[0]`")
    hostile = Finding(message, Location("README.md", 3), Severity.WARNING, code="DAT001")
    text = markdown.render(with_finding(sample_report, hostile))
    assert "[docs](" not in text and "![p](" not in text
    assert "\\[docs\\](https://evil.example/x)" in text and "!\\[p\\](" in text
    assert "`data[0]`" in text  # the message's own code span is left alone


def test_mentions_in_a_message_notify_nobody(sample_report: Report) -> None:
    hostile = Finding("Vague commit message 'ping @octocat and @org/team' by me@example.com"
                      " in `@pytest.fixture`", Location("README.md", 1), Severity.WARNING,
                      code="DAT001")
    text = markdown.render(with_finding(sample_report, hostile))
    assert "@octocat" not in text and "@org/team" not in text
    assert "@\u200boctocat" in text and "me@\u200bexample.com" in text
    assert "`@\u200bpytest.fixture`" in text  # still a code span; no raw `@name` anywhere
