"""Coverage reports to score: --coverage-file, else the report files of the tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from portfolio_lint.facts.coverage import MAX_REPORT_BYTES
from portfolio_lint.facts.coverage_reports import coverage_sources
from portfolio_lint.facts.repo import Repo


def test_reports_in_the_tree_shallowest_first(make_repo: Callable[..., Repo]) -> None:
    repo = make_repo(
        {
            "reports/coverage.json": "{}",
            "Coverage.XML": "<coverage/>",
            "a/b/.coverage": b"SQLite format 3\x00",
            ".venv/lib/coverage.xml": "<coverage/>",  # vendored
            "coverage.txt": "92%",  # not a report format
        },
        git_repo=False,
    )
    sources = coverage_sources(repo)
    assert [(s.label, s.in_repo) for s in sources] == [
        ("Coverage.XML", True),
        ("reports/coverage.json", True),
        ("a/b/.coverage", True),
    ]
    assert sources[0].data == b"<coverage/>" and sources[0].modified is None
    assert coverage_sources(repo) is sources


def test_the_given_file_outranks_the_tree(make_repo: Callable[..., Repo], tmp_path: Path) -> None:
    given = tmp_path / "ci-coverage.xml"
    given.write_bytes(b"x" * (MAX_REPORT_BYTES + 10))
    repo = make_repo({"coverage.xml": "<coverage/>"}, git_repo=False, coverage_file=given)
    (source,) = coverage_sources(repo)
    assert (source.label, source.in_repo) == ("ci-coverage.xml", False)
    assert source.data is not None and len(source.data) == MAX_REPORT_BYTES  # capped
    assert source.modified is not None


def test_a_missing_given_file_has_no_data(make_repo: Callable[..., Repo], tmp_path: Path) -> None:
    repo = make_repo({}, git_repo=False, coverage_file=tmp_path / "gone.xml")
    (source,) = coverage_sources(repo)
    assert (source.label, source.data, source.modified) == ("gone.xml", None, None)
