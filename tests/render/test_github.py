"""GitHub workflow-command annotations: escaping, ordering and GitHub's limits."""

from __future__ import annotations

from dataclasses import replace

from portfolio_lint.core.model import Finding, Location, Report, Severity
from portfolio_lint.render import github


def test_escaping_follows_actions_toolkit() -> None:
    assert github.escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_annotations_worst_first_and_escaped(sample_report: Report) -> None:
    lines = github.render(sample_report).splitlines()
    assert lines[0].startswith("::error file=nb/explore.ipynb,line=40,col=5,title=SEC001")
    assert lines[1].startswith("::error file=src/app.py,line=3,col=11,title=SEC001")
    path_line = next(line for line in lines if "DAT001" in line)
    assert "file=train%2Cing.py" in path_line
    assert "a: b%25c" in path_line  # data keeps ':' but escapes '%'
    repo_level = next(line for line in lines if "VCS003" in line)
    assert "file=README.md" in repo_level and "line=" not in repo_level
    assert lines[-1].startswith("::notice title=portfolio-lint::")
    assert not any("\n" in line.split("::", 2)[-1] for line in lines)


def test_limits_per_level_and_closing_notice_counts_the_rest(sample_report: Report) -> None:
    many = tuple(
        Finding(f"problem {i}", Location("a.py", i), Severity.WARNING, code="DAT001")
        for i in range(1, 31)
    )
    results = tuple(
        replace(r, findings=many) if r.rule.code == "DAT001" else r for r in sample_report.results
    )
    report = sample_report.with_results(results)
    lines = github.render(report).splitlines()
    warnings = [line for line in lines if line.startswith("::warning")]
    assert len(warnings) == github.PER_LEVEL_LIMIT
    assert len(lines) <= github.PER_JOB_LIMIT
    omitted = 30 + 1 - github.PER_LEVEL_LIMIT  # 30 DAT001 + 1 VCS003 warnings
    assert f"{omitted} more findings not annotated" in lines[-1]


def test_total_budget_is_respected(sample_report: Report) -> None:
    lines = github.render(sample_report, per_level=10, total=2).splitlines()
    assert len(lines) == 2
    assert "more findings not annotated" in lines[-1]


def test_line_separators_in_data_and_properties_stay_on_the_line() -> None:
    for text in ("a\u2028::error ::x", "a\x85::error ::x", "a\r\n::error ::x"):
        for escaped in (github.escape_data(text), github.escape_property(text)):
            assert len(escaped.splitlines()) == 1 and "\u2028" not in escaped
    assert github.escape_property("a\n::error ::x") == "a%0A%3A%3Aerror %3A%3Ax"
