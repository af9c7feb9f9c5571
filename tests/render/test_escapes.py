"""Repository text with terminal escapes or XML-forbidden characters, in every renderer."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree as ET

import pytest

from portfolio_lint.core.model import Finding, Location, Report, Severity
from portfolio_lint.render import escapes, junit, renderer

HOSTILE_NAME = "esc\x1b[31mred\x1b[0m\u202egnp.py"
HOSTILE_MESSAGE = "commit \x1b]0;pwned\x07 by \x9b2J\rEvil\x00\x08 \x1b]8;;http://x\x07link"
RAW = ("\x1b", "\x9b", "\x07", "\x00", "\x08", "\r", "\u202e")


def hostile(report: Report) -> Report:
    finding = Finding(
        HOSTILE_MESSAGE,
        Location(HOSTILE_NAME, 3),
        Severity.ERROR,
        code="DAT001",
        evidence="\x1b[2Jevidence",
    )
    results = tuple(
        replace(r, findings=(finding,), reason="\x1b[5mreason") if r.rule.code == "DAT001" else r
        for r in report.results
    )
    return report.with_results(results)


@pytest.mark.parametrize("fmt", ["text", "markdown", "github"])
def test_control_characters_never_reach_terminals_or_logs(sample_report: Report, fmt: str) -> None:
    # GitHub's log viewer renders ANSI escapes, as a terminal does; bidi overrides disguise names.
    output = renderer(fmt)(hostile(sample_report))
    assert "pwned" in output and "red" in output
    assert not [char for char in RAW if char in output]


def test_junit_with_control_characters_is_still_xml(sample_report: Report) -> None:
    document = junit.render(hostile(sample_report))
    suite = ET.fromstring(document.split("\n", 1)[1])  # raised "not well-formed" before
    failure = next(case for case in suite if "DAT001" in case.get("name", ""))
    assert "pwned" in ET.tostring(failure, "unicode")


@pytest.mark.parametrize(
    "breaker",
    ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"],
)
def test_one_line_never_lets_text_start_a_line(breaker: str) -> None:
    text = escapes.one_line(f"name{breaker}::error ::pwned")
    assert text.splitlines() == [text] and "::error ::pwned" in text
    assert "\\" in text  # shown as an escape, not silently dropped


def test_one_line_keeps_ordinary_text_and_tabs() -> None:
    assert escapes.one_line("src/données\tétape 1.py") == "src/données\tétape 1.py"
    assert escapes.one_line("a\x1b[31mb") == "a?[31mb"


@pytest.mark.parametrize(
    "fmt", ["text", "markdown", "github", "junit", "html", "json", "sarif", "gitlab"]
)
def test_no_renderer_lets_repository_text_start_a_line(sample_report: Report, fmt: str) -> None:
    finding = Finding(
        "m\n::error ::pwned-message\u2028::warning ::ls",
        Location("x\r::error ::pwned-path.py", 3),
        Severity.ERROR,
        code="DAT001",
        evidence="e\x85::notice ::pwned-evidence",
    )
    results = tuple(
        replace(r, findings=(finding,), reason="r\n::error ::pwned-reason")
        if r.rule.code in ("DAT001", "TST004")
        else r
        for r in sample_report.results
    )
    report = replace(sample_report.with_results(results), warnings=("w\n::error ::pwned-warn",))
    output = renderer(fmt)(report)
    assert "pwned" in output
    starts = [line for line in output.splitlines() if line.lstrip().startswith("::")]
    if fmt != "github":
        assert not starts
    assert all(
        line.startswith(
            (
                "::error file=",
                "::warning file=",
                "::notice file=",
                "::notice title=portfolio-lint::",
            )
        )
        for line in starts
    )
