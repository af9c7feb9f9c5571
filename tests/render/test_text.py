"""The rich text report: score line, family bars, failing rules with locations and fixes."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from portfolio_lint.core.model import Finding, Location, Severity
from portfolio_lint.render import renderer
from portfolio_lint.render.text import render

ANSI = re.compile(r"\x1b\[")


def test_default_report_shows_score_families_and_failing_rules(sample_report):
    text = render(sample_report)
    assert "Score 37.5/100  grade F  failed" in text
    for family in ("README & docs", "Secrets", "Data paths & data files"):
        assert family in text
    assert "██████████░░░░░░░░░░" in text  # DAT at 50 on a 20-cell bar
    assert "src/app.py:3:11  GitHub token" in text
    assert "nb/explore.ipynb:40:5 (cell 2)" in text
    assert "[ghp_…(40 chars)]" in text  # evidence, already redacted
    assert "fix: Fix no-hardcoded-secrets." in text
    assert "(repository)  No LICENSE file" in text
    assert "check crashed: ValueError: boom" in text
    assert "readme-present" not in text  # passed rules hidden by default
    assert "coverage-measured" not in text  # skipped rules need -v
    assert not ANSI.search(text)


def test_errors_come_before_warnings(sample_report):
    text = render(sample_report)
    assert text.index("SEC001") < text.index("DAT001") < text.index("QUA001")


@pytest.mark.parametrize(
    ("options", "present", "absent"),
    [
        ({"verbosity": -1}, ["Score 37.5/100"], ["SEC001", "README & docs"]),
        (
            {"verbosity": 1},
            ["not applicable: no coverage report found", "ignored: graded elsewhere"],
            ["readme-present"],
        ),
        ({"show_all": True}, ["✓ DOC001 readme-present", "ignored: graded elsewhere"], []),
    ],
)
def test_quiet_verbose_and_show_all(sample_report, options, present, absent):
    text = render(sample_report, **options)
    assert all(p in text for p in present) and not any(a in text for a in absent)


def test_quiet_is_one_line(sample_report):
    assert len(render(sample_report, verbosity=-1).splitlines()) == 1


def test_colour_only_when_asked(sample_report):
    assert ANSI.search(render(sample_report, color=True))
    assert not ANSI.search(renderer("text")(sample_report))


def test_terminal_escapes_from_the_repository_are_neutralised(sample_report):
    hostile = Finding(
        "evil \x1b]0;pwned\x07 title", Location("a\x1b[31m.py", 1), Severity.WARNING, code="DAT001"
    )
    result = replace(sample_report.results[2], findings=(hostile,))
    report = sample_report.with_results([result])
    for color in (False, True):
        text = render(report, color=color)
        assert "pwned" in text and "\x1b]0;" not in text and "a\x1b[31m" not in text


def test_long_finding_lists_are_cut_unless_verbose(sample_report):
    many = tuple(
        Finding(f"hit {n}", Location("x.py", n), Severity.WARNING, code="DAT001")
        for n in range(1, 31)
    )
    report = sample_report.with_results([replace(sample_report.results[2], findings=many)])
    assert "… and 10 more" in render(report) and "hit 30" not in render(report)
    assert "hit 30" in render(report, verbosity=1)


def test_all_rules_passing(sample_report):
    report = sample_report.with_results(sample_report.results[:1])
    assert "Every selected rule passed." in render(report)


def test_a_long_message_is_never_wrapped_onto_a_line_of_its_own(sample_report):
    # Off a terminal, a wrapped continuation line started with repository text (`::error`).
    hostile = Finding(
        "x" * 5000 + " ::error ::pwned",
        Location("a.py", 1),
        Severity.WARNING,
        code="DAT001",
        evidence="y" * 5000 + " ::warning ::pwned",
    )
    report = sample_report.with_results(
        [
            replace(
                sample_report.results[2],
                findings=(hostile,),
                reason="z" * 5000 + " ::notice ::pwned",
            )
        ]
    )
    for options in ({}, {"verbosity": 1, "show_all": True}):
        text = render(report, **options)
        assert "pwned" in text
        assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
