"""A student's feedback files: the cover first, then the changes, then the findings; the
student's own words escaped in every format."""

from __future__ import annotations

import re

import pytest

from portfolio_lint.core.model import Report
from portfolio_lint.render import feedback
from portfolio_lint.render.cover import Cover, changes_heading, top_changes

HOSTILE = "Eve <img src=x onerror=alert(1)> [click](https://evil.test) @admin \x1b[31m"
COVER = Cover(
    student="Ada Lovelace",
    repository="gh:ada/churn",
    commit="a" * 40,
    committed="2026-02-28T18:00:00+00:00",
    graded="2026-03-02 09:00 UTC",
    deadline="2026-03-01T23:59:00+00:00",
    late=False,
)


def _positions(text: str, *needles: str) -> list[int]:
    found = [text.find(needle) for needle in needles]
    assert -1 not in found, [n for n, at in zip(needles, found, strict=True) if at < 0]
    return found


@pytest.mark.parametrize("render", [feedback.render_markdown, feedback.render_text])
def test_the_cover_comes_first_then_the_changes_then_the_findings(
    sample_report: Report, render
) -> None:
    text = render(sample_report, COVER)
    assert text.splitlines()[0].lstrip("# ") == "Feedback for Ada Lovelace"
    changes = top_changes(sample_report)
    first = changes[0]
    places = _positions(
        text,
        "churn",
        "aaaaaaaaaaaa",
        "2026-02-28T18:00:00+00:00",
        "2026-03-02 09:00 UTC",
        "37.5 / 100",
        changes_heading(changes),
        f"{first.code} {first.name}",
        f"worth {first.points:.1f} points",
        "Findings",
        "Absolute path /Users/jdoe/data",
    )
    assert places == sorted(places)


def test_the_html_page_opens_with_the_cover(sample_report: Report) -> None:
    page = feedback.render_html(sample_report, COVER)
    assert "<title>Feedback for Ada Lovelace" in page
    places = _positions(
        page,
        'id="cover"',
        "<h1>Feedback for Ada Lovelace</h1>",
        "<code>gh:ada/churn</code>",
        "37.5 / 100 — grade F",
        "The two changes worth the most points",
        'id="changes"',
        "<h2>Findings</h2>",
        'id="score"',
    )
    assert places == sorted(places)
    assert page.count("<li><b><code>") == len(top_changes(sample_report)) == 2


def test_student_text_is_inert_in_every_format(sample_report: Report) -> None:
    cover = Cover(HOSTILE, "gh:eve/x\n::error::forged", None, None, "today")
    markdown = feedback.render_markdown(sample_report, cover)
    assert "<img" not in markdown and "[click](" not in markdown  # \[click\] is text
    assert "@admin" not in markdown  # a zero-width space follows the @
    assert "\x1b" not in markdown and "\n::error::" not in markdown
    page = feedback.render_html(sample_report, cover)
    assert "<img" not in page and "&lt;img src=x" in page and "\x1b" not in page
    text = feedback.render_text(sample_report, cover)
    assert "\x1b" not in text and not re.search(r"^::error::", text, re.MULTILINE)


def test_a_report_with_nothing_to_gain_says_so(sample_report: Report) -> None:
    from dataclasses import replace

    from portfolio_lint.core.model import Status

    passed = tuple(replace(r, status=Status.PASSED, score=1.0) for r in sample_report.results)
    clean = replace(sample_report, results=passed)
    for render in (feedback.render_markdown, feedback.render_text, feedback.render_html):
        assert "Nothing left to gain" in render(clean, COVER)
